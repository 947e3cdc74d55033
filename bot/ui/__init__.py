"""Pure Block Kit builders and the words the bot says."""
