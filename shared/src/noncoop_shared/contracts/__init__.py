"""Contracts generated from the code (DESIGN.md §10): JSON Schemas, AsyncAPI, OpenAPI."""
