"""What referrals has registered, as this service needs it: one row of ``CaseFacts`` per case.

Fed from the log (docs/architecture.md §2: services never call each other). The same consumer runs
the two policies that react to the register, so the facts and the reactions commit in one
transaction with the consumer's position: a redelivered event changes nothing, a crash loses
nothing.
"""

from __future__ import annotations

import asyncio

import asyncpg

from good_offices.domain.facts import CaseFacts, CaseStatus, Scenario
from noncoop_shared.catalogue import CATALOGUE
from noncoop_shared.catalogue import referrals as ev
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
    )
]


def facts_after(facts: CaseFacts | None, envelope: Envelope) -> CaseFacts | None:
    """The register's facts once ``envelope`` (any referrals event) is applied (pure)."""
    payload = CATALOGUE.decode(envelope.type, envelope.data)
    match payload:
        case ev.CourtDecisionReceived():
            return CaseFacts(
                envelope.subject,
                Scenario.COURT_REFERRAL,
                CaseStatus.OPEN,
                payload.requested_state.code,
            )
        case ev.UrgentIncidentReported():
            return CaseFacts(
                envelope.subject,
                Scenario.URGENT_INCIDENT,
                CaseStatus.OPEN,
                payload.requested_state.code,
            )
        case ev.CourtFindingRecordedForInformation():
            return CaseFacts(
                envelope.subject,
                Scenario.INFORMATION_ONLY,
                CaseStatus.INFORMATION_ONLY,
                payload.requested_state.code,
            )
        case ev.CaseContinuedUnderCourtReferral() if facts is not None:
            return CaseFacts(
                facts.case_id,
                Scenario.URGENT_CONTINUED_UNDER_REFERRAL,
                CaseStatus.OPEN,
                facts.requested_state_code,
            )
        case ev.CaseClosed() if facts is not None:
            return CaseFacts(
                facts.case_id, facts.scenario, CaseStatus.CLOSED, facts.requested_state_code
            )
        case _:
            return facts


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
        "SELECT case_id, scenario, status, requested_state_code FROM known_cases"
        " WHERE case_id = $1",
        case_id,
    )
    if row is None:
        return None
    return CaseFacts(
        row["case_id"],
        Scenario(row["scenario"]),
        CaseStatus(row["status"]),
        row["requested_state_code"],
    )


async def save_facts(conn: Connection, facts: CaseFacts) -> None:
    await conn.execute(
        "INSERT INTO known_cases (case_id, scenario, status, requested_state_code)"
        " VALUES ($1, $2, $3, $4) ON CONFLICT (case_id) DO UPDATE SET"
        " scenario = EXCLUDED.scenario, status = EXCLUDED.status,"
        " requested_state_code = EXCLUDED.requested_state_code",
        facts.case_id,
        facts.scenario.value,
        facts.status.value,
        facts.requested_state_code,
    )
