"""The feed's long-polls, on a store in memory: one look at where the projections stand serves
every waiting reader (the cost of waiting does not grow with the readers), a move of the log
wakes them, and a caller holds at most so many long-polls at once."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

import pytest

from noncoop_shared.access import Classification
from reporting.feed.reader import Feed, Reader, TooManyWaitsError
from reporting.feed.store import LoggedEvent

EVERYTHING = Reader(frozenset(Classification))


class _Log:
    """One partition; ``ends`` counts its calls (each is a query on the real store)."""

    def __init__(self) -> None:
        self.events: list[LoggedEvent] = []
        self.ends_calls = 0

    def append(self) -> None:
        offset = len(self.events)
        envelope = f'{{"id":"{uuid.uuid4()}"}}'
        self.events.append(
            LoggedEvent(uuid.uuid4(), 0, offset, "s", "case:s", "t", offset, envelope)
        )

    async def ends(self) -> dict[int, int]:
        self.ends_calls += 1
        return {0: len(self.events)}

    async def past(
        self,
        after: Mapping[int, int],
        ends: Mapping[int, int],
        per_partition: int,
        readable: frozenset[Classification],
        types: frozenset[str] | None,
    ) -> dict[int, list[LoggedEvent]]:
        start = after.get(0, 0)
        return {0: self.events[start : min(ends[0], start + per_partition)]}

    async def visible_versions(self, events: Iterable[LoggedEvent], readable: Any) -> dict:
        return {}

    async def readable_causes(self, ids: Iterable[str | None], readable: Any) -> set[str]:
        return set()


async def test_waiting_readers_share_one_look_at_the_log_and_wake_when_it_moves() -> None:
    log = _Log()
    feed = Feed(log, max_waits_per_caller=100)  # type: ignore[arg-type]
    waits = [
        asyncio.create_task(feed.wait(EVERYTHING, {}, 10, 5.0, caller=f"c{n}")) for n in range(40)
    ]
    await asyncio.sleep(1.0)
    # 40 first pages, then about one look per POLL_SECONDS for all of them (a look per reader
    # and POLL_SECONDS would be 160 more).
    assert log.ends_calls <= 40 + 8
    assert not any(w.done() for w in waits)

    started = time.monotonic()
    log.append()
    pages = await asyncio.gather(*waits)
    assert time.monotonic() - started < 1.0
    assert all(len(page.events) == 1 for page in pages)


async def test_a_caller_holds_at_most_so_many_long_polls_and_the_process_so_many() -> None:
    log = _Log()
    feed = Feed(log, max_waits_per_caller=2, max_waits=3)  # type: ignore[arg-type]
    held = [asyncio.create_task(feed.wait(EVERYTHING, {}, 10, 5.0, caller="a")) for _ in range(2)]
    await asyncio.sleep(0.1)
    with pytest.raises(TooManyWaitsError):
        await feed.wait(EVERYTHING, {}, 10, 5.0, caller="a")
    assert (await feed.wait(EVERYTHING, {}, 10, 0, caller="a")).events == []  # no wait: served
    third = asyncio.create_task(feed.wait(EVERYTHING, {}, 10, 5.0, caller="b"))
    await asyncio.sleep(0.1)
    with pytest.raises(TooManyWaitsError):  # the process's bound
        await feed.wait(EVERYTHING, {}, 10, 5.0, caller="c")

    log.append()
    await asyncio.gather(*held, third)
    # Answered: the caller may wait again.
    again = asyncio.create_task(feed.wait(EVERYTHING, {0: 1}, 10, 0.3, caller="a"))
    assert (await again).events == []
