"""The Bureau application layer on the in-memory event store: no PostgreSQL, no Kafka.

Handlers, policies and the deadline callback run as in the service. Two things stand in for
infrastructure: the in-memory store (it passes the same contract suite as the PostgreSQL one,
ADR 0016), and ``KnownCasesInMemory`` for the SQL of the ``known_cases`` projection (its pure
part, ``known_after``, runs as is: the policies feed it from the register's envelopes).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from bureau.application import handlers, policies
from bureau.domain.facts import CaseFacts
from bureau.projections.known_cases import KnownCase
from noncoop_shared.clock import FixedClock
from noncoop_shared.store import InMemoryEventStore

RECORDED_AT = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
"""Record time: when the history is entered (go-live)."""


class KnownCasesInMemory:
    """The ``known_cases`` table as a dict, read and written where the service runs its SQL."""

    def __init__(self) -> None:
        self.rows: dict[str, KnownCase] = {}

    async def read(self, conn: Any, case_id: str) -> KnownCase | None:
        return self.rows.get(case_id)

    async def save(self, conn: Any, known: KnownCase) -> None:
        self.rows[known.case_id] = known

    async def facts(self, case_id: str) -> CaseFacts | None:
        """What the routes ask (``KnownCases.facts``)."""
        known = self.rows.get(case_id)
        return known.facts() if known is not None else None


@pytest.fixture
def known_cases(monkeypatch: pytest.MonkeyPatch) -> KnownCasesInMemory:
    table = KnownCasesInMemory()
    monkeypatch.setattr(policies, "read_known", table.read)
    monkeypatch.setattr(policies, "save_known", table.save)
    monkeypatch.setattr(handlers, "read_known", table.read)
    return table


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(RECORDED_AT)


@pytest.fixture
def store(clock: FixedClock) -> InMemoryEventStore:
    return InMemoryEventStore(service="bureau", clock=clock)


@pytest.fixture
def register(clock: FixedClock) -> InMemoryEventStore:
    """Referrals' store: where the register's envelopes come from."""
    return InMemoryEventStore(service="referrals", clock=clock)
