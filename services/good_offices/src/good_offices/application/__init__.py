"""Handlers, policies and the deadline callback of the good offices service."""
