"""The projections folded in memory, for a rebuild's bulk load (ADR 0025).

Each fold takes the events its consumer applies, one at a time in log order, exactly those the
live ``LogConsumer`` would hand its projection, and gives the rows the live projection would
have left in its tables, to be written by ``COPY``. The per-event logic is the live
projection's own (``audit_trail.audit_row``, ``public_register.advance``, the procedural fold's
``step`` and ``derive``), so the tables come out byte-identical; what differs is
only when rows are written:

- the audit trail and ``case_events`` have one row per event: written as they come;
- the procedural facts and state are per (audience, case): a case's facts stay in memory while
  it is active, as compact JSON once it has been quiet for two windows (the live projection
  keeps them the same way, in ``procedural_facts``); its rows are written when it first goes
  quiet (or at the end); should it come back, its final facts are kept apart
  (:meth:`ProceduralStateFold.late_facts`) and saved at the end by the live projection's own
  upsert, once the tables have their keys;
- a public register row is written when its case goes quiet; should the case come back, the
  entries it adds are kept apart (:attr:`PublicRegisterFold.late`) and appended at the end with
  the live projection's own upsert, once the table has its key.

Audiences of a case share one ``CaseFacts`` while they have read the same events (an event is
read by every audience at or above its classification, so what audiences have read is nested);
an event some of them may not read splits the group. So a public case is folded and derived once,
not once per audience, and the result is the one each audience's own fold would give.
"""

from __future__ import annotations

import dataclasses
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, cast

from noncoop_shared.access import Classification
from noncoop_shared.bulk_read import EventView
from noncoop_shared.catalogue import EventPayload, UnknownEventTypeError
from noncoop_shared.consumer import LogPosition, PoisonEventError
from noncoop_shared.envelope import Envelope
from reporting.domain.procedural import (
    CaseFacts,
    decode_payload,
    derive,
    facts_from_json,
    facts_to_json,
    is_case_stream,
    state_to_json,
    step,
)
from reporting.projections import audit_trail, procedural_store, public_register

Row = tuple[Any, ...]
AUDIENCES = tuple(Classification)
QUIET_WINDOWS = 2
"""A case not touched for this many windows is put away (its facts as compressed JSON, its
register row written)."""
PUT_AWAY_COMPRESSION = 1
"""zlib's level for the facts of a case put away. Most of a rebuild's memory is those facts, and
their JSON repeats itself (the same keys, rule ids and dates, case after case): the fastest level
took the workers' peak of a 1,000,000-event rebuild from 1,010-1,076 MiB to 902, at no speed
that the machine's noise showed (docs/benchmarks.md, figure 3)."""


def _put_away(facts: CaseFacts) -> bytes:
    return zlib.compress(facts_to_json(facts), PUT_AWAY_COMPRESSION)


def _taken_out(stored: bytes) -> bytes:
    """The facts' JSON back from what ``_put_away`` kept."""
    return zlib.decompress(stored)


@dataclass(slots=True)
class BulkEvent:
    """An event a consumer applies, where it sits in the log, and its record's bytes."""

    envelope: EventView
    position: LogPosition
    raw: bytes
    _payload: EventPayload | Exception | None = None
    _decoded: bool = False

    def payload(self) -> EventPayload | None:
        """The payload as the newest version of its type, decoded once for every fold;
        ``None`` for a type this code does not know. Raises what decoding raised."""
        if not self._decoded:
            self._decoded = True
            try:
                self._payload = decode_payload(cast(Envelope, self.envelope))
            except (ValueError, UnknownEventTypeError) as error:
                self._payload = error
        if isinstance(self._payload, Exception):
            raise self._payload
        return self._payload

    def public_payload(self) -> EventPayload:
        """:meth:`payload` as the public register reads it (``decode_public``): poison when this
        code cannot read it."""
        try:
            payload = self.payload()
        except (ValueError, UnknownEventTypeError) as error:
            raise PoisonEventError(f"{self.envelope.type}: {error}") from error
        if payload is None:
            raise PoisonEventError(f"{self.envelope.type}: unknown event type")
        return payload


# --- The audit trail --------------------------------------------------------------------------


class AuditTrailFold:
    consumer = audit_trail.CONSUMER_NAME
    columns = audit_trail.COLUMNS

    def __init__(self) -> None:
        self.rows: list[Row] = []

    @staticmethod
    def wants(envelope: EventView) -> bool:
        return True

    def take(self, event: BulkEvent) -> None:
        self.rows.append(audit_trail.audit_row(event.envelope, event.position))

    def drain(self) -> dict[str, list[Row]]:
        rows, self.rows = self.rows, []
        return {"audit_trail": rows}

    def finish(self) -> Iterator[dict[str, list[Row]]]:
        yield self.drain()


# --- The procedural state ---------------------------------------------------------------------


class _Group:
    """The facts of a run of audiences that have read the same events of a case."""

    __slots__ = ("facts",)

    def __init__(self, facts: CaseFacts) -> None:
        self.facts = facts

    def split(self) -> _Group:
        """A copy of its own, through the facts' JSON (what putting a case away keeps)."""
        return _Group(facts_from_json(facts_to_json(self.facts)))


