"""projections of the reporting service."""
