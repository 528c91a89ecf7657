"""What the application layer needs from an event store, whichever stores the events.

Two adapters implement it: ``PostgresEventStore`` (the services' runtime) and
``InMemoryEventStore`` (application tests without infrastructure). Both pass the one contract
suite in ``shared/tests/contract/``, so a handler tested on one behaves the same on the other.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractAsyncContextManager
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Protocol

from noncoop_shared.clock import Clock
from noncoop_shared.decisions import DeadlineChange
from noncoop_shared.envelope import Envelope
from noncoop_shared.store.postgres import DueDeadline
from noncoop_shared.store.records import IdempotentResult, NewEvent

if TYPE_CHECKING:
    from noncoop_shared.store.memory import InMemoryEventStore
    from noncoop_shared.store.postgres import PostgresEventStore


class EventStoreTransaction(Protocol):
    """The store's operations inside one transaction (all of it commits, or none)."""

    def now(self) -> datetime:
        """The record time (the store's clock)."""
        ...

    async def load(self, stream: str, *, up_to_version: int | None = None) -> list[Envelope]: ...

    async def append(
        self,
        *,
        stream: str,
        subject: str,
        expected_version: int,
        events: Sequence[NewEvent],
        deadlines: Sequence[DeadlineChange] = (),
        idempotency: IdempotentResult | None = None,
    ) -> list[Envelope]:
        """Append after ``expected_version`` (0: a new stream); another version is a
        ``ConcurrencyConflictError``. Deadlines set or settled are carried by the last event."""
        ...

    async def claim_due_deadlines(
        self, now: datetime, limit: int, *, late_entry_grace: timedelta = ...
    ) -> list[DueDeadline]:
        """Pending deadlines with ``due_at <= now`` set at least ``late_entry_grace`` ago."""
        ...

    async def mark_deadline_fired(self, deadline: DueDeadline, event_id: Any, at: datetime) -> None:
        """Close a claimed deadline: fired when ``event_id`` is an event, else settled."""
        ...

    async def find_idempotent(self, principal: str, key: str) -> IdempotentResult | None:
        """The first result of ``principal``'s command sent with ``key``: keys are per caller,
        so no caller can take (or read the answer of) another's key (ADR 0021)."""
        ...

    async def save_idempotent(self, result: IdempotentResult, at: datetime) -> None:
        """Raises ``IdempotencyKeyTakenError`` when the caller's key is already saved."""
        ...


class EventStore(Protocol):
    """A service's event store: transactions, and reads of what is committed."""

    @property
    def clock(self) -> Clock: ...

    def transaction(self) -> AbstractAsyncContextManager[EventStoreTransaction]: ...

    async def load(self, stream: str) -> list[Envelope]: ...

    async def find_idempotent(self, principal: str, key: str) -> IdempotentResult | None: ...


def _adapters_conform(
    postgres: PostgresEventStore, memory: InMemoryEventStore
) -> tuple[EventStore, EventStore]:
    """Never called: mypy checks here that both adapters implement the port."""
    return postgres, memory
