"""The public register: what anyone may know of each case.

Built from ``public`` events only, judged by each envelope's own classification (the deciding
code may raise an event above its catalogue default, e.g. closing a case known only as 7(b)),
never by the type. A case enters the register with its first public opening event:
- a Court decision referred to the Assembly (scenario ``7a``);
- a Court finding recorded for information (``information_only``; S8 included);
- a Court decision informing the Assembly or the Security Council (``court_information``,
  S-info);
- a 7(b) case continued under a Court referral, which the public meets there, as ``7a``: its
  informal 7(b) history is restricted and never read here. The requested State is named on
  that event since it carries it (older events do not: such a row has no
  ``requested_state_code``).
Any other public event of a case appends an entry (and may change the status); public events of
a case not in the register (or of a registry stream) are ignored.

Entries keep the type, rule, business time, record time and the payload, read through the
upcasters as the newest version, less every personal-data field the catalogue marks (names of
persons). Nothing depends on the clock or on the order of partitions, so any two builds of one
log are identical.

Reads take ``on`` (a business date: the entries dated up to its end) and ``as_of`` (a record
time: the entries recorded by then); a row is then recomputed from the entries kept, by the same
``_opening`` and ``_status_after`` the projection uses. Entries written before the record time
was kept have none and count as known at any ``as_of``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import asyncpg
import msgspec

from noncoop_shared.access import Classification
from noncoop_shared.bulk_read import EventView
from noncoop_shared.catalogue import (
    CATALOGUE,
    EventPayload,
    UnknownEventTypeError,
    meta_of,
    personal_data_paths,
)
from noncoop_shared.catalogue import referrals as ev
from noncoop_shared.consumer import LogEvent, LogPosition, PoisonEventError
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
    ),
    (
        2,
        """
        -- The entries outgrow 2 kB, so PostgreSQL compresses them on every write; lz4 does
        -- that many times faster than the default pglz (where the server has it).
        DO $$ BEGIN
            ALTER TABLE public_register ALTER COLUMN entries SET COMPRESSION lz4;
        EXCEPTION WHEN feature_not_supported THEN NULL;
        END $$;
        """,
    ),
]


@dataclass(frozen=True)
class _Opening:
    requested_state_code: str | None
    scenario: str
    status: str


_OPENINGS: dict[str, tuple[str, str]] = {
    meta_of(ev.CourtDecisionReceived).base_type: ("7a", "open"),
    meta_of(ev.CourtFindingRecordedForInformation).base_type: (
        "information_only",
        "information_only",
    ),
    # The public meets a 7(b) case continued as 7(a) here, as a 7(a) case.
    meta_of(ev.CaseContinuedUnderCourtReferral).base_type: ("7a", "open"),
    # S-info: a Court decision informing the Assembly and/or the Security Council.
    meta_of(ev.CourtInformationRecorded).base_type: ("court_information", "information_only"),
}
_CLOSED = meta_of(ev.CaseClosed).base_type


def _base_type(entry: dict[str, Any]) -> str:
    return str(entry["type"]).rsplit(".", 1)[0]


def _opening(entry: dict[str, Any]) -> _Opening | None:
    """How a public entry opens a case in the register (``None``: it opens nothing)."""
    opening = _OPENINGS.get(_base_type(entry))
    if opening is None:
        return None
    data = entry["payload"]
    requested = data.get("requested_state") or data.get("state_concerned") or {}
    return _Opening(requested.get("code"), *opening)


def _status_after(entry: dict[str, Any]) -> str | None:
    return "closed" if _base_type(entry) == _CLOSED else None


def public_entry(envelope: EventView, payload: EventPayload) -> dict[str, Any]:
    """One register entry: type, rule, business and record time, and the payload less personal
    data."""
    data = payload.model_dump(mode="json")
    for path in _personal_paths(type(payload)):
        _drop(data, path)
    return {
        "type": meta_of(payload).type,
        "rule": envelope.rule,
        "occurred_at": envelope.occurredat.astimezone(UTC).isoformat(),
        "recorded_at": envelope.time.astimezone(UTC).isoformat(),
        "payload": data,
    }


_PERSONAL_PATHS: dict[type[EventPayload], list[list[str]]] = {}


def _personal_paths(kind: type[EventPayload]) -> list[list[str]]:
    """``personal_data_paths`` split, once per payload type (it walks the model's fields)."""
    paths = _PERSONAL_PATHS.get(kind)
    if paths is None:
        paths = _PERSONAL_PATHS[kind] = [p.split(".") for p in personal_data_paths(kind)]
    return paths


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


@dataclass
class RegisterRow:
    """A register row as a batch leaves it (``entries``: only those the batch adds)."""

    requested_state_code: str | None
    scenario: str
    status: str
    opened_on: date
    updated_at: datetime
    entries: list[dict[str, Any]]


class PublicRegisterProjection:
    name = CONSUMER_NAME

    @staticmethod
    def wants(envelope: EventView) -> bool:
        return envelope.classification is Classification.PUBLIC

    async def apply(self, conn: Connection, envelope: Envelope) -> None:
        await self.apply_batch(conn, [LogEvent(envelope, LogPosition(-1, -1))])

    async def apply_batch(self, conn: Connection, events: Sequence[LogEvent]) -> None:
        """The batch's public events, folded per case in log order, then one upsert: the same
        rows as one event at a time (an opening event creates or resets the row, any other
        event of a registered case appends an entry and may close it)."""
        public = [
            (e.envelope, decode_public(e.envelope))
            for e in events
            if e.envelope.classification is Classification.PUBLIC
        ]
        if not public:
            return
        rows = await _stored_rows(conn, list({envelope.subject for envelope, _ in public}))
        changed: dict[str, RegisterRow] = {}
        for envelope, payload in public:
            row = advance(rows.get(envelope.subject), envelope, payload)
            if row is not None:
                rows[envelope.subject] = changed[envelope.subject] = row
        if not changed:
            return  # public events of cases the register does not hold
        rows_out = [register_row(case_id, row) for case_id, row in changed.items()]
        await conn.execute(UPSERT, *(list(column) for column in zip(*rows_out, strict=True)))


async def _stored_rows(conn: Connection, cases: list[str]) -> dict[str, RegisterRow]:
    """The register's rows of ``cases`` (without their entries: a batch appends to them)."""
    return {
        r["case_id"]: RegisterRow(
            r["requested_state_code"],
            r["scenario"],
            r["status"],
            r["opened_on"],
            r["updated_at"],
            [],
        )
        for r in await conn.fetch(
            "SELECT case_id, requested_state_code, scenario, status, opened_on, updated_at"
            " FROM public_register WHERE case_id = ANY($1::text[])",
            cases,
        )
    }


COLUMNS = (
    "case_id",
    "requested_state_code",
    "scenario",
    "status",
    "opened_on",
    "updated_at",
    "entries",
)
UPSERT = (
    "INSERT INTO public_register (case_id, requested_state_code, scenario, status,"
    " opened_on, updated_at, entries)"
    " SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::date[],"
    " $6::timestamptz[], $7::jsonb[])"
    " ON CONFLICT (case_id) DO UPDATE SET"
    " requested_state_code = EXCLUDED.requested_state_code,"
    " scenario = EXCLUDED.scenario, status = EXCLUDED.status,"
    " updated_at = EXCLUDED.updated_at,"
    " entries = public_register.entries || EXCLUDED.entries"
)
"""Rows (:func:`register_row`, as arrays) in: a new case's row, or a held case's new values
and entries appended to its own."""


_ENTRIES = msgspec.json.Encoder()


def register_row(case_id: str, row: RegisterRow) -> tuple[Any, ...]:
    """A row as :data:`COLUMNS` has it (``entries`` as JSON text)."""
    return (
        case_id,
        row.requested_state_code,
        row.scenario,
        row.status,
        row.opened_on,
        row.updated_at,
        # msgspec, not json.dumps: ten times faster, and PostgreSQL keeps the same JSONB.
        _ENTRIES.encode(row.entries).decode("utf-8"),
    )


def advance(
    row: RegisterRow | None, envelope: EventView, payload: EventPayload
) -> RegisterRow | None:
    """A case's row after one more public event (``row``: as it stood, ``None`` when the
    register does not hold the case yet); ``None`` when the event leaves the register as it
    was. The live projection and a rebuild's bulk fold both go through here."""
    at = envelope.occurredat
    entry = public_entry(envelope, payload)
    opening = _opening(entry)
    if opening is not None:
        if row is None:
            row = RegisterRow(None, "", "", at.astimezone(UTC).date(), at, [])
        row.requested_state_code = opening.requested_state_code or row.requested_state_code
        row.scenario, row.status = opening.scenario, opening.status
    elif row is None:
        return None  # a public event of a case the register does not hold
    else:
        row.status = _status_after(entry) or row.status
    row.updated_at = max(row.updated_at, at)
    row.entries.append(entry)
    return row


def decode_public(envelope: EventView) -> EventPayload:
    """The payload as the newest version of its type; poison when this code cannot read it."""
    try:
        return CATALOGUE.decode(envelope.type, envelope.data)
    except (UnknownEventTypeError, ValueError) as error:
        raise PoisonEventError(f"{envelope.type}: {error}") from error


async def install(core: ServiceRuntime) -> None:
    """Create the register's table and start projecting the log into it."""
    await apply_extra(core.pool, MIGRATION_NAME, MIGRATIONS)
    core.consume(PublicRegisterProjection())


def _known(entry: dict[str, Any], before: datetime | None, as_of: datetime | None) -> bool:
    """The entry happened before ``before`` (business time) and was recorded by ``as_of``."""
    if before is not None and datetime.fromisoformat(entry["occurred_at"]) >= before:
        return False
    recorded = entry.get("recorded_at")
    return as_of is None or recorded is None or datetime.fromisoformat(recorded) <= as_of


def row_at(
    case_id: str, entries: list[dict[str, Any]], before: datetime | None, as_of: datetime | None
) -> tuple[dict[str, Any], list[dict[str, Any]]] | None:
    """A register row as the entries dated before ``before`` and recorded by ``as_of`` make
    it (``None``: the case was not in the register then): the projection's fold, on fewer
    entries."""
    row: dict[str, Any] | None = None
    kept: list[dict[str, Any]] = []
    for entry in entries:
        if not _known(entry, before, as_of):
            continue
        at = datetime.fromisoformat(entry["occurred_at"])
        opening = _opening(entry)
        if opening is not None:
            if row is None:
                row = {"case_id": case_id, "requested_state_code": None}
                row |= {"opened_on": at.astimezone(UTC).date(), "updated_at": at}
            row["requested_state_code"] = (
                opening.requested_state_code or row["requested_state_code"]
            )
            row["scenario"], row["status"] = opening.scenario, opening.status
        elif row is None:
            continue
        else:
            row["status"] = _status_after(entry) or row["status"]
        row["updated_at"] = max(row["updated_at"], at)
        kept.append(entry)
    return None if row is None else (row, kept)


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

    async def cases_at(
        self,
        *,
        before: datetime | None,
        as_of: datetime | None,
        state: str | None,
        scenario: str | None,
        status: str | None,
        limit: int,
        offset: int,
    ) -> list[dict[str, Any]]:
        """The listing as it stood: each row recomputed from its entries dated before
        ``before`` and recorded by ``as_of`` (the register is small: a few hundred cases)."""
        rows = await self._pool.fetch(
            "SELECT case_id, entries::text AS entries FROM public_register"
            " WHERE ($1::date IS NULL OR opened_on < $1) ORDER BY opened_on, case_id",
            None if before is None else before.astimezone(UTC).date(),
        )
        listed: list[dict[str, Any]] = []
        for record in rows:
            found = row_at(record["case_id"], json.loads(record["entries"]), before, as_of)
            if found is None:
                continue
            row = found[0]
            if (
                (state is None or row["requested_state_code"] == state)
                and (scenario is None or row["scenario"] == scenario)
                and (status is None or row["status"] == status)
            ):
                listed.append(row)
        listed.sort(key=lambda r: (r["opened_on"], r["case_id"]))
        return listed[offset : offset + limit]

    async def case(
        self, case_id: str, before: datetime | None = None, as_of: datetime | None = None
    ) -> tuple[dict[str, Any], list[dict[str, Any]]] | None:
        """One case with its entries, as it stood (dated before ``before``, recorded by
        ``as_of``; all when both are ``None``)."""
        row = await self._pool.fetchrow(
            f"SELECT {self._COLUMNS}, entries::text AS entries"  # noqa: S608 - a constant
            " FROM public_register WHERE case_id = $1",
            case_id,
        )
        if row is None:
            return None
        entries = list(json.loads(row["entries"]))
        if before is None and as_of is None:
            return {k: v for k, v in dict(row).items() if k != "entries"}, entries
        return row_at(case_id, entries, before, as_of)
