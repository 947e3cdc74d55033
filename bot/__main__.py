"""`python -m bot` is the same as the `mentorbot` command."""

from bot.entrypoints.cli import main

raise SystemExit(main())
