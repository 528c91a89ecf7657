"""Drafts and submitted reports, in the reporting database.

A report row keeps what the log cannot give back: the session it is for (as it stood when the
report was drafted, or submitted), the recommendations, and once submitted the ``as_of`` record
time, the log position the report was drawn at, the checkpoint sealed at that position and the
sha256 of both renderings. Everything else is rendered again from the case events below that
position (ADR 0011), so a submitted report reads the same, byte for byte, whenever it is asked
for, however late reporting's consumers were when it was submitted.

A report is drawn at the projections' position: per partition, the next offset that both the
audit trail (which the checkpoint is sealed from) and the case events (which the report is
rendered from) have reached. Each consumer writes its rows and its position in one transaction,
so every event below that position is in both tables, and none above it is read.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

import asyncpg

from noncoop_shared.calendar import CalendarSession, SessionKind
from noncoop_shared.db import Connection
from noncoop_shared.envelope import Envelope
from noncoop_shared.service import ServiceRuntime
from noncoop_shared.store import apply_extra
from reporting.domain.calendar import Session
from reporting.domain.report.content import REPORT_CLASSES
from reporting.projections import assembly_sessions, audit_trail, procedural_store

MIGRATIONS: list[tuple[int, str]] = [
    *assembly_sessions.MIGRATIONS,
    (
        2,
        """
        CREATE TABLE reports (
            report_id           UUID PRIMARY KEY,
            session_id          TEXT NOT NULL,
            session_starts_on   DATE NOT NULL,
            session_ends_on     DATE NOT NULL,
            session_venue       TEXT NOT NULL DEFAULT '',
            period_start        DATE,
            recommendations     TEXT NOT NULL,
            created_at          TIMESTAMPTZ NOT NULL,
            created_by          TEXT NOT NULL,
            as_of               TIMESTAMPTZ,
            submitted_at        TIMESTAMPTZ,
            submitted_by        TEXT,
            sha256_markdown     TEXT,
            sha256_html         TEXT
        );
        """,
    ),
    (
        3,
        """
        -- ADR 0011: a submitted report is frozen on a log position (partition -> next offset),
        -- sealed by a checkpoint at that position.
        ALTER TABLE reports ADD COLUMN log_position JSONB,
            ADD COLUMN checkpoint_id BIGINT, ADD COLUMN merkle_root TEXT;
        """,
    ),
    (
        4,
        """
        -- P15: the calendar a submitted report was judged on (its previous session, the
        -- session each decision is due at), frozen with it so it renders the same ever after.
        ALTER TABLE reports ADD COLUMN calendar JSONB;
        """,
    ),
    (
        5,
        """
        -- P15: the submission's business time (when the Bureau submitted it, given by the
        -- caller, e.g. a report of 2016 entered at go-live); the report's cut-off when earlier
        -- than the session's opening.
        ALTER TABLE reports ADD COLUMN submitted_occurred_at TIMESTAMPTZ;
        """,
    ),
]

DRAWN_FROM = (audit_trail.CONSUMER_NAME, procedural_store.CONSUMER_NAME)
"""The consumers whose rows a report is drawn from: the checkpoint's and the case events'."""

LogPositionMap = dict[str, int]
"""Partition (as text, as in a checkpoint) -> next offset; a partition not named: none of it."""


async def install(core: ServiceRuntime) -> None:
    """Create the calendar's and the reports' tables; project the calendar from the log."""
    # The name is stored with the schema: it keeps the package the migrations were born in.
    await apply_extra(core.pool, "reporting.reports", MIGRATIONS)
    core.consume(assembly_sessions.SessionsProjection())


@dataclass(frozen=True)
class Report:
    report_id: UUID
    session: Session
    period_start: date | None
    recommendations: str
    created_at: datetime
    created_by: str
    as_of: datetime | None
    submitted_at: datetime | None
    submitted_by: str | None
    sha256_markdown: str | None
    sha256_html: str | None
    log_position: LogPositionMap | None
    checkpoint_id: int | None
    merkle_root: str | None
    calendar: list[CalendarSession] | None = None
    """the calendar frozen at submission (``None`` for a draft: it reads the current one)"""
    submitted_occurred_at: datetime | None = None
    """the submission's business time (``None`` for a draft, and for reports submitted before
    it was kept: their record time, ``submitted_at``, is their business time too)"""

    @property
    def submitted(self) -> bool:
        return self.submitted_at is not None

    def report_session(self, calendar: list[CalendarSession]) -> CalendarSession:
        """The session the report is for: as the calendar holds it, else as the draft gave it."""
        held = next((s for s in calendar if s.session_id == self.session.session_id), None)
        return held or calendar_session(self.session)


def calendar_session(session: Session) -> CalendarSession:
    """A session of reporting's calendar projection as the shared calendar's type."""
    return session.as_calendar()


def calendar_to_json(calendar: list[CalendarSession]) -> str:
    return json.dumps(
        [
            {
                "session_id": s.session_id,
                "number": s.number,
                "kind": s.kind.value,
                "starts_on": s.starts_on.isoformat(),
                "ends_on": s.ends_on.isoformat(),
                "venue": s.venue,
                "takes_up_non_cooperation": s.takes_up_non_cooperation,
            }
            for s in calendar
        ],
        sort_keys=True,
    )


def calendar_from_json(text: str) -> list[CalendarSession]:
    return [
        CalendarSession(
            session_id=s["session_id"],
            number=s["number"],
            kind=SessionKind(s["kind"]),
            starts_on=date.fromisoformat(s["starts_on"]),
            ends_on=date.fromisoformat(s["ends_on"]),
            venue=s["venue"],
            takes_up_non_cooperation=s["takes_up_non_cooperation"],
        )
        for s in json.loads(text)
    ]


def _report(row: asyncpg.Record) -> Report:
    return Report(
        report_id=row["report_id"],
        session=Session(
            row["session_id"],
            row["session_starts_on"],
            row["session_ends_on"],
            row["session_venue"],
        ),
        period_start=row["period_start"],
        recommendations=row["recommendations"],
        created_at=row["created_at"],
        created_by=row["created_by"],
        as_of=row["as_of"],
        submitted_at=row["submitted_at"],
        submitted_by=row["submitted_by"],
        sha256_markdown=row["sha256_markdown"],
        sha256_html=row["sha256_html"],
        log_position=json.loads(row["log_position"]) if row["log_position"] else None,
        checkpoint_id=row["checkpoint_id"],
        merkle_root=row["merkle_root"],
        calendar=calendar_from_json(row["calendar"]) if row["calendar"] else None,
        submitted_occurred_at=row["submitted_occurred_at"],
    )


@dataclass(frozen=True)
class Submission:
    """What freezes a report: when, by whom, where in the log, the seal and the hashes."""

    as_of: datetime
    submitted_by: str
    log_position: LogPositionMap
    checkpoint_id: int
    merkle_root: str
    sha256_markdown: str
    sha256_html: str
    calendar: list[CalendarSession]
    occurred_at: datetime
    """the submission's business time"""


