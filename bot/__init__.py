"""mentorbot: a Slack app that runs peer and reverse mentoring programs."""

__version__ = "0.1.0"