class _Case:
    """One case's facts per audience (runs of audiences share a group), live or put away."""

    __slots__ = ("came_back", "groups", "put_away", "touched", "written")

    def __init__(self) -> None:
        self.groups: list[_Group | None] = [None] * len(AUDIENCES)
        self.put_away: list[bytes | None] | None = None
        self.touched = 0
        self.written = False
        """its facts and state rows were copied when it first went quiet"""
        self.came_back = False
        """an event of it came after they were copied: its final rows are upserted at the end"""

    def take_out(self) -> None:
        """The facts back from their JSON (a case that comes back after a quiet spell)."""
        if self.put_away is None:
            return
        # Neighbours with the same facts share them again (only neighbours: groups are runs of
        # audiences, which is what ``step`` splits on).
        groups: list[_Group | None] = []
        previous: bytes | None = None
        for raw in self.put_away:
            if raw is None:
                groups.append(None)
            elif raw == previous:
                groups.append(groups[-1])
            else:
                groups.append(_Group(facts_from_json(_taken_out(raw))))
            previous = raw
        self.groups, self.put_away = groups, None

    def put_aside(self) -> None:
        # A group shared by several audiences is written once and its bytes shared: most of a
        # rebuild's memory is the facts of the cases put away.
        put_away: list[bytes | None] = []
        previous: _Group | None = None
        for group in self.groups:
            if group is None:
                put_away.append(None)
            elif group is previous:
                put_away.append(put_away[-1])
            else:
                put_away.append(_put_away(group.facts))
            previous = group
        self.put_away = put_away
        self.groups = [None] * len(AUDIENCES)

    def step(self, case_id: str, event: BulkEvent, payload: EventPayload | None) -> None:
        """Fold ``event`` into the facts of every audience that may read it."""
        groups, lowest = self.groups, event.envelope.classification.rank
        below = groups[lowest - 1] if lowest else None
        if below is not None and groups[lowest] is below:
            # The audiences below may not read it: they keep their facts, the others a copy.
            split = below.split()
            for rank in range(lowest, len(groups)):
                if groups[rank] is below:
                    groups[rank] = split
        fresh: _Group | None = None
        for rank in range(lowest, len(groups)):
            if groups[rank] is None:  # an audience reading its first event of the case
                fresh = fresh or _Group(CaseFacts(case_id))
                groups[rank] = fresh
        # Groups are runs of neighbouring audiences: each is stepped once, at its first rank.
        previous: _Group | None = None
        for rank in range(lowest, len(groups)):
            group = cast(_Group, groups[rank])
            if group is previous:
                continue
            previous = group
            step(group.facts, cast(Envelope, event.envelope), payload)

    def facts(self) -> list[CaseFacts | None]:
        return [None if g is None else g.facts for g in self.groups]


