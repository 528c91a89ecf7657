"""The procedural state of every case, per audience, projected from the log.

Every envelope of a case (streams ``case:``, ``good-offices:``, ``formal-response:``) is kept in
``case_events``. An audience is a clearance level, so a reader's row never holds anything of a
class above it. Per (case, audience) the projection keeps the fold's facts
(``procedural_facts``: what the domain's ``step`` (``reporting.domain.procedural``) has gathered
from the envelopes that audience may read) and the state they give (``procedural_state``, one
JSON row). A batch of
events folds each new envelope into the facts of every audience that may read it, then derives
each touched case's state once per audience: O(1) per event, whatever the length of the case
(re-folding the whole case on every event made a rebuild quadratic). A case has a state row for
an audience once that audience can see how it was opened. "As of" reads fold the stored
envelopes recorded up to that time, so they need no extra history.

The stored state is judged on no date (a step not done is pending with its due instant), so
two builds of one log are identical. A read is judged on a business date ``on`` against the
calendar (``ProceduralStates.read``): from the stored facts when nothing in them is dated after
that date, else by folding the case's stored envelopes dated up to it; with ``as_of``, from
the envelopes recorded up to that record time.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any
from uuid import UUID

import asyncpg

from noncoop_shared.access import Classification
from noncoop_shared.bulk_read import EventView, as_envelope
from noncoop_shared.calendar import CalendarSession
from noncoop_shared.consumer import LogEvent, LogPosition
from noncoop_shared.db import Connection
from noncoop_shared.envelope import Envelope
from reporting.domain.procedural import (
    CaseFacts,
    ProceduralState,
    decode_payload,
    derive,
    end_of,
    facts_from_json,
    facts_to_json,
    fold,
    is_case_stream,
    state_to_json,
    step,
)
from reporting.domain.report.language import Lang
from reporting.projections.audit_trail import log_sequence

CONSUMER_NAME = "reporting-procedural-state"

MIGRATIONS: list[tuple[int, str]] = [
    (
        1,
        """
        CREATE TABLE case_events (
            event_id        UUID PRIMARY KEY,
            case_id         TEXT NOT NULL,
            log_sequence    BIGSERIAL,
            recorded_at     TIMESTAMPTZ NOT NULL,
            classification  TEXT NOT NULL,
            envelope        JSONB NOT NULL
        );
        CREATE INDEX case_events_case ON case_events (case_id, log_sequence);
        CREATE TABLE procedural_state (
            audience        TEXT NOT NULL,
            case_id         TEXT NOT NULL,
            scenario        TEXT NOT NULL,
            status          TEXT,
            next_due_at     TIMESTAMPTZ,
            events          INTEGER NOT NULL,
            state           JSONB NOT NULL,
            PRIMARY KEY (audience, case_id)
        );
        CREATE INDEX procedural_state_next_due ON procedural_state (audience, next_due_at);
        """,
    ),
    (
        2,
        """
        -- The fold's facts per (audience, case), so that an event is folded in O(1). A case
        -- projected before this table existed has no facts yet: its first new event folds
        -- them from case_events once (ProceduralStateProjection._facts).
        CREATE TABLE procedural_facts (
            audience        TEXT NOT NULL,
            case_id         TEXT NOT NULL,
            facts           BYTEA NOT NULL,
            PRIMARY KEY (audience, case_id)
        );
        """,
    ),
    (
        3,
        """
        -- Stored as the text the projection wrote and read back whole: nothing queries inside
        -- them, and JSONB's parse on every write was a large share of a rebuild.
        ALTER TABLE case_events ALTER COLUMN envelope TYPE TEXT USING envelope::text;
        ALTER TABLE procedural_state ALTER COLUMN state TYPE TEXT USING state::text;
        """,
    ),
    (
        4,
        """
        -- A state is about 3 kB, so PostgreSQL compresses it on every write; lz4 does that
        -- many times faster than the default pglz (where the server has it).
        DO $$ BEGIN
            ALTER TABLE procedural_state ALTER COLUMN state SET COMPRESSION lz4;
        EXCEPTION WHEN feature_not_supported THEN NULL;
        END $$;
        """,
    ),
    (
        5,
        """
        -- The facts now keep business times (the due session's date, each meeting, letter
        -- and travel change): facts stored before lack them. Without stored facts a case's
        -- next event folds them again from case_events (ProceduralStateProjection._facts).
        DELETE FROM procedural_facts;
        """,
    ),
]


def _readable_by(audience: Classification) -> list[str]:
    return [c.value for c in Classification if c <= audience]


async def _envelopes(
    conn: Connection | asyncpg.Pool,
    case_id: str,
    audience: Classification,
    as_of: datetime | None = None,
) -> list[Envelope]:
    rows = await conn.fetch(
        "SELECT envelope FROM case_events"
        " WHERE case_id = $1 AND classification = ANY($2::text[])"
        " AND ($3::timestamptz IS NULL OR recorded_at <= $3)"
        " ORDER BY log_sequence",
        case_id,
        _readable_by(audience),
        as_of,
    )
    return [Envelope.model_validate_json(row["envelope"]) for row in rows]


FACTS_OF_CASES = (
    "SELECT audience, case_id, facts FROM procedural_facts"
    " WHERE audience = ANY($1::text[]) AND case_id = ANY($2::text[])"
)
"""The facts of some cases, every audience. The audience leads the key: without it the key's
index is read whole, a cost that grows with every case ever projected (tested by its plan)."""


class ProceduralStateProjection:
    name = CONSUMER_NAME

    @staticmethod
    def wants(envelope: Envelope) -> bool:
        return is_case_stream(envelope.stream)

    async def apply(self, conn: Connection, envelope: Envelope) -> None:
        await self.apply_batch(conn, [LogEvent(envelope, LogPosition(-1, -1))])

    async def apply_batch(self, conn: Connection, events: Sequence[LogEvent]) -> None:
        events = [e for e in events if is_case_stream(e.envelope.stream)]
        if not events:
            return
        envelopes = [e.envelope for e in events]
        cases = list(dict.fromkeys(e.subject for e in envelopes))
        facts = await self._facts(conn, cases)
        fresh = await self._insert_case_events(conn, events)
        touched: dict[tuple[Classification, str], CaseFacts] = {}
        for envelope in envelopes:
            if envelope.id not in fresh:
                continue  # a second copy of an event changes nothing
            payload = decode_payload(envelope)
            for audience in Classification:
                if envelope.classification > audience:
                    continue  # this audience may not read the event
                key = (audience, envelope.subject)
                case_facts = facts.setdefault(key, CaseFacts(envelope.subject))
                step(case_facts, envelope, payload)
                touched[key] = case_facts
        await save(conn, touched)

    @staticmethod
    async def _facts(
        conn: Connection, cases: list[str]
    ) -> dict[tuple[Classification, str], CaseFacts]:
        """The stored facts of ``cases``, per audience; a case projected before the facts were
        kept has its facts folded once from ``case_events``."""
        facts = {
            (Classification(row["audience"]), row["case_id"]): facts_from_json(row["facts"])
            for row in await conn.fetch(
                FACTS_OF_CASES,
                [audience.value for audience in Classification],
                cases,
            )
        }
        without = [case for case in cases if not any((a, case) in facts for a in Classification)]
        if without:
            known = await conn.fetch(
                "SELECT DISTINCT case_id FROM case_events WHERE case_id = ANY($1::text[])",
                without,
            )
            for row in known:
                for audience in Classification:
                    case_facts = CaseFacts(row["case_id"])
                    for envelope in await _envelopes(conn, row["case_id"], audience):
                        step(case_facts, envelope)
                    facts[(audience, row["case_id"])] = case_facts
        return facts

    @staticmethod
    async def _insert_case_events(conn: Connection, events: list[LogEvent]) -> set[UUID]:
        """Insert the envelopes in log order; the ids of those not already there."""
        columns: list[list[Any]] = [[] for _ in CASE_EVENT_COLUMNS]
        for event in events:
            row = case_event_row(event.envelope, event.position, event.raw)
            for column, value in zip(columns, row, strict=True):
                column.append(value)
        rows = await conn.fetch(
            "INSERT INTO case_events"
            " (event_id, case_id, recorded_at, classification, envelope, log_sequence)"
            " SELECT event_id, case_id, recorded_at, classification, envelope,"
            " COALESCE(sequence, nextval(pg_get_serial_sequence('case_events', 'log_sequence')))"
            " FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::text[], $5::text[],"
            " $6::bigint[]) WITH ORDINALITY AS batch(event_id, case_id, recorded_at,"
            " classification, envelope, sequence, n)"
            " ORDER BY n ON CONFLICT (event_id) DO NOTHING RETURNING event_id",
            *columns,
        )
        return {row["event_id"] for row in rows}


async def save(conn: Connection, touched: dict[tuple[Classification, str], CaseFacts]) -> None:
    """Store the facts of each (audience, case) in ``touched`` and the state they give (a row
    once the audience can see how the case was opened). A rebuild saves the cases that came
    back after its bulk load wrote them through here too."""
    if not touched:
        return
    await conn.execute(
        "INSERT INTO procedural_facts (audience, case_id, facts)"
        " SELECT * FROM unnest($1::text[], $2::text[], $3::bytea[])"
        " ON CONFLICT (audience, case_id) DO UPDATE SET facts = EXCLUDED.facts",
        [audience.value for audience, _ in touched],
        [case for _, case in touched],
        [facts_to_json(f) for f in touched.values()],
    )
    # Audiences of one case often read the same events (no event of the classes between
    # them): their facts are equal, and the state is derived once for all of them.
    derived: list[tuple[CaseFacts, ProceduralState]] = []
    states: list[tuple[Classification, ProceduralState]] = []
    for (audience, _), case_facts in touched.items():
        state = next((s for f, s in derived if f == case_facts), None)
        if state is None:
            state = derive(case_facts)
            derived.append((case_facts, state))
        if state.scenario is not None:  # the audience cannot see how it was opened: no row
            states.append((audience, state))
        if len(derived) > 8:
            derived.clear()  # a few audiences of one case at a time, not the whole batch
    if not states:
        return
    rows = [state_row(audience, state, state_to_json(state)) for audience, state in states]
    await conn.execute(
        "INSERT INTO procedural_state"
        " (audience, case_id, scenario, status, next_due_at, events, state)"
        " SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[],"
        " $5::timestamptz[], $6::int[], $7::text[])"
        " ON CONFLICT (audience, case_id) DO UPDATE SET"
        " scenario = EXCLUDED.scenario, status = EXCLUDED.status,"
        " next_due_at = EXCLUDED.next_due_at, events = EXCLUDED.events,"
        " state = EXCLUDED.state",
        *(list(column) for column in zip(*rows, strict=True)),
    )


CASE_EVENT_COLUMNS = (
    "event_id",
    "case_id",
    "recorded_at",
    "classification",
    "envelope",
    "log_sequence",
)
STATE_COLUMNS = ("audience", "case_id", "scenario", "status", "next_due_at", "events", "state")


def case_event_row(envelope: EventView, position: LogPosition, raw: bytes) -> tuple[Any, ...]:
    """A ``case_events`` row (:data:`CASE_EVENT_COLUMNS`): the envelope as the log holds it,
    its record's bytes (``raw``; re-encoded canonically when there is no record, in tests)."""
    text = raw.decode("utf-8") if raw else as_envelope(envelope).to_bytes().decode("utf-8")
    return (
        envelope.id,
        envelope.subject,
        envelope.time,
        envelope.classification.value,
        text,
        log_sequence(position),
    )


