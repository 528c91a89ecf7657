"""application of the Bureau service."""
