"""Packaging beyond pyproject.toml: ship the top-level migrations/ inside the package.

`migrations/` stays at the top of the repository, where `alembic` looks for it (see
alembic.ini), and is installed as `bot.migrations` so that an installed mentorbot finds
its migrations wherever it is started from. pyproject.toml can't both discover packages
and add one from another directory, so the package list is computed here.
"""

from setuptools import Extension, find_packages, setup

setup(
    packages=[
        *find_packages(include=["bot", "bot.*"]),
        "bot.migrations",
        "bot.migrations.versions",
    ],
    package_dir={"bot.migrations": "migrations"},
    # The pruned matcher's warm-startable solver (bot/matching/ssp.py); plain C, no numpy
    # headers: it reads the arrays through the buffer protocol.
    ext_modules=[
        Extension("bot.matching._ssp", ["bot/matching/_ssp.c"], extra_compile_args=["-O2"])
    ],
)
