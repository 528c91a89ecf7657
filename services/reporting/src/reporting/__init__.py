"""The reporting service: reads the whole log (audit trail first; procedural state, reports,
replay and verification follow in [4/5])."""
