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
    # The matchers' compiled solvers: the pruned set's warm-startable one
    # (bot/matching/ssp.py) and the hub network's min-cost flow (bot/matching/hub_flow.py).
    # Plain C, no numpy headers: they read the arrays through the buffer protocol.
    ext_modules=[
        Extension(
            f"bot.matching.{name}",
            [f"bot/matching/{name}.c"],
            depends=[f"bot/matching/{h}.h" for h in ("_buffers", "_heap", "_paths")],
            extra_compile_args=["-O2"],
        )
        for name in ("_ssp", "_mcf")
    ],
)