class ProceduralStateFold:
    consumer = procedural_store.CONSUMER_NAME
    columns = {
        "case_events": procedural_store.CASE_EVENT_COLUMNS,
        "procedural_facts": ("audience", "case_id", "facts"),
        "procedural_state": procedural_store.STATE_COLUMNS,
    }

    def __init__(self) -> None:
        self.cases: dict[str, _Case] = {}
        self.case_events: list[Row] = []
        self.window = 0
        self.active: set[str] = set()
        self.late: dict[tuple[str, str], bytes] = {}

    @staticmethod
    def wants(envelope: EventView) -> bool:
        return is_case_stream(envelope.stream)

    def take(self, event: BulkEvent) -> None:
        envelope = event.envelope
        payload = event.payload()  # None for a type this code does not know: folded as live
        self.case_events.append(
            procedural_store.case_event_row(envelope, event.position, event.raw)
        )
        case = self.cases.get(envelope.subject)
        if case is None:
            case = self.cases[envelope.subject] = _Case()
        case.take_out()
        case.touched = self.window
        case.came_back = case.written
        self.active.add(envelope.subject)
        case.step(envelope.subject, event, payload)

    def drain(self) -> dict[str, list[Row]]:
        """The rows of this window: ``case_events``, and the facts and state of the cases that
        went quiet for the first time (copied now, while the next window is read, rather than
        all at the end); quiet cases' facts are put away."""
        self.window += 1
        quiet = [c for c in self.active if self.cases[c].touched <= self.window - QUIET_WINDOWS]
        facts_rows: list[Row] = []
        state_rows: list[Row] = []
        for case_id in quiet:
            case = self.cases[case_id]
            if not case.written:
                self._rows(case_id, case, facts_rows, state_rows)
                case.written = True
            case.put_aside()
            self.active.discard(case_id)
        rows, self.case_events = self.case_events, []
        return {
            "case_events": rows,
            "procedural_facts": facts_rows,
            "procedural_state": state_rows,
        }

    def finish(self, chunk: int = 5000) -> Iterator[dict[str, list[Row]]]:
        """The facts and state rows of every case not written yet; those written, then come
        back, are kept for :meth:`late_facts`."""
        yield self.drain()
        facts_rows: list[Row] = []
        state_rows: list[Row] = []
        for case_id, case in self.cases.items():
            if case.came_back:
                self._keep_late(case_id, case)
            elif not case.written:
                case.take_out()
                self._rows(case_id, case, facts_rows, state_rows)
            case.groups, case.put_away = [], None
            if len(facts_rows) >= chunk:
                yield {"procedural_facts": facts_rows, "procedural_state": state_rows}
                facts_rows, state_rows = [], []
        self.cases.clear()
        yield {"procedural_facts": facts_rows, "procedural_state": state_rows}

    @staticmethod
    def _rows(case_id: str, case: _Case, facts_rows: list[Row], state_rows: list[Row]) -> None:
        """A case's facts and state rows, derived once per group of audiences."""
        derived: list[tuple[CaseFacts, bytes, str | None, Any]] = []
        for audience, facts in zip(AUDIENCES, case.facts(), strict=True):
            if facts is None:
                continue  # this audience never read an event of the case: no row
            # Groups whose facts came out equal (what split them changed nothing) are
            # derived once, as the live projection does.
            done = next((d for d in derived if d[0] is facts or d[0] == facts), None)
            if done is None:
                state = derive(facts)
                json_state = None if state.scenario is None else state_to_json(state)
                done = (facts, facts_to_json(facts), json_state, state)
                derived.append(done)
            facts_rows.append((audience.value, case_id, done[1]))
            if done[2] is not None:
                state_rows.append(procedural_store.state_row(audience, done[3], done[2]))

    def _keep_late(self, case_id: str, case: _Case) -> None:
        if case.put_away is None:
            case.put_aside()
        for audience, raw in zip(AUDIENCES, cast(list[bytes | None], case.put_away), strict=True):
            if raw is not None:
                self.late[(audience.value, case_id)] = _taken_out(raw)

    def late_facts(self) -> dict[tuple[str, str], bytes]:
        """Per (audience, case) written, then come back: its final facts (as JSON), for the
        live projection's own upsert (``procedural_store.save``) once the tables have keys."""
        return self.late


# --- The public register ----------------------------------------------------------------------


class _Registered:
    """A case the register holds: its row while active; once written, what a late event needs."""

    __slots__ = ("row", "touched", "written")

    def __init__(self, row: public_register.RegisterRow) -> None:
        self.row = row
        self.touched = 0
        self.written = False


class PublicRegisterFold:
    consumer = public_register.CONSUMER_NAME
    columns = public_register.COLUMNS

    def __init__(self) -> None:
        self.cases: dict[str, _Registered] = {}
        self.ready: list[Row] = []
        self.late: dict[str, list[dict[str, Any]]] = {}
        """per case written before it came back: the entries it added since"""
        self.active: set[str] = set()
        self.window = 0

    @staticmethod
    def wants(envelope: EventView) -> bool:
        return public_register.PublicRegisterProjection.wants(envelope)

    def take(self, event: BulkEvent) -> None:
        envelope = event.envelope
        payload = event.public_payload()  # poison: raised before any change
        known = self.cases.get(envelope.subject)
        row = public_register.advance(None if known is None else known.row, envelope, payload)
        if row is None:
            return
        if known is None:
            known = self.cases[envelope.subject] = _Registered(row)
        known.touched = self.window
        self.active.add(envelope.subject)

    def drain(self) -> dict[str, list[Row]]:
        self.window += 1
        quiet = [c for c in self.active if self.cases[c].touched <= self.window - QUIET_WINDOWS]
        for case_id in quiet:
            self._write(case_id)
            self.active.discard(case_id)
        rows, self.ready = self.ready, []
        return {"public_register": rows}

    def _write(self, case_id: str) -> None:
        known = self.cases[case_id]
        if known.written:
            self.late.setdefault(case_id, []).extend(known.row.entries)
        else:
            self.ready.append(public_register.register_row(case_id, known.row))
            known.written = True
        known.row.entries = []  # written: a later event appends to what is in the table

    def finish(self) -> Iterator[dict[str, list[Row]]]:
        for case_id in list(self.active):
            self._write(case_id)
        self.active.clear()
        yield self.drain()

    def late_rows(self) -> list[Row]:
        """Cases written, then come back: their final row with the entries added since, for
        the live upsert (``public_register.UPSERT``) once the table has its key."""
        return [
            public_register.register_row(
                case_id, dataclasses.replace(self.cases[case_id].row, entries=entries)
            )
            for case_id, entries in self.late.items()
        ]


Fold = AuditTrailFold | ProceduralStateFold | PublicRegisterFold

BULK_FOLDS: dict[str, type[Fold]] = {
    "audit_trail": AuditTrailFold,
    "procedural_state": ProceduralStateFold,
    "public_register": PublicRegisterFold,
}
"""The projections a rebuild loads in bulk, by projection name; the others are fed by the live
consumer (``reporting.replay``)."""
