"""The deadline scheduler on a real database: overdue events exactly once, with replicas, and
only once the late-entry grace after the deadline's recording is over (ADR 0015)."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import datetime, timedelta
from uuid import UUID

import asyncpg
import pytest

from noncoop_shared.catalogue.referrals import DecisionForwardingOverdue
from noncoop_shared.clock import FixedClock
from noncoop_shared.deadlines import DeadlineScheduler, OnDue
from noncoop_shared.decisions import DeadlineChange, DeadlineSet, DeadlineSettled
from noncoop_shared.store import DueDeadline, NewEvent, PostgresEventStore, StoreTransaction
from noncoop_shared.testing import in_memory_spans, plain_event

pytestmark = pytest.mark.integration

NO_GRACE = timedelta(0)
GRACE = timedelta(hours=24)


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
            occurred_at=deadline.due_at,
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
        DeadlineScheduler(
            store, overdue_event(clock, calls), clock=clock, batch_size=7, late_entry_grace=NO_GRACE
        )
        for _ in range(3)
    ]
    for _ in range(6):  # several passes, all replicas at once
        await asyncio.gather(*(replica.fire_due() for replica in replicas))
    assert sum(replica.fired_total for replica in replicas) == 30
    # The overdue-events counter's tally, by kind (observe.py).
    assert sum(sum(r.fired_by_kind.values()) for r in replicas) == 30
    assert set(calls.values()) == {1} and len(calls) == 30
    for n in range(30):
        types = [e.type for e in await store.load(f"case:d{n}")]
        assert types.count("noncoop.referrals.decision_forwarding_overdue.v1") == 1
    assert await asyncio.gather(*(r.fire_due() for r in replicas)) == [0, 0, 0]


async def set_late_deadline(store: PostgresEventStore, stream: str, due_at: datetime) -> None:
    """A deadline whose due time is already past when it is recorded (a history entered late)."""
    async with store.transaction() as tx:
        await tx.append(
            stream=stream,
            subject=stream.split(":", 1)[1],
            expected_version=0,
            events=[plain_event(stream)],
            deadlines=[DeadlineSet("forwarding", due_at, "P13-forward")],
        )


async def test_a_deadline_set_late_does_not_fire_before_the_grace_after_its_recording(
    store: PostgresEventStore, clock: FixedClock
) -> None:
    due_at = clock.now() - timedelta(days=3000)
    await set_late_deadline(store, "case:late", due_at)
    scheduler = DeadlineScheduler(
        store, overdue_event(clock, Counter()), clock=clock, late_entry_grace=GRACE
    )
    clock.advance(GRACE - timedelta(seconds=1))
    assert await scheduler.fire_due() == 0
    clock.advance(timedelta(seconds=1))
    assert await scheduler.fire_due() == 1
    overdue = (await store.load("case:late"))[-1]
    assert overdue.type == "noncoop.referrals.decision_forwarding_overdue.v1"
    assert overdue.occurredat == due_at  # business time: the due instant, not the firing
    assert overdue.time == clock.now()  # record time: when the scheduler fired


async def test_a_deadline_settled_within_the_grace_never_fires(
    store: PostgresEventStore, clock: FixedClock
) -> None:
    await set_late_deadline(store, "case:completed", clock.now() - timedelta(days=3000))
    scheduler = DeadlineScheduler(
        store, overdue_event(clock, Counter()), clock=clock, late_entry_grace=GRACE
    )
    clock.advance(GRACE / 2)
    assert await scheduler.fire_due() == 0  # due years ago, but within the grace
    # The rest of the history arrives: the forwarding, dated before the due time.
    async with store.transaction() as tx:
        await tx.append(
            stream="case:completed",
            subject="completed",
            expected_version=1,
            events=[plain_event("completed")],
            deadlines=[DeadlineSettled("forwarding")],
        )
    for _ in range(3):
        clock.advance(GRACE)
        assert await scheduler.fire_due() == 0
    assert len(await store.load("case:completed")) == 2


async def test_the_default_grace_is_a_day(store: PostgresEventStore, clock: FixedClock) -> None:
    await set_late_deadline(store, "case:default", clock.now() - timedelta(days=1))
    scheduler = DeadlineScheduler(store, overdue_event(clock, Counter()), clock=clock)
    clock.advance(timedelta(hours=23, minutes=59))
    assert await scheduler.fire_due() == 0
    clock.advance(timedelta(minutes=1))
    assert await scheduler.fire_due() == 1


async def test_a_deadline_fired_starts_a_trace_that_its_overdue_event_continues(
    store: PostgresEventStore, clock: FixedClock
) -> None:
    """ADR 0029: the fire is a span of its own, the overdue event's append its child, and the
    outbox row keeps the trace for the relay's record header."""
    spans = in_memory_spans()
    spans.clear()
    await set_deadlines(store, clock, 1)
    clock.advance(timedelta(hours=2))
    scheduler = DeadlineScheduler(
        store, overdue_event(clock, Counter()), clock=clock, late_entry_grace=NO_GRACE
    )
    assert await scheduler.fire_due() == 1
    finished = {s.name: s for s in spans.get_finished_spans()}
    fire, append = finished["deadline.fire"], finished["store.append"]
    assert fire.attributes is not None and fire.attributes["noncoop.deadline"] == "forwarding"
    assert append.parent is not None and append.parent.span_id == fire.context.span_id
    async with store.pool.acquire() as conn:
        traceparent = await conn.fetchval(
            "SELECT traceparent FROM outbox ORDER BY position DESC LIMIT 1"
        )
    assert traceparent is not None and f"{fire.context.trace_id:032x}" in traceparent
    spans.clear()


