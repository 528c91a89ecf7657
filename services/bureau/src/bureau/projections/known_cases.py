"""What referrals has registered, as the formal response needs it: one ``CaseFacts`` per case
whose Court decision was addressed to the Assembly (7(a), or 7(b) continued as 7(a)).

Each change after the Court decision (amendment, reversal, withdrawal, closure, continuation)
is kept with its business time (the envelope's ``occurred_at``), so a guard asks where the case
stood at the command's business time (``CaseFacts.as_of``), not where it stands now.

Fed from the log by the same consumer that runs the register's policies, in one transaction.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

import asyncpg

from bureau.domain.facts import CaseChange, CaseFacts, ChangeKind
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
    ),
    (
        2,
        """
        ALTER TABLE known_cases
            ADD COLUMN decision_date DATE,
            ADD COLUMN changes JSONB NOT NULL DEFAULT '[]'::jsonb;
        """,
    ),
]


@dataclass(frozen=True)
class KnownCase:
    """A row of ``known_cases``: a 7(b) case is known (its State) before any Court decision.
    ``referred_to_security_council`` is the Court decision's own (as received, or as continued
    from 7(b)); ``changes`` are the changes after it, each with its business time and the id of
    the event that recorded it (a redelivered event is not applied twice). ``decision_status``
    and ``closed`` follow the latest change, for a person reading the table."""

    case_id: str
    requested_state_code: str
    court_decision_reference: str | None = None
    referred_to_security_council: bool = False
    decision_status: str = "in_force"
    closed: bool = False
    decision_date: date | None = None
    changes: tuple[dict[str, Any], ...] = field(default_factory=tuple)

    def facts(self) -> CaseFacts | None:
        """The facts the formal response reads, once a Court decision is known."""
        if self.court_decision_reference is None:
            return None
        facts = CaseFacts(
            case_id=self.case_id,
            court_decision_reference=self.court_decision_reference,
            referred_to_security_council=self.referred_to_security_council,
            requested_state_code=self.requested_state_code,
            decision_date=self.decision_date,
        )
        for change in self.changes:
            facts = facts.with_change(
                CaseChange(
                    kind=ChangeKind(change["kind"]),
                    at=datetime.fromisoformat(change["at"]),
                    referred_to_security_council=change.get("referred_to_security_council"),
                )
            )
        return facts


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
                decision_date=payload.decision.date,
            )
        case ev.UrgentIncidentReported():
            return KnownCase(envelope.subject, payload.requested_state.code)
        case ev.CaseContinuedUnderCourtReferral() if known is not None:
            continued = replace(
                known,
                court_decision_reference=payload.decision.reference,
                referred_to_security_council=payload.decision.referred_to_security_council,
                decision_date=payload.decision.date,
            )
            return _changed(continued, envelope, ChangeKind.CONTINUED)
        case ev.CourtDecisionAmended() if known is not None:
            return _changed(
                known, envelope, ChangeKind.AMENDED, payload.referred_to_security_council
            )
        case ev.CourtDecisionReversed() if known is not None:
            return _changed(known, envelope, ChangeKind.REVERSED)
        case ev.CourtDecisionWithdrawn() if known is not None:
            return _changed(known, envelope, ChangeKind.WITHDRAWN)
        case ev.CaseClosed() if known is not None:
            return _changed(known, envelope, ChangeKind.CLOSED)
        case _:
            return known


def _changed(
    known: KnownCase, envelope: Envelope, kind: ChangeKind, referred: bool | None = None
) -> KnownCase:
    """``known`` with one more change at the envelope's business time; the flat columns follow
    the latest state (what a reader without a business time sees)."""
    event_id = str(envelope.id)
    if any(change.get("event_id") == event_id for change in known.changes):
        return known
    change: dict[str, Any] = {
        "kind": kind.value,
        "at": envelope.occurredat.isoformat(),
        "event_id": event_id,
    }
    if referred is not None:
        change["referred_to_security_council"] = referred
    recorded = replace(known, changes=(*known.changes, change))
    facts = recorded.facts()
    if facts is None:  # a change on a case the Court has not referred: keep it for later
        return recorded
    return replace(recorded, decision_status=facts.decision_status.value, closed=facts.closed)


async def read_known(conn: Connection, case_id: str) -> KnownCase | None:
    row = await conn.fetchrow("SELECT * FROM known_cases WHERE case_id = $1", case_id)
    if row is None:
        return None
    columns = dict(row)
    columns["changes"] = tuple(json.loads(columns["changes"]))
    return KnownCase(**columns)


async def save_known(conn: Connection, known: KnownCase) -> None:
    await conn.execute(
        "INSERT INTO known_cases (case_id, requested_state_code, court_decision_reference,"
        " referred_to_security_council, decision_status, closed, decision_date, changes)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)"
        " ON CONFLICT (case_id) DO UPDATE SET requested_state_code = EXCLUDED.requested_state_code,"
        " court_decision_reference = EXCLUDED.court_decision_reference,"
        " referred_to_security_council = EXCLUDED.referred_to_security_council,"
        " decision_status = EXCLUDED.decision_status, closed = EXCLUDED.closed,"
        " decision_date = EXCLUDED.decision_date, changes = EXCLUDED.changes",
        known.case_id,
        known.requested_state_code,
        known.court_decision_reference,
        known.referred_to_security_council,
        known.decision_status,
        known.closed,
        known.decision_date,
        json.dumps(list(known.changes)),
    )


class KnownCases:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def facts(self, case_id: str) -> CaseFacts | None:
        async with self._pool.acquire() as conn:
            known = await read_known(conn, case_id)
        return known.facts() if known is not None else None
