"""Plain data that services produce and ui renders, so neither has to import the other."""
