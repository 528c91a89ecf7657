"""api of the reporting service."""