class Reports:
    """Reads and writes of reports, and the case envelopes they are rendered from."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def create(
        self,
        report_id: UUID,
        session: Session,
        period_start: date | None,
        recommendations: str,
        created_at: datetime,
        created_by: str,
        conn: Connection | None = None,
    ) -> Report:
        """A new draft, in the caller's transaction when ``conn`` is given."""
        row = await (conn or self._pool).fetchrow(
            "INSERT INTO reports (report_id, session_id, session_starts_on, session_ends_on,"
            " session_venue, period_start, recommendations, created_at, created_by)"
            " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *",
            report_id,
            session.session_id,
            session.starts_on,
            session.ends_on,
            session.venue,
            period_start,
            recommendations,
            created_at,
            created_by,
        )
        assert row is not None
        return _report(row)

    async def listed(
        self,
        *,
        session_id: str | None,
        submitted: bool | None,
        drafts_readable: bool,
        after: UUID | None,
        limit: int,
    ) -> list[Report]:
        """Reports newest first (by when they were drafted), of ``session_id`` when given,
        submitted or drafts only when ``submitted`` says so, drafts only when the reader may
        read them; the page after the report ``after``. A cursor the reader may not read (or
        that does not exist) starts nothing: an empty page, whether it exists or not."""
        rows = await self._pool.fetch(
            "SELECT * FROM reports r"
            " WHERE ($1::text IS NULL OR r.session_id = $1)"
            " AND ($2::boolean IS NULL OR (r.submitted_at IS NOT NULL) = $2)"
            " AND ($3 OR r.submitted_at IS NOT NULL)"
            " AND ($4::uuid IS NULL OR (r.created_at, r.report_id) <"
            " (SELECT c.created_at, c.report_id FROM reports c WHERE c.report_id = $4"
            " AND ($3 OR c.submitted_at IS NOT NULL)))"
            " ORDER BY r.created_at DESC, r.report_id DESC LIMIT $5",
            session_id,
            submitted,
            drafts_readable,
            after,
            limit,
        )
        return [_report(row) for row in rows]

    async def get(self, report_id: UUID) -> Report | None:
        row = await self._pool.fetchrow("SELECT * FROM reports WHERE report_id = $1", report_id)
        return None if row is None else _report(row)

    async def lock(self, conn: Connection, report_id: UUID) -> Report | None:
        """The report, its row locked until the caller's transaction ends."""
        row = await conn.fetchrow(
            "SELECT * FROM reports WHERE report_id = $1 FOR UPDATE", report_id
        )
        return None if row is None else _report(row)

    async def submit(
        self, conn: Connection, report_id: UUID, submission: Submission
    ) -> Report | None:
        """Freeze a draft; ``None`` when it was submitted already (by this call's rival)."""
        row = await conn.fetchrow(
            "UPDATE reports SET as_of = $2, submitted_at = $2, submitted_by = $3,"
            " sha256_markdown = $4, sha256_html = $5, log_position = $6::jsonb,"
            " checkpoint_id = $7, merkle_root = $8, calendar = $9::jsonb,"
            " submitted_occurred_at = $10"
            " WHERE report_id = $1 AND submitted_at IS NULL RETURNING *",
            report_id,
            submission.as_of,
            submission.submitted_by,
            submission.sha256_markdown,
            submission.sha256_html,
            json.dumps(submission.log_position, sort_keys=True),
            submission.checkpoint_id,
            submission.merkle_root,
            calendar_to_json(submission.calendar),
            submission.occurred_at,
        )
        return None if row is None else _report(row)


