"""Skills: one stable name per skill, and ranking them against what someone types."""
