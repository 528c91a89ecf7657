"""The state of the good offices on one case, folded from its ``good-offices:<case id>`` stream.

``fold`` replays the stream from its first event; ``evolve`` applies one event. Both are pure:
the business time of each event (``occurred_at``) comes with it, because the time a step was done
is what the service levels of P18-notify and Res. 35 are measured against.

The good offices may be activated again after they were concluded (P19: the President becomes
active "as decided by the Bureau", at any time): an activation starts a new period, with its own
basis, Bureau notification and verification. What belongs to the case rather than to one period
stays: the focal points assigned, the reports to the Bureau, the continuation under 7(a) and the
travel information.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import assert_never

from noncoop_shared.auth.roles import RegionalGroup
from noncoop_shared.catalogue.base import EventPayload
from noncoop_shared.catalogue.good_offices import (
    ActivationBasis,
    Article97ReminderGiven,
    AssistanceEngagementRecorded,
    AssistanceRequested,
    BureauNotificationOverdue,
    BureauNotifiedOfActivation,
    ContactRecorded,
    CourtConsulted,
    GoodOfficesActivated,
    GoodOfficesConcluded,
    GoodOfficesContinuedUnder7a,
    Outcome,
    ReportToBureauSubmitted,
    SecretariatAssistanceRecorded,
    TravelInformationRecorded,
    TravelInformationSharedWithCourt,
    TravelInformationSharingOverdue,
    TravelStatus,
    TriggerInformationVerified,
    Verification,
)

BUREAU_NOTIFICATION = "bureau_notification"
"""The deadline kind of P18-notify; the scheduler hands it back when it passes."""
TRAVEL_SHARING = "travel_sharing:"
"""The prefix of the deadline kind of Res. 35, one per travel record: ``travel_sharing:<id>``."""

_CASE_EVENTS = (
    GoodOfficesActivated,
    BureauNotifiedOfActivation,
    BureauNotificationOverdue,
    ContactRecorded,
    CourtConsulted,
    Article97ReminderGiven,
    AssistanceRequested,
    AssistanceEngagementRecorded,
    TriggerInformationVerified,
    SecretariatAssistanceRecorded,
    ReportToBureauSubmitted,
    GoodOfficesConcluded,
    GoodOfficesContinuedUnder7a,
    TravelInformationRecorded,
    TravelInformationSharedWithCourt,
    TravelInformationSharingOverdue,
)


def travel_sharing_kind(travel_id: str) -> str:
    """The deadline kind of sharing the travel information ``travel_id`` with the Court."""
    return f"{TRAVEL_SHARING}{travel_id}"


@dataclass(frozen=True)
class BureauNotification:
    """P18-notify for the current period: when it is due, when and how it was done, whether it
    was flagged overdue. ``due_at`` is ``None`` before any activation."""

    due_at: datetime | None = None
    done_at: datetime | None = None
    means: str | None = None
    overdue: bool = False

    @property
    def late(self) -> bool:
        return self.due_at is not None and self.done_at is not None and self.done_at > self.due_at


@dataclass(frozen=True)
class Conclusion:
    outcome: Outcome
    at: datetime


@dataclass(frozen=True)
class TravelRecord:
    """One piece of travel information (Res. 35) and its sharing with the Court."""

    travel_id: str
    person: str
    destination_state: str
    travel_from: date
    travel_to: date | None
    status: TravelStatus
    recorded_at: datetime
    due_at: datetime
    shared_at: datetime | None = None
    channel: str | None = None
    overdue: bool = False

    @property
    def late(self) -> bool:
        return self.shared_at is not None and self.shared_at > self.due_at


@dataclass(frozen=True)
class GoodOfficesState:
    """What this service knows of the good offices on one case; ``exists`` is False before the
    stream's first event (which may be travel information: it needs no activation)."""

    case_id: str = ""
    basis: ActivationBasis | None = None
    activated_at: datetime | None = None
    bureau_decision_reference: str | None = None
    bureau_notification: BureauNotification = field(default_factory=BureauNotification)
    assigned_regions: frozenset[RegionalGroup] = frozenset()
    """The regional groups whose focal point was asked to assist (P20): they read the case's
    restricted records (PROCEDURES.md, Confidentiality), for good, as the records they saw stay."""
    assisting_bureau_members: frozenset[str] = frozenset()
    verification: Verification | None = None
    verified_at: datetime | None = None
    reports_to_bureau: int = 0
    conclusion: Conclusion | None = None
    continued_under_7a: bool = False
    travel: Mapping[str, TravelRecord] = field(default_factory=dict)
    """By travel id; never mutated: ``evolve`` builds a new mapping."""
    version: int = 0

    @property
    def exists(self) -> bool:
        return self.version > 0

    @property
    def activated(self) -> bool:
        """The President became active at least once on the case."""
        return self.activated_at is not None

    @property
    def active(self) -> bool:
        """Activated, and the current period not concluded."""
        return self.activated and self.conclusion is None

    def awaiting_notification(self) -> datetime | None:
        """When the Bureau's notification is due, if it is awaited: the good offices are active
        and the Bureau not yet notified; ``None`` otherwise."""
        notification = self.bureau_notification
        if not self.active or notification.done_at is not None:
            return None
        return notification.due_at

    def awaited(self) -> list[str]:
        """The kinds of every deadline still running on the stream."""
        kinds = [BUREAU_NOTIFICATION] if self.awaiting_notification() is not None else []
        return kinds + [
            travel_sharing_kind(record.travel_id)
            for record in self.travel.values()
            if record.shared_at is None
        ]


