"""What only the in-memory store has (the rest is the contract suite, shared/tests/contract)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from noncoop_shared.clock import FixedClock
from noncoop_shared.store import InMemoryEventStore
from noncoop_shared.testing import plain_event


@pytest.fixture
def store() -> InMemoryEventStore:
    return InMemoryEventStore(
        service="testing", clock=FixedClock(datetime(2026, 3, 31, 22, 0, tzinfo=UTC))
    )


async def test_the_log_lists_committed_envelopes_in_commit_order_across_streams(
    store: InMemoryEventStore,
) -> None:
    for stream in ("case:b", "case:a", "case:b"):
        async with store.transaction() as tx:
            history = await tx.load(stream)
            await tx.append(
                stream=stream,
                subject=stream[5:],
                expected_version=len(history),
                events=[plain_event(stream[5:])],
            )
    with pytest.raises(RuntimeError):
        async with store.transaction() as tx:
            await tx.append(
                stream="case:c", subject="c", expected_version=0, events=[plain_event("c")]
            )
            raise RuntimeError("rolled back")

    assert [(e.stream, e.streamversion) for e in store.log] == [
        ("case:b", 1),
        ("case:a", 1),
        ("case:b", 2),
    ]


async def test_a_transaction_opened_inside_another_in_the_same_task_is_refused_not_hung(
    store: InMemoryEventStore,
) -> None:
    async with store.transaction():
        with pytest.raises(RuntimeError, match="already open"):
            async with store.transaction():
                pass
