"""The reporting service's use cases: drawing and submitting a report (``report_submission``),
sealing audit checkpoints (``checkpoints``). SQL lives in ``reporting.projections``."""
