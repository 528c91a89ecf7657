"""What a reader sees of a case's good offices: a fold of the events that reader may read (pure).

The good offices are "entirely informal" (annex II para 11): most records are restricted, so
most readers see nothing (and get 404); Bureau members see the notification and the President's
reports; an assigned focal point sees the restricted records but not the Bureau's.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict

from noncoop_shared.catalogue import CATALOGUE, PersonalData
from noncoop_shared.catalogue import good_offices as ev
from noncoop_shared.envelope import Envelope
from noncoop_shared.rules import Rule
from noncoop_shared.views import TimelineEntry, timeline_entry


class _View(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Step(_View):
    """A tracked step with a service level (P18-notify, Res. 35)."""

    rule: str
    due_at: dt.datetime | None = None
    done_at: dt.datetime | None = None
    late: bool | None = None
    overdue_since: dt.datetime | None = None


class Note(_View):
    """One recorded engagement (P20-P23): what kind, when, what was said of it."""

    kind: str
    occurred_at: dt.datetime
    summary: str
    counterpart: PersonalData | None = None
    detail: dict[str, Any] = {}


class TravelRecord(_View):
    travel_id: str
    case_id: str | None = None
    warrant_reference: str | None = None
    person: PersonalData
    destination_state: str
    travel_from: dt.date
    travel_to: dt.date | None
    status: str
    details: str
    sharing: Step
    """The sharing of the latest change (recorded, confirmed or cancelled) with the Court."""
    channel: str | None = None
    shared_status: str | None = None
    """What the Court was last told: potential, confirmed or cancelled."""


class GoodOfficesView(_View):
    case_id: str
    active: bool = False
    basis: str | None = None
    activation_rule: str | None = None
    activated_at: dt.datetime | None = None
    court_consulted_on: dt.date | None = None
    bureau_decision_reference: str | None = None
    bureau_decisions: list[Note] = []
    """P19: the Bureau's decisions to activate the good offices or that they remain active."""
    bureau_notification: Step | None = None
    engagement: list[Note] = []
    reports_to_bureau: list[Note] = []
    verification: str | None = None
    continued_under_7a: bool = False
    outcome: str | None = None
    concluded_at: dt.datetime | None = None
    travel: list[TravelRecord] = []
    version: int = 0
    timeline: list[TimelineEntry] = []


def fold_view(case_id: str, envelopes: list[Envelope]) -> GoodOfficesView:
    view = GoodOfficesView(case_id=case_id)
    for envelope in envelopes:
        view = evolve_view(view, envelope)
    return view


