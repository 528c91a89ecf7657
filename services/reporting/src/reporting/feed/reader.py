"""Pages of the feed for one reader: the walk over the store, and each envelope as the reader
may see it.

A reader who reads every class gets each envelope byte for byte as the log holds it (its hash
and signature verify). Any other reader gets, as the audit trail gives it (ADR 0023), each
stream's visible events numbered 1, 2, 3 in ``streamversion``, without ``prevhash``, ``hash``,
``signer`` and ``signature``, and with a ``causationid`` only when it names an event the reader
may read: a gap, a hash (which binds an event to its true place in its stream) or the id of an
event it may not see would tell it that hidden events exist. Personal data stays
sealed as on the log: no field of an envelope is a view's declared personal field (ADR 0022).
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import cast

import asyncpg
import structlog

from noncoop_shared.access import Classification
from noncoop_shared.canonical import canonical_json
from reporting.feed.store import FeedStore, LoggedEvent
from reporting.feed.walk import Slice, walk

log = structlog.get_logger("reporting.feed")

MAX_ROUNDS = 8
"""Rounds of reading per page while hidden events fill the slices (each reads ``limit`` rows
per partition); then the page is returned short, with a cursor past what was walked."""
MIN_SCAN = 20
"""Rows read per partition and round at least, so a page of one event (a webhook's) still walks
past a run of hidden events in a few queries."""
POLL_SECONDS = 0.25
"""How often the long-polls of a process look at where the projections stand (one small query
for all of them: :class:`_EndsWatch`)."""
MAX_WAITS_PER_CALLER = 4
"""Long-polls one caller (role and subject) may hold open at once in one process."""
MAX_WAITS = 200
"""Long-polls all callers together may hold open at once in one process."""


class TooManyWaitsError(Exception):
    """A long-poll over :data:`MAX_WAITS_PER_CALLER` or :data:`MAX_WAITS`: answered 429."""


@dataclass(frozen=True)
class Reader:
    """What one caller may read: the classes, and optionally only some event types."""

    readable: frozenset[Classification]
    types: frozenset[str] | None = None

    @property
    def sees_everything(self) -> bool:
        return self.readable == frozenset(Classification)


@dataclass(frozen=True)
class FeedEvent:
    event_id: str
    type: str
    body: bytes
    """The CloudEvent as this reader sees it, canonical JSON."""


@dataclass(frozen=True)
class Page:
    events: list[FeedEvent]
    positions: dict[int, int]
    """Where the next page starts."""
    ends: dict[int, int] = field(default_factory=dict)
    """Where the projections stood when it was read."""

    def batch(self) -> bytes:
        """The page as ``application/cloudevents-batch+json``."""
        return b"[" + b",".join(e.body for e in self.events) + b"]"


class _EndsWatch:
    """Where the projections stand, looked at every :data:`POLL_SECONDS` by one task while any
    long-poll waits, and not per long-poll: what a waiting reader costs no longer grows with
    the number of readers (each reads a page again only when the log has moved)."""

    def __init__(self, store: FeedStore) -> None:
        self._store = store
        self._moved = asyncio.Condition()
        self._ends: dict[int, int] | None = None
        self._waiting = 0
        self._task: asyncio.Task[None] | None = None

    async def until_past(self, seen: dict[int, int], seconds: float) -> None:
        """Until the projections stand elsewhere than ``seen`` (where a page was read), or
        ``seconds`` pass."""
        self._waiting += 1
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._watch())
        try:
            async with self._moved:
                await asyncio.wait_for(
                    self._moved.wait_for(lambda: self._ends not in (None, seen)), seconds
                )
        except TimeoutError:
            pass
        finally:
            self._waiting -= 1

    async def _watch(self) -> None:
        while self._waiting:
            try:
                ends = await self._store.ends()
            except (OSError, asyncpg.PostgresError) as error:
                # The waiters time out meanwhile, as they would have, each on its own query.
                log.warning("feed.ends_unavailable", error=str(error))
            else:
                if ends != self._ends:
                    async with self._moved:
                        self._ends = ends
                        self._moved.notify_all()
            await asyncio.sleep(POLL_SECONDS)


class Feed:
    def __init__(
        self,
        store: FeedStore,
        max_waits_per_caller: int = MAX_WAITS_PER_CALLER,
        max_waits: int = MAX_WAITS,
    ) -> None:
        self._store = store
        self._watch = _EndsWatch(store)
        self.max_waits_per_caller = max_waits_per_caller
        self._max_waits = max_waits
        self._waits: dict[str, int] = {}

    async def end(self) -> dict[int, int]:
        """Positions past every event the projections hold now: where "from now on" starts."""
        return await self._store.ends()

    async def page(self, reader: Reader, after: Mapping[int, int], limit: int) -> Page:
        positions = dict(after)
        ends = await self._store.ends()
        shown: list[LoggedEvent] = []
        scan = max(limit, MIN_SCAN)
        for _ in range(MAX_ROUNDS):
            past = await self._store.past(positions, ends, scan, reader.readable, reader.types)
            slices = {
                p: Slice(
                    rows,
                    [r.offset for r in rows],
                    ends[p],
                    complete=len(rows) < scan,
                )
                for p, rows in past.items()
            }
            walked = walk(slices, positions, lambda e: e.envelope is not None, limit - len(shown))
            shown.extend(walked.shown)
            positions = walked.positions
            if len(shown) == limit or all(s.complete for s in slices.values()):
                break
        return Page(await self._present(reader, shown), positions, ends)

    async def wait(
        self, reader: Reader, after: Mapping[int, int], limit: int, seconds: float, caller: str
    ) -> Page:
        """The next page with something the reader may read, waiting up to ``seconds`` for it.
        While only hidden events come the cursor moves past them and the wait goes on, so when
        it answers tells nothing of them. :class:`TooManyWaitsError` when ``caller`` already
        holds as many long-polls as it may, or the process does (a wait of 0 is never one)."""
        if seconds <= 0:
            return await self.page(reader, after, limit)
        held = self._waits.get(caller, 0)
        if held >= self.max_waits_per_caller or sum(self._waits.values()) >= self._max_waits:
            raise TooManyWaitsError(caller)
        self._waits[caller] = held + 1
        try:
            return await self._wait(reader, after, limit, seconds)
        finally:
            self._waits[caller] -= 1
            if not self._waits[caller]:
                del self._waits[caller]

    async def _wait(
        self, reader: Reader, after: Mapping[int, int], limit: int, seconds: float
    ) -> Page:
        deadline = time.monotonic() + seconds
        page = await self.page(reader, after, limit)
        while not page.events and (left := deadline - time.monotonic()) > 0:
            await self._watch.until_past(page.ends, left)
            page = await self.page(reader, page.positions, limit)
        return page

    async def _present(self, reader: Reader, shown: list[LoggedEvent]) -> list[FeedEvent]:
        if reader.sees_everything:
            return [_as_logged(e) for e in shown]
        versions = await self._store.visible_versions(shown, reader.readable)
        envelopes = [json.loads(cast(str, event.envelope)) for event in shown]
        causes = await self._store.readable_causes(
            (e.get("causationid") for e in envelopes), reader.readable
        )
        events = []
        for event, envelope in zip(shown, envelopes, strict=True):
            envelope["streamversion"] = versions[event.event_id]
            for bound_to_its_place in _BOUND_TO_THE_STREAM:
                envelope.pop(bound_to_its_place, None)
            if envelope.get("causationid") not in causes:
                envelope.pop("causationid", None)
            events.append(FeedEvent(str(event.event_id), event.type, canonical_json(envelope)))
        return events


_BOUND_TO_THE_STREAM = ("prevhash", "hash", "signer", "signature")
"""What a reader below full clearance is not shown: the hash covers the previous hash and the
true stream version, and the signature covers the hash, so with the envelope's other fields a
reader could test, version by version, whether hidden events lie before each one it sees."""


def _as_logged(event: LoggedEvent) -> FeedEvent:
    assert event.envelope is not None
    return FeedEvent(str(event.event_id), event.type, event.envelope.encode("utf-8"))
