"""The focal point roster: the registry stream ``focal-point-roster`` (P17, Res. 31).

Annex II para 17 of ICC-ASP/17/Res.5: the Bureau appoints four focal points, or five if the
President requests it, on the basis of equitable geographical representation. Resolution para
31: the President serves ex officio as focal point for the President's own region. The President
ex officio is *not* one of the four: the four come from the four other regional groups, and the
fifth, at the President's request, may come from the President's own group. So on every day:

- at most one President serves ex officio;
- no two Bureau appointees come from the same regional group;
- at most four Bureau appointees serve, five while a request for five is in force;
- while no request for five is in force, no Bureau appointee comes from the region of the
  President serving ex officio that day.

Pure: commands in, ``Decision`` out, no I/O and no clock. Every date that matters (term start and
end, the day of a replacement, of the request for five and of its withdrawal) is in the command.

A term runs from ``term_start`` (served) to its stop, the first day not served: the stated
``term_ends_on``, or the day the term was ended (a replacement, a resignation). A replacement on
day ``r`` stops the outgoing term on ``r`` and starts the successor's on ``r``: the two never
serve together.

The roster must hold on every day, not only on a new term's first day: the log may record an
appointment after another that starts later, so each command is checked over every day it
changes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Literal, assert_never

from noncoop_shared.auth.roles import RegionalGroup
from noncoop_shared.catalogue.base import EventPayload
from noncoop_shared.catalogue.good_offices import (
    FiveFocalPointsRequested,
    FiveFocalPointsRequestWithdrawn,
    FocalPointAppointed,
    FocalPointTermEnded,
)
from noncoop_shared.decisions import Decision, PendingEvent
from noncoop_shared.errors import (
    BusinessTimeOutOfBoundsError,
    InvalidTransitionError,
    RuleViolationError,
)
from noncoop_shared.rules import Rule

# --- Commands --------------------------------------------------------------------------------


@dataclass(frozen=True)
class RequestFiveFocalPoints:
    """The President asks the Bureau for five focal points instead of four (P17)."""

    requested_on: date


@dataclass(frozen=True)
class WithdrawFiveFocalPointsRequest:
    """The President withdraws the request for five (P17): four again from ``withdrawn_on``."""

    withdrawn_on: date


@dataclass(frozen=True)
class AppointFocalPoint:
    """The Bureau appoints a focal point (P17), or the President serves ex officio (Res. 31).

    ``term_ends_on`` is the first day not served, ``None`` for an open term.
    ``president_region`` is the President's region, filled by the application from the
    President's token when ``ex_officio_president``.
    """

    focal_point_id: str
    name: str
    state: str
    region: RegionalGroup
    term_start: date
    term_ends_on: date | None = None
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
    """The focal point no longer serves from ``ended_on`` (the first day not served)."""

    focal_point_id: str
    ended_on: date
    reason: EndReason


RosterCommand = (
    RequestFiveFocalPoints
    | WithdrawFiveFocalPointsRequest
    | AppointFocalPoint
    | ReplaceFocalPoint
    | EndFocalPointTerm
)

# --- State -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FocalPointEntry:
    """One appointment ever made, with its term and how it ended."""

    focal_point_id: str
    name: str
    state: str
    region: RegionalGroup
    term_start: date
    term_ends_on: date | None
    ex_officio_president: bool
    bureau_decision_reference: str | None
    replaces: str | None
    appointed_at: datetime
    ended_on: date | None = None
    end_reason: str | None = None

    @property
    def stop(self) -> date | None:
        """The first day not served, ``None`` while the term is open."""
        return min((d for d in (self.ended_on, self.term_ends_on) if d is not None), default=None)

    def active_on(self, on: date) -> bool:
        return _within(on, self.term_start, self.stop)


@dataclass(frozen=True)
class FiveRequest:
    """A request for five focal points, in force from ``requested_on`` until ``withdrawn_on``
    (the first day it is no longer in force)."""

    requested_on: date
    withdrawn_on: date | None = None

    def in_force_on(self, on: date) -> bool:
        return _within(on, self.requested_on, self.withdrawn_on)


@dataclass(frozen=True)
class RosterState:
    """Every appointment and every request for five, in the order made; the stream version."""

    appointments: tuple[FocalPointEntry, ...] = ()
    five_requests: tuple[FiveRequest, ...] = ()
    version: int = 0

    def entry(self, focal_point_id: str) -> FocalPointEntry | None:
        return next((e for e in self.appointments if e.focal_point_id == focal_point_id), None)

    def five_in_force_on(self, on: date) -> FiveRequest | None:
        return next((r for r in self.five_requests if r.in_force_on(on)), None)

    @property
    def five_requested_on(self) -> date | None:
        """When the request for five now open was made; ``None`` when none is open."""
        open_request = next((r for r in self.five_requests if r.withdrawn_on is None), None)
        return open_request.requested_on if open_request else None

    def limit_on(self, on: date) -> int:
        """P17: four Bureau appointees, five while the President's request for five is in
        force. The President ex officio is not counted."""
        return 5 if self.five_in_force_on(on) is not None else 4


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
            request = FiveRequest(requested_on=payload.requested_on)
            return replace(state, five_requests=(*state.five_requests, request))
        case FiveFocalPointsRequestWithdrawn():
            return replace(
                state,
                five_requests=tuple(
                    replace(r, withdrawn_on=payload.withdrawn_on) if r.withdrawn_on is None else r
                    for r in state.five_requests
                ),
            )
        case FocalPointAppointed():
            entry = FocalPointEntry(
                focal_point_id=payload.focal_point_id,
                name=payload.name,
                state=payload.state,
                region=payload.region,
                term_start=payload.term_start,
                term_ends_on=payload.term_ends_on,
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
    """The focal points serving on ``on`` (the President ex officio included), by region."""
    active = (e for e in state.appointments if e.active_on(on))
    return sorted(active, key=lambda e: (_REGION_ORDER[e.region], e.ex_officio_president))


def active_regions(state: RosterState, on: date) -> frozenset[RegionalGroup]:
    return frozenset(e.region for e in roster_as_of(state, on))


def serving(state: RosterState, focal_point_id: str, on: date) -> FocalPointEntry | None:
    """P17-access: the focal point ``focal_point_id`` if it is on the roster on ``on``."""
    entry = state.entry(focal_point_id)
    return entry if entry is not None and entry.active_on(on) else None


def acting(
    state: RosterState, focal_point_id: str, on: date, today: date, *, vouched: bool
) -> FocalPointEntry | None:
    """P17-access: the entry under which focal point ``focal_point_id`` acts on a record of
    business date ``on``, or ``None``: it must have served on ``on`` and, unless a history
    import ``vouched`` for the past (the Secretariat enters what was done then, ADR 0017), must
    still serve ``today``. The business date is the caller's to choose: were it enough, a focal
    point replaced, or whose term ended, would keep acting by backdating its records, when it
    loses access from that day."""
    entry = serving(state, focal_point_id, on)
    if entry is None:
        return None
    if not vouched and serving(state, focal_point_id, today) is None:
        return None
    return entry


# --- Rules -----------------------------------------------------------------------------------


class TooManyFocalPointsError(RuleViolationError):
    """P17 (para 17): four focal points appointed by the Bureau, or five if the President
    requested it; the President ex officio is not counted."""

    rule = Rule.P17


class FocalPointRegionTakenError(RuleViolationError):
    """P17 (para 17): equitable geographical representation, so no two Bureau appointees of the
    same regional group at a time, and the President's own group only for the fifth."""

    rule = Rule.P17


