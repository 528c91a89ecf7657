"""What a reader sees of a case: a fold of the events that reader may read (pure).

The same fold serves the single-case read (from the store, always current) and the register
projection (from the log, one row per case and audience), so both say the same thing. A field
comes only from events the reader may see: a 7(b) case is invisible to a States Parties reader
until the Court refers it, and then shows as a 7(a) case whose informal history is not theirs.
"""

from __future__ import annotations

from datetime import date, datetime
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
    opened_at: datetime | None = None
    opened_on: date | None = None
    updated_at: datetime | None = None
    version: int = 0
    timeline: list[TimelineEntry] = []


def fold_view(case_id: str, envelopes: list[Envelope]) -> CaseView:
    view = CaseView(case_id=case_id)
    for envelope in envelopes:
        view = evolve_view(view, envelope)
    return view


def evolve_view(view: CaseView, envelope: Envelope) -> CaseView:
    """Apply one visible event; returns a new view (the old one is left as it was)."""
    payload = CATALOGUE.decode(envelope.type, envelope.data)
    changes: dict[str, Any] = {
        "version": envelope.streamversion,
        "updated_at": envelope.occurredat,
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
            }
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
