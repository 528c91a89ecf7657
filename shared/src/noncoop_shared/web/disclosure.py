"""404 before any rule: a command on a record its caller may not read answers as an unknown id.

docs/procedures.md, Confidentiality: "A read the caller may not make answers 404 before any rule
is checked: a refusal message (409, 422) must never tell a caller anything about a record it may
not read (that good offices exist, are active, were concluded, when or why)." Every command route
that names a record (a case, its good offices, a travel record) runs its command through
:func:`unless_hidden` (or :func:`unless_hidden_in`, which decides inside the command's
transaction), with the SAME readability predicate its read route uses and the SAME
:class:`NotFoundError` that read answers; docs/adr/0023-refusals-never-disclose.md.

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


async def unless_hidden(
    readable: bool,
    hidden: NotFoundError,
    run: Callable[[], Awaitable[T]],
    *,
    acts_unseen: bool = False,
) -> T:
    """``run()`` when the caller may read the target (``readable``); else ``hidden``, raised
    before any rule is checked, unless the route ``acts_unseen`` (see the module docstring):
    then every refusal of ``run()`` becomes ``hidden``."""
    if readable:
        return await run()
    if not acts_unseen:
        raise hidden
    try:
        return await run()
    except DomainError:
        # Rule, transition, business-time and idempotency refusals alike: each would describe
        # the hidden record.
        raise hidden from None
    except HTTPException as error:
        if error.status_code >= 500:  # not a refusal: the service is failing, say so
            raise
        raise hidden from None


Readable = Callable[[list[Envelope]], bool]
"""Whether the caller may read the record whose stream history this is."""


async def unless_hidden_in(
    readable: Readable,
    hidden: NotFoundError,
    run: Callable[[Admit], Awaitable[T]],
    *,
    acts_unseen: bool = False,
) -> T:
    """:func:`unless_hidden`, decided inside the command's own transaction on the history the
    command then decides on (``commands.execute``'s ``admit``), instead of on a read of its own
    before it: the same answers, one read of the stream and one transaction fewer a command.

    ``run(admit)`` runs the command with ``admit``, which raises ``hidden`` for a caller who
    may not read the record, before the command's key or rules are looked at; for a route that
    ``acts_unseen``, it lets the command run and every refusal of it becomes ``hidden``."""
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