class ExOfficioRegionMismatchError(RuleViolationError):
    """P17 with Res. 31: the President serves ex officio only for the President's own region."""

    rule = Rule.P17


class BureauAppointmentMissingError(RuleViolationError):
    """P17 (para 17): the Bureau appoints the focal points; only the President's ex officio
    service (Res. 31) needs no Bureau decision."""

    rule = Rule.P17


class FiveRequestWithdrawalRefusedError(RuleViolationError):
    """P17: the request for five cannot be withdrawn while a fifth Bureau appointee serves."""

    rule = Rule.P17


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


def require_roster_holds(state: RosterState, start: date, stop: date | None, why: str) -> None:
    """P17 on every day of ``[start, stop)`` of ``state`` (the roster with the command applied).

    The roster only changes on the first and stop days of terms and requests, so those days (and
    ``start``) are the ones to check. ``why`` names the command in the refusal.
    """
    boundaries = {start}
    for e in state.appointments:
        boundaries |= {d for d in (e.term_start, e.stop) if d is not None}
    for r in state.five_requests:
        boundaries |= {d for d in (r.requested_on, r.withdrawn_on) if d is not None}
    for day in sorted(d for d in boundaries if _within(d, start, stop)):
        _require_roster_holds_on(state, day, why)


def _require_roster_holds_on(state: RosterState, day: date, why: str) -> None:
    on_roster = roster_as_of(state, day)
    presidents = [e for e in on_roster if e.ex_officio_president]
    appointees = [e for e in on_roster if not e.ex_officio_president]
    if len(presidents) > 1:
        raise ExOfficioRegionMismatchError(
            f"{why}: on {day.isoformat()} two Presidents would serve ex officio "
            f"({', '.join(_who(e) for e in presidents)}); one President serves at a time "
            "(Res. 31)."
        )
    limit = state.limit_on(day)
    if len(appointees) > limit:
        raise TooManyFocalPointsError(
            f"{why}: on {day.isoformat()} {len(appointees)} focal points appointed by the "
            f"Bureau would serve, when the limit is {_limit_reason(state, day, limit)} (annex "
            f"II para 17; the President ex officio is not counted). Serving then: "
            f"{', '.join(_who(e) for e in appointees)}."
        )
    for region in RegionalGroup:
        same = [e for e in appointees if e.region is region]
        if len(same) > 1:
            raise FocalPointRegionTakenError(
                f"{why}: on {day.isoformat()} {region.value} would have two focal points "
                f"appointed by the Bureau ({', '.join(_who(e) for e in same)}); no two come "
                "from the same regional group (equitable geographical representation, annex "
                "II para 17)."
            )
    if presidents and state.five_in_force_on(day) is None:
        president = presidents[0]
        fifth = [e for e in appointees if e.region is president.region]
        if fifth:
            raise FocalPointRegionTakenError(
                f"{why}: on {day.isoformat()} {_who(fifth[0])} would serve for the region of "
                f"the President, who serves for it ex officio ({_who(president)}, Res. 31). The "
                "four focal points come from the four other regional groups; one from the "
                "President's own group is the fifth, appointed only at the President's request "
                f"(annex II para 17), and {_limit_reason(state, day, 4)}."
            )