def evolve_view(view: GoodOfficesView, envelope: Envelope) -> GoodOfficesView:
    payload = CATALOGUE.decode(envelope.type, envelope.data)
    at = envelope.occurredat
    changes: dict[str, Any] = {
        "version": envelope.streamversion,
        "timeline": [*view.timeline, timeline_entry(envelope)],
    }
    match payload:
        case ev.GoodOfficesActivated():
            changes |= {
                "active": True,
                "basis": payload.basis.value,
                "activation_rule": envelope.rule,
                "activated_at": at,
                "court_consulted_on": payload.court_consulted_on,
                "bureau_decision_reference": payload.bureau_decision_reference,
                "bureau_notification": (
                    Step(rule=Rule.P18_NOTIFY, due_at=payload.bureau_notification_due_at)
                    if payload.bureau_notification_due_at is not None
                    else None  # the Bureau decided (P19): nothing to notify
                ),
            }
        case ev.BureauDecidedOnGoodOffices():
            note = Note(
                kind=f"bureau_decision_{payload.decision.value}",
                occurred_at=at,
                summary=payload.bureau_decision_reference,
            )
            changes["bureau_decisions"] = [*view.bureau_decisions, note]
        case ev.BureauNotifiedOfActivation():
            base = view.bureau_notification or Step(rule=Rule.P18_NOTIFY, due_at=payload.due_at)
            changes["bureau_notification"] = base.model_copy(
                update={"done_at": at, "late": payload.late}
            )
        case ev.BureauNotificationOverdue():
            base = view.bureau_notification or Step(rule=Rule.P18_NOTIFY, due_at=payload.due_at)
            changes["bureau_notification"] = base.model_copy(
                update={"overdue_since": payload.due_at}
            )
        case ev.ReportToBureauSubmitted():
            note = Note(
                kind="report_to_bureau",
                occurred_at=at,
                summary=payload.summary,
                detail={"un_secretariat_information": payload.un_secretariat_information},
            )
            changes["reports_to_bureau"] = [*view.reports_to_bureau, note]
        case ev.TriggerInformationVerified():
            changes["verification"] = payload.outcome.value
            changes["engagement"] = [*view.engagement, _note(envelope, payload, at)]
        case ev.GoodOfficesConcluded():
            changes |= {"active": False, "outcome": payload.outcome.value, "concluded_at": at}
        case ev.GoodOfficesContinuedUnder7a():
            changes["continued_under_7a"] = True
        case ev.TravelInformationRecorded():
            record = TravelRecord(
                travel_id=payload.travel_id,
                case_id=payload.case_id,
                warrant_reference=payload.warrant_reference,
                person=payload.person,
                destination_state=payload.destination_state,
                travel_from=payload.travel_from,
                travel_to=payload.travel_to,
                status=payload.status.value,
                details=payload.details,
                sharing=Step(rule=Rule.RES35, due_at=payload.share_due_at),
            )
            changes["travel"] = [*view.travel, record]
        case ev.TravelInformationSharedWithCourt():
            changes["travel"] = [
                t.model_copy(
                    update={
                        "sharing": t.sharing.model_copy(
                            update={"done_at": at, "late": payload.late}
                        ),
                        "channel": payload.channel,
                        "shared_status": (payload.status or t.status),
                    }
                )
                if t.travel_id == payload.travel_id
                else t
                for t in view.travel
            ]
        case ev.TravelInformationConfirmed() | ev.TravelInformationCancelled():
            confirmed = isinstance(payload, ev.TravelInformationConfirmed)
            update: dict[str, Any] = {
                "status": "confirmed" if confirmed else "cancelled",
                "sharing": Step(rule=Rule.RES35, due_at=payload.share_due_at),
            }
            if isinstance(payload, ev.TravelInformationConfirmed):
                update |= {"travel_from": payload.travel_from, "travel_to": payload.travel_to}
            if payload.details:
                update["details"] = payload.details
            changes["travel"] = [
                t.model_copy(update=update) if t.travel_id == payload.travel_id else t
                for t in view.travel
            ]
        case ev.TravelInformationSharingOverdue():
            changes["travel"] = [
                t.model_copy(
                    update={
                        "sharing": t.sharing.model_copy(update={"overdue_since": payload.due_at})
                    }
                )
                if t.travel_id == payload.travel_id
                else t
                for t in view.travel
            ]
        case (
            ev.ContactRecorded()
            | ev.CourtConsulted()
            | ev.Article97ReminderGiven()
            | ev.AssistanceRequested()
            | ev.AssistanceEngagementRecorded()
            | ev.SecretariatAssistanceRecorded()
        ):
            changes["engagement"] = [*view.engagement, _note(envelope, payload, at)]
        case _:
            pass
    return view.model_copy(update=changes)


def _note(envelope: Envelope, payload: Any, at: dt.datetime) -> Note:
    # Personal data only in a declared field (ADR 0022): the free-form detail never holds it.
    data = payload.model_dump(mode="json", exclude={"case_id", "summary", "counterpart"})
    return Note(
        kind=CATALOGUE.meta(envelope.type).name,
        occurred_at=at,
        summary=getattr(payload, "summary", ""),
        counterpart=getattr(payload, "counterpart", None),
        detail=data,
    )


def court_travel_view(envelopes: list[Envelope]) -> list[TravelRecord]:
    """What the Court reads (Res. 35): the travel records shared with it, as last shared (a
    change not yet shared is not shown)."""
    shared: dict[str, TravelRecord] = {}
    view = GoodOfficesView(case_id="")
    for envelope in envelopes:
        view = evolve_view(view, envelope)
        if CATALOGUE.meta(envelope.type).name == "travel_information_shared_with_court":
            shared |= {t.travel_id: t for t in view.travel if t.sharing.done_at is not None}
    return list(shared.values())
