"""Referrals' handlers and deadline callback, run on the in-memory store (P13, ADR 0015)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from services.referrals.tests.builders import context, register_referral

from noncoop_shared.catalogue.referrals import case_stream
from noncoop_shared.clock import FixedClock
from noncoop_shared.deadlines import DeadlineScheduler
from noncoop_shared.store import InMemoryEventStore
from referrals.application.handlers import handle, on_due
from referrals.domain.commands import RecordForwarding
from referrals.domain.decide import ServiceLevels

REFERRED_AT = datetime(2015, 3, 2, 15, 0, tzinfo=UTC)
"""Business time of the referral: years before it is recorded."""

CASE = "NC-2015-001"
STREAM = case_stream(CASE)
GRACE = timedelta(hours=24)
FORWARDING_OVERDUE = "noncoop.referrals.decision_forwarding_overdue.v1"
PRESS_OVERDUE = "noncoop.referrals.press_release_overdue.v1"


async def test_registering_a_referral_records_it_and_starts_both_p13_service_levels(
    store: InMemoryEventStore, levels: ServiceLevels
) -> None:
    result = await handle(store, levels, CASE, register_referral(CASE), context(REFERRED_AT))

    assert result.status_code == 201
    (recorded,) = await store.load(STREAM)
    assert recorded.type == "noncoop.referrals.court_decision_received.v1"
    assert recorded.occurredat == REFERRED_AT
    assert store.deadline_states() == {
        (STREAM, "forwarding"): "pending",
        (STREAM, "press_release"): "pending",
    }


async def test_a_retried_registration_answers_the_first_result_and_records_nothing_new(
    store: InMemoryEventStore, levels: ServiceLevels
) -> None:
    ctx = context(REFERRED_AT, key="key-1")
    first = await handle(store, levels, CASE, register_referral(CASE), ctx)
    again = await handle(store, levels, CASE, register_referral(CASE), ctx)

    assert again.replayed and again.body == first.body
    assert len(await store.load(STREAM)) == 1


async def test_forwarding_settles_only_the_forwarding_service_level(
    store: InMemoryEventStore, levels: ServiceLevels
) -> None:
    await handle(store, levels, CASE, register_referral(CASE), context(REFERRED_AT))
    forwarded_at = REFERRED_AT + timedelta(hours=3)

    await handle(
        store,
        levels,
        CASE,
        RecordForwarding("ICC-ASP/13/SP/10"),
        context(forwarded_at, role="secretariat"),
    )

    assert [e.occurredat for e in await store.load(STREAM)] == [REFERRED_AT, forwarded_at]
    assert store.deadline_states()[(STREAM, "forwarding")] == "settled"
    assert store.deadline_states()[(STREAM, "press_release")] == "pending"


async def test_a_history_entered_late_goes_overdue_only_after_the_grace_dated_at_its_due_time(
    store: InMemoryEventStore, clock: FixedClock, levels: ServiceLevels
) -> None:
    await handle(store, levels, CASE, register_referral(CASE), context(REFERRED_AT))
    scheduler = DeadlineScheduler(store, on_due(levels), clock=clock, late_entry_grace=GRACE)

    clock.advance(GRACE - timedelta(seconds=1))
    assert await scheduler.fire_due() == 0
    clock.advance(timedelta(seconds=1))
    assert await scheduler.fire_due() == 2

    overdue = {e.type: e for e in (await store.load(STREAM))[1:]}
    assert set(overdue) == {FORWARDING_OVERDUE, PRESS_OVERDUE}
    due_at = REFERRED_AT + levels.forwarding
    assert overdue[FORWARDING_OVERDUE].occurredat == due_at
    assert overdue[FORWARDING_OVERDUE].time == clock.now()
    assert overdue[PRESS_OVERDUE].occurredat == REFERRED_AT + levels.press_release


async def test_a_forwarding_dated_on_time_and_entered_within_the_grace_never_goes_overdue(
    store: InMemoryEventStore, clock: FixedClock, levels: ServiceLevels
) -> None:
    await handle(store, levels, CASE, register_referral(CASE), context(REFERRED_AT))
    scheduler = DeadlineScheduler(store, on_due(levels), clock=clock, late_entry_grace=GRACE)
    clock.advance(timedelta(hours=5))
    assert await scheduler.fire_due() == 0  # due years ago, but within the grace
    await handle(
        store,
        levels,
        CASE,
        RecordForwarding("ICC-ASP/13/SP/10"),
        context(REFERRED_AT + timedelta(hours=3), role="secretariat"),
    )

    clock.advance(GRACE)
    assert await scheduler.fire_due() == 1  # the press release only

    types = [e.type for e in await store.load(STREAM)]
    assert FORWARDING_OVERDUE not in types
    assert types.count(PRESS_OVERDUE) == 1
    assert await scheduler.fire_due() == 0
