"""Pure input parsing: slash command text, admin commands and modal fields.

No Slack, no database: every function here takes text or values and returns data."""
