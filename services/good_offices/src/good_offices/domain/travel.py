"""Travel information on a person subject to an arrest warrant (Res. 35, annex I 3(j)).

Information on potential or confirmed travel, received by a focal point, is shared with the Court
promptly (service level: 24 hours by default). It concerns a person subject to a warrant (named
by the warrant's reference), not the good offices: it needs neither active good offices nor a
case. Linked to a case it is kept on the case's stream; otherwise on its own stream
``travel-information:<travel id>``. Potential travel can later be confirmed or cancelled, and
each change is shared with the Court again, with its own due time.

Pure: the records in, the events and deadline changes out. ``now`` is the command's business
time; every due time is computed from it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from good_offices.domain.wording import moment
from noncoop_shared.catalogue.base import EventPayload
from noncoop_shared.catalogue.good_offices import (
    SharedTravelStatus,
    TravelInformationCancelled,
    TravelInformationConfirmed,
    TravelInformationRecorded,
    TravelInformationSharedWithCourt,
    TravelInformationSharingOverdue,
    TravelStatus,
)
from noncoop_shared.decisions import DeadlineSet, DeadlineSettled, Decision, PendingEvent
from noncoop_shared.errors import BusinessTimeOutOfBoundsError, InvalidTransitionError
from noncoop_shared.rules import Rule

TRAVEL_SHARING = "travel_sharing:"
"""The prefix of the deadline kind of Res. 35, one per travel record: ``travel_sharing:<id>``.
Each change (recorded, confirmed, cancelled) sets it again with its own due time."""

TRAVEL_EVENTS = (
    TravelInformationRecorded,
    TravelInformationConfirmed,
    TravelInformationCancelled,
    TravelInformationSharedWithCourt,
    TravelInformationSharingOverdue,
)


def travel_sharing_kind(travel_id: str) -> str:
    """The deadline kind of sharing the travel information ``travel_id`` with the Court."""
    return f"{TRAVEL_SHARING}{travel_id}"


# --- Commands --------------------------------------------------------------------------------


@dataclass(frozen=True)
class RecordTravelInformation:
    """Information on potential or confirmed travel of a person subject to an arrest warrant
    (``warrant_reference``), received by a focal point; ``travel_id`` names it."""

    travel_id: str
    person: str
    destination_state: str
    travel_from: date
    travel_to: date | None
    status: TravelStatus
    details: str = ""
    warrant_reference: str | None = None


@dataclass(frozen=True)
class ConfirmTravel:
    """Potential travel is confirmed, with its dates as now known (Res. 35)."""

    travel_id: str
    travel_from: date
    travel_to: date | None = None
    details: str = ""


@dataclass(frozen=True)
class CancelTravel:
    """The travel will not take place (Res. 35)."""

    travel_id: str
    details: str = ""


@dataclass(frozen=True)
class ShareTravelInformationWithCourt:
    """The travel information ``travel_id``, as it now stands, was shared with the Court."""

    travel_id: str
    channel: str


TravelCommand = (
    RecordTravelInformation | ConfirmTravel | CancelTravel | ShareTravelInformationWithCourt
)

# --- State -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class TravelRecord:
    """One piece of travel information and the sharing of its latest change with the Court."""

    travel_id: str
    person: str
    destination_state: str
    travel_from: date
    travel_to: date | None
    status: SharedTravelStatus
    recorded_at: datetime
    changed_at: datetime
    due_at: datetime
    warrant_reference: str | None = None
    shared_at: datetime | None = None
    channel: str | None = None
    overdue: bool = False

    @property
    def late(self) -> bool:
        return self.shared_at is not None and self.shared_at > self.due_at


TravelRecords = Mapping[str, TravelRecord]


def evolve_travel(records: TravelRecords, payload: EventPayload, at: datetime) -> TravelRecords:
    """The travel records after one more travel event, at business time ``at``."""
    match payload:
        case TravelInformationRecorded():
            record = TravelRecord(
                travel_id=payload.travel_id,
                person=payload.person,
                destination_state=payload.destination_state,
                travel_from=payload.travel_from,
                travel_to=payload.travel_to,
                status=SharedTravelStatus(payload.status.value),
                recorded_at=at,
                changed_at=at,
                due_at=payload.share_due_at,
                warrant_reference=payload.warrant_reference,
            )
        case TravelInformationConfirmed():
            record = _changed(
                records[payload.travel_id],
                at,
                payload.share_due_at,
                status=SharedTravelStatus.CONFIRMED,
                travel_from=payload.travel_from,
                travel_to=payload.travel_to,
            )
        case TravelInformationCancelled():
            record = _changed(
                records[payload.travel_id],
                at,
                payload.share_due_at,
                status=SharedTravelStatus.CANCELLED,
            )
        case TravelInformationSharedWithCourt():
            record = replace(records[payload.travel_id], shared_at=at, channel=payload.channel)
        case TravelInformationSharingOverdue():
            record = replace(records[payload.travel_id], overdue=True)
        case _:
            raise TypeError(f"{type(payload).__name__} is not travel information")
    return {**records, record.travel_id: record}


def _changed(
    record: TravelRecord, at: datetime, due_at: datetime, **changes: object
) -> TravelRecord:
    """A new change to share: its own due time, not yet shared nor overdue."""
    return replace(
        record,
        changed_at=at,
        due_at=due_at,
        shared_at=None,
        channel=None,
        overdue=False,
        **changes,  # type: ignore[arg-type]
    )


def awaited(records: TravelRecords) -> list[str]:
    """The deadline kinds of every change not yet shared with the Court."""
    return [travel_sharing_kind(r.travel_id) for r in records.values() if r.shared_at is None]


# --- decide ----------------------------------------------------------------------------------


def decide_travel(
    records: TravelRecords,
    command: TravelCommand,
    *,
    case_id: str | None,
    now: datetime,
    sharing_level: timedelta,
) -> Decision:
    """Res. 35: the events and deadline changes of a travel command, on a case (``case_id``) or
    on none."""
    where = f"case {case_id}" if case_id else "no case"
    match command:
        case RecordTravelInformation():
            _require_new(records, command, where)
            _require_dates(command.travel_id, command.travel_from, command.travel_to)
            due = now + sharing_level
            return _set(
                TravelInformationRecorded(
                    case_id=case_id,
                    travel_id=command.travel_id,
                    warrant_reference=command.warrant_reference,
                    person=command.person,
                    destination_state=command.destination_state,
                    travel_from=command.travel_from,
                    travel_to=command.travel_to,
                    status=command.status,
                    details=command.details,
                    share_due_at=due,
                )
            )
        case ConfirmTravel():
            record = _require_changeable(records, command.travel_id, now, where)
            if record.status is not SharedTravelStatus.POTENTIAL:
                raise InvalidTransitionError(
                    f"Travel {record.travel_id} on {where} is {record.status.value}; only "
                    "potential travel is confirmed (Res. 35)."
                )
            _require_dates(command.travel_id, command.travel_from, command.travel_to)
            return _set(
                TravelInformationConfirmed(
                    case_id=case_id,
                    travel_id=record.travel_id,
                    travel_from=command.travel_from,
                    travel_to=command.travel_to,
                    details=command.details,
                    share_due_at=now + sharing_level,
                )
            )
        case CancelTravel():
            record = _require_changeable(records, command.travel_id, now, where)
            if record.status is SharedTravelStatus.CANCELLED:
                raise InvalidTransitionError(
                    f"Travel {record.travel_id} on {where} was already cancelled on "
                    f"{moment(record.changed_at)}; it is cancelled once."
                )
            return _set(
                TravelInformationCancelled(
                    case_id=case_id,
                    travel_id=record.travel_id,
                    details=command.details,
                    share_due_at=now + sharing_level,
                )
            )
        case ShareTravelInformationWithCourt():
            record = require_travel(records, command.travel_id, where)
            if record.shared_at is not None:
                raise InvalidTransitionError(
                    f"Travel information {record.travel_id} on {where}, as "
                    f"{record.status.value}, was already shared with the Court on "
                    f"{moment(record.shared_at)} ({record.channel}); each change is shared once."
                )
            _require_not_before(now, record.changed_at, "the travel information it shares")
            event = TravelInformationSharedWithCourt(
                case_id=case_id,
                travel_id=record.travel_id,
                channel=command.channel,
                due_at=record.due_at,
                late=now > record.due_at,
                status=record.status,
            )
            return Decision(
                events=[PendingEvent(event)],
                deadlines=[DeadlineSettled(travel_sharing_kind(record.travel_id))],
            )


def mark_sharing_overdue(
    records: TravelRecords, kind: str, *, case_id: str | None, now: datetime
) -> Decision:
    """The overdue event of the latest change, once: nothing when it was shared (at any business
    time), already flagged, or not yet due."""
    if not kind.startswith(TRAVEL_SHARING):
        raise InvalidTransitionError(
            f"There is no deadline {kind!r} here; the good offices track 'bureau_notification' "
            f"and '{TRAVEL_SHARING}<travel id>'."
        )
    where = f"case {case_id}" if case_id else "no case"
    record = require_travel(records, kind.removeprefix(TRAVEL_SHARING), where)
    if record.shared_at is not None or record.overdue or now < record.due_at:
        return Decision()
    event = TravelInformationSharingOverdue(
        case_id=case_id, travel_id=record.travel_id, due_at=record.due_at
    )
    return Decision(events=[PendingEvent(event)])


def require_travel(records: TravelRecords, travel_id: str, where: str) -> TravelRecord:
    record = records.get(travel_id)
    if record is None:
        raise InvalidTransitionError(f"No travel information {travel_id} is recorded on {where}.")
    return record


def _require_new(records: TravelRecords, command: RecordTravelInformation, where: str) -> None:
    # Nothing of the record holding the id: on no case it is another focal point's, whom the
    # caller may not read (ADR 0023); the id being taken is all the refusal can say.
    if command.travel_id in records:
        raise InvalidTransitionError(
            f"Travel information id {command.travel_id} is already taken on {where}; record a "
            "new travel under a new id (a change to a travel is its confirmation or "
            "cancellation)."
        )


def _require_changeable(
    records: TravelRecords, travel_id: str, now: datetime, where: str
) -> TravelRecord:
    record = require_travel(records, travel_id, where)
    _require_not_before(now, record.changed_at, "the travel information it changes")
    return record


def _require_dates(travel_id: str, travel_from: date, travel_to: date | None) -> None:
    if travel_to is not None and travel_to < travel_from:
        raise InvalidTransitionError(
            f"Travel {travel_id} ends on {travel_to.isoformat()}, before it begins on "
            f"{travel_from.isoformat()}."
        )


def _require_not_before(now: datetime, follows: datetime, what: str) -> None:
    """Time: a fact is not dated before the fact it follows."""
    if now < follows:
        raise BusinessTimeOutOfBoundsError(
            f"This is dated {moment(now)}, before {what} ({moment(follows)})."
        )


def _set(
    event: TravelInformationRecorded | TravelInformationConfirmed | TravelInformationCancelled,
) -> Decision:
    """A change to share with the Court: its deadline is (re)set to the change's due time."""
    return Decision(
        events=[PendingEvent(event)],
        deadlines=[
            DeadlineSet(travel_sharing_kind(event.travel_id), event.share_due_at, Rule.RES35)
        ],
    )
