# mentorbot: one container runs the bot (HTTP mode by default; Socket Mode if
# SLACK_APP_TOKEN is set). Migrations are applied at start-up.
FROM python:3.11-slim AS base

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
RUN groupadd --system mentorbot && useradd --system --gid mentorbot --home /app mentorbot

COPY pyproject.toml README.md alembic.ini ./
COPY bot ./bot
COPY migrations ./migrations
RUN pip install . && mkdir -p /data && chown mentorbot:mentorbot /data

USER mentorbot
# The SQLite default is for trying things out; point DATABASE_URL at PostgreSQL in production.
ENV DATABASE_URL=sqlite:////data/mentorbot.db \
    MENTORBOT_MIGRATIONS_DIR=/app/migrations \
    PORT=3000
VOLUME ["/data"]
EXPOSE 3000

HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD python -c "import os, urllib.request; urllib.request.urlopen(f'http://127.0.0.1:{os.environ.get(\"PORT\", \"3000\")}/healthz', timeout=4)" || exit 1

ENTRYPOINT ["mentorbot"]
CMD ["run"]
