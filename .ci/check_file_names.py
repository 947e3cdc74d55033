"""Fail when a tracked file's name has characters outside [A-Za-z0-9._/-].

Such names (spaces, quotes, `|`, `\\`, `:` …) can't be checked out on Windows, break
shell loops and usually mean something was saved by accident.
"""

from __future__ import annotations

import re
import subprocess
import sys

ALLOWED = re.compile(r"[A-Za-z0-9._/-]+")


def tracked_names() -> list[str]:
    listing = subprocess.run(
        ["git", "ls-files", "-z"], capture_output=True, check=True
    ).stdout.decode("utf-8", errors="replace")
    return [name for name in listing.split("\0") if name]


def main() -> int:
    bad = [name for name in tracked_names() if not ALLOWED.fullmatch(name)]
    for name in bad:
        print(f"file name outside [A-Za-z0-9._/-]: {name!r}", file=sys.stderr)
    if bad:
        print("rename or remove these files (git mv / git rm)", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
