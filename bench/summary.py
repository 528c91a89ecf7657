"""Percentiles and medians for the benchmark figures."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from typing import Any


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0-100), linear between the closest ranks (numpy's default)."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def latency_summary_ms(seconds: Sequence[float]) -> dict[str, float]:
    """p50/p95/p99/max of durations given in seconds, in milliseconds (NaN when empty)."""
    summary = {f"p{q}": percentile(seconds, q) for q in (50, 95, 99)}
    summary["max"] = max(seconds) if seconds else math.nan
    return {name: round(value * 1000, 2) for name, value in summary.items()}


def median_of(rounds: Sequence[dict[str, Any]], path: str) -> float:
    """Median over the rounds of the figure at ``path`` (``"latency_ms.p99"``)."""
    return float(statistics.median(lookup(one, path) for one in rounds))


def lookup(figures: dict[str, Any], path: str) -> Any:
    value: Any = figures
    for part in path.split("."):
        value = value[part]
    return value
