"""projections of the Bureau service."""
