"""The Assembly's sessions, projected from the Bureau's calendar events into the table
``assembly_sessions`` (the same events as the pure ``reporting.domain.calendar.fold_sessions``),
and the reads of it."""

from __future__ import annotations

import asyncpg

from noncoop_shared.catalogue import bureau as bu
from noncoop_shared.db import Connection
from noncoop_shared.envelope import Envelope
from reporting.domain.calendar import CALENDAR_TYPES, Session, decode_calendar_event

CONSUMER_NAME = "reporting-assembly-sessions"

MIGRATIONS: list[tuple[int, str]] = [
    (
        1,
        """
        CREATE TABLE assembly_sessions (
            session_id  TEXT PRIMARY KEY,
            number      INTEGER,
            kind        TEXT,
            starts_on   DATE NOT NULL,
            ends_on     DATE NOT NULL,
            venue       TEXT NOT NULL
        );
        """,
    ),
    # The reports' own steps (reports.store) share this migration name and number from 2
    # up: the calendar's later steps are numbered from 101 so the two never collide.
    (
        101,
        """
        -- A special session counts as "the next (or on-going) session" only where the Bureau
        -- marked it as taking up non-cooperation.
        ALTER TABLE assembly_sessions
            ADD COLUMN takes_up_non_cooperation BOOLEAN NOT NULL DEFAULT FALSE;
        """,
    ),
]


class SessionsProjection:
    name = CONSUMER_NAME

    @staticmethod
    def wants(envelope: Envelope) -> bool:
        return envelope.type in CALENDAR_TYPES

    async def apply(self, conn: Connection, envelope: Envelope) -> None:
        match decode_calendar_event(envelope):
            case bu.SessionScheduled() as p:
                await conn.execute(
                    "INSERT INTO assembly_sessions"
                    " (session_id, number, kind, starts_on, ends_on, venue,"
                    " takes_up_non_cooperation)"
                    " VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (session_id) DO NOTHING",
                    p.session_id,
                    p.number,
                    p.kind.value,
                    p.starts_on,
                    p.ends_on,
                    p.venue,
                    p.takes_up_non_cooperation,
                )
            case bu.SessionRescheduled() as p:
                await conn.execute(
                    "UPDATE assembly_sessions SET starts_on = $2, ends_on = $3, venue = $4"
                    " WHERE session_id = $1",
                    p.session_id,
                    p.starts_on,
                    p.ends_on,
                    p.venue,
                )
            case bu.SessionMarkedForNonCooperation() as p:
                await conn.execute(
                    "UPDATE assembly_sessions SET takes_up_non_cooperation = TRUE"
                    " WHERE session_id = $1",
                    p.session_id,
                )
            case _:
                pass


class Sessions:
    """Reads of the calendar (all its SQL lives here)."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def all(self) -> list[Session]:
        rows = await self._pool.fetch(
            "SELECT session_id, number, kind, starts_on, ends_on, venue, takes_up_non_cooperation"
            " FROM assembly_sessions ORDER BY starts_on, session_id"
        )
        return [
            Session(
                r["session_id"],
                r["starts_on"],
                r["ends_on"],
                r["venue"],
                r["number"],
                r["kind"],
                r["takes_up_non_cooperation"],
            )
            for r in rows
        ]
