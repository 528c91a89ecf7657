"""What referrals has registered, as this service needs it: one row of ``CaseFacts`` per case.

Fed from the log (docs/architecture.md §2: services never call each other). The same consumer runs
the two policies that react to the register, so the facts and the reactions commit in one
transaction with the consumer's position: a redelivered event changes nothing, a crash loses
nothing.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace

import asyncpg

from good_offices.domain.facts import CaseFacts, CaseStatus, Scenario
from noncoop_shared.catalogue import CATALOGUE
from noncoop_shared.catalogue import referrals as ev
from noncoop_shared.catalogue.common import CooperationArticle
from noncoop_shared.db import Connection
from noncoop_shared.envelope import Envelope

MIGRATIONS: list[tuple[int, str]] = [
    (
        1,
        """
        CREATE TABLE known_cases (
            case_id               TEXT PRIMARY KEY,
            scenario              TEXT NOT NULL,
            status                TEXT NOT NULL,
            requested_state_code  TEXT NOT NULL
        );
        """,
    ),
    (
        2,
        """
        ALTER TABLE known_cases
            ADD COLUMN court_request_article TEXT,
            ADD COLUMN opened_at             TIMESTAMPTZ,
            ADD COLUMN continued_at          TIMESTAMPTZ,
            ADD COLUMN procedure_ended_at    TIMESTAMPTZ,
            ADD COLUMN closed_at             TIMESTAMPTZ;
        """,
    ),
]


def facts_after(facts: CaseFacts | None, envelope: Envelope) -> CaseFacts | None:
    """The register's facts once ``envelope`` (any referrals event) is applied (pure). Each
    change keeps its business time (``occurredat``), so guards judge "as of" a command's."""
    payload = CATALOGUE.decode(envelope.type, envelope.data)
    at = envelope.occurredat
    match payload:
        case ev.CourtDecisionReceived():
            return _opened(envelope, payload, Scenario.COURT_REFERRAL, CaseStatus.OPEN)
        case ev.UrgentIncidentReported():
            return _opened(envelope, payload, Scenario.URGENT_INCIDENT, CaseStatus.OPEN)
        case ev.CourtFindingRecordedForInformation():
            return _opened(
                envelope, payload, Scenario.INFORMATION_ONLY, CaseStatus.INFORMATION_ONLY
            )
        case ev.CaseContinuedUnderCourtReferral() if facts is not None:
            return replace(
                facts, scenario=Scenario.URGENT_CONTINUED_UNDER_REFERRAL, continued_at=at
            )
        case ev.CourtDecisionReversed() | ev.CourtDecisionWithdrawn() if (
            facts is not None and payload.procedure_effect == "ends"
        ):
            return replace(facts, procedure_ended_at=at)
        case ev.CaseClosed() if facts is not None:
            return replace(facts, status=CaseStatus.CLOSED, closed_at=at)
        case _:
            return facts


def _opened(
    envelope: Envelope, payload: ev._CaseOpened, scenario: Scenario, status: CaseStatus
) -> CaseFacts:
    return CaseFacts(
        envelope.subject,
        scenario,
        status,
        payload.requested_state.code,
        court_request_article=payload.court_request.article,
        opened_at=envelope.occurredat,
    )


class KnownCases:
    """Reads of the ``known_cases`` table (all its SQL lives here)."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def facts(self, case_id: str, *, wait_seconds: float = 0.0) -> CaseFacts | None:
        """The facts of ``case_id``; waits (bounded) for a case referrals has just registered,
        since the log may be a moment behind the client's own write there."""
        deadline = asyncio.get_running_loop().time() + wait_seconds
        while True:
            async with self._pool.acquire() as conn:
                facts = await read_facts(conn, case_id)
            if facts is not None or asyncio.get_running_loop().time() >= deadline:
                return facts
            await asyncio.sleep(0.05)


async def read_facts(conn: Connection, case_id: str) -> CaseFacts | None:
    row = await conn.fetchrow(
        "SELECT case_id, scenario, status, requested_state_code, court_request_article,"
        " opened_at, continued_at, procedure_ended_at, closed_at"
        " FROM known_cases WHERE case_id = $1",
        case_id,
    )
    if row is None:
        return None
    article = row["court_request_article"]
    return CaseFacts(
        row["case_id"],
        Scenario(row["scenario"]),
        CaseStatus(row["status"]),
        row["requested_state_code"],
        court_request_article=CooperationArticle(article) if article else None,
        opened_at=row["opened_at"],
        continued_at=row["continued_at"],
        procedure_ended_at=row["procedure_ended_at"],
        closed_at=row["closed_at"],
    )


async def save_facts(conn: Connection, facts: CaseFacts) -> None:
    await conn.execute(
        "INSERT INTO known_cases (case_id, scenario, status, requested_state_code,"
        " court_request_article, opened_at, continued_at, procedure_ended_at, closed_at)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
        " ON CONFLICT (case_id) DO UPDATE SET"
        " scenario = EXCLUDED.scenario, status = EXCLUDED.status,"
        " requested_state_code = EXCLUDED.requested_state_code,"
        " court_request_article = EXCLUDED.court_request_article,"
        " opened_at = EXCLUDED.opened_at, continued_at = EXCLUDED.continued_at,"
        " procedure_ended_at = EXCLUDED.procedure_ended_at, closed_at = EXCLUDED.closed_at",
        facts.case_id,
        facts.scenario.value,
        facts.status.value,
        facts.requested_state_code,
        facts.court_request_article.value if facts.court_request_article else None,
        facts.opened_at,
        facts.continued_at,
        facts.procedure_ended_at,
        facts.closed_at,
    )
