"""The reporting service: reads the whole log and serves what is drawn from it (the audit trail,
the procedural state, the public register, the Bureau's reports, checkpoints and the audit log,
the feed and webhooks); its projections rebuild from the log."""
