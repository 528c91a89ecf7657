"""Running a command against one stream: the write path of docs/architecture.md §4, once for all
services.

load the stream -> ``decide(history)`` (pure, the service's) -> stamp the decided events with
actor, business time and correlation -> append with the expected version, deadlines and the
idempotency record in one transaction. A retried command with the same ``Idempotency-Key``
returns the first result; the same key with a different command is refused.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import structlog

from noncoop_shared.decisions import Decision
from noncoop_shared.envelope import Envelope
from noncoop_shared.errors import (
    ConcurrencyConflictError,
    DomainError,
    IdempotencyKeyReusedError,
)
from noncoop_shared.store.ports import EventStore, EventStoreTransaction
from noncoop_shared.store.records import (
    IdempotencyKeyTakenError,
    IdempotentResult,
    NewEvent,
    command_fingerprint,
)
from noncoop_shared.tracing import span


@dataclass(frozen=True)
class CommandContext:
    """Who sends the command, when it happened in the world, and how to trace it."""

    actor_role: str
    actor_id: str
    occurred_at: datetime
    correlation_id: str
    causation_id: str | None = None
    idempotency_key: str | None = None
    route: str = ""
    body: Any = None

    @property
    def principal_key(self) -> str:
        return f"{self.actor_role}:{self.actor_id}"


@dataclass(frozen=True)
class CommandResult:
    """The HTTP-agnostic outcome: a status and a JSON body, replayed as-is on a retry."""

    status_code: int
    body: dict[str, Any]
    replayed: bool = False


log = structlog.get_logger("noncoop.commands")

Decide = Callable[[list[Envelope]], Decision]
Respond = Callable[[list[Envelope], list[Envelope]], CommandResult]
"""Builds the result from (history, newly recorded events)."""
Admit = Callable[[list[Envelope]], None]
"""A check of the stream's history before anything else of the command is looked at (its
idempotency key, its rules): raises the refusal (the read's 404 of a record the sender may not
read, ADR 0023). Run in the command's own transaction, on the history the command decides on."""


def answer_recorded(status_code: int, **identity: str) -> Respond:
    """The answer every service gives to a recorded command: what it was about (``identity``,
    e.g. ``case_id=...``), the stream's new version and each recorded event's id, type and
    classification."""

    def answer(history: list[Envelope], recorded: list[Envelope]) -> CommandResult:
        return CommandResult(
            status_code,
            {
                **identity,
                "stream_version": len(history) + len(recorded),
                "events": [
                    {"id": str(e.id), "type": e.type, "classification": e.classification.value}
                    for e in recorded
                ],
            },
        )

    return answer


def stamp(decision: Decision, ctx: CommandContext) -> list[NewEvent]:
    return [
        NewEvent(
            payload=pending.payload,
            occurred_at=ctx.occurred_at,
            actor_role=ctx.actor_role,
            actor_id=ctx.actor_id,
            classification=pending.effective_classification(),
            correlation_id=ctx.correlation_id,
            causation_id=ctx.causation_id,
            rule=pending.rule,
        )
        for pending in decision.events
    ]


async def execute(
    store: EventStore,
    *,
    stream: str,
    subject: str,
    decide: Decide,
    ctx: CommandContext,
    respond: Respond,
    admit: Admit | None = None,
) -> CommandResult:
    try:
        result = await _decide_and_append(
            store,
            stream=stream,
            subject=subject,
            decide=decide,
            ctx=ctx,
            respond=respond,
            admit=admit,
        )
    except ConcurrencyConflictError:
        # A twin with the same key may have won the stream: then its answer is ours too.
        first = await _first_result(store, ctx) if ctx.idempotency_key is not None else None
        if first is None:
            raise
        return first
    except DomainError as error:
        # Ids and the rule only: a refusal's detail may quote personal data from the command.
        log.info(
            "command.refused",
            stream=stream,
            case_id=subject,
            refusal=type(error).__name__,
            rule=getattr(error, "rule", None),
            actor_role=ctx.actor_role,
        )
        raise
    except IdempotencyKeyTakenError:
        # A twin with the same key committed first: ours rolled back, theirs is the answer.
        first = await _first_result(store, ctx)
        assert first is not None
        return first
    log.info(
        "command.recorded",
        stream=stream,
        case_id=subject,
        status=result.status_code,
        events=[event["type"] for event in result.body.get("events", [])],
        actor_role=ctx.actor_role,
    )
    return result


