"""The focal point roster: the registry stream ``focal-point-roster`` (PROCEDURES.md P17).

Annex II para 17 of ICC-ASP/17/Res.5: the Bureau appoints four focal points, or five if the
President requests it, on the basis of equitable geographical representation, so no two focal
points of the same regional group serve at once. Resolution para 31: the President serves ex
officio as focal point for the President's own region.

Pure: commands in, ``Decision`` out, no I/O and no clock. Every date that matters (term start and
end, the day of a replacement or of the request for five) is in the command, so ``now`` is unused.

A focal point is active on day ``d`` when ``term_start <= d``, the term was not ended on or
before ``d`` and ``term_end`` (the last day served, inclusive) is absent or not before ``d``.
A replacement on day ``r`` ends the outgoing term on ``r`` and starts the successor's on ``r``:
the outgoing is not active from ``r``, so the two never count together.

P17 is checked over the whole term of a new appointment, not only its first day: the log may
record an appointment after another that starts later, and the roster must hold on every date.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Literal, assert_never

from noncoop_shared.auth.roles import RegionalGroup
from noncoop_shared.catalogue.base import EventPayload
from noncoop_shared.catalogue.good_offices import (
    FiveFocalPointsRequested,
    FocalPointAppointed,
    FocalPointTermEnded,
)
from noncoop_shared.decisions import Decision, PendingEvent
from noncoop_shared.errors import InvalidTransitionError, RuleViolationError

# --- Commands --------------------------------------------------------------------------------


@dataclass(frozen=True)
class RequestFiveFocalPoints:
    """The President asks the Bureau for five focal points instead of four (P17)."""

    requested_on: date


@dataclass(frozen=True)
class AppointFocalPoint:
    """The Bureau appoints a focal point (P17), or the President serves ex officio (Res. 31).

    ``term_end`` is the last day served, ``None`` for an open term. ``president_region`` is the
    President's region, filled by the application from the President's token when
    ``ex_officio_president``.
    """

    focal_point_id: str
    name: str
    state: str
    region: RegionalGroup
    term_start: date
    term_end: date | None = None
    bureau_decision_reference: str | None = None
    ex_officio_president: bool = False
    president_region: RegionalGroup | None = None


@dataclass(frozen=True)
class ReplaceFocalPoint:
    """The outgoing focal point's term ends on ``replaced_on`` and the successor, of the same
    region, starts on that day (``successor.term_start == replaced_on``)."""

    outgoing_id: str
    successor: AppointFocalPoint
    replaced_on: date


EndReason = Literal["term_expired", "resigned", "other"]


@dataclass(frozen=True)
class EndFocalPointTerm:
    """The focal point no longer serves from ``ended_on`` (that day included)."""

    focal_point_id: str
    ended_on: date
    reason: EndReason


RosterCommand = RequestFiveFocalPoints | AppointFocalPoint | ReplaceFocalPoint | EndFocalPointTerm

# --- State -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FocalPointEntry:
    """One appointment ever made, with its term and how it ended."""

    focal_point_id: str
    name: str
    state: str
    region: RegionalGroup
    term_start: date
    term_end: date | None
    ex_officio_president: bool
    bureau_decision_reference: str | None
    replaces: str | None
    appointed_at: datetime
    ended_on: date | None = None
    end_reason: str | None = None

    @property
    def stop(self) -> date | None:
        """The first day not served, ``None`` while the term is open."""
        after_term = _day_after(self.term_end)
        return min((d for d in (self.ended_on, after_term) if d is not None), default=None)

    def active_on(self, on: date) -> bool:
        stop = self.stop
        return self.term_start <= on and (stop is None or on < stop)

    def overlaps(self, start: date, stop: date | None) -> bool:
        """Whether the entry serves on some day of ``[start, stop)``."""
        own_stop = self.stop
        return (stop is None or self.term_start < stop) and (own_stop is None or start < own_stop)


@dataclass(frozen=True)
class RosterState:
    """Every appointment in the order made, since when five were requested, the stream version."""

    appointments: tuple[FocalPointEntry, ...] = ()
    five_requested_on: date | None = None
    version: int = 0

    def entry(self, focal_point_id: str) -> FocalPointEntry | None:
        return next((e for e in self.appointments if e.focal_point_id == focal_point_id), None)

    def limit_on(self, on: date) -> int:
        """P17: four focal points, five from the day the President requested five."""
        requested = self.five_requested_on
        return 5 if requested is not None and requested <= on else 4


def fold(events: Iterable[tuple[EventPayload, datetime]]) -> RosterState:
    """The roster after the events of its stream, in stream order, with their business time."""
    state = RosterState()
    for payload, occurred_at in events:
        state = evolve(state, payload, occurred_at)
    return state


def evolve(state: RosterState, payload: EventPayload, occurred_at: datetime) -> RosterState:
    """The roster after one more event of the stream."""
    state = replace(state, version=state.version + 1)
    match payload:
        case FiveFocalPointsRequested():
            return replace(state, five_requested_on=payload.requested_on)
        case FocalPointAppointed():
            entry = FocalPointEntry(
                focal_point_id=payload.focal_point_id,
                name=payload.name,
                state=payload.state,
                region=payload.region,
                term_start=payload.term_start,
                term_end=payload.term_end,
                ex_officio_president=payload.ex_officio_president,
                bureau_decision_reference=payload.bureau_decision_reference,
                replaces=payload.replaces,
                appointed_at=occurred_at,
            )
            return replace(state, appointments=(*state.appointments, entry))
        case FocalPointTermEnded():
            if state.entry(payload.focal_point_id) is None:
                raise ValueError(f"focal point {payload.focal_point_id} was never appointed")
            return replace(
                state,
                appointments=tuple(
                    replace(e, ended_on=payload.ended_on, end_reason=payload.reason)
                    if e.focal_point_id == payload.focal_point_id
                    else e
                    for e in state.appointments
                ),
            )
        case _:
            raise TypeError(f"{type(payload).__name__} is not an event of the focal point roster")


_REGION_ORDER = {region: index for index, region in enumerate(RegionalGroup)}


def roster_as_of(state: RosterState, on: date) -> list[FocalPointEntry]:
    """The focal points active on ``on``, sorted by region."""
    active = (e for e in state.appointments if e.active_on(on))
    return sorted(active, key=lambda e: _REGION_ORDER[e.region])


def active_regions(state: RosterState, on: date) -> frozenset[RegionalGroup]:
    return frozenset(e.region for e in roster_as_of(state, on))


# --- Rules -----------------------------------------------------------------------------------


class TooManyFocalPointsError(RuleViolationError):
    """P17 (para 17): four focal points, or five if the President requested it."""

    rule = "P17"


class FocalPointRegionTakenError(RuleViolationError):
    """P17 (para 17): equitable geographical representation, so one focal point per regional
    group at a time."""

    rule = "P17"


class ExOfficioRegionMismatchError(RuleViolationError):
    """P17 with Res. 31: the President serves ex officio only for the President's own region."""

    rule = "P17"


