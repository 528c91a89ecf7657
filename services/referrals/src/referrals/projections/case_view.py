"""What a reader sees of a case: a fold of the events that reader may read (pure).

The same fold serves the single-case read (from the store, always current) and the register
projection (from the log, one row per case and audience), so both say the same thing. A field
comes only from events the reader may see: a 7(b) case is invisible to a States Parties reader
until the Court refers it, and then shows as a 7(a) case whose informal history is not theirs.

Rule Time: the fold applies a case's events in business-time order (the opening first), and
``fold_view`` answers both questions of every read: which envelopes were recorded by ``as_of``
(the caller filters them) and where the procedure stood *on* a business date (``until``, the end
of that day). Whether a P13 step is overdue is derived from business times, never from whether
an overdue event exists: a step done by its due time is on time whatever order the two facts
arrived in; on a date, a step due before its end and not done by then is overdue.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from pydantic import BaseModel, ConfigDict

from noncoop_shared.catalogue import CATALOGUE
from noncoop_shared.catalogue import referrals as ev
from noncoop_shared.catalogue.common import (
    CourtDecision,
    CourtRequest,
    PersonConcerned,
    RequestedState,
)
from noncoop_shared.envelope import Envelope
from noncoop_shared.views import TimelineEntry, timeline_entry


class _View(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ServiceLevelView(_View):
    rule: str
    due_at: datetime | None = None
    done_at: datetime | None = None
    late: bool | None = None
    overdue_since: datetime | None = None
    reference: str | None = None


class DecisionChangeView(_View):
    kind: str
    change_reference: str
    change_date: date
    summary: str
    procedure_effect: str


class CourtInformationView(_View):
    """S-info: what the Court informed of, and whom."""

    reference: str
    date: date
    chamber: str
    addressees: list[str]
    subject: str
    related_case_id: str | None = None


class NoFindingView(_View):
    """S7b-no-finding: the Court's decision without a finding on a 7(b) matter."""

    reference: str
    date: date
    chamber: str
    outcome: str
    summary: str


class CaseView(_View):
    case_id: str
    scenario: str | None = None
    status: str | None = None
    requested_state: RequestedState | None = None
    court_request: CourtRequest | None = None
    persons_concerned: list[PersonConcerned] = []
    decision: CourtDecision | None = None
    decision_status: str | None = None
    decision_changes: list[DecisionChangeView] = []
    urgency: str | None = None
    urgency_reason: str | None = None
    forwarding: ServiceLevelView | None = None
    press_release: ServiceLevelView | None = None
    closure_reason: str | None = None
    closure_note: str | None = None
    closure_court_decision_reference: str | None = None
    closed_at: datetime | None = None
    procedure_ended_at: datetime | None = None
    why_no_procedure: str | None = None
    bound_by_security_council_resolution: bool = False
    security_council_resolution: str | None = None
    information: CourtInformationView | None = None
    no_finding: NoFindingView | None = None
    opened_at: datetime | None = None
    opened_on: date | None = None
    updated_at: datetime | None = None
    version: int = 0
    timeline: list[TimelineEntry] = []


def fold_view(
    case_id: str, envelopes: Iterable[Envelope], *, until: datetime | None = None
) -> CaseView:
    """The view of the given envelopes (those recorded by ``as_of`` that the reader may read),
    as the case stood at business time ``until`` (facts dated later are left out), or with all
    of them when ``until`` is ``None``."""
    kept = [e for e in envelopes if until is None or e.occurredat < until]
    view = CaseView(case_id=case_id)
    for envelope in sorted(kept, key=business_order):
        view = evolve_view(view, envelope)
    return derive_overdue(view, until)


def end_of(on: date) -> datetime:
    """The first instant after the business date ``on`` (UTC)."""
    return datetime.combine(on + timedelta(days=1), time(0), tzinfo=UTC)


