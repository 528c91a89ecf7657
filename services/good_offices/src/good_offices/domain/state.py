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
from datetime import datetime
from typing import assert_never

from good_offices.domain.travel import (
    TRAVEL_EVENTS,
    TRAVEL_SHARING,
    TravelRecord,
    TravelRecords,
    awaited,
    evolve_travel,
    travel_sharing_kind,
)
from noncoop_shared.auth.roles import RegionalGroup
from noncoop_shared.catalogue.base import EventPayload
from noncoop_shared.catalogue.good_offices import (
    ActivationBasis,
    Article97ReminderGiven,
    AssistanceEngagementRecorded,
    AssistanceRequested,
    BureauDecidedOnGoodOffices,
    BureauGoodOfficesDecision,
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
    TravelInformationCancelled,
    TravelInformationConfirmed,
    TravelInformationRecorded,
    TravelInformationSharedWithCourt,
    TravelInformationSharingOverdue,
    TriggerInformationVerified,
    Verification,
)

__all__ = [
    "BUREAU_NOTIFICATION",
    "TRAVEL_SHARING",
    "GoodOfficesState",
    "Period",
    "TravelRecord",
    "evolve",
    "fold",
    "travel_sharing_kind",
]

BUREAU_NOTIFICATION = "bureau_notification"
"""The deadline kind of P18-notify; the scheduler hands it back when it passes."""

_CASE_EVENTS = (
    GoodOfficesActivated,
    BureauDecidedOnGoodOffices,
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
    *TRAVEL_EVENTS,
)


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


Asked = tuple[str, str]
"""Who was asked to assist: ``("region", <regional group>)``, ``("focal_point", <id>)`` or
``("bureau_member", <id>)`` (``asked``)."""


def asked(
    region: RegionalGroup | None = None,
    focal_point_id: str | None = None,
    bureau_member: str | None = None,
) -> Asked:
    """The key of ``GoodOfficesState.asked_at`` for a request naming these, as ``evolve`` reads
    it: a focal point named is asked by name, else its region; else the Bureau member."""
    if focal_point_id is not None:
        return ("focal_point", focal_point_id)
    if region is not None:
        return ("region", region.value)
    return ("bureau_member", bureau_member or "")


@dataclass(frozen=True)
class Conclusion:
    outcome: Outcome
    at: datetime


@dataclass(frozen=True)
class Period:
    """One period of good offices, in business time: from the activation to the conclusion
    (``None`` while they go on)."""

    activated_at: datetime
    basis: ActivationBasis
    """How this period began (P18 or P19): a decision that the good offices remain active is
    judged on the start of the period its business time falls in, which may be an earlier one
    than the latest (``GoodOfficesState.basis`` is the latest period's)."""
    concluded_at: datetime | None = None
    notification: BureauNotification | None = None
    """P18-notify of this period, kept here once a later period began (the current period's is
    ``GoodOfficesState.bureau_notification``); ``notification_on`` reads either."""
    verified: tuple[Verification, datetime] | None = None
    """P20: the verification of this period and its business time, kept here once a later
    period began (the current period's is ``GoodOfficesState.verification``)."""

    def covers(self, at: datetime) -> bool:
        return self.activated_at <= at and (self.concluded_at is None or at < self.concluded_at)