class BureauAppointmentMissingError(RuleViolationError):
    """P17 (para 17): the Bureau appoints the focal points; only the President's ex officio
    service (Res. 31) needs no Bureau decision."""

    rule = "P17"


def require_ex_officio_for_own_region(command: AppointFocalPoint) -> None:
    """Res. 31, under P17: ex officio, the President serves for the President's region only."""
    if not command.ex_officio_president or command.region is command.president_region:
        return
    own = command.president_region.value if command.president_region else "not known"
    raise ExOfficioRegionMismatchError(
        f"The President serves ex officio as focal point only for the President's own region "
        f"(Res. 31); the President's region is {own}, not {command.region.value}. A focal point "
        "for another region is appointed by the Bureau (annex II para 17)."
    )


def require_bureau_decision(command: AppointFocalPoint) -> None:
    """P17: an appointment other than the President's ex officio service cites the Bureau's
    decision."""
    if command.ex_officio_president or (command.bureau_decision_reference or "").strip():
        return
    raise BureauAppointmentMissingError(
        f"Focal point {command.focal_point_id} for {command.region.value} has no Bureau decision "
        "reference: the Bureau appoints the focal points (annex II para 17); only the President "
        "serves ex officio without one (Res. 31)."
    )


def require_room_on_roster(state: RosterState, command: AppointFocalPoint) -> None:
    """P17: on no day of the new term do more than four focal points serve, or five from the day
    the President requested five."""
    start, stop = command.term_start, _day_after(command.term_end)
    # The count only rises on a first day of a term, so those days are the ones to check.
    days = sorted(
        {start} | {e.term_start for e in state.appointments if _within(e.term_start, start, stop)}
    )
    for day in days:
        serving = roster_as_of(state, day)
        limit = state.limit_on(day)
        if len(serving) < limit:
            continue
        raise TooManyFocalPointsError(
            f"Focal point {command.focal_point_id} for {command.region.value} would be the "
            f"{_ordinal(len(serving) + 1)} serving on {day.isoformat()}, when the limit is "
            f"{_limit_reason(state, day, limit)} (annex II para 17). Serving then: "
            f"{', '.join(_who(e) for e in serving)}."
        )


