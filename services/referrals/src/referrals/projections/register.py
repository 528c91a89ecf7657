"""The case register: one row per case and audience, projected from the log
(docs/architecture.md §6).

Each audience is a clearance level (public, states_parties, bureau, restricted); its row is the
fold of the events that level may read (``case_view``), so listing filters by classification with
a plain ``WHERE audience = $1`` and never shows a field its reader may not see.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import date

import asyncpg

from noncoop_shared.access import Classification
from noncoop_shared.catalogue.referrals import case_stream
from noncoop_shared.db import Connection
from noncoop_shared.envelope import Envelope
from referrals.projections.case_view import CaseView, evolve_view

CONSUMER_NAME = "referrals-case-register"

MIGRATIONS: list[tuple[int, str]] = [
    (
        1,
        """
        CREATE TABLE case_register (
            audience              TEXT NOT NULL,
            case_id               TEXT NOT NULL,
            requested_state_code  TEXT,
            requested_state_name  TEXT,
            scenario              TEXT,
            status                TEXT,
            opened_on             DATE,
            updated_at            TIMESTAMPTZ,
            version               INTEGER NOT NULL,
            view                  JSONB NOT NULL,
            PRIMARY KEY (audience, case_id)
        );
        CREATE INDEX case_register_state ON case_register (audience, requested_state_code);
        CREATE INDEX case_register_opened ON case_register (audience, opened_on);
        """,
    )
]


class CaseRegisterProjection:
    name = CONSUMER_NAME

    async def apply(self, conn: Connection, envelope: Envelope) -> None:
        if not envelope.stream.startswith("case:"):
            return
        for audience in Classification:
            if envelope.classification > audience:
                continue  # this audience may not read the event
            raw = await conn.fetchval(
                "SELECT view FROM case_register WHERE audience = $1 AND case_id = $2",
                audience.value,
                envelope.subject,
            )
            view = CaseView.model_validate_json(raw) if raw else CaseView(case_id=envelope.subject)
            view = evolve_view(view, envelope)
            await conn.execute(
                "INSERT INTO case_register (audience, case_id, requested_state_code,"
                " requested_state_name, scenario, status, opened_on, updated_at, version, view)"
                " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
                " ON CONFLICT (audience, case_id) DO UPDATE SET"
                " requested_state_code = EXCLUDED.requested_state_code,"
                " requested_state_name = EXCLUDED.requested_state_name,"
                " scenario = EXCLUDED.scenario, status = EXCLUDED.status,"
                " opened_on = EXCLUDED.opened_on, updated_at = EXCLUDED.updated_at,"
                " version = EXCLUDED.version, view = EXCLUDED.view",
                audience.value,
                view.case_id,
                view.requested_state.code if view.requested_state else None,
                view.requested_state.name if view.requested_state else None,
                view.scenario,
                view.status,
                view.opened_on,
                view.updated_at,
                view.version,
                view.model_dump_json(),
            )


@dataclass(frozen=True)
class RegisterFilter:
    state: str | None = None
    scenario: str | None = None
    status: str | None = None
    opened_from: date | None = None
    opened_to: date | None = None


class CaseRegister:
    """Queries on the register (all the SQL of the read side lives here)."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def list(
        self,
        audience: Classification,
        where: RegisterFilter,
        *,
        after: str | None,
        limit: int,
    ) -> list[asyncpg.Record]:
        # A case is listed once the audience can see how it was opened (scenario known).
        return await self._pool.fetch(
            "SELECT case_id, requested_state_code, requested_state_name, scenario, status,"
            " opened_on, updated_at, version FROM case_register"
            " WHERE audience = $1 AND scenario IS NOT NULL"
            " AND ($2::text IS NULL OR requested_state_code = $2)"
            " AND ($3::text IS NULL OR scenario = $3)"
            " AND ($4::text IS NULL OR status = $4)"
            " AND ($5::date IS NULL OR opened_on >= $5)"
            " AND ($6::date IS NULL OR opened_on <= $6)"
            " AND ($7::text IS NULL OR case_id > $7)"
            " ORDER BY case_id LIMIT $8",
            audience.value,
            where.state,
            where.scenario,
            where.status,
            where.opened_from,
            where.opened_to,
            after,
            limit,
        )

    async def has_caught_up(self, case_id: str, version: int, *, wait_seconds: float) -> bool:
        """Read-your-writes: wait (bounded) until the register has applied ``version``."""
        deadline = asyncio.get_running_loop().time() + wait_seconds
        while True:
            seen = await self._pool.fetchval(
                "SELECT version FROM consumer_streams WHERE consumer = $1 AND stream = $2",
                CONSUMER_NAME,
                case_stream(case_id),
            )
            if seen is not None and seen >= version:
                return True
            if asyncio.get_running_loop().time() >= deadline:
                return False
            await asyncio.sleep(0.05)
