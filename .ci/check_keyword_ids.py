"""Fail when a public function in bot/ takes two adjacent string ids by position.

`publish_home(deps, client, team, user)` type-checks just as well with `user, team`: two
str ids side by side can be swapped and nothing notices. Such ids are keyword-only
(`*, team_id: str, user_id: str`), so every call names them.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

STRING_TYPES = {"str", "str | None"}


def _is_string_id(parameter: ast.arg) -> bool:
    annotation = parameter.annotation
    return (
        parameter.arg.endswith("id")
        and annotation is not None
        and ast.unparse(annotation) in STRING_TYPES
    )


def _is_public(name: str) -> bool:
    return not name.startswith("_") or (name.startswith("__") and name.endswith("__"))


def adjacent_ids(function: ast.FunctionDef | ast.AsyncFunctionDef) -> list[str] | None:
    """The first run of two or more positional string ids, if the function has one."""
    run: list[str] = []
    for parameter in function.args.posonlyargs + function.args.args:
        if _is_string_id(parameter):
            run.append(parameter.arg)
            continue
        if len(run) >= 2:
            return run
        run = []
    return run if len(run) >= 2 else None


def offenders(root: Path) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and _is_public(node.name):
                ids = adjacent_ids(node)
                if ids:
                    found.append(f"{path}:{node.lineno}: {node.name}({', '.join(ids)})")
    return found


def main() -> int:
    found = offenders(Path("bot"))
    for line in found:
        print(f"{line}: ids side by side can be swapped; make them keyword-only", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