def state_row(audience: Classification, state: ProceduralState, json: str) -> tuple[Any, ...]:
    """A ``procedural_state`` row (:data:`STATE_COLUMNS`); ``json``: the state's JSON."""
    return (
        audience.value,
        state.case_id,
        state.scenario,
        state.status,
        state.next_due.due_at if state.next_due else None,
        state.events,
        json,
    )


class ProceduralStates:
    """Reads of the procedural state (all its SQL lives here)."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def read(
        self,
        case_id: str,
        audience: Classification,
        *,
        on: date,
        as_of: datetime | None,
        sessions: Sequence[CalendarSession],
        lang: Lang = "en",
    ) -> ProceduralState | None:
        """The state on the business date ``on``, from what was recorded up to ``as_of`` (all
        when ``None``), its sentences in ``lang``; ``None`` when the audience cannot see how the
        case was opened by then."""
        state: ProceduralState | None = None
        if as_of is None:
            raw = await self._pool.fetchval(
                "SELECT facts FROM procedural_facts WHERE audience = $1 AND case_id = $2",
                audience.value,
                case_id,
            )
            facts = None if raw is None else facts_from_json(raw)
            if facts is not None and (
                facts.last_occurred_at is None or facts.last_occurred_at < end_of(on)
            ):
                state = derive(facts, on, sessions, lang)
        if state is None:
            envelopes = await _envelopes(self._pool, case_id, audience, as_of)
            state = fold(case_id, envelopes, on=on, sessions=sessions, lang=lang)
        return None if state.scenario is None else state
