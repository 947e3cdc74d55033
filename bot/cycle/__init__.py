"""The weekly cycle's pure rules: schedules, check-in steps, endings, discussion prompts.

Nothing here touches Slack, the database or the clock: callers pass `now` and plain data.
"""
