"""Alembic scripts, installed as the `bot.migrations` package (see setup.py)."""
