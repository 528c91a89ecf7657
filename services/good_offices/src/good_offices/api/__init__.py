"""The good offices HTTP API."""