# --- decide ----------------------------------------------------------------------------------


def decide_roster(state: RosterState, command: RosterCommand, now: datetime) -> Decision:
    """The events ``command`` leads to on the roster, or a refusal: a ``RuleViolationError``
    subclass above when P17 refuses it, ``BusinessTimeOutOfBoundsError`` when a date comes
    before the fact it follows, ``InvalidTransitionError`` when it does not fit the roster."""
    match command:
        case RequestFiveFocalPoints():
            return _request_five(state, command)
        case WithdrawFiveFocalPointsRequest():
            return _withdraw_five(state, command, now)
        case AppointFocalPoint():
            event = _appointed(state, command)
            require_roster_holds(
                evolve(state, event, now),
                command.term_start,
                command.term_ends_on,
                f"Appointing focal point {command.focal_point_id} for {command.region.value}",
            )
            return Decision(events=[PendingEvent(event)])
        case ReplaceFocalPoint():
            return _replace(state, command, now)
        case EndFocalPointTerm():
            return _end(state, command)
        case _:
            assert_never(command)


def _request_five(state: RosterState, command: RequestFiveFocalPoints) -> Decision:
    """P17: one request in force at a time; a new one may follow a withdrawal, not precede it."""
    if state.five_requested_on is not None:
        raise InvalidTransitionError(
            f"The President already requested five focal points on "
            f"{state.five_requested_on.isoformat()} and has not withdrawn the request; it is "
            "recorded once."
        )
    last = state.five_requests[-1] if state.five_requests else None
    if (
        last is not None
        and last.withdrawn_on is not None
        and command.requested_on < (last.withdrawn_on)
    ):
        raise BusinessTimeOutOfBoundsError(
            f"A request for five focal points dated {command.requested_on.isoformat()} would "
            f"come before the withdrawal of the previous one on {last.withdrawn_on.isoformat()}.",
            field="body.requested_on",
        )
    return Decision(
        events=[PendingEvent(FiveFocalPointsRequested(requested_on=command.requested_on))]
    )