async def drawn_position(conn: Connection, topic: str) -> LogPositionMap:
    """Where a report drawn now stands: per partition, the lowest next offset of the consumers
    it is drawn from (a partition one of them never read is left out: none of it is read)."""
    rows = await conn.fetch(
        "SELECT partition, min(next_offset) AS next_offset FROM consumer_positions"
        " WHERE consumer = ANY($1::text[]) AND topic = $2"
        " GROUP BY partition HAVING count(*) = $3",
        list(DRAWN_FROM),
        topic,
        len(DRAWN_FROM),
    )
    return {str(row["partition"]): int(row["next_offset"]) for row in rows if row["next_offset"]}


async def case_envelopes(conn: Connection, position: LogPositionMap) -> list[Envelope]:
    """Every case envelope of the report's classes below ``position``, in (partition, offset)
    order: the same list whenever it is asked for, whatever arrived since."""
    partitions = [int(p) for p in position]
    rows = await conn.fetch(
        "SELECT c.envelope FROM case_events c"
        " JOIN audit_trail a ON a.event_id = c.event_id"
        " JOIN unnest($2::int[], $3::bigint[]) AS p(log_partition, next_offset)"
        " ON a.log_partition = p.log_partition AND a.log_offset < p.next_offset"
        " WHERE c.classification = ANY($1::text[])"
        " ORDER BY a.log_partition, a.log_offset",
        [c.value for c in REPORT_CLASSES],
        partitions,
        [position[str(p)] for p in partitions],
    )
    return [Envelope.model_validate_json(row["envelope"]) for row in rows]