async def _deadline_rows(store: PostgresEventStore, stream: str) -> dict[str, tuple[str, str]]:
    rows = await store.pool.fetch(
        "SELECT kind, rule, state FROM deadlines WHERE stream = $1 ORDER BY kind", stream
    )
    return {row["kind"]: (row["rule"], row["state"]) for row in rows}


async def _command(
    tx: StoreTransaction, subject: str, version: int, deadlines: list[DeadlineChange]
) -> None:
    """A command on ``case:<subject>`` whose one event carries ``deadlines``."""
    await tx.append(
        stream=f"case:{subject}",
        subject=subject,
        expected_version=version,
        events=[plain_event(subject)],
        deadlines=deadlines,
    )


async def test_a_command_setting_two_deadlines_writes_both_in_one_statement(
    store: PostgresEventStore, clock: FixedClock
) -> None:
    """P13: a referral sets the forwarding and the press release's service levels at once."""
    due = clock.now() + timedelta(days=1)
    statements: list[str] = []

    def log(record: asyncpg.connection.LoggedQuery) -> None:
        statements.append(record.query)

    async with store.transaction() as tx:
        tx.conn.add_query_logger(log)
        both = [
            DeadlineSet("forwarding", due, "P13-forward"),
            DeadlineSet("press_release", due, "P13-press"),
        ]
        await _command(tx, "two", 0, both)
        tx.conn.remove_query_logger(log)

    assert sum("INTO deadlines" in q for q in statements) == 1
    assert await _deadline_rows(store, "case:two") == {
        "forwarding": ("P13-forward", "pending"),
        "press_release": ("P13-press", "pending"),
    }


async def test_one_command_may_set_a_kind_and_settle_another_or_set_and_settle_the_same(
    store: PostgresEventStore, clock: FixedClock
) -> None:
    due = clock.now() + timedelta(days=1)
    async with store.transaction() as tx:
        await _command(tx, "mixed", 0, [DeadlineSet("forwarding", due, "P13-forward")])
    async with store.transaction() as tx:
        changes: list[DeadlineChange] = [
            DeadlineSettled("forwarding"),
            DeadlineSet("press_release", due, "P13-press"),
            # The same kind twice: applied in order, so it ends settled.
            DeadlineSet("reply", due, "P14-reply"),
            DeadlineSettled("reply"),
        ]
        await _command(tx, "mixed", 1, changes)

    assert await _deadline_rows(store, "case:mixed") == {
        "forwarding": ("P13-forward", "settled"),
        "press_release": ("P13-press", "pending"),
        "reply": ("P14-reply", "settled"),
    }