#: How often a command is decided again when another writer (a policy, the deadline scheduler,
#: another command) appended to its stream between its load and its append.
CONFLICT_ATTEMPTS = 5


async def _decide_and_append(
    store: EventStore,
    *,
    stream: str,
    subject: str,
    decide: Decide,
    ctx: CommandContext,
    respond: Respond,
    admit: Admit | None,
) -> CommandResult:
    """``execute_in`` in its own transaction, decided again on the new history when it lost a
    race for the stream: the client pinned no version, so the command is judged against the
    stream as it now is (still refused if a rule now forbids it). A command whose idempotency
    key was used before is answered with the first result, looked up in the same transaction
    (not one of its own before it: a transaction per command less). A twin with the same key
    that commits meanwhile is left to ``execute``."""
    for attempt in range(1, CONFLICT_ATTEMPTS + 1):
        try:
            with span(
                "command.transaction", {"noncoop.stream": stream, "noncoop.attempt": attempt}
            ):
                return await _attempt(store, stream, subject, decide, ctx, respond, admit)
        except ConcurrencyConflictError:
            if attempt == CONFLICT_ATTEMPTS:
                raise
            if ctx.idempotency_key is not None and await store.find_idempotent(
                ctx.principal_key, ctx.idempotency_key
            ):
                raise  # a twin won: ``execute`` answers with its result
            log.info("command.decided_again", stream=stream, case_id=subject, attempt=attempt)
            await asyncio.sleep(0.005 * attempt)
    raise AssertionError("unreachable")


async def _attempt(
    store: EventStore,
    stream: str,
    subject: str,
    decide: Decide,
    ctx: CommandContext,
    respond: Respond,
    admit: Admit | None,
) -> CommandResult:
    """One try of ``_decide_and_append``, in a transaction of its own. ``admit`` is checked
    first, on the history the command then decides on: one read of the stream, in this
    transaction (a check before it, in a transaction of its own, read the stream twice)."""
    async with store.transaction() as tx:
        history = None
        if admit is not None:
            history = await tx.load(stream)
            admit(history)
        if ctx.idempotency_key is not None:
            first = await _first_result(tx, ctx)
            if first is not None:
                return first
        return await execute_in(
            tx,
            stream=stream,
            subject=subject,
            decide=decide,
            ctx=ctx,
            respond=respond,
            history=history,
        )


async def execute_in(
    tx: EventStoreTransaction,
    *,
    stream: str,
    subject: str,
    decide: Decide,
    ctx: CommandContext,
    respond: Respond,
    history: list[Envelope] | None = None,
) -> CommandResult:
    """The same, inside a transaction the caller owns (policies, the scheduler); ``history``:
    the stream as this transaction already read it."""
    if history is None:
        history = await tx.load(stream)
    decision = decide(history)
    recorded = await tx.append(
        stream=stream,
        subject=subject,
        expected_version=len(history),
        events=stamp(decision, ctx),
        deadlines=decision.deadlines,
    )
    result = respond(history, recorded)
    if ctx.idempotency_key is not None:
        await tx.save_idempotent(
            IdempotentResult(
                key=ctx.idempotency_key,
                principal=ctx.principal_key,
                fingerprint=_fingerprint(ctx),
                status_code=result.status_code,
                body=json.dumps(result.body, sort_keys=True),
            ),
            tx.now(),
        )
    return result


def _fingerprint(ctx: CommandContext) -> str:
    return command_fingerprint(ctx.principal_key, ctx.route, ctx.body)


async def _first_result(
    store: EventStore | EventStoreTransaction, ctx: CommandContext
) -> CommandResult | None:
    assert ctx.idempotency_key is not None
    first = await store.find_idempotent(ctx.principal_key, ctx.idempotency_key)
    if first is None:
        return None
    if first.fingerprint != _fingerprint(ctx):
        raise IdempotencyKeyReusedError(
            f"Idempotency-Key {ctx.idempotency_key!r} was first used for a different command "
            "(another route or body); use a new key for a new command"
        )
    return CommandResult(first.status_code, json.loads(first.body), replayed=True)
