"""What referrals has registered, as the formal response needs it: one ``CaseFacts`` per case
whose Court decision was addressed to the Assembly (7(a), or 7(b) continued as 7(a)).

Fed from the log by the same consumer that runs the register's policies, in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import asyncpg

from bureau.domain.facts import CaseFacts, DecisionStatus
from noncoop_shared.catalogue import CATALOGUE
from noncoop_shared.catalogue import referrals as ev
from noncoop_shared.db import Connection
from noncoop_shared.envelope import Envelope

MIGRATIONS: list[tuple[int, str]] = [
    (
        1,
        """
        CREATE TABLE known_cases (
            case_id                       TEXT PRIMARY KEY,
            requested_state_code          TEXT NOT NULL,
            court_decision_reference      TEXT,
            referred_to_security_council  BOOLEAN NOT NULL DEFAULT FALSE,
            decision_status               TEXT NOT NULL DEFAULT 'in_force',
            closed                        BOOLEAN NOT NULL DEFAULT FALSE
        );
        """,
    )
]


@dataclass(frozen=True)
class KnownCase:
    """A row of ``known_cases``: a 7(b) case is known (its State) before any Court decision."""

    case_id: str
    requested_state_code: str
    court_decision_reference: str | None = None
    referred_to_security_council: bool = False
    decision_status: str = "in_force"
    closed: bool = False

    def facts(self) -> CaseFacts | None:
        """The facts the formal response reads, once a Court decision is known."""
        if self.court_decision_reference is None:
            return None
        return CaseFacts(
            case_id=self.case_id,
            court_decision_reference=self.court_decision_reference,
            referred_to_security_council=self.referred_to_security_council,
            requested_state_code=self.requested_state_code,
            decision_status=DecisionStatus(self.decision_status),
            closed=self.closed,
        )


def known_after(known: KnownCase | None, envelope: Envelope) -> KnownCase | None:
    """The row once ``envelope`` (any referrals event) is applied (pure)."""
    payload = CATALOGUE.decode(envelope.type, envelope.data)
    match payload:
        case ev.CourtDecisionReceived():
            return KnownCase(
                envelope.subject,
                payload.requested_state.code,
                payload.decision.reference,
                payload.decision.referred_to_security_council,
            )
        case ev.UrgentIncidentReported():
            return KnownCase(envelope.subject, payload.requested_state.code)
        case ev.CaseContinuedUnderCourtReferral() if known is not None:
            return replace(
                known,
                court_decision_reference=payload.decision.reference,
                referred_to_security_council=payload.decision.referred_to_security_council,
            )
        case ev.CourtDecisionAmended() if known is not None:
            referred = payload.referred_to_security_council
            return replace(
                known,
                decision_status="amended",
                referred_to_security_council=(
                    known.referred_to_security_council if referred is None else referred
                ),
            )
        case ev.CourtDecisionReversed() if known is not None:
            return replace(known, decision_status="reversed")
        case ev.CourtDecisionWithdrawn() if known is not None:
            return replace(known, decision_status="withdrawn")
        case ev.CaseClosed() if known is not None:
            return replace(known, closed=True)
        case _:
            return known


async def read_known(conn: Connection, case_id: str) -> KnownCase | None:
    row = await conn.fetchrow("SELECT * FROM known_cases WHERE case_id = $1", case_id)
    return KnownCase(**dict(row)) if row is not None else None


async def save_known(conn: Connection, known: KnownCase) -> None:
    await conn.execute(
        "INSERT INTO known_cases (case_id, requested_state_code, court_decision_reference,"
        " referred_to_security_council, decision_status, closed) VALUES ($1, $2, $3, $4, $5, $6)"
        " ON CONFLICT (case_id) DO UPDATE SET requested_state_code = EXCLUDED.requested_state_code,"
        " court_decision_reference = EXCLUDED.court_decision_reference,"
        " referred_to_security_council = EXCLUDED.referred_to_security_council,"
        " decision_status = EXCLUDED.decision_status, closed = EXCLUDED.closed",
        known.case_id,
        known.requested_state_code,
        known.court_decision_reference,
        known.referred_to_security_council,
        known.decision_status,
        known.closed,
    )


class KnownCases:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def facts(self, case_id: str) -> CaseFacts | None:
        async with self._pool.acquire() as conn:
            known = await read_known(conn, case_id)
        return known.facts() if known is not None else None
