"""The deadline scheduler: emits each ``..._overdue`` event exactly once (docs/architecture.md §5).

A deadline row is claimed with ``FOR UPDATE SKIP LOCKED`` (several replicas share the work and
never take the same row), the service's ``on_due`` appends the overdue event through the same
transaction, and the row is marked fired in it too: the event and the mark commit together or
not at all. ``on_due`` asks the domain, which returns no event when the thing is no longer
pending, so even a replayed claim records nothing twice.

Deadlines are judged in business time (ADR 0015): ``due_at`` comes from business times, and the
overdue event ``on_due`` records carries ``due_at`` as its business time. A deadline fires only at
``max(due_at, recorded time it was set + late_entry_grace)``: a history entered late (its due
times long past) has that long to be completed before anything is declared overdue, so a
fulfilment dated before the due time, recorded within the grace, settles it and nothing fires.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Awaitable, Callable
from datetime import timedelta
from uuid import UUID

import asyncpg
import structlog

from noncoop_shared.clock import Clock
from noncoop_shared.errors import ConcurrencyConflictError
from noncoop_shared.store.postgres import DueDeadline, PostgresEventStore, StoreTransaction
from noncoop_shared.tracing import span

log = structlog.get_logger("noncoop.deadlines")

DEFAULT_LATE_ENTRY_GRACE = timedelta(hours=24)
"""How long after a deadline is recorded it may first fire (setting ``late_entry_grace_hours``)."""

OnDue = Callable[[StoreTransaction, DueDeadline], Awaitable[UUID | None]]
"""Appends the overdue event (if still due) and returns its id, or ``None`` if nothing was due."""


def kind_family(kind: str) -> str:
    """A deadline's kind without the instance it is for: ``open_letter_reply:<letter reference>``
    -> ``open_letter_reply``. What the metrics label with: a letter's reference is a record's
    content (the access table never shows it on ``/metrics``), and one label per letter would
    grow without bound."""
    return kind.split(":", 1)[0]


class DeadlineScheduler:
    def __init__(
        self,
        store: PostgresEventStore,
        on_due: OnDue,
        *,
        clock: Clock,
        interval_seconds: float = 1.0,
        batch_size: int = 100,
        late_entry_grace: timedelta = DEFAULT_LATE_ENTRY_GRACE,
    ) -> None:
        self._store = store
        self._grace = late_entry_grace
        self._on_due = on_due
        self._clock = clock
        self._interval = interval_seconds
        self._batch = batch_size
        self.fired_total = 0
        self.fired_by_kind: Counter[str] = Counter()
        """Overdue events recorded, by kind of deadline (read by the metrics at each scrape)."""
        self.running = False

    async def run(self) -> None:
        self.running = True
        try:
            while True:
                try:
                    await self.fire_due()
                except (OSError, asyncpg.PostgresError) as error:
                    log.warning("deadlines.pass_failed", error=repr(error))
                await asyncio.sleep(self._interval)
        finally:
            self.running = False

    async def fire_due(self) -> int:
        """Fire every deadline due now; one transaction per deadline. Returns events emitted."""
        fired = 0
        for _ in range(self._batch):
            outcome = await self._fire_one()
            if outcome is None:
                break
            fired += outcome
        self.fired_total += fired
        return fired

    async def _fire_one(self) -> int | None:
        now = self._clock.now()
        try:
            async with self._store.transaction() as tx:
                claimed = await tx.claim_due_deadlines(now, 1, late_entry_grace=self._grace)
                if not claimed:
                    return None
                deadline = claimed[0]
                # A trace of its own per deadline fired (not per poll): the overdue event's
                # append and the consumers that read it continue it (ADR 0029).
                with span(
                    "deadline.fire",
                    {"noncoop.stream": deadline.stream, "noncoop.deadline": deadline.kind},
                ):
                    event_id = await self._on_due(tx, deadline)
                await tx.mark_deadline_fired(deadline, event_id, now)
        except ConcurrencyConflictError:
            # A command wrote to the stream meanwhile; the next pass decides again on fresh state.
            return 0
        if event_id is not None:
            self.fired_by_kind[kind_family(deadline.kind)] += 1
            log.info(
                "deadline.overdue",
                stream=deadline.stream,
                kind=deadline.kind,
                rule=deadline.rule,
                due_at=deadline.due_at.isoformat(),
                event_id=str(event_id),
            )
            return 1
        return 0
