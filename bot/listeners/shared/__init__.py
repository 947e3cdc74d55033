"""What several listeners share: reading requests, finding people and pairs, admin checks.
Nothing here registers a listener."""
