"""The case register: one row per case and audience, projected from the log
(docs/architecture.md §6).

Each audience is a clearance level (public, states_parties, bureau, restricted); its row is the
fold of the events that level may read (``case_view``), so listing filters by classification with
a plain ``WHERE audience = $1`` and never shows a field its reader may not see.

Rule Time: the row is refolded, in business-time order, from the audience's facts of the case
(``case_register_facts``, one row per event), so a fact entered late lands where it happened.
The same facts answer a list ``as_of`` a record time and ``on`` a business date, through the
same fold as the single-case read.
"""

from __future__ import annotations

import asyncio
import builtins
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

import asyncpg

from noncoop_shared.access import Classification
from noncoop_shared.catalogue.referrals import case_stream
from noncoop_shared.consumer import LogEvent, LogPosition
from noncoop_shared.db import Connection
from noncoop_shared.envelope import Envelope
from referrals.projections.case_view import CaseView, end_of, fold_view

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
    ),
    (
        2,
        """
        CREATE TABLE case_register_facts (
            audience        TEXT NOT NULL,
            case_id         TEXT NOT NULL,
            stream_version  INTEGER NOT NULL,
            recorded_at     TIMESTAMPTZ NOT NULL,
            occurred_at     TIMESTAMPTZ NOT NULL,
            envelope        JSONB NOT NULL,
            PRIMARY KEY (audience, case_id, stream_version)
        );
        CREATE INDEX case_register_facts_times
            ON case_register_facts (audience, recorded_at, occurred_at);
        """,
    ),
]


FACTS_OF_CASES = (
    "SELECT audience, case_id, stream_version, envelope FROM case_register_facts"
    " WHERE audience = ANY($1::text[]) AND case_id = ANY($2::text[])"
)
"""The facts of some cases for some audiences. The audience leads the key: without it the key's
index is read whole, a cost that grows with every case ever registered (tested by its plan)."""


class CaseRegisterProjection:
    name = CONSUMER_NAME

    @staticmethod
    def wants(envelope: Envelope) -> bool:
        return envelope.stream.startswith("case:")

    async def apply(self, conn: Connection, envelope: Envelope) -> None:
        await self.apply_batch(conn, [LogEvent(envelope, LogPosition(-1, -1))])

    async def apply_batch(self, conn: Connection, events: Sequence[LogEvent]) -> None:
        """A batch in three statements: every audience's new facts, then the facts of each
        touched (audience, case), then one upsert of their refolded rows (the same rows as one
        event at a time: each row is the fold of all its facts)."""
        envelopes = [e.envelope for e in events if e.envelope.stream.startswith("case:")]
        if not envelopes:
            return
        facts: list[tuple[str, Envelope, str]] = []
        for envelope in envelopes:
            raw = envelope.model_dump_json()
            for audience in Classification:
                if envelope.classification <= audience:  # this audience may read the event
                    facts.append((audience.value, envelope, raw))
        await conn.execute(
            "INSERT INTO case_register_facts (audience, case_id, stream_version,"
            " recorded_at, occurred_at, envelope)"
            " SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::timestamptz[],"
            " $5::timestamptz[], $6::jsonb[]) ON CONFLICT DO NOTHING",
            [audience for audience, _, _ in facts],
            [e.subject for _, e, _ in facts],
            [e.streamversion for _, e, _ in facts],
            [e.time for _, e, _ in facts],
            [e.occurredat for _, e, _ in facts],
            [raw for _, _, raw in facts],
        )
        touched = {(audience, e.subject) for audience, e, _ in facts}
        rows = await conn.fetch(
            FACTS_OF_CASES,
            list({audience for audience, _ in touched}),
            list({case for _, case in touched}),
        )
        # Each event is stored once per audience that may read it: decoded once; this batch's
        # own events are not decoded at all (the rows read back are the ones just written).
        decoded: dict[tuple[str, int], Envelope] = {
            (e.subject, e.streamversion): e for e in envelopes
        }
        by_row: dict[tuple[str, str], builtins.list[Envelope]] = {}
        for row in rows:
            key = (row["audience"], row["case_id"])
            if key not in touched:
                continue
            fact = (row["case_id"], row["stream_version"])
            known = decoded.get(fact)
            if known is None:
                known = decoded[fact] = _envelope(row["envelope"])
            by_row.setdefault(key, []).append(known)
        # Audiences that may read the same events of a case get the same view: folded (and
        # written as JSON) once. Most events are public, so a case's four rows were four folds.
        folded: dict[tuple[str, tuple[int, ...]], tuple[CaseView, str]] = {}
        views: builtins.list[tuple[str, CaseView, str]] = []
        for reader, case in sorted(touched):
            readable = by_row.get((reader, case), [])
            seen = (case, tuple(sorted(e.streamversion for e in readable)))
            if seen not in folded:
                view = fold_view(case, _numbered(readable))
                folded[seen] = (view, view.model_dump_json())
            views.append((reader, *folded[seen]))
        columns = [_columns(view) for _, view, _ in views]
        await conn.execute(
            "INSERT INTO case_register (audience, case_id, requested_state_code,"
            " requested_state_name, scenario, status, opened_on, updated_at, version, view)"
            " SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[],"
            " $6::text[], $7::date[], $8::timestamptz[], $9::int[], $10::jsonb[])"
            " ON CONFLICT (audience, case_id) DO UPDATE SET"
            " requested_state_code = EXCLUDED.requested_state_code,"
            " requested_state_name = EXCLUDED.requested_state_name,"
            " scenario = EXCLUDED.scenario, status = EXCLUDED.status,"
            " opened_on = EXCLUDED.opened_on, updated_at = EXCLUDED.updated_at,"
            " version = EXCLUDED.version, view = EXCLUDED.view",
            [audience for audience, _, _ in views],
            [view.case_id for _, view, _ in views],
            *([c[i] for c in columns] for i in range(7)),
            [json_text for _, _, json_text in views],
        )