def _withdraw_five(
    state: RosterState, command: WithdrawFiveFocalPointsRequest, now: datetime
) -> Decision:
    """P17: four again from ``withdrawn_on``; refused while a fifth appointee would serve."""
    requested_on = state.five_requested_on
    if requested_on is None:
        raise InvalidTransitionError(
            "No request of the President for five focal points is in force; there is nothing "
            "to withdraw."
        )
    if command.withdrawn_on < requested_on:
        raise BusinessTimeOutOfBoundsError(
            f"The withdrawal is dated {command.withdrawn_on.isoformat()}, before the request "
            f"for five it withdraws ({requested_on.isoformat()}).",
            field="body.withdrawn_on",
        )
    event = FiveFocalPointsRequestWithdrawn(withdrawn_on=command.withdrawn_on)
    after = evolve(state, event, now)
    try:
        require_roster_holds(after, command.withdrawn_on, None, "Withdrawing the request for five")
    except RuleViolationError as refused:
        raise FiveRequestWithdrawalRefusedError(
            f"{refused.detail} End the fifth focal point's term first."
        ) from refused
    return Decision(events=[PendingEvent(event)])


def _appointed(
    state: RosterState, command: AppointFocalPoint, replaces: str | None = None
) -> FocalPointAppointed:
    """Checks an appointment on its own (the roster is checked by the caller) and returns the
    event that records it."""
    if state.entry(command.focal_point_id) is not None:
        raise InvalidTransitionError(
            f"Focal point id {command.focal_point_id} is already on the roster; a new "
            "appointment needs a new id."
        )
    if command.term_ends_on is not None and command.term_ends_on <= command.term_start:
        raise BusinessTimeOutOfBoundsError(
            f"The term of focal point {command.focal_point_id} would end on "
            f"{command.term_ends_on.isoformat()} (the first day not served), not after it "
            f"starts on {command.term_start.isoformat()}.",
            field="body.term_ends_on",
        )
    require_ex_officio_for_own_region(command)
    require_bureau_decision(command)
    return FocalPointAppointed(
        focal_point_id=command.focal_point_id,
        name=command.name,
        state=command.state,
        region=command.region,
        term_start=command.term_start,
        term_ends_on=command.term_ends_on,
        ex_officio_president=command.ex_officio_president,
        bureau_decision_reference=command.bureau_decision_reference,
        replaces=replaces,
    )


