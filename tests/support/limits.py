"""Slack's rate limits for tests: the real shape, 100 times faster, so a fan-out of a few
dozen messages takes a fraction of a second. Tests whose subject is pacing set their own."""

from bot.core.send_limits import SLACK_LIMITS

TEST_SEND_LIMITS = SLACK_LIMITS.scaled(100)
