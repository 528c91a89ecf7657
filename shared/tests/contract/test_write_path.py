"""The shared write path on every store: idempotent retries, twins, and conflicts."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest

from noncoop_shared.catalogue.referrals import CaseClosed, ClosureReason
from noncoop_shared.commands import CommandContext, CommandResult, execute
from noncoop_shared.decisions import Decision, PendingEvent
from noncoop_shared.envelope import Envelope
from noncoop_shared.errors import IdempotencyKeyReusedError
from noncoop_shared.store import EventStore


def context(key: str | None, body: object) -> CommandContext:
    return CommandContext(
        actor_role="secretariat",
        actor_id="sec-1",
        occurred_at=datetime(2026, 3, 31, 21, 0, tzinfo=UTC),
        correlation_id="c-1",
        idempotency_key=key,
        route="/v1/test",
        body=body,
    )


def close_once(history: list[Envelope]) -> Decision:
    return Decision(
        events=[
            PendingEvent(
                CaseClosed(case_id="k", reason=ClosureReason.OTHER, note=f"after {len(history)}")
            )
        ]
    )


def respond(history: list[Envelope], recorded: list[Envelope]) -> CommandResult:
    return CommandResult(
        200,
        {
            "version": len(history) + len(recorded),
            "events": [{"id": str(e.id), "type": e.type} for e in recorded],
        },
    )


async def run(store: EventStore, key: str | None, body: object) -> CommandResult:
    return await execute(
        store,
        stream="case:k",
        subject="k",
        decide=close_once,
        ctx=context(key, body),
        respond=respond,
    )


async def test_a_retry_with_the_same_key_returns_the_first_result_and_records_nothing_new(
    store: EventStore,
) -> None:
    first = await run(store, "key-1", {"a": 1})
    again = await run(store, "key-1", {"a": 1})
    assert again.body == first.body and again.replayed and not first.replayed
    assert len(await store.load("case:k")) == 1


async def test_concurrent_twins_with_one_key_record_one_effect_and_answer_alike(
    store: EventStore,
) -> None:
    results = await asyncio.gather(
        *(run(store, "key-twins", {"a": 1}) for _ in range(6)), return_exceptions=True
    )
    # Twins that lost the race (on the stream or on the key) answer with the winner's result.
    assert all(isinstance(r, CommandResult) for r in results), results
    bodies = [r.body for r in results if isinstance(r, CommandResult)]
    assert all(body == bodies[0] for body in bodies)
    assert len(await store.load("case:k")) == 1


async def test_the_same_key_with_another_body_is_refused(store: EventStore) -> None:
    await run(store, "key-2", {"a": 1})
    with pytest.raises(IdempotencyKeyReusedError):
        await run(store, "key-2", {"a": 2})


async def test_without_a_key_each_command_is_a_new_effect(store: EventStore) -> None:
    await run(store, None, {"a": 1})
    await run(store, None, {"a": 1})
    assert [e.streamversion for e in await store.load("case:k")] == [1, 2]


async def test_a_command_that_loses_the_race_for_its_stream_is_decided_again_on_the_new_history(
    store: EventStore,
) -> None:
    """Another writer (here: a command without a key, as a policy or the scheduler would)
    appends between this command's load and its append; the command is judged again on the
    stream as it now is instead of failing with a version conflict."""
    histories: list[int] = []

    def decide_while_another_writer_appends(history: list[Envelope]) -> Decision:
        histories.append(len(history))
        return close_once(history)

    async def racing() -> CommandResult:
        return await execute(
            store,
            stream="case:k",
            subject="k",
            decide=decide_while_another_writer_appends,
            ctx=context("key-race", {"a": 1}),
            respond=respond,
        )

    results = await asyncio.gather(racing(), *(run(store, None, {"b": n}) for n in range(3)))
    assert all(r.status_code == 200 for r in results)
    assert len(await store.load("case:k")) == 4  # nothing lost, nothing twice
    assert results[0].body["version"] >= histories[-1] + 1