def _replace(state: RosterState, command: ReplaceFocalPoint, now: datetime) -> Decision:
    """The outgoing term ends on ``replaced_on``; the successor is checked against the roster
    without the outgoing, so a replacement never needs room of its own."""
    outgoing = _require_serving_until(
        state, command.outgoing_id, command.replaced_on, "body.replaced_on"
    )
    successor = command.successor
    if successor.region is not outgoing.region:
        raise InvalidTransitionError(
            f"Focal point {outgoing.focal_point_id} serves for {outgoing.region.value}; a "
            f"successor for {successor.region.value} is not a replacement, since the roster "
            "keeps one focal point per regional group (P17, annex II para 17). End the term and "
            "appoint for the other region instead."
        )
    if successor.ex_officio_president is not outgoing.ex_officio_president:
        capacity = (
            "the President ex officio" if outgoing.ex_officio_president else "a Bureau appointee"
        )
        raise InvalidTransitionError(
            f"Focal point {outgoing.focal_point_id} is {capacity}; a successor serves in the "
            "same capacity (Res. 31, annex II para 17)."
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
    without_outgoing = evolve(state, ended, now)
    appointed = _appointed(without_outgoing, successor, replaces=outgoing.focal_point_id)
    require_roster_holds(
        evolve(without_outgoing, appointed, now),
        successor.term_start,
        successor.term_ends_on,
        f"Replacing focal point {outgoing.focal_point_id} by {successor.focal_point_id}",
    )
    return Decision(events=[PendingEvent(ended), PendingEvent(appointed)])


def _end(state: RosterState, command: EndFocalPointTerm) -> Decision:
    if command.reason not in ("term_expired", "resigned", "other"):
        raise InvalidTransitionError(
            f"A term ends for {command.reason!r} only through a replacement, which names the "
            "successor."
        )
    entry = _require_serving_until(state, command.focal_point_id, command.ended_on, "body.ended_on")
    ended = FocalPointTermEnded(
        focal_point_id=entry.focal_point_id, ended_on=command.ended_on, reason=command.reason
    )
    return Decision(events=[PendingEvent(ended)])


def _require_serving_until(
    state: RosterState, focal_point_id: str, on: date, field: str
) -> FocalPointEntry:
    """The focal point's term may end on ``on`` (its first day not served): it is on the roster,
    was not ended, started before ``on`` and had not already run out."""
    entry = state.entry(focal_point_id)
    if entry is None:
        raise InvalidTransitionError(f"No focal point {focal_point_id} is on the roster.")
    if entry.ended_on is not None:
        raise InvalidTransitionError(
            f"The term of {_who(entry)} already ended on {entry.ended_on.isoformat()} "
            f"({entry.end_reason}); a term ends once."
        )
    if on < entry.term_start:
        raise BusinessTimeOutOfBoundsError(
            f"The term of {_who(entry)} starts on {entry.term_start.isoformat()}; it cannot end "
            f"on {on.isoformat()}, before it started.",
            field=field,
        )
    stop = entry.stop
    if stop is not None and stop < on:
        raise InvalidTransitionError(
            f"The term of {_who(entry)} ran {_term(entry)}, so it had already ended by "
            f"{on.isoformat()}."
        )
    return entry


# --- Wording ---------------------------------------------------------------------------------


def _within(day: date, start: date, stop: date | None) -> bool:
    return start <= day and (stop is None or day < stop)


def _who(entry: FocalPointEntry) -> str:
    """Named by id, never by name: a refusal is not a declared personal field (ADR 0022)."""
    ex_officio = ", the President ex officio" if entry.ex_officio_president else ""
    return f"focal point {entry.focal_point_id} ({entry.region.value}{ex_officio})"


def _term(entry: FocalPointEntry) -> str:
    stop = entry.stop
    end = f"to {stop.isoformat()} (first day not served)" if stop else "with no end date"
    return f"from {entry.term_start.isoformat()} {end}"


def _limit_reason(state: RosterState, day: date, limit: int) -> str:
    request = state.five_in_force_on(day)
    if limit == 5 and request is not None:
        return f"five, as the President requested on {request.requested_on.isoformat()}"
    return "four: no request of the President for five is in force on that day"
