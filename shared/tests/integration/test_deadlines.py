"""The deadline scheduler on a real database: overdue events exactly once, with replicas."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import timedelta
from uuid import UUID

import pytest

from noncoop_shared.catalogue.referrals import DecisionForwardingOverdue
from noncoop_shared.clock import FixedClock
from noncoop_shared.deadlines import DeadlineScheduler, OnDue
from noncoop_shared.decisions import DeadlineSet
from noncoop_shared.store import DueDeadline, NewEvent, PostgresEventStore, StoreTransaction
from noncoop_shared.testing import plain_event

pytestmark = pytest.mark.integration


async def set_deadlines(store: PostgresEventStore, clock: FixedClock, count: int) -> None:
    for n in range(count):
        async with store.transaction() as tx:
            await tx.append(
                stream=f"case:d{n}",
                subject=f"d{n}",
                expected_version=0,
                events=[plain_event(f"d{n}")],
                deadlines=[
                    DeadlineSet("forwarding", clock.now() + timedelta(hours=1), "P13-forward")
                ],
            )


def overdue_event(clock: FixedClock, calls: Counter[str]) -> OnDue:
    """A callback that always appends (no dedupe of its own), counting its calls per stream:
    exactly-once must come from the scheduler's claim, not from the service's domain."""

    async def on_due(tx: StoreTransaction, deadline: DueDeadline) -> UUID | None:
        calls[deadline.stream] += 1
        history = await tx.load(deadline.stream)
        event = plain_event(deadline.subject)
        overdue = NewEvent(
            payload=DecisionForwardingOverdue(case_id=deadline.subject, due_at=deadline.due_at),
            occurred_at=clock.now(),
            actor_role="system",
            actor_id="scheduler",
            classification=event.classification,
            correlation_id="deadline",
        )
        (recorded,) = await tx.append(
            stream=deadline.stream,
            subject=deadline.subject,
            expected_version=len(history),
            events=[overdue],
        )
        return recorded.id

    return on_due


async def test_nothing_fires_before_the_due_time(
    store: PostgresEventStore, clock: FixedClock
) -> None:
    await set_deadlines(store, clock, 3)
    scheduler = DeadlineScheduler(store, overdue_event(clock, Counter()), clock=clock)
    assert await scheduler.fire_due() == 0


async def test_three_replicas_fire_each_due_deadline_exactly_once(
    store: PostgresEventStore, clock: FixedClock
) -> None:
    await set_deadlines(store, clock, 30)
    clock.advance(timedelta(hours=2))
    calls: Counter[str] = Counter()
    replicas = [
        DeadlineScheduler(store, overdue_event(clock, calls), clock=clock, batch_size=7)
        for _ in range(3)
    ]
    for _ in range(6):  # several passes, all replicas at once
        await asyncio.gather(*(replica.fire_due() for replica in replicas))
    assert sum(replica.fired_total for replica in replicas) == 30
    assert set(calls.values()) == {1} and len(calls) == 30
    for n in range(30):
        types = [e.type for e in await store.load(f"case:d{n}")]
        assert types.count("noncoop.referrals.decision_forwarding_overdue.v1") == 1
    assert await asyncio.gather(*(r.fire_due() for r in replicas)) == [0, 0, 0]