def _numbered(envelopes: builtins.list[Envelope]) -> builtins.list[Envelope]:
    """An audience's facts numbered 1, 2, 3 in stream order: its ``version`` counts what it may
    read, so no gap tells it that hidden events exist (docs/adr/0023-refusals-never-disclose.md).
    An audience that sees every event of the stream gets the stream's own versions."""
    ordered = sorted(envelopes, key=lambda e: e.streamversion)
    return [e.model_copy(update={"streamversion": n}) for n, e in enumerate(ordered, start=1)]


def _envelope(raw: str | dict[str, object]) -> Envelope:
    return Envelope.model_validate_json(raw if isinstance(raw, str) else json.dumps(raw))


def _columns(view: CaseView) -> tuple[object, ...]:
    state = view.requested_state
    return (
        state.code if state else None,
        state.name if state else None,
        view.scenario,
        view.status,
        view.opened_on,
        view.updated_at,
        view.version,
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

    async def list_at(
        self,
        audience: Classification,
        where: RegisterFilter,
        *,
        as_of: datetime | None,
        on: date | None,
        after: str | None,
        limit: int,
    ) -> builtins.list[CaseView]:
        """The register as recorded by ``as_of`` (record time) and as it stood ``on`` a
        business date: each case refolded from its facts known then and dated by the end of
        that day; a case opened after ``on`` is not listed (rule Time)."""
        until = end_of(on) if on is not None else None
        rows = await self._pool.fetch(
            "SELECT case_id, envelope FROM case_register_facts"
            " WHERE audience = $1 AND ($2::timestamptz IS NULL OR recorded_at <= $2)"
            " AND ($3::timestamptz IS NULL OR occurred_at < $3)"
            " AND ($4::text IS NULL OR case_id > $4)"
            " ORDER BY case_id, stream_version",
            audience.value,
            as_of,
            until,
            after,
        )
        by_case: dict[str, list[Envelope]] = {}
        for row in rows:
            by_case.setdefault(row["case_id"], []).append(_envelope(row["envelope"]))
        views: builtins.list[CaseView] = []
        for case_id, envelopes in by_case.items():
            view = fold_view(case_id, _numbered(envelopes), until=until)
            if view.scenario is not None and _matches(view, where):
                views.append(view)
                if len(views) == limit:
                    break
        return views

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


def _matches(view: CaseView, where: RegisterFilter) -> bool:
    state = view.requested_state
    opened = view.opened_on
    return (
        (where.state is None or (state is not None and state.code == where.state))
        and (where.scenario is None or view.scenario == where.scenario)
        and (where.status is None or view.status == where.status)
        and (where.opened_from is None or (opened is not None and opened >= where.opened_from))
        and (where.opened_to is None or (opened is not None and opened <= where.opened_to))
    )
