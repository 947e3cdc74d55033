"""Thin adapters between Slack's Web API and our services."""
