"""Test support: a fake Slack Web API and builders for signed Slack requests."""
