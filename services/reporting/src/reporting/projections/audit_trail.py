"""The audit trail: every event of every service, per case, in log order.

One row per event id (a second copy of an event, republished by a relay, changes nothing),
with who did it, when (business time and record time), under which rule, its classification,
its hash and where it sits in the log. Reads filter by the reader's clearance and can stop at
any record time ("as of"), which is how an auditor sees what the system knew then, and at any
business date ("on"), which keeps the facts that had happened by the end of that day.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

import asyncpg

from noncoop_shared.access import Classification
from noncoop_shared.bulk_read import EventView
from noncoop_shared.consumer import LogEvent, LogPosition
from noncoop_shared.db import Connection
from noncoop_shared.envelope import Envelope

CONSUMER_NAME = "reporting-audit-trail"

MIGRATIONS: list[tuple[int, str]] = [
    (
        1,
        """
        CREATE TABLE audit_trail (
            event_id        UUID PRIMARY KEY,
            subject         TEXT NOT NULL,
            stream          TEXT NOT NULL,
            stream_version  INTEGER NOT NULL,
            type            TEXT NOT NULL,
            source          TEXT NOT NULL,
            rule            TEXT,
            classification  TEXT NOT NULL,
            actor_role      TEXT NOT NULL,
            actor_id        TEXT NOT NULL,
            occurred_at     TIMESTAMPTZ NOT NULL,
            recorded_at     TIMESTAMPTZ NOT NULL,
            hash            CHAR(64) NOT NULL,
            prev_hash       CHAR(64) NOT NULL,
            correlation_id  TEXT NOT NULL,
            causation_id    TEXT,
            log_sequence    BIGSERIAL
        );
        CREATE INDEX audit_trail_subject ON audit_trail (subject, log_sequence);
        """,
    ),
    (
        2,
        """
        -- Where each event was first read in the log: checkpoints are Merkle roots over the
        -- events in (partition, offset) order, which anyone holding the log can recompute.
        ALTER TABLE audit_trail ADD COLUMN log_partition INTEGER, ADD COLUMN log_offset BIGINT;
        CREATE INDEX audit_trail_log_position ON audit_trail (log_partition, log_offset);
        """,
    ),
]


_COLUMNS = (
    "event_id, subject, stream, stream_version, type, source, rule, classification, actor_role,"
    " actor_id, occurred_at, recorded_at, hash, prev_hash, correlation_id, causation_id,"
    " log_partition, log_offset"
)
COLUMNS = (*(name.strip() for name in _COLUMNS.split(",")), "log_sequence")
"""The columns :func:`audit_row` fills, in its order."""
_ARRAY_TYPES = (
    "uuid[], text[], text[], int[], text[], text[], text[], text[], text[], text[],"
    " timestamptz[], timestamptz[], text[], text[], text[], text[], int[], bigint[], bigint[]"
)


def log_sequence(position: LogPosition) -> int | None:
    """Where an event sits in the log, as one number that orders a case's events (a case's
    events all sit in one partition). It depends on the log alone, so a rebuild, however its
    partitions are shared out, gives the live values; above any value of the older serial
    numbering (``None``: no position known, the serial numbering goes on)."""
    if position.partition < 0:
        return None
    return ((position.partition + 1) << 40) + position.offset


class AuditTrailProjection:
    name = CONSUMER_NAME

    async def apply(self, conn: Connection, envelope: Envelope) -> None:
        await self.apply_batch(conn, [LogEvent(envelope, LogPosition(-1, -1))])

    async def apply_batch(self, conn: Connection, events: Sequence[LogEvent]) -> None:
        """One statement per batch; the first copy of an event read from the log is the one
        kept, with its position."""
        columns: list[list[Any]] = [[] for _ in COLUMNS]
        for event in events:
            for column, value in zip(
                columns, audit_row(event.envelope, event.position), strict=True
            ):
                column.append(value)
        placeholders = ", ".join(
            f"${n}::{t.strip()}" for n, t in enumerate(_ARRAY_TYPES.split(","), start=1)
        )
        await conn.execute(
            f"INSERT INTO audit_trail ({_COLUMNS}, log_sequence)"  # noqa: S608 - constants
            f" SELECT {_COLUMNS}, COALESCE(sequence,"
            " nextval(pg_get_serial_sequence('audit_trail', 'log_sequence')))"
            f" FROM unnest({placeholders})"
            f" WITH ORDINALITY AS batch({_COLUMNS}, sequence, n) ORDER BY n"
            " ON CONFLICT (event_id) DO NOTHING",
            *columns,
        )


def audit_row(e: EventView, at: LogPosition) -> tuple[Any, ...]:
    """The audit trail's row of an event (in :data:`COLUMNS` order): the live projection's and
    a rebuild's (``reporting.bulk``)."""
    return (
        e.id,
        e.subject,
        e.stream,
        e.streamversion,
        e.type,
        e.source,
        e.rule,
        e.classification.value,
        e.actorrole,
        e.actorid,
        e.occurredat,
        e.time,
        e.hash,
        e.prevhash,
        e.correlationid,
        e.causationid,
        at.partition if at.partition >= 0 else None,
        at.offset if at.offset >= 0 else None,
        log_sequence(at),
    )


class AuditTrail:
    """Reads of the audit trail (all its SQL lives here)."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def of_case(
        self,
        case_id: str,
        readable: frozenset[Classification],
        as_of: datetime | None,
        before: datetime | None = None,
    ) -> list[asyncpg.Record]:
        """The case's entries recorded up to ``as_of`` and dated (business time) before
        ``before`` (the end of the business date asked), in log order."""
        return await self._pool.fetch(
            "SELECT event_id, stream, stream_version, type, source, rule, classification,"
            " actor_role, actor_id, occurred_at, recorded_at, hash, prev_hash, correlation_id,"
            " causation_id FROM audit_trail"
            " WHERE subject = $1 AND classification = ANY($2::text[])"
            " AND ($3::timestamptz IS NULL OR recorded_at <= $3)"
            " AND ($4::timestamptz IS NULL OR occurred_at < $4)"
            " ORDER BY log_sequence",
            case_id,
            [c.value for c in readable],
            as_of,
            before,
        )

    async def readable_causes(
        self, causation_ids: Iterable[str | None], readable: frozenset[Classification]
    ) -> set[str]:
        """The causation ids a ``readable`` reader may be shown: :func:`readable_causes`."""
        return await readable_causes(self._pool, causation_ids, readable)


async def readable_causes(
    pool: asyncpg.Pool, causation_ids: Iterable[str | None], readable: frozenset[Classification]
) -> set[str]:
    """Of ``causation_ids``, those a ``readable`` reader may be shown. A policy's reaction names
    the event it reacts to, and a UUIDv7 carries its time: shown to a reader who may not read
    that event, it would tell that a hidden event exists, and when (ADR 0023). So a UUID is
    shown only when it names an event the reader may read (not one the audit trail has not read
    yet, nor no event at all); any other text (a reference the importer of a history gave) is
    as readable as the event that carries it."""
    shown: set[str] = set()
    as_events: dict[UUID, str] = {}
    for causation_id in {c for c in causation_ids if c is not None}:
        try:
            as_events[UUID(causation_id)] = causation_id
        except ValueError:
            shown.add(causation_id)
    if as_events:
        rows = await pool.fetch(
            "SELECT event_id FROM audit_trail"
            " WHERE event_id = ANY($1::uuid[]) AND classification = ANY($2::text[])",
            list(as_events),
            [c.value for c in readable],
        )
        shown.update(as_events[row["event_id"]] for row in rows)
    return shown