def require_region_free(state: RosterState, command: AppointFocalPoint) -> None:
    """P17: no two focal points of the same regional group serve on the same day."""
    start, stop = command.term_start, _day_after(command.term_end)
    for incumbent in state.appointments:
        if incumbent.region is command.region and incumbent.overlaps(start, stop):
            raise FocalPointRegionTakenError(
                f"{command.region.value} already has a focal point {_term(incumbent)}: "
                f"{_who(incumbent)}. Focal point {command.focal_point_id}, "
                f"{_span(start, command.term_end)}, would serve at the same time, and no two "
                "focal points come from the same regional group (equitable geographical "
                "representation, annex II para 17)."
            )


# --- decide ----------------------------------------------------------------------------------


def decide_roster(state: RosterState, command: RosterCommand, now: datetime) -> Decision:
    """The events ``command`` leads to on the roster, or a refusal: a ``RuleViolationError``
    subclass above when P17 refuses it, ``InvalidTransitionError`` when it does not fit the
    roster as it is."""
    match command:
        case RequestFiveFocalPoints():
            return _request_five(state, command)
        case AppointFocalPoint():
            return Decision(events=[PendingEvent(_appointed(state, command))])
        case ReplaceFocalPoint():
            return _replace(state, command, now)
        case EndFocalPointTerm():
            return _end(state, command)
        case _:
            assert_never(command)


def _request_five(state: RosterState, command: RequestFiveFocalPoints) -> Decision:
    if state.five_requested_on is not None:
        raise InvalidTransitionError(
            f"The President already requested five focal points on "
            f"{state.five_requested_on.isoformat()}; the request is recorded once."
        )
    return Decision(
        events=[PendingEvent(FiveFocalPointsRequested(requested_on=command.requested_on))]
    )


def _appointed(
    state: RosterState, command: AppointFocalPoint, replaces: str | None = None
) -> FocalPointAppointed:
    """Checks an appointment against the roster and returns the event that records it."""
    if state.entry(command.focal_point_id) is not None:
        raise InvalidTransitionError(
            f"Focal point id {command.focal_point_id} is already on the roster; a new "
            "appointment needs a new id."
        )
    if command.term_end is not None and command.term_end < command.term_start:
        raise InvalidTransitionError(
            f"The term of focal point {command.focal_point_id} would end on "
            f"{command.term_end.isoformat()}, before it starts on "
            f"{command.term_start.isoformat()}."
        )
    require_ex_officio_for_own_region(command)
    require_bureau_decision(command)
    require_room_on_roster(state, command)
    require_region_free(state, command)
    return FocalPointAppointed(
        focal_point_id=command.focal_point_id,
        name=command.name,
        state=command.state,
        region=command.region,
        term_start=command.term_start,
        term_end=command.term_end,
        ex_officio_president=command.ex_officio_president,
        bureau_decision_reference=command.bureau_decision_reference,
        replaces=replaces,
    )


