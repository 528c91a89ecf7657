"""What every policy (``when_<event>_<reaction>``) does around its reaction (ADR 0009).

The reaction runs on the consumer's connection, in a savepoint, with the consumed event as its
cause; when the domain refuses it, that is an answer (the reaction does not apply), logged, and
the consumer goes on. Any other error propagates: the batch rolls back and is retried.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import structlog

from noncoop_shared.commands import CommandContext
from noncoop_shared.db import Connection
from noncoop_shared.envelope import Envelope
from noncoop_shared.errors import ConcurrencyConflictError, DomainError

log = structlog.get_logger("noncoop.policies")

POLICY_ROLE = "system"


def reaction_context(cause: Envelope, policy_id: str) -> CommandContext:
    """A reaction is done by the system, at the cause's business time, in its correlation."""
    return CommandContext(
        actor_role=POLICY_ROLE,
        actor_id=policy_id,
        occurred_at=cause.occurredat,
        correlation_id=cause.correlationid,
        causation_id=str(cause.id),
    )


async def react(
    conn: Connection, policy: str, cause: Envelope, reaction: Callable[[], Awaitable[object]]
) -> None:
    try:
        async with conn.transaction():  # a savepoint: a refusal leaves the batch usable
            await reaction()
    except ConcurrencyConflictError:
        raise  # a command wrote to the stream meanwhile: the batch is retried, not skipped
    except DomainError as refusal:
        log.info(
            "policy.not_applicable",
            policy=policy,
            case_id=cause.subject,
            cause=str(cause.id),
            refusal=type(refusal).__name__,
        )
