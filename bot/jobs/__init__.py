"""Scheduled jobs: plain functions `job(deps)`, run once a minute by every scheduler."""
