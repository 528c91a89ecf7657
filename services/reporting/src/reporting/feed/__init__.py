"""The clearance-filtered feed of the log (docs/architecture.md §13, ADR 0035): what a caller
may read of every event, in log order, from a sealed cursor; webhooks deliver the same."""
