"""The benchmark's synthetic log is a log the services would write: every case's life goes
through the referrals domain (``decide``) in business time, rule Time included. A command the
domain refuses (an amendment dated after the moment it is recorded) stops ``make bench
--rebuild-events`` half way, so the generator is checked here, without Kafka."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import loggen


@pytest.mark.parametrize("budget", [1, 7, 60])
def test_every_case_of_the_synthetic_log_is_decided_and_fills_its_budget(budget: int) -> None:
    for case in range(0, 200, 13):
        records = list(loggen.case_records(case, budget, referred=True))
        assert len(records) == budget, case