_OPENING_NAMES = frozenset(
    {
        "court_decision_received",
        "court_finding_recorded_for_information",
        "court_information_recorded",
        "urgent_incident_reported",
    }
)


def business_order(envelope: Envelope) -> tuple[bool, datetime, int]:
    """The order of the fold: the opening event first, then business time, then the stream."""
    opening = _name(envelope) in _OPENING_NAMES if envelope.type in CATALOGUE else False
    return (not opening, envelope.occurredat, envelope.streamversion)


def derive_overdue(view: CaseView, until: datetime | None) -> CaseView:
    """P13-forward and P13-press in business time: done by the due time means on time, whatever
    was recorded when; on a date (``until``), due before its end, not done by then, and the
    procedure still running at the due instant means overdue since the due instant."""
    changes: dict[str, ServiceLevelView] = {}
    for name in ("forwarding", "press_release"):
        step: ServiceLevelView | None = getattr(view, name)
        if step is None or step.due_at is None:
            continue
        overdue_since = step.overdue_since
        if step.done_at is not None and step.done_at <= step.due_at:
            overdue_since = None
        elif until is not None:
            ended = view.procedure_ended_at is not None and view.procedure_ended_at <= step.due_at
            overdue_since = step.due_at if step.due_at < until and not ended else None
        if overdue_since != step.overdue_since:
            changes[name] = step.model_copy(update={"overdue_since": overdue_since})
    return view.model_copy(update=changes) if changes else view


