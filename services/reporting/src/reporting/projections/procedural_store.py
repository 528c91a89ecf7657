"""The procedural state of every case, per audience, projected from the log (DESIGN.md §6).

Every envelope of a case (streams ``case:``, ``good-offices:``, ``formal-response:``) is kept in
``case_events``; on each one, the state of every audience that may read it is folded again from
the envelopes that audience may read (``procedural_state.fold``) and stored as one JSON row per
(case, audience). An audience is a clearance level, so a reader's row never holds anything of a
class above it. A case has a row for an audience once that audience can see how it was opened.
"As of" reads fold the stored envelopes recorded up to that time, so they need no extra history.

Overdue is what the log records (the deadline schedulers' records are ``bureau`` or above for
P13, so a lower audience is not told of it by the clock either); ``procedural_state.evaluate``
gives the clock's view where a caller wants it.
"""

from __future__ import annotations

from datetime import datetime

import asyncpg

from noncoop_shared.access import Classification
from noncoop_shared.db import Connection
from noncoop_shared.envelope import Envelope
from reporting.projections.procedural_state import (
    ProceduralState,
    fold,
    is_case_stream,
)

CONSUMER_NAME = "reporting-procedural-state"

MIGRATIONS: list[tuple[int, str]] = [
    (
        1,
        """
        CREATE TABLE case_events (
            event_id        UUID PRIMARY KEY,
            case_id         TEXT NOT NULL,
            log_sequence    BIGSERIAL,
            recorded_at     TIMESTAMPTZ NOT NULL,
            classification  TEXT NOT NULL,
            envelope        JSONB NOT NULL
        );
        CREATE INDEX case_events_case ON case_events (case_id, log_sequence);
        CREATE TABLE procedural_state (
            audience        TEXT NOT NULL,
            case_id         TEXT NOT NULL,
            scenario        TEXT NOT NULL,
            status          TEXT,
            next_due_at     TIMESTAMPTZ,
            events          INTEGER NOT NULL,
            state           JSONB NOT NULL,
            PRIMARY KEY (audience, case_id)
        );
        CREATE INDEX procedural_state_next_due ON procedural_state (audience, next_due_at);
        """,
    )
]


def _readable_by(audience: Classification) -> list[str]:
    return [c.value for c in Classification if c <= audience]


async def _envelopes(
    conn: Connection | asyncpg.Pool,
    case_id: str,
    audience: Classification,
    as_of: datetime | None = None,
) -> list[Envelope]:
    rows = await conn.fetch(
        "SELECT envelope FROM case_events"
        " WHERE case_id = $1 AND classification = ANY($2::text[])"
        " AND ($3::timestamptz IS NULL OR recorded_at <= $3)"
        " ORDER BY log_sequence",
        case_id,
        _readable_by(audience),
        as_of,
    )
    return [Envelope.model_validate_json(row["envelope"]) for row in rows]


class ProceduralStateProjection:
    name = CONSUMER_NAME

    async def apply(self, conn: Connection, envelope: Envelope) -> None:
        if not is_case_stream(envelope.stream):
            return
        inserted = await conn.fetchval(
            "INSERT INTO case_events (event_id, case_id, recorded_at, classification, envelope)"
            " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (event_id) DO NOTHING RETURNING event_id",
            envelope.id,
            envelope.subject,
            envelope.time,
            envelope.classification.value,
            envelope.model_dump_json(),
        )
        if inserted is None:
            return  # a second copy of an event changes nothing
        for audience in Classification:
            if envelope.classification > audience:
                continue  # this audience may not read the event
            state = fold(envelope.subject, await _envelopes(conn, envelope.subject, audience))
            if state.scenario is None:
                continue  # the audience cannot see how the case was opened: no row
            await conn.execute(
                "INSERT INTO procedural_state"
                " (audience, case_id, scenario, status, next_due_at, events, state)"
                " VALUES ($1, $2, $3, $4, $5, $6, $7)"
                " ON CONFLICT (audience, case_id) DO UPDATE SET"
                " scenario = EXCLUDED.scenario, status = EXCLUDED.status,"
                " next_due_at = EXCLUDED.next_due_at, events = EXCLUDED.events,"
                " state = EXCLUDED.state",
                audience.value,
                state.case_id,
                state.scenario,
                state.status,
                state.next_due.due_at if state.next_due else None,
                state.events,
                state.model_dump_json(),
            )


class ProceduralStates:
    """Reads of the procedural state (all its SQL lives here)."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def current(self, case_id: str, audience: Classification) -> ProceduralState | None:
        """The stored state, as the log left it."""
        raw = await self._pool.fetchval(
            "SELECT state FROM procedural_state WHERE audience = $1 AND case_id = $2",
            audience.value,
            case_id,
        )
        return None if raw is None else ProceduralState.model_validate_json(raw)

    async def as_of(
        self, case_id: str, audience: Classification, at: datetime
    ) -> ProceduralState | None:
        """The state from the envelopes recorded up to ``at``: what ``current`` said then."""
        state = fold(case_id, await _envelopes(self._pool, case_id, audience, at))
        return None if state.scenario is None else state