def fold(events: Iterable[tuple[EventPayload, datetime]], *, case_id: str) -> GoodOfficesState:
    """The state after the events of the stream of ``case_id``, in stream order, with their
    business time. The case id is given because an empty stream still belongs to a case."""
    state = GoodOfficesState(case_id=case_id)
    for payload, occurred_at in events:
        state = evolve(state, payload, occurred_at)
    return state


def evolve(
    state: GoodOfficesState, payload: EventPayload, occurred_at: datetime
) -> GoodOfficesState:
    """The state after one more event of the stream."""
    if not isinstance(payload, _CASE_EVENTS):
        raise TypeError(f"{type(payload).__name__} is not an event of a good-offices stream")
    if state.case_id and payload.case_id != state.case_id:
        raise ValueError(
            f"an event of case {payload.case_id} cannot be folded into the good offices on "
            f"case {state.case_id}"
        )
    state = replace(state, case_id=payload.case_id, version=state.version + 1)
    match payload:
        case GoodOfficesActivated():
            return replace(
                state,
                basis=payload.basis,
                activated_at=occurred_at,
                bureau_decision_reference=payload.bureau_decision_reference,
                bureau_notification=BureauNotification(due_at=payload.bureau_notification_due_at),
                verification=None,
                verified_at=None,
                conclusion=None,
            )
        case BureauNotifiedOfActivation():
            notification = replace(
                state.bureau_notification, done_at=occurred_at, means=payload.means
            )
            return replace(state, bureau_notification=notification)
        case BureauNotificationOverdue():
            notification = replace(state.bureau_notification, overdue=True)
            return replace(state, bureau_notification=notification)
        case AssistanceRequested():
            if payload.region is not None:
                return replace(state, assigned_regions=state.assigned_regions | {payload.region})
            if payload.bureau_member is not None:
                members = state.assisting_bureau_members | {payload.bureau_member}
                return replace(state, assisting_bureau_members=members)
            return state
        case TriggerInformationVerified():
            return replace(state, verification=payload.outcome, verified_at=occurred_at)
        case ReportToBureauSubmitted():
            return replace(state, reports_to_bureau=state.reports_to_bureau + 1)
        case GoodOfficesConcluded():
            return replace(state, conclusion=Conclusion(payload.outcome, occurred_at))
        case GoodOfficesContinuedUnder7a():
            return replace(state, continued_under_7a=True)
        case TravelInformationRecorded():
            record = TravelRecord(
                travel_id=payload.travel_id,
                person=payload.person,
                destination_state=payload.destination_state,
                travel_from=payload.travel_from,
                travel_to=payload.travel_to,
                status=payload.status,
                recorded_at=occurred_at,
                due_at=payload.share_due_at,
            )
            return _with_travel(state, record)
        case TravelInformationSharedWithCourt():
            shared = replace(
                state.travel[payload.travel_id], shared_at=occurred_at, channel=payload.channel
            )
            return _with_travel(state, shared)
        case TravelInformationSharingOverdue():
            return _with_travel(state, replace(state.travel[payload.travel_id], overdue=True))
        case (
            ContactRecorded()
            | CourtConsulted()
            | Article97ReminderGiven()
            | AssistanceEngagementRecorded()
            | SecretariatAssistanceRecorded()
        ):
            # Records of the engagement (P20, P22, P23): no later decision depends on them.
            return state
        case _:
            assert_never(payload)


def _with_travel(state: GoodOfficesState, record: TravelRecord) -> GoodOfficesState:
    return replace(state, travel={**state.travel, record.travel_id: record})
