"""A rebuild's bulk load (ADR 0025): ``folds`` (the projections folded in memory) and ``load``
(a process's share of the partitions read, folded and written by COPY)."""
