"""The referrals application layer on the in-memory event store: no PostgreSQL, no Kafka.

The handlers and the scheduler's callback run exactly as in the service; only the store is the
in-memory adapter, which passes the same contract suite as the PostgreSQL one (ADR 0016).
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from noncoop_shared.clock import FixedClock
from noncoop_shared.store import InMemoryEventStore
from referrals.domain.decide import ServiceLevels

RECORDED_AT = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
"""Record time: when the Secretariat enters the history (go-live)."""


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(RECORDED_AT)


@pytest.fixture
def store(clock: FixedClock) -> InMemoryEventStore:
    return InMemoryEventStore(service="referrals", clock=clock)


@pytest.fixture
def levels() -> ServiceLevels:
    return ServiceLevels()
