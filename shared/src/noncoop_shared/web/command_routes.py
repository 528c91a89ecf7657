"""One dependency per command route (docs/adr/0037-one-dependency-per-command-route.md).

Every command route needs the same things besides its body: the request (its path, its
correlation), the service's runtime, the caller in one of the roles that may issue the command
(docs/architecture.md §8) and the optional Idempotency-Key header. One dependency gathers them
into a :class:`CommandSender`; a service subclasses it with one method per kind of command it
handles, and makes its role aliases with :func:`command_senders`::

    class Commands(CommandSender[Runtime]):
        async def on_case(self, case_id, command, body) -> JSONResponse: ...

    commands_for = command_senders(Commands, Runtime)
    Court = Annotated[Commands, Depends(commands_for(Role.COURT))]

    @router.post("/cases/{case_id}/forwarding", ...)
    async def record_forwarding(case_id: CaseId, body: ForwardingRecord, send: Court):
        return await send.on_case(case_id, cmd.RecordForwarding(...), body)

The body stays the route's own parameter: FastAPI takes the request body's model from it.

This module does without ``from __future__ import annotations`` on purpose: FastAPI reads a
dependency's annotations at run time, and those of the dependency made in
:func:`command_senders` name the role check and the runtime made there, which a string annotation
could not be resolved to.
"""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Depends, Request
from fastapi.responses import JSONResponse

from noncoop_shared.auth.dependencies import require_roles
from noncoop_shared.auth.principal import Principal
from noncoop_shared.auth.roles import Role
from noncoop_shared.commands import CommandContext, CommandResult
from noncoop_shared.service import ServiceHandleBase
from noncoop_shared.web.commands import CommandBody, IdempotencyKey, answer, body_context
from noncoop_shared.web.runtime import runtime_of

R = TypeVar("R", bound=ServiceHandleBase)


@dataclass(frozen=True)
class CommandSender(Generic[R]):
    """What a command route was called with, besides its body and its path: the request, the
    service's runtime ``R`` (its event store's clock times the command), the caller (already in
    one of the route's roles) and the Idempotency-Key."""

    request: Request
    runtime: R
    principal: Principal
    idempotency_key: str | None

    def context(self, body: CommandBody) -> CommandContext:
        """The context of the command sent as ``body``: who, when (its business time, checked
        against rule Time), which correlation, its fingerprint."""
        clock = self.runtime.store.clock
        return body_context(self.request, clock, self.principal, self.idempotency_key, body)

    async def answer(
        self, body: CommandBody, handle: Callable[[CommandContext], Awaitable[CommandResult]]
    ) -> JSONResponse:
        """What ``handle`` recorded for the command sent as ``body``, given its context; a
        replayed result says so (``Idempotent-Replayed``)."""
        return answer(await handle(self.context(body)))


S = TypeVar("S", bound=CommandSender[Any])


def command_senders(
    sender: type[S], runtime: type[ServiceHandleBase]
) -> Callable[..., Callable[..., Awaitable[S]]]:
    """``commands_for(*roles)``: the dependency giving a ``sender`` to a command route that
    ``roles`` may call, on the service whose runtime is of type ``runtime``.

    Its parameters are resolved in the order the routes declared them before: the runtime, then
    the caller (401 without a valid token, 403 for another role, before the body is looked at),
    then the Idempotency-Key header (a malformed one is a 422 with the body's errors).
    """
    get_runtime = runtime_of(runtime)

    def commands_for(*roles: Role) -> Callable[..., Awaitable[S]]:
        with_role = require_roles(*roles)

        async def command_sender(
            request: Request,
            runtime: Annotated[Any, Depends(get_runtime)],
            principal: Annotated[Principal, Depends(with_role)],
            idempotency_key: IdempotencyKey = None,
        ) -> S:
            return sender(request, runtime, principal, idempotency_key)

        return command_sender

    return commands_for
