"""404 before any rule: a command on a record its caller may not read answers as an unknown id.

docs/procedures.md, Confidentiality: "A read the caller may not make answers 404 before any rule
is checked: a refusal message (409, 422) must never tell a caller anything about a record it may
not read (that good offices exist, are active, were concluded, when or why)." A command route
that names a record whose readability its history decides (a case in referrals, a travel record
linked to no case in good offices) runs its command through :func:`unless_hidden_in`, with the
SAME readability predicate its read route uses and the SAME :class:`NotFoundError` that read
answers; the predicate is checked inside the command's own transaction, on the history the
command then decides on; docs/adr/0023-refusals-never-disclose.md. (Good offices' commands on a
case's good offices run through it too, with whether the caller was asked to assist, P17-access,
P20, P22, as the predicate; a focal point's roster entry, another stream, is read before.)

One exception is written in the procedures themselves: the Court refers, or decides without a
finding on, the matter of a 7(b) case it may not read (S7b-to-7a, S7b-no-finding; it knows the
case from the President's consultation). Such a route passes ``acts_unseen=True``: the command
runs, and whatever refuses it (a rule, a transition, a date, a reused key) is answered with the
same 404 as an unknown id. Only the success the Court is entitled to is told apart.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

from fastapi import HTTPException

from noncoop_shared.commands import Admit
from noncoop_shared.envelope import Envelope
from noncoop_shared.errors import DomainError, NotFoundError

T = TypeVar("T")


Readable = Callable[[list[Envelope]], bool]
"""Whether the caller may read the record whose stream history this is."""


async def unless_hidden_in(
    readable: Readable,
    hidden: NotFoundError,
    run: Callable[[Admit], Awaitable[T]],
    *,
    acts_unseen: bool = False,
) -> T:
    """``run(admit)``: the command, run with ``admit`` (``commands.execute``'s), which checks
    ``readable`` inside the command's own transaction on the history the command then decides
    on, not on a read of its own before it (one read of the stream and one transaction fewer a
    command, and no record judged on one history and decided on another).

    For a caller who may not read the record (``readable`` false), ``admit`` raises ``hidden``
    before the command's key or rules are looked at; unless the route ``acts_unseen`` (see the
    module docstring): then the command runs and every refusal of it becomes ``hidden``; a
    failure of the service (5xx) is still told as one."""
    seen_readable = True

    def admit(history: list[Envelope]) -> None:
        nonlocal seen_readable
        seen_readable = readable(history)
        if not seen_readable and not acts_unseen:
            raise hidden

    try:
        return await run(admit)
    except DomainError:
        # Rule, transition, business-time and idempotency refusals alike (module docstring).
        if seen_readable or not acts_unseen:
            raise
        raise hidden from None
    except HTTPException as error:
        if seen_readable or not acts_unseen or error.status_code >= 500:
            raise
        raise hidden from None
