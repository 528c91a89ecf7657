"""Drafts and submitted reports, in the reporting database only (the log is not written).

A report row keeps what the log cannot give back: the session it is for (as it stood when the
report was drafted, or submitted), the recommendations, and once submitted the ``as_of`` record
time and the sha256 of both renderings. Everything else is rendered again from ``case_events``
up to ``as_of``, so a submitted report reads the same, byte for byte, whenever it is asked for.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

import asyncpg

from noncoop_shared.envelope import Envelope
from noncoop_shared.service import ServiceRuntime
from noncoop_shared.store import apply_extra
from reporting.reports import calendar_view
from reporting.reports.calendar_view import Session
from reporting.reports.content import REPORT_CLASSES

MIGRATIONS: list[tuple[int, str]] = [
    *calendar_view.MIGRATIONS,
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
]


async def install(core: ServiceRuntime) -> None:
    """Create the calendar's and the reports' tables; project the calendar from the log."""
    await apply_extra(core.pool, "reporting.reports", MIGRATIONS)
    core.consume(calendar_view.SessionsProjection())


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

    @property
    def submitted(self) -> bool:
        return self.submitted_at is not None


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
    )


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
    ) -> Report:
        row = await self._pool.fetchrow(
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

    async def get(self, report_id: UUID) -> Report | None:
        row = await self._pool.fetchrow("SELECT * FROM reports WHERE report_id = $1", report_id)
        return None if row is None else _report(row)

    async def submit(
        self,
        report_id: UUID,
        as_of: datetime,
        submitted_by: str,
        sha256_markdown: str,
        sha256_html: str,
    ) -> Report | None:
        """Freeze a draft; ``None`` when it was submitted already (by this call's rival)."""
        row = await self._pool.fetchrow(
            "UPDATE reports SET as_of = $2, submitted_at = $2, submitted_by = $3,"
            " sha256_markdown = $4, sha256_html = $5"
            " WHERE report_id = $1 AND submitted_at IS NULL RETURNING *",
            report_id,
            as_of,
            submitted_by,
            sha256_markdown,
            sha256_html,
        )
        return None if row is None else _report(row)

    async def case_envelopes(self, as_of: datetime) -> list[Envelope]:
        """Every case envelope of the report's classes recorded up to ``as_of``, in log order."""
        rows = await self._pool.fetch(
            "SELECT envelope FROM case_events"
            " WHERE classification = ANY($1::text[]) AND recorded_at <= $2"
            " ORDER BY log_sequence",
            [c.value for c in REPORT_CLASSES],
            as_of,
        )
        return [Envelope.model_validate_json(row["envelope"]) for row in rows]
