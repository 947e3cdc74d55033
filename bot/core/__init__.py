"""What every part of the bot leans on: settings, dependencies, logging, ids, the listener pool."""