def evolve_view(view: CaseView, envelope: Envelope) -> CaseView:
    """Apply one visible event; returns a new view (the old one is left as it was)."""
    payload = CATALOGUE.decode(envelope.type, envelope.data)
    changes: dict[str, Any] = {
        # Folded in business-time order: the stream's newest event may not come last.
        "version": max(view.version, envelope.streamversion),
        "updated_at": max(view.updated_at or envelope.occurredat, envelope.occurredat),
        "timeline": [*view.timeline, timeline_entry(envelope)],
    }
    at = envelope.occurredat
    match payload:
        case ev.CourtDecisionReceived():
            changes |= _opened(payload, at) | {
                "scenario": "7a",
                "status": "open",
                "decision": payload.decision,
                "decision_status": "in_force",
                "forwarding": ServiceLevelView(
                    rule="P13-forward", due_at=payload.forwarding_due_at
                ),
                "press_release": ServiceLevelView(
                    rule="P13-press", due_at=payload.press_release_due_at
                ),
            }
        case ev.CourtFindingRecordedForInformation():
            changes |= _opened(payload, at) | {
                "scenario": "information_only",
                "status": "information_only",
                "decision": payload.decision,
                "decision_status": "in_force",
                "why_no_procedure": payload.why_no_procedure,
                "bound_by_security_council_resolution": (
                    payload.bound_by_security_council_resolution
                ),
                "security_council_resolution": payload.security_council_resolution,
            }
        case ev.CourtInformationRecorded():
            changes |= {
                "scenario": "court_information",
                "status": "information_only",
                "requested_state": payload.state_concerned,
                "court_request": payload.court_request,
                "persons_concerned": list(payload.persons_concerned),
                "opened_at": at,
                "opened_on": at.date(),
                "information": CourtInformationView(
                    reference=payload.reference,
                    date=payload.date,
                    chamber=payload.chamber,
                    addressees=[a.value for a in payload.addressees],
                    subject=payload.subject,
                    related_case_id=payload.related_case_id,
                ),
            }
        case ev.CourtDecidedWithoutFinding():
            changes["no_finding"] = NoFindingView(
                reference=payload.reference,
                date=payload.date,
                chamber=payload.chamber,
                outcome=payload.outcome,
                summary=payload.summary,
            )
        case ev.UrgentIncidentReported():
            changes |= _opened(payload, at) | {
                "scenario": "7b",
                "status": "open",
                "urgency": payload.urgency.value,
                "urgency_reason": payload.urgency_reason,
            }
        case ev.CaseContinuedUnderCourtReferral():
            # A reader who never saw the 7(b) report meets the case here, as a 7(a) case.
            scenario = "7b_continued_as_7a" if view.scenario == "7b" else "7a"
            changes |= {
                "scenario": scenario,
                "status": "open",
                "decision": payload.decision,
                "decision_status": "in_force",
                "opened_at": view.opened_at or at,
                "opened_on": view.opened_on or at.date(),
                # S7b-to-7a: the event names the State, so a reader who never saw the 7(b)
                # report reads it too (events recorded before the field was added do not).
                "requested_state": view.requested_state or payload.requested_state,
                "forwarding": ServiceLevelView(
                    rule="P13-forward", due_at=payload.forwarding_due_at
                ),
                "press_release": ServiceLevelView(
                    rule="P13-press", due_at=payload.press_release_due_at
                ),
            }
        case ev.CourtDecisionAmended() | ev.CourtDecisionReversed() | ev.CourtDecisionWithdrawn():
            kind = {
                "court_decision_amended": "amended",
                "court_decision_reversed": "reversed",
                "court_decision_withdrawn": "withdrawn",
            }[_name(envelope)]
            change = DecisionChangeView(
                kind=kind,
                change_reference=payload.change_reference,
                change_date=payload.change_date,
                summary=payload.summary,
                procedure_effect=payload.procedure_effect,
            )
            changes |= {
                "decision_status": kind,
                "decision_changes": [*view.decision_changes, change],
            }
            if payload.procedure_effect == "ends":
                changes["procedure_ended_at"] = view.procedure_ended_at or at
            amended_referral = (
                payload.referred_to_security_council
                if isinstance(payload, ev.CourtDecisionAmended)
                else None
            )
            if view.decision is not None and amended_referral is not None:
                changes["decision"] = view.decision.model_copy(
                    update={"referred_to_security_council": amended_referral}
                )
        case ev.DecisionForwardedToStatesParties():
            changes["forwarding"] = _done(
                view.forwarding,
                "P13-forward",
                payload.due_at,
                at,
                payload.late,
                payload.communication_reference,
            )
        case ev.DecisionForwardingOverdue():
            base = view.forwarding or ServiceLevelView(rule="P13-forward", due_at=payload.due_at)
            changes["forwarding"] = base.model_copy(update={"overdue_since": payload.due_at})
        case ev.PressReleaseIssued():
            changes["press_release"] = _done(
                view.press_release, "P13-press", payload.due_at, at, payload.late, payload.reference
            )
        case ev.PressReleaseOverdue():
            base = view.press_release or ServiceLevelView(rule="P13-press", due_at=payload.due_at)
            changes["press_release"] = base.model_copy(update={"overdue_since": payload.due_at})
        case ev.CaseClosed():
            changes |= {
                "status": "closed",
                "closure_reason": payload.reason.value,
                "closure_note": payload.note,
                "closure_court_decision_reference": payload.court_decision_reference,
                "closed_at": at,
                "procedure_ended_at": view.procedure_ended_at or at,
            }
        case _:
            pass  # an event of another service on the same case: only the timeline shows it
    return view.model_copy(update=changes)


def _opened(payload: ev._CaseOpened, at: datetime) -> dict[str, Any]:
    return {
        "requested_state": payload.requested_state,
        "court_request": payload.court_request,
        "persons_concerned": list(payload.persons_concerned),
        "opened_at": at,
        "opened_on": at.date(),
    }


def _done(
    current: ServiceLevelView | None,
    rule: str,
    due_at: datetime,
    at: datetime,
    late: bool,
    reference: str,
) -> ServiceLevelView:
    base = current or ServiceLevelView(rule=rule, due_at=due_at)
    return base.model_copy(update={"done_at": at, "late": late, "reference": reference})


def _name(envelope: Envelope) -> str:
    return CATALOGUE.meta(envelope.type).name
