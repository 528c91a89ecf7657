"""api of the Bureau service."""
