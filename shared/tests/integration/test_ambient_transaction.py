"""The store's ambient transaction (ADR 0017): every use of the store inside it joins it, so what
several commands recorded commits together or not at all, and each sees the ones before it."""

from __future__ import annotations

import asyncio
import contextvars

import pytest

from noncoop_shared.store import PostgresEventStore
from noncoop_shared.testing import plain_event

pytestmark = pytest.mark.integration


async def append_one(store: PostgresEventStore, stream: str, note: str) -> None:
    """What a command does: its own ``transaction()``, loading the stream first."""
    async with store.transaction() as tx:
        history = await tx.load(stream)
        await tx.append(
            stream=stream,
            subject="case-1",
            expected_version=len(history),
            events=[plain_event("case-1", note)],
        )


class RefusedError(Exception):
    pass


async def test_commands_inside_an_ambient_transaction_see_each_other_and_commit_together(
    store: PostgresEventStore,
) -> None:
    async with store.ambient_transaction():
        await append_one(store, "case:1", "first")
        await append_one(store, "case:1", "second")
        inside = await store.load("case:1")

    assert [e.streamversion for e in inside] == [1, 2]
    assert [e.data["note"] for e in await store.load("case:1")] == ["first", "second"]


async def test_a_failure_in_an_ambient_transaction_leaves_nothing_of_the_commands_before_it(
    store: PostgresEventStore,
) -> None:
    with pytest.raises(RefusedError):
        async with store.ambient_transaction():
            await append_one(store, "case:1", "first")
            await append_one(store, "case:1", "second")
            raise RefusedError

    assert await store.load("case:1") == []


async def test_a_failed_command_inside_rolls_back_to_its_savepoint_only(
    store: PostgresEventStore,
) -> None:
    async with store.ambient_transaction():
        await append_one(store, "case:1", "first")
        with pytest.raises(RefusedError):
            async with store.transaction() as tx:
                await tx.append(
                    stream="case:1",
                    subject="case-1",
                    expected_version=1,
                    events=[plain_event("case-1", "refused")],
                )
                raise RefusedError
        await append_one(store, "case:1", "second")

    assert [e.data["note"] for e in await store.load("case:1")] == ["first", "second"]


async def test_what_an_ambient_transaction_records_is_invisible_to_others_until_it_commits(
    store: PostgresEventStore,
) -> None:
    seen_by_other_task: list[int] = []

    async def other_request() -> None:
        seen_by_other_task.append(len(await store.load("case:1")))

    async with store.ambient_transaction():
        await append_one(store, "case:1", "first")
        # Another request runs in a context of its own (the server's): its own connection.
        await asyncio.get_running_loop().create_task(other_request(), context=contextvars.Context())

    assert seen_by_other_task == [0]
    assert len(await store.load("case:1")) == 1
