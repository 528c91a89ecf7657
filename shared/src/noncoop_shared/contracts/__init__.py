"""Contracts generated from the code (docs/architecture.md §10): JSON Schemas, AsyncAPI, OpenAPI."""
