"""What every event store promises the application layer (docs/architecture.md §4, §5, §7; ADR 0015,
0016)."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

import pytest

from noncoop_shared.clock import FixedClock
from noncoop_shared.decisions import DeadlineChange, DeadlineSet, DeadlineSettled
from noncoop_shared.envelope import GENESIS_HASH, Envelope
from noncoop_shared.errors import ConcurrencyConflictError
from noncoop_shared.store import EventStore, IdempotencyKeyTakenError, IdempotentResult
from noncoop_shared.testing import plain_event
from noncoop_shared.verify import verify_stream

GRACE = timedelta(hours=24)


async def append(store: EventStore, stream: str, expected: int, n: int = 1) -> list[Envelope]:
    case_id = stream.split(":", 1)[1]
    async with store.transaction() as tx:
        return await tx.append(
            stream=stream,
            subject=case_id,
            expected_version=expected,
            events=[plain_event(case_id, note=str(i)) for i in range(n)],
        )


async def set_deadline(
    store: EventStore, stream: str, expected: int, change: DeadlineChange
) -> None:
    case_id = stream.split(":", 1)[1]
    async with store.transaction() as tx:
        await tx.append(
            stream=stream,
            subject=case_id,
            expected_version=expected,
            events=[plain_event(case_id)],
            deadlines=[change],
        )


async def claimable(store: EventStore, at: datetime, grace: timedelta = timedelta(0)) -> list[str]:
    async with store.transaction() as tx:
        claimed = await tx.claim_due_deadlines(at, 10, late_entry_grace=grace)
    return [f"{d.stream}/{d.kind}" for d in claimed]


SENDER = "secretariat:sec-1"


def idempotent(key: str, principal: str = SENDER) -> IdempotentResult:
    return IdempotentResult(key, principal, "f" * 64, 200, '{"ok": true}')


# Events, versions and the chain ----------------------------------------------------------------


async def test_appended_events_load_back_in_order_with_versions(store: EventStore) -> None:
    await append(store, "case:a", 0, 2)
    await append(store, "case:a", 2, 1)
    loaded = await store.load("case:a")
    assert [e.streamversion for e in loaded] == [1, 2, 3]
    assert [e.data["note"] for e in loaded] == ["0", "1", "0"]
    assert loaded[0].prevhash == GENESIS_HASH
    assert loaded[0].source == "noncoop/testing"
    assert await store.load("case:other") == []


async def test_a_stream_loads_up_to_a_version(store: EventStore) -> None:
    await append(store, "case:u", 0, 3)
    async with store.transaction() as tx:
        assert [e.streamversion for e in await tx.load("case:u", up_to_version=2)] == [1, 2]


async def test_stale_expected_version_is_a_conflict_naming_both_versions(
    store: EventStore,
) -> None:
    await append(store, "case:b", 0, 3)
    with pytest.raises(ConcurrencyConflictError) as refused:
        await append(store, "case:b", 1)
    assert (refused.value.expected, refused.value.actual) == (1, 3)
    assert len(await store.load("case:b")) == 3


async def test_concurrent_appends_to_one_stream_exactly_one_wins(store: EventStore) -> None:
    await append(store, "case:race", 0)
    outcomes = await asyncio.gather(
        *(append(store, "case:race", 1) for _ in range(8)), return_exceptions=True
    )
    winners = [o for o in outcomes if isinstance(o, list)]
    conflicts = [o for o in outcomes if isinstance(o, ConcurrencyConflictError)]
    assert len(winners) == 1
    assert len(conflicts) == 7
    assert conflicts[0].expected == 1 and conflicts[0].actual == 2
    assert [e.streamversion for e in await store.load("case:race")] == [1, 2]


async def test_hash_chain_of_a_stored_stream_verifies(store: EventStore) -> None:
    await append(store, "case:c", 0, 3)
    await append(store, "case:c", 3, 2)
    assert verify_stream(await store.load("case:c")) is None


async def test_the_record_time_is_the_store_clock_and_business_time_is_kept(
    store: EventStore, clock: FixedClock
) -> None:
    (recorded,) = await append(store, "case:t", 0)
    assert recorded.time == clock.now()
    assert recorded.occurredat == plain_event("t").occurred_at != clock.now()


# Transactions ----------------------------------------------------------------------------------


async def test_a_transaction_that_fails_after_append_leaves_nothing(store: EventStore) -> None:
    with pytest.raises(RuntimeError):
        async with store.transaction() as tx:
            await tx.append(
                stream="case:f", subject="f", expected_version=0, events=[plain_event("f")]
            )
            raise RuntimeError("crash before commit")
    assert await store.load("case:f") == []


async def test_what_a_transaction_appends_is_seen_outside_only_once_committed(
    store: EventStore,
) -> None:
    async with store.transaction() as tx:
        await tx.append(stream="case:v", subject="v", expected_version=0, events=[plain_event("v")])
        assert len(await tx.load("case:v")) == 1
        assert await store.load("case:v") == []
    assert len(await store.load("case:v")) == 1


async def test_a_failed_savepoint_undoes_only_what_it_did(store: EventStore) -> None:
    """What policies rely on: a refused reaction leaves the consumer's transaction usable."""
    async with store.transaction() as tx:
        await tx.append(stream="case:s", subject="s", expected_version=0, events=[plain_event("s")])
        with pytest.raises(RuntimeError):
            async with tx.conn.transaction():  # type: ignore[attr-defined]
                await tx.append(
                    stream="case:s", subject="s", expected_version=1, events=[plain_event("s")]
                )
                raise RuntimeError("refused")
        await tx.append(
            stream="case:s2", subject="s2", expected_version=0, events=[plain_event("s2")]
        )
    assert [e.streamversion for e in await store.load("case:s")] == [1]
    assert len(await store.load("case:s2")) == 1


