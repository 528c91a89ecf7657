"""Webhook subscriptions: the feed pushed to a caller's URL, one event per signed POST
(Standard Webhooks), retried with backoff, dead-lettered (ADR 0035)."""