def _replace(state: RosterState, command: ReplaceFocalPoint, now: datetime) -> Decision:
    """The outgoing term ends on ``replaced_on``; the successor is checked against the roster
    without the outgoing, so a replacement never needs room of its own."""
    outgoing = _require_serving_until(state, command.outgoing_id, command.replaced_on)
    successor = command.successor
    if successor.region is not outgoing.region:
        raise InvalidTransitionError(
            f"Focal point {outgoing.focal_point_id} serves for {outgoing.region.value}; a "
            f"successor for {successor.region.value} is not a replacement, since the roster "
            "keeps one focal point per regional group (P17, annex II para 17). End the term and "
            "appoint for the other region instead."
        )
    if successor.term_start != command.replaced_on:
        raise InvalidTransitionError(
            f"The successor of focal point {outgoing.focal_point_id} starts on "
            f"{successor.term_start.isoformat()}, but the replacement is on "
            f"{command.replaced_on.isoformat()}; a successor starts on the day of replacement."
        )
    ended = FocalPointTermEnded(
        focal_point_id=outgoing.focal_point_id, ended_on=command.replaced_on, reason="replaced"
    )
    appointed = _appointed(evolve(state, ended, now), successor, replaces=outgoing.focal_point_id)
    return Decision(events=[PendingEvent(ended), PendingEvent(appointed)])


def _end(state: RosterState, command: EndFocalPointTerm) -> Decision:
    if command.reason not in ("term_expired", "resigned", "other"):
        raise InvalidTransitionError(
            f"A term ends for {command.reason!r} only through a replacement, which names the "
            "successor."
        )
    entry = _require_serving_until(state, command.focal_point_id, command.ended_on)
    ended = FocalPointTermEnded(
        focal_point_id=entry.focal_point_id, ended_on=command.ended_on, reason=command.reason
    )
    return Decision(events=[PendingEvent(ended)])


def _require_serving_until(state: RosterState, focal_point_id: str, on: date) -> FocalPointEntry:
    """The focal point's term may end on ``on``: it is on the roster, was not ended, started no
    later than ``on`` and had not already run out."""
    entry = state.entry(focal_point_id)
    if entry is None:
        raise InvalidTransitionError(f"No focal point {focal_point_id} is on the roster.")
    if entry.ended_on is not None:
        raise InvalidTransitionError(
            f"The term of {_who(entry)} already ended on {entry.ended_on.isoformat()} "
            f"({entry.end_reason}); a term ends once."
        )
    if on < entry.term_start:
        raise InvalidTransitionError(
            f"The term of {_who(entry)} starts on {entry.term_start.isoformat()}; it cannot end "
            f"on {on.isoformat()}, before it started."
        )
    stop = entry.stop
    if stop is not None and stop < on:
        raise InvalidTransitionError(
            f"The term of {_who(entry)} ran {_term(entry)}, so it had already ended by "
            f"{on.isoformat()}."
        )
    return entry


# --- Wording ---------------------------------------------------------------------------------


def _day_after(term_end: date | None) -> date | None:
    """The first day after a term's last day; ``None`` for an open term (or one to the end of
    the calendar)."""
    return term_end + timedelta(days=1) if term_end is not None and term_end < date.max else None


def _within(day: date, start: date, stop: date | None) -> bool:
    return start <= day and (stop is None or day < stop)


def _who(entry: FocalPointEntry) -> str:
    ex_officio = ", the President ex officio" if entry.ex_officio_president else ""
    return f"{entry.name} ({entry.focal_point_id}, {entry.region.value}{ex_officio})"


def _span(start: date, term_end: date | None) -> str:
    end = f"until {term_end.isoformat()}" if term_end else "with no end date"
    return f"from {start.isoformat()} {end}"


def _term(entry: FocalPointEntry) -> str:
    if entry.ended_on is not None:
        return f"from {entry.term_start.isoformat()}, ended on {entry.ended_on.isoformat()}"
    return _span(entry.term_start, entry.term_end)


def _limit_reason(state: RosterState, day: date, limit: int) -> str:
    requested = state.five_requested_on
    if limit == 5 and requested is not None:
        return f"five, as the President requested on {requested.isoformat()}"
    if requested is not None:
        return (
            f"four on that day: the President's request for five dates from {requested.isoformat()}"
        )
    return "four: the President has not requested five"


def _ordinal(n: int) -> str:
    return {5: "fifth", 6: "sixth"}.get(n, f"{n}th")