@dataclass(frozen=True)
class GoodOfficesState:
    """What this service knows of the good offices on one case; ``exists`` is False before the
    stream's first event (which may be travel information: it needs no activation)."""

    case_id: str = ""
    activated_at: datetime | None = None
    bureau_decision_reference: str | None = None
    bureau_notification: BureauNotification = field(default_factory=BureauNotification)
    assigned_regions: frozenset[RegionalGroup] = frozenset()
    """The regional groups whose focal point was asked to assist (P20): whoever serves for the
    group on the roster reads the case's restricted records, while serving (P17-access)."""
    assigned_focal_points: frozenset[str] = frozenset()
    """The focal points the President asked by name (P20, P22)."""
    assisting_bureau_members: frozenset[str] = frozenset()
    asked_at: Mapping[Asked, datetime] = field(default_factory=dict)
    """When each region, focal point by name and Bureau member was first asked to assist, in
    business time: an engagement is its answer, so it is not dated before it (P22, Time). By
    ``asked(...)``; never mutated: ``evolve`` builds a new mapping."""
    periods: tuple[Period, ...] = ()
    """Every period of good offices, in the order (and business-time order) begun."""
    remain_decided: tuple[datetime, ...] = ()
    """P19: when the Bureau decided that the good offices remain active, each decision's
    business time, of every period, in the order recorded: a decision answers the start or the
    continuation before it in business time, in the period it falls in, whatever the order of
    recording (one dated in an earlier period may be entered once a later one began)."""
    continued_at: datetime | None = None
    verification: Verification | None = None
    verified_at: datetime | None = None
    reports_to_bureau: int = 0
    conclusion: Conclusion | None = None
    continued_under_7a: bool = False
    travel: TravelRecords = field(default_factory=dict)
    """By travel id; never mutated: ``evolve`` builds a new mapping."""
    version: int = 0

    @property
    def exists(self) -> bool:
        return self.version > 0

    @property
    def basis(self) -> ActivationBasis | None:
        """How the latest period of good offices began (``None`` before any)."""
        return self.periods[-1].basis if self.periods else None

    @property
    def activated(self) -> bool:
        """The President became active at least once on the case."""
        return self.activated_at is not None

    @property
    def active(self) -> bool:
        """Activated, and the current period not concluded."""
        return self.activated and self.conclusion is None

    def period_on(self, at: datetime) -> Period | None:
        """The period of good offices going on at business time ``at``, if any."""
        return next((p for p in self.periods if p.covers(at)), None)

    def in_current_period(self, at: datetime) -> bool:
        """Business time ``at`` falls in the latest period of good offices."""
        return bool(self.periods) and self.periods[-1].covers(at)

    def notification_on(self, at: datetime) -> BureauNotification | None:
        """P18-notify of the period going on at business time ``at`` (an earlier period's when
        ``at`` falls in it, whatever was recorded since); ``None`` outside every period."""
        period = self.period_on(at)
        if period is None:
            return None
        if self.in_current_period(at):
            return self.bureau_notification
        return period.notification or BureauNotification()

    def verified_on(self, at: datetime) -> tuple[Verification, datetime] | None:
        """P20: the verification of the period going on at business time ``at``, with its
        business time (an earlier period's when ``at`` falls in it); ``None`` when none."""
        period = self.period_on(at)
        if period is None or not self.in_current_period(at):
            return period.verified if period is not None else None
        if self.verification is None or self.verified_at is None:
            return None
        return self.verification, self.verified_at

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
        return kinds + awaited(self.travel)


def fold(events: Iterable[tuple[EventPayload, datetime]], *, case_id: str) -> GoodOfficesState:
    """The state after the events of the stream of ``case_id``, in stream order, with their
    business time. The case id is given because an empty stream still belongs to a case."""
    state = GoodOfficesState(case_id=case_id)
    for payload, occurred_at in events:
        state = evolve(state, payload, occurred_at)
    return state


