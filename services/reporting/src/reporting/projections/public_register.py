"""The public register: what anyone may know of each case (DESIGN.md §6, §8).

Built from ``public`` events only, judged by each envelope's own classification (the deciding
code may raise an event above its catalogue default, e.g. closing a case known only as 7(b)),
never by the type. A case enters the register with its first public opening event:
- a Court decision referred to the Assembly (scenario ``7a``);
- a Court finding recorded for information (``information_only``);
- a 7(b) case continued under a Court referral, which the public meets there, as ``7a``: its
  informal 7(b) history is restricted and never read here. That event names no requested State
  and the 7(b) report that did is not public, so such a row has no ``requested_state_code``.
Any other public event of a case appends an entry (and may change the status); public events of
a case not in the register (or of a registry stream) are ignored.

Entries keep the type, rule, business time and the payload, read through the upcasters as the
newest version, less every personal-data field the catalogue marks (names of persons). Nothing
depends on the clock or on the order of partitions, so any two builds of one log are identical.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC
from typing import Any

import asyncpg

from noncoop_shared.access import Classification
from noncoop_shared.catalogue import (
    CATALOGUE,
    EventPayload,
    UnknownEventTypeError,
    meta_of,
    personal_data_paths,
)
from noncoop_shared.catalogue import referrals as ev
from noncoop_shared.consumer import PoisonEventError
from noncoop_shared.db import Connection
from noncoop_shared.envelope import Envelope
from noncoop_shared.service import ServiceRuntime
from noncoop_shared.store import apply_extra

CONSUMER_NAME = "reporting-public-register"
MIGRATION_NAME = "reporting.public_register"

MIGRATIONS: list[tuple[int, str]] = [
    (
        1,
        """
        CREATE TABLE public_register (
            case_id               TEXT PRIMARY KEY,
            requested_state_code  TEXT,
            scenario              TEXT NOT NULL,
            status                TEXT NOT NULL,
            opened_on             DATE NOT NULL,
            updated_at            TIMESTAMPTZ NOT NULL,
            entries               JSONB NOT NULL
        );
        CREATE INDEX public_register_listing ON public_register (opened_on, case_id);
        """,
    )
]


@dataclass(frozen=True)
class _Opening:
    requested_state_code: str | None
    scenario: str
    status: str


def _opening(payload: EventPayload) -> _Opening | None:
    """How a public event opens a case in the register (``None``: it opens nothing)."""
    match payload:
        case ev.CourtDecisionReceived():
            return _Opening(payload.requested_state.code, "7a", "open")
        case ev.CourtFindingRecordedForInformation():
            return _Opening(payload.requested_state.code, "information_only", "information_only")
        case ev.CaseContinuedUnderCourtReferral():
            return _Opening(None, "7a", "open")
        case _:
            return None


def _status_after(payload: EventPayload) -> str | None:
    return "closed" if isinstance(payload, ev.CaseClosed) else None


def public_entry(envelope: Envelope, payload: EventPayload) -> dict[str, Any]:
    """One register entry: type, rule, business time, and the payload less personal data."""
    data = payload.model_dump(mode="json")
    for path in personal_data_paths(type(payload)):
        _drop(data, path.split("."))
    return {
        "type": meta_of(payload).type,
        "rule": envelope.rule,
        "occurred_at": envelope.occurredat.astimezone(UTC).isoformat(),
        "payload": data,
    }


def _drop(value: Any, path: list[str]) -> None:
    """Remove the field at ``path`` (``name[]`` walks every item of a list) from ``value``."""
    if not isinstance(value, dict) or not path:
        return
    head, rest = path[0], path[1:]
    is_list = head.endswith("[]")
    key = head.removesuffix("[]")
    if key not in value:
        return
    if not rest:  # the field itself, or a whole list of personal strings
        del value[key]
    elif is_list and isinstance(value[key], list):
        for item in value[key]:
            _drop(item, rest)
    else:
        _drop(value[key], rest)


class PublicRegisterProjection:
    name = CONSUMER_NAME

    async def apply(self, conn: Connection, envelope: Envelope) -> None:
        if envelope.classification is not Classification.PUBLIC:
            return
        try:
            payload = CATALOGUE.decode(envelope.type, envelope.data)
        except (UnknownEventTypeError, ValueError) as error:
            raise PoisonEventError(f"{envelope.type}: {error}") from error
        entry = json.dumps([public_entry(envelope, payload)])
        at = envelope.occurredat
        opening = _opening(payload)
        if opening is not None:
            await conn.execute(
                "INSERT INTO public_register (case_id, requested_state_code, scenario, status,"
                " opened_on, updated_at, entries) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)"
                " ON CONFLICT (case_id) DO UPDATE SET"
                " requested_state_code = COALESCE(EXCLUDED.requested_state_code,"
                " public_register.requested_state_code),"
                " scenario = EXCLUDED.scenario, status = EXCLUDED.status,"
                " updated_at = GREATEST(public_register.updated_at, EXCLUDED.updated_at),"
                " entries = public_register.entries || EXCLUDED.entries",
                envelope.subject,
                opening.requested_state_code,
                opening.scenario,
                opening.status,
                at.astimezone(UTC).date(),
                at,
                entry,
            )
            return
        await conn.execute(
            "UPDATE public_register SET status = COALESCE($2, status),"
            " updated_at = GREATEST(updated_at, $3), entries = entries || $4::jsonb"
            " WHERE case_id = $1",
            envelope.subject,
            _status_after(payload),
            at,
            entry,
        )


async def install(core: ServiceRuntime) -> None:
    """Create the register's table and start projecting the log into it."""
    await apply_extra(core.pool, MIGRATION_NAME, MIGRATIONS)
    core.consume(PublicRegisterProjection())


class PublicRegister:
    """Reads of the public register (all its SQL lives here)."""

    _COLUMNS = "case_id, requested_state_code, scenario, status, opened_on, updated_at"

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def cases(
        self,
        *,
        state: str | None,
        scenario: str | None,
        status: str | None,
        limit: int,
        offset: int,
    ) -> list[asyncpg.Record]:
        return await self._pool.fetch(
            f"SELECT {self._COLUMNS} FROM public_register"  # noqa: S608 - a constant
            " WHERE ($1::text IS NULL OR requested_state_code = $1)"
            " AND ($2::text IS NULL OR scenario = $2) AND ($3::text IS NULL OR status = $3)"
            " ORDER BY opened_on, case_id LIMIT $4 OFFSET $5",
            state,
            scenario,
            status,
            limit,
            offset,
        )

    async def case(self, case_id: str) -> tuple[asyncpg.Record, list[dict[str, Any]]] | None:
        row = await self._pool.fetchrow(
            f"SELECT {self._COLUMNS}, entries::text AS entries"  # noqa: S608 - a constant
            " FROM public_register WHERE case_id = $1",
            case_id,
        )
        if row is None:
            return None
        return row, list(json.loads(row["entries"]))
