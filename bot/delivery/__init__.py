"""Getting messages to Slack exactly once: the outbox (enqueue) and the sender (deliver)."""
