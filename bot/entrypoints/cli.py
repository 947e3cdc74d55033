"""The `mentorbot` command: run the bot, manage the database, match from spreadsheets."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from pydantic import ValidationError

from bot.core.config import Settings, load_settings
from bot.entrypoints import match_cli

log = logging.getLogger("mentorbot")

EXIT_USAGE = 2


def _settings_or_exit() -> Settings:
    try:
        return load_settings()
    except ValidationError as problem:
        for error in problem.errors():
            name = str(error["loc"][0]).upper() if error["loc"] else "settings"
            print(f"mentorbot: {name}: {error['msg']}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE) from None


def _checked_or_exit(settings: Settings, problem: str | None, *, socket_mode: bool) -> None:
    """Stop with a plain explanation before anything starts (no migration, no thread).

    First the variables the mode needs, then whether Slack accepts the tokens: a wrong
    token found here is one paragraph, not a traceback from deep inside the runner.
    """
    from bot.entrypoints.startup import EXIT_BAD_SETTINGS, StartupProblem, check_tokens

    if problem is not None:
        print(problem, file=sys.stderr)
        raise SystemExit(EXIT_BAD_SETTINGS)
    # Without a handler of its own, slack_sdk's error log lines would reach stderr through
    # logging's last resort and repeat, less clearly, what the paragraph below says.
    logging.getLogger("slack_sdk").addHandler(logging.NullHandler())
    try:
        check_tokens(settings, socket_mode=socket_mode)
    except StartupProblem as stop:
        print(stop.message, file=sys.stderr)
        raise SystemExit(stop.exit_code) from None


def _run(args: argparse.Namespace) -> int:
    from bot.entrypoints.startup import settings_problem_for_run

    settings = _settings_or_exit()
    _checked_or_exit(settings, settings_problem_for_run(settings), socket_mode=settings.socket_mode)
    from bot.entrypoints.serve import run_bot

    run_bot(settings, with_scheduler=not args.no_scheduler)
    return 0


def _worker(args: argparse.Namespace) -> int:
    from bot.entrypoints.startup import settings_problem_for_worker

    settings = _settings_or_exit()
    # The worker never opens a Socket Mode connection, so only the bot token matters.
    _checked_or_exit(settings, settings_problem_for_worker(settings), socket_mode=False)
    from bot.entrypoints.serve import run_worker

    run_worker(settings)
    return 0


def _round(args: argparse.Namespace) -> int:
    from bot.core.deps import build_deps
    from bot.entrypoints.round_cli import run_round_now

    return run_round_now(build_deps(_settings_or_exit()), args.team, dry_run=args.dry_run)


def _export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from bot.core.deps import build_deps
    from bot.entrypoints.export_cli import export_to_directory

    return export_to_directory(build_deps(_settings_or_exit()), args.team, Path(args.out))


def _db(args: argparse.Namespace) -> int:
    from bot.db import migrate
    from bot.db.session import make_engine

    engine = make_engine(_settings_or_exit().database_url)
    if args.db_command == "upgrade":
        migrate.upgrade(engine, args.revision)
    elif args.db_command == "downgrade":
        migrate.downgrade(engine, args.revision)
    else:
        print(migrate.current(engine) or "(empty database)")
    return 0


def _token_key(_args: argparse.Namespace) -> int:
    from bot.core.token_crypto import new_key

    print(new_key())
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mentorbot", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", help="run the bot (Socket Mode or HTTP)")
    run.add_argument(
        "--no-scheduler",
        action="store_true",
        help="serve Slack requests only; run rounds and deliveries in a separate worker",
    )
    run.set_defaults(handler=_run)

    db = commands.add_parser("db", help="database migrations")
    db_commands = db.add_subparsers(dest="db_command", required=True)
    upgrade = db_commands.add_parser("upgrade", help="apply migrations (default: to head)")
    upgrade.add_argument("revision", nargs="?", default="head")
    downgrade = db_commands.add_parser("downgrade", help="revert migrations to REVISION")
    downgrade.add_argument("revision")
    db_commands.add_parser("current", help="show the database's revision")
    db.set_defaults(handler=_db)

    worker = commands.add_parser(
        "worker", help="run rounds, check-ins and deliveries only (no web server)"
    )
    worker.set_defaults(handler=_worker)

    round_ = commands.add_parser("round", help="run a workspace's round now")
    round_.add_argument("--team", required=True, help="the workspace's team id (T…)")
    round_.add_argument(
        "--dry-run", action="store_true", help="print the pairs and reasons; store nothing"
    )
    round_.set_defaults(handler=_round)

    export = commands.add_parser("export", help="write a workspace's program data as CSV files")
    export.add_argument("--team", required=True, help="the workspace's team id (T…)")
    export.add_argument("--out", required=True, help="directory to write the CSV files to")
    export.set_defaults(handler=_export)

    match = commands.add_parser("match", help="pair people from a spreadsheet (no Slack, no DB)")
    match_cli.configure_parser(match)
    match.set_defaults(handler=match_cli.run)

    token_key = commands.add_parser(
        "token-key", help="print a new key for MENTORBOT_TOKEN_KEY (encrypts stored tokens)"
    )
    token_key.set_defaults(handler=_token_key)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.handler(args))
