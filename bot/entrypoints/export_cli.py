"""`mentorbot export --team T --out DIR`: the admins' CSV export, written to a directory."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from sqlalchemy import select

from bot.core.deps import Deps
from bot.db.models import Workspace
from bot.services.export import export_files, write_export

EXIT_OK = 0
EXIT_UNKNOWN_TEAM = 2


def export_to_directory(deps: Deps, team_id: str, out_dir: Path, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    with deps.sessions() as session:
        if session.scalar(select(Workspace.id).where(Workspace.team_id == team_id)) is None:
            print(f"mentorbot export: no workspace {team_id} in the database", file=sys.stderr)
            return EXIT_UNKNOWN_TEAM
        files = export_files(session, team_id, now=deps.clock())
    for path in write_export(files, out_dir):
        print(f"wrote {path}", file=out)
    return EXIT_OK
