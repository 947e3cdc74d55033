# mentorbot: one container runs the bot (HTTP mode by default; Socket Mode if
# SLACK_APP_TOKEN is set). Start-up checks the settings and tokens, then applies the
# migrations, which are installed with the package (bot.migrations).

# Build the wheel from the sources, as `pip wheel` would anywhere else.
FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
# A C compiler for the matchers' compiled solvers (bot/matching/_ssp.c, _mcf.c); the image below
# receives the built wheel only.
RUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY pyproject.toml setup.py README.md ./
COPY bot ./bot
COPY migrations ./migrations
RUN pip wheel --no-deps --wheel-dir /wheels .

# The image holds the installed package only, no source tree beside it.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN groupadd --system mentorbot && useradd --system --gid mentorbot --home /app mentorbot
COPY --from=build /wheels /wheels
RUN pip install /wheels/*.whl && rm -rf /wheels \
    && mkdir -p /app /data && chown mentorbot:mentorbot /app /data
WORKDIR /app

USER mentorbot
# The SQLite default is for trying things out; point DATABASE_URL at PostgreSQL in production.
ENV DATABASE_URL=sqlite:////data/mentorbot.db \
    PORT=3000
VOLUME ["/data"]
EXPOSE 3000

HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD python -c "import os, urllib.request; urllib.request.urlopen(f'http://127.0.0.1:{os.environ.get(\"PORT\", \"3000\")}/healthz', timeout=4)" || exit 1

ENTRYPOINT ["mentorbot"]
CMD ["run"]
