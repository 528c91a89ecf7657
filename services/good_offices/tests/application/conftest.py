"""The good offices application layer on the in-memory event store: no PostgreSQL, no Kafka.

Handlers and policies run as in the service. Two things stand in for infrastructure: the
in-memory store (it passes the same contract suite as the PostgreSQL one, ADR 0016), and
``KnownCasesInMemory`` for the SQL of the ``known_cases`` projection (its pure part,
``facts_after``, runs as is: the policies feed it from the register's envelopes).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from good_offices.application import handlers, policies
from good_offices.domain.decide import ServiceLevels
from good_offices.domain.facts import CaseFacts
from noncoop_shared.clock import FixedClock
from noncoop_shared.store import InMemoryEventStore

RECORDED_AT = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
"""Record time: when the history is entered (go-live)."""


class KnownCasesInMemory:
    """The ``known_cases`` table as a dict, read and written where the service runs its SQL."""

    def __init__(self) -> None:
        self.rows: dict[str, CaseFacts] = {}

    async def read(self, conn: Any, case_id: str) -> CaseFacts | None:
        return self.rows.get(case_id)

    async def save(self, conn: Any, facts: CaseFacts) -> None:
        self.rows[facts.case_id] = facts

    async def facts(self, case_id: str, *, wait_seconds: float = 0.0) -> CaseFacts | None:
        """What the routes ask (``KnownCases.facts``)."""
        return self.rows.get(case_id)


@pytest.fixture
def known_cases(monkeypatch: pytest.MonkeyPatch) -> KnownCasesInMemory:
    table = KnownCasesInMemory()
    monkeypatch.setattr(policies, "read_facts", table.read)
    monkeypatch.setattr(policies, "save_facts", table.save)
    monkeypatch.setattr(handlers, "read_facts", table.read)
    return table


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(RECORDED_AT)


@pytest.fixture
def store(clock: FixedClock) -> InMemoryEventStore:
    return InMemoryEventStore(service="good_offices", clock=clock)


@pytest.fixture
def register(clock: FixedClock) -> InMemoryEventStore:
    """Referrals' store: where the register's envelopes come from."""
    return InMemoryEventStore(service="referrals", clock=clock)


@pytest.fixture
def levels() -> ServiceLevels:
    return ServiceLevels()
