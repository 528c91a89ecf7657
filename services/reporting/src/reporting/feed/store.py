"""The feed's SQL: where the projections stand, and what each partition holds past a cursor.

The order and the classification come from the audit trail (every event, with its log
position); the envelope from ``case_events`` (case streams) or ``registry_events`` (the others),
fetched only for the events the caller may read.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from uuid import UUID

import asyncpg

from noncoop_shared.access import Classification
from reporting.projections import procedural_store, registry_events
from reporting.projections.audit_trail import CONSUMER_NAME as AUDIT_TRAIL
from reporting.projections.audit_trail import readable_causes

FED_BY = (AUDIT_TRAIL, procedural_store.CONSUMER_NAME, registry_events.CONSUMER_NAME)
"""The projections the feed reads: it serves a partition up to where all of them stand, so an
event is never passed over for an envelope not written yet."""


@dataclass(frozen=True)
class LoggedEvent:
    event_id: UUID
    partition: int
    offset: int
    subject: str
    stream: str
    type: str
    log_sequence: int
    envelope: str | None
    """``None`` when the caller may not read it (or a projection refused the record)."""


class FeedStore:
    def __init__(self, pool: asyncpg.Pool, topic: str) -> None:
        self._pool = pool
        self._topic = topic

    async def ends(self) -> dict[int, int]:
        """Per partition, the next offset every projection the feed reads has reached."""
        rows = await self._pool.fetch(
            "SELECT partition, min(next_offset) AS next_offset FROM consumer_positions"
            " WHERE consumer = ANY($1::text[]) AND topic = $2"
            " GROUP BY partition HAVING count(*) = $3",
            list(FED_BY),
            self._topic,
            len(FED_BY),
        )
        return {row["partition"]: row["next_offset"] for row in rows}

    async def past(
        self,
        after: Mapping[int, int],
        ends: Mapping[int, int],
        per_partition: int,
        readable: frozenset[Classification],
        types: frozenset[str] | None,
    ) -> dict[int, list[LoggedEvent]]:
        """Per partition, at most ``per_partition`` events from ``after`` up to ``ends``, in
        offset order; the envelope only of those of a ``readable`` class (and type)."""
        partitions = [p for p, end in ends.items() if after.get(p, 0) < end]
        if not partitions:
            return {}
        rows = await self._pool.fetch(
            "SELECT a.event_id, a.log_partition, a.log_offset, a.subject, a.stream, a.type,"
            " a.log_sequence, CASE WHEN a.classification = ANY($4::text[])"
            " AND ($6::text[] IS NULL OR a.type = ANY($6::text[]))"
            " THEN COALESCE(c.envelope, r.envelope) END AS envelope"
            " FROM unnest($1::int[], $2::bigint[], $3::bigint[]) AS w(p, after, upto)"
            " CROSS JOIN LATERAL (SELECT * FROM audit_trail t"
            "  WHERE t.log_partition = w.p AND t.log_offset >= w.after AND t.log_offset < w.upto"
            "  ORDER BY t.log_offset LIMIT $5) a"
            " LEFT JOIN case_events c ON c.event_id = a.event_id"
            " LEFT JOIN registry_events r ON r.event_id = a.event_id"
            " ORDER BY a.log_partition, a.log_offset",
            partitions,
            [after.get(p, 0) for p in partitions],
            [ends[p] for p in partitions],
            [c.value for c in readable],
            per_partition,
            None if types is None else sorted(types),
        )
        found: dict[int, list[LoggedEvent]] = {p: [] for p in partitions}
        for row in rows:
            found[row["log_partition"]].append(
                LoggedEvent(
                    row["event_id"],
                    row["log_partition"],
                    row["log_offset"],
                    row["subject"],
                    row["stream"],
                    row["type"],
                    row["log_sequence"],
                    row["envelope"],
                )
            )
        return found

    async def readable_causes(
        self, causation_ids: Iterable[str | None], readable: frozenset[Classification]
    ) -> set[str]:
        return await readable_causes(self._pool, causation_ids, readable)

    async def visible_versions(
        self, events: Iterable[LoggedEvent], readable: frozenset[Classification]
    ) -> dict[UUID, int]:
        """Each event's number among the events of its stream a ``readable`` reader sees
        (ADR 0023: no gap may tell it that hidden events exist)."""
        shown = list(events)
        if not shown:
            return {}
        rows = await self._pool.fetch(
            "SELECT e.event_id, (SELECT count(*) FROM audit_trail t"
            "  WHERE t.subject = e.subject AND t.stream = e.stream"
            "  AND t.classification = ANY($4::text[]) AND t.log_sequence <= e.seq) AS visible"
            " FROM unnest($1::uuid[], $2::text[], $3::text[], $5::bigint[])"
            " AS e(event_id, subject, stream, seq)",
            [e.event_id for e in shown],
            [e.subject for e in shown],
            [e.stream for e in shown],
            [c.value for c in readable],
            [e.log_sequence for e in shown],
        )
        return {row["event_id"]: row["visible"] for row in rows}
