"""What the lag figure watches: the procedural state in reporting's database, and the topic.

``VisibilityPoller`` asks reporting's ``procedural_state`` table, every ``interval`` seconds,
about every case that has a command still waiting to show, in one query. A command counts as
visible at the *start* of the first query that sees its effect: PostgreSQL takes the statement's
snapshot when the query starts, and the query before it did not see the effect, so the true
moment lies at most one poll period earlier (the period is measured and reported).

``TopicProbe`` reads the topic (no group, from the beginning) and notes when each event id
first reaches this process, and its record's timestamp (CreateTime: when the relay's producer
took it): it splits the lag into the relay's part (accepted -> sent -> on the topic) and
reporting's part (on the topic -> visible).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import asyncpg
from aiokafka import ConsumerRecord
from lagmix import Kind, VisibleRow, is_visible
from topicreader import TopicReader

from noncoop_shared.kafka import KafkaAccess

# audience 'restricted' reads every classification, so its row reflects every event of the case.
# ``state::jsonb``: the column is JSONB or TEXT (holding JSON) depending on the projection's
# migrations; the cast reads both. Only the rows whose ``events`` count moved since the poller
# last judged them are parsed (``$2``: that count per case, -1 before the first look): parsing
# every waiting row on every poll cost PostgreSQL about 1 ms a poll, 2 ms of CPU a command,
# counted in the figure's "postgres" row. All in one statement, so one snapshot. (The ``ANY``
# repeats the join for the planner: it reads the key's index instead of the whole table.)
VISIBILITY_QUERY = """
SELECT p.case_id, p.events, p.events <> w.judged AS moved, p.scenario,
       CASE WHEN p.events <> w.judged THEN p.state::jsonb
            @? '$.rules[*] ? (@.rule == "P13-forward" && @.state == "done")' END AS forwarded,
       CASE WHEN p.events <> w.judged THEN p.state::jsonb
            @? '$.rules[*] ? (@.rule == "P13-press" && @.state == "done")' END AS press_released
FROM procedural_state p
JOIN unnest($1::text[], $2::int[]) AS w(case_id, judged) ON w.case_id = p.case_id
WHERE p.audience = 'restricted' AND p.case_id = ANY($1::text[])
"""


@dataclass
class Tracked:
    """One accepted command, on the way to the procedural state (``time.perf_counter`` times)."""

    kind: Kind
    case_id: str
    event_id: str
    measured: bool
    scheduled: float  # when the open-loop generator meant to send it
    accepted: float
    accepted_wall: float  # time.time() at ``accepted``: to compare with record timestamps
    visible: float | None = None


@dataclass
class PollStats:
    periods_s: list[float] = field(default_factory=list)
    queries_s: list[float] = field(default_factory=list)


class VisibilityPoller:
    def __init__(self, database_url: str, interval_s: float) -> None:
        self._database_url = database_url
        self._interval = interval_s
        self._waiting: dict[str, list[Tracked]] = defaultdict(list)
        self._judged: dict[str, int] = {}  # case -> the row's ``events`` when last judged
        self._none_waiting = asyncio.Event()
        self._none_waiting.set()
        self._task: asyncio.Task[None] | None = None
        self.stats = PollStats()

    def watch(self, tracked: Tracked) -> None:
        self._waiting[tracked.case_id].append(tracked)
        # Judged again at the next poll: its effect may be in the row already.
        self._judged.pop(tracked.case_id, None)
        self._none_waiting.clear()

    @property
    def waiting(self) -> int:
        return sum(len(commands) for commands in self._waiting.values())

    async def start(self) -> None:
        connection = await asyncpg.connect(self._database_url)
        self._task = asyncio.create_task(self._poll(connection), name="visibility-poller")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def drained(self, timeout_s: float) -> None:
        """Until nothing waits (or the timeout: what is left is reported as never visible)."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._none_waiting.wait(), timeout_s)

    async def _poll(self, connection: asyncpg.Connection) -> None:
        try:
            last_start: float | None = None
            while True:
                if not self._waiting:
                    last_start = None  # an idle gap is not a poll period
                    await asyncio.sleep(self._interval)
                    continue
                started = time.perf_counter()
                cases = list(self._waiting)
                rows = await connection.fetch(
                    VISIBILITY_QUERY, cases, [self._judged.get(case, -1) for case in cases]
                )
                self.stats.queries_s.append(time.perf_counter() - started)
                if last_start is not None:
                    self.stats.periods_s.append(started - last_start)
                last_start = started
                moved = [row for row in rows if row["moved"]]
                self._judged |= {row["case_id"]: row["events"] for row in moved}
                self._settle({row["case_id"]: _visible_row(row) for row in moved}, started)
                await asyncio.sleep(self._interval)
        finally:
            await connection.close()

    def _settle(self, rows: dict[str, VisibleRow], snapshot_at: float) -> None:
        for case_id in list(self._waiting):
            if case_id not in rows:
                continue  # absent, or unchanged since it was last judged not yet visible
            left = []
            for tracked in self._waiting[case_id]:
                if is_visible(tracked.kind, rows.get(case_id)):
                    tracked.visible = snapshot_at
                else:
                    left.append(tracked)
            if left:
                self._waiting[case_id] = left
            else:
                del self._waiting[case_id]
        if not self._waiting:
            self._none_waiting.set()


def _visible_row(row: asyncpg.Record) -> VisibleRow:
    return row["scenario"], bool(row["forwarded"]), bool(row["press_released"])


class TopicProbe(TopicReader):
    """Notes when each event id first reaches this process from the topic."""

    def __init__(self, kafka: KafkaAccess, topic: str) -> None:
        super().__init__(kafka, topic)
        self.first_seen: dict[str, float] = {}
        self.created_wall: dict[str, float] = {}  # record timestamp, seconds since the epoch

    def on_records(self, records: Sequence[ConsumerRecord[bytes, bytes]], seen: float) -> None:
        for record in records:
            event_id = json.loads(record.value or b"{}").get("id")
            if event_id is not None and str(event_id) not in self.first_seen:
                self.first_seen[str(event_id)] = seen
                self.created_wall[str(event_id)] = record.timestamp / 1000
