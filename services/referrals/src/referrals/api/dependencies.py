"""Dependencies of the referrals routes: the runtime, and the context every command carries."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated

from fastapi import Depends, Header, Request
from fastapi.exceptions import RequestValidationError

from noncoop_shared.auth.principal import Principal
from noncoop_shared.commands import CommandContext
from noncoop_shared.web.correlation import current_correlation_id
from referrals.bootstrap import Runtime

CLOCK_SKEW = timedelta(minutes=5)
"""How far in the future a given business time may lie (clocks of client systems drift)."""


def get_runtime(request: Request) -> Runtime:
    runtime = getattr(request.app.state, "runtime", None)
    if runtime is None:
        raise RuntimeError("the service runtime is not started")
    return runtime  # type: ignore[no-any-return]


AppRuntime = Annotated[Runtime, Depends(get_runtime)]

IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        min_length=1,
        max_length=200,
        pattern=r"^[\x21-\x7e]+$",
        description="Send the same key to retry a command safely: the first result is returned.",
    ),
]


def command_context(
    request: Request,
    runtime: Runtime,
    principal: Principal,
    occurred_at: datetime | None,
    idempotency_key: str | None,
    body: object,
) -> CommandContext:
    now = runtime.store.clock.now()
    if occurred_at is not None and occurred_at > now + CLOCK_SKEW:
        raise RequestValidationError(
            [
                {
                    "loc": ("body", "occurred_at"),
                    "msg": f"occurred_at {occurred_at.isoformat()} lies in the future "
                    f"(now is {now.isoformat()})",
                    "type": "value_error",
                }
            ]
        )
    return CommandContext(
        actor_role=principal.role.value,
        actor_id=principal.subject,
        occurred_at=occurred_at or now,
        correlation_id=current_correlation_id(),
        idempotency_key=idempotency_key,
        route=request.url.path,
        body=body,
    )