def _concluded(state: GoodOfficesState, outcome: Outcome, at: datetime) -> GoodOfficesState:
    """A conclusion ends the period its business time falls in (the last one begun by then),
    not always the latest: a history entered late may conclude an earlier period once a later
    one began. Recorded day by day, a conclusion dated after the period ended would have been
    refused, so of two the earlier in business time stands, whatever the order of recording
    (Time); one dated after it changes nothing."""
    periods = state.periods
    if not periods:
        return replace(state, conclusion=Conclusion(outcome, at))
    begun = [i for i, period in enumerate(periods) if period.activated_at <= at]
    index = begun[-1] if begun else len(periods) - 1
    period = periods[index]
    if period.concluded_at is not None and period.concluded_at <= at:
        return state
    ended = (*periods[:index], replace(period, concluded_at=at), *periods[index + 1 :])
    if index < len(periods) - 1:  # an earlier period's: the current one goes on
        return replace(state, periods=ended)
    return replace(state, periods=ended, conclusion=Conclusion(outcome, at))


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
    state = replace(state, case_id=payload.case_id or state.case_id, version=state.version + 1)
    match payload:
        case GoodOfficesActivated():
            periods = state.periods
            if periods:  # the period that ended keeps its notification and verification
                verified = (
                    (state.verification, state.verified_at)
                    if state.verification is not None and state.verified_at is not None
                    else None
                )
                ended = replace(
                    periods[-1], notification=state.bureau_notification, verified=verified
                )
                periods = (*periods[:-1], ended)
            return replace(
                state,
                periods=(*periods, Period(occurred_at, payload.basis)),
                activated_at=occurred_at,
                bureau_decision_reference=payload.bureau_decision_reference,
                bureau_notification=BureauNotification(due_at=payload.bureau_notification_due_at),
                verification=None,
                verified_at=None,
                conclusion=None,
            )
        case BureauNotifiedOfActivation():
            period = state.period_on(occurred_at)
            if period is not None and not state.in_current_period(occurred_at):
                # Dated in an earlier period, recorded once a later one began: that period's.
                earlier = replace(
                    period.notification or BureauNotification(),
                    done_at=occurred_at,
                    means=payload.means,
                )
                periods = tuple(
                    replace(p, notification=earlier) if p is period else p for p in state.periods
                )
                return replace(state, periods=periods)
            notification = replace(
                state.bureau_notification, done_at=occurred_at, means=payload.means
            )
            return replace(state, bureau_notification=notification)
        case BureauNotificationOverdue():
            notification = replace(state.bureau_notification, overdue=True)
            return replace(state, bureau_notification=notification)
        case BureauDecidedOnGoodOffices():
            if payload.decision is BureauGoodOfficesDecision.REMAIN_ACTIVE:
                return replace(state, remain_decided=(*state.remain_decided, occurred_at))
            return state
        case AssistanceRequested():
            who = asked(payload.region, payload.focal_point_id, payload.bureau_member)
            # The earliest request in business time, whatever the order they were recorded in.
            if who not in state.asked_at or occurred_at < state.asked_at[who]:
                state = replace(state, asked_at={**state.asked_at, who: occurred_at})
            if payload.focal_point_id is not None:
                return replace(
                    state,
                    assigned_focal_points=state.assigned_focal_points | {payload.focal_point_id},
                )
            if payload.region is not None:
                return replace(state, assigned_regions=state.assigned_regions | {payload.region})
            if payload.bureau_member is not None:
                members = state.assisting_bureau_members | {payload.bureau_member}
                return replace(state, assisting_bureau_members=members)
            return state
        case TriggerInformationVerified():
            period = state.period_on(occurred_at)
            if period is not None and not state.in_current_period(occurred_at):
                # Dated in an earlier period, recorded once a later one began: that period's.
                periods = tuple(
                    replace(p, verified=(payload.outcome, occurred_at)) if p is period else p
                    for p in state.periods
                )
                return replace(state, periods=periods)
            return replace(state, verification=payload.outcome, verified_at=occurred_at)
        case ReportToBureauSubmitted():
            return replace(state, reports_to_bureau=state.reports_to_bureau + 1)
        case GoodOfficesConcluded():
            return _concluded(state, payload.outcome, occurred_at)
        case GoodOfficesContinuedUnder7a():
            return replace(state, continued_under_7a=True, continued_at=occurred_at)
        case (
            TravelInformationRecorded()
            | TravelInformationConfirmed()
            | TravelInformationCancelled()
            | TravelInformationSharedWithCourt()
            | TravelInformationSharingOverdue()
        ):
            return replace(state, travel=evolve_travel(state.travel, payload, occurred_at))
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