# Deadlines ---------------------------------------------------------------------------------------


async def test_deadlines_are_set_settled_and_claimed_once(
    store: EventStore, clock: FixedClock
) -> None:
    due = clock.now() + timedelta(days=1)
    case_id = "g"
    async with store.transaction() as tx:
        await tx.append(
            stream="case:g",
            subject=case_id,
            expected_version=0,
            events=[plain_event(case_id)],
            deadlines=[
                DeadlineSet("forwarding", due, "P13-forward"),
                DeadlineSet("press_release", due, "P13-press"),
            ],
        )
    await set_deadline(store, "case:g", 1, DeadlineSettled("press_release"))
    assert await claimable(store, clock.now()) == []
    async with store.transaction() as tx:
        (claimed,) = await tx.claim_due_deadlines(due, 10)
        assert (claimed.stream, claimed.kind, claimed.rule, claimed.due_at) == (
            "case:g",
            "forwarding",
            "P13-forward",
            due,
        )
        await tx.mark_deadline_fired(claimed, None, due)
    assert await claimable(store, due + timedelta(days=30)) == []


async def test_a_deadline_set_late_is_not_claimed_before_the_grace_after_its_recording(
    store: EventStore, clock: FixedClock
) -> None:
    """ADR 0015: due long ago (a history entered late), it waits ``max(due, set + grace)``."""
    recorded = clock.now()
    await set_deadline(
        store, "case:late", 0, DeadlineSet("forwarding", recorded - timedelta(days=900), "P13")
    )
    assert await claimable(store, recorded + GRACE - timedelta(seconds=1), GRACE) == []
    assert await claimable(store, recorded + GRACE, GRACE) == ["case:late/forwarding"]


async def test_a_deadline_set_live_is_claimed_at_its_due_time_once_the_grace_is_over(
    store: EventStore, clock: FixedClock
) -> None:
    due = clock.now() + timedelta(days=3)
    await set_deadline(store, "case:live", 0, DeadlineSet("forwarding", due, "P13"))
    assert await claimable(store, due - timedelta(seconds=1), GRACE) == []
    assert await claimable(store, due, GRACE) == ["case:live/forwarding"]


async def test_setting_a_deadline_again_restarts_its_grace_from_the_new_recording(
    store: EventStore, clock: FixedClock
) -> None:
    past = clock.now() - timedelta(days=10)
    await set_deadline(store, "case:again", 0, DeadlineSet("reply", past, "P14b"))
    clock.advance(GRACE)
    await set_deadline(store, "case:again", 1, DeadlineSet("reply", past, "P14b"))
    assert await claimable(store, clock.now(), GRACE) == []
    assert await claimable(store, clock.now() + GRACE, GRACE) == ["case:again/reply"]


async def test_a_deadline_settled_within_the_grace_is_never_claimed(
    store: EventStore, clock: FixedClock
) -> None:
    await set_deadline(
        store, "case:settled", 0, DeadlineSet("forwarding", clock.now() - timedelta(days=5), "P13")
    )
    clock.advance(timedelta(hours=2))
    await set_deadline(store, "case:settled", 1, DeadlineSettled("forwarding"))
    assert await claimable(store, clock.now() + 10 * GRACE, GRACE) == []


async def test_a_deadline_change_without_an_event_is_refused(
    store: EventStore, clock: FixedClock
) -> None:
    with pytest.raises(ValueError):
        async with store.transaction() as tx:
            await tx.append(
                stream="case:e",
                subject="e",
                expected_version=0,
                events=[],
                deadlines=[DeadlineSet("forwarding", clock.now(), "P13")],
            )


# Idempotency records ---------------------------------------------------------------------------


async def test_an_idempotency_record_is_found_once_committed(store: EventStore) -> None:
    async with store.transaction() as tx:
        await tx.append(
            stream="case:i",
            subject="i",
            expected_version=0,
            events=[plain_event("i")],
            idempotency=idempotent("key-i"),
        )
    assert await store.find_idempotent(SENDER, "key-i") == idempotent("key-i")
    assert await store.find_idempotent(SENDER, "key-other") is None
    assert await store.find_idempotent("court:icc", "key-i") is None


async def test_each_sender_has_its_own_idempotency_keys(
    store: EventStore, clock: FixedClock
) -> None:
    async with store.transaction() as tx:
        await tx.save_idempotent(idempotent("key-s"), clock.now())
    async with store.transaction() as tx:
        await tx.save_idempotent(idempotent("key-s", "court:icc"), clock.now())

    assert await store.find_idempotent(SENDER, "key-s") == idempotent("key-s")
    assert await store.find_idempotent("court:icc", "key-s") == idempotent("key-s", "court:icc")


async def test_an_idempotency_key_saved_twice_is_taken(
    store: EventStore, clock: FixedClock
) -> None:
    async with store.transaction() as tx:
        await tx.save_idempotent(idempotent("key-t"), clock.now())
    with pytest.raises(IdempotencyKeyTakenError):
        async with store.transaction() as tx:
            await tx.save_idempotent(idempotent("key-t"), clock.now())


async def test_an_idempotency_record_of_a_rolled_back_transaction_is_not_kept(
    store: EventStore, clock: FixedClock
) -> None:
    with pytest.raises(RuntimeError):
        async with store.transaction() as tx:
            await tx.save_idempotent(idempotent("key-r"), clock.now())
            raise RuntimeError("crash before commit")
    assert await store.find_idempotent(SENDER, "key-r") is None
