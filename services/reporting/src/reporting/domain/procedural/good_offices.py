"""The fold of good offices' events (the ``good-offices:`` stream): the activation and its
notification (P18, P19), the Bureau's decision that they remain (P19-remain), the engagement
(P20), the reports to the Bureau (P21), the conclusion, and travel information (Res. 35)."""

from __future__ import annotations

from datetime import datetime

from noncoop_shared.catalogue import good_offices as go
from noncoop_shared.catalogue.base import EventPayload
from noncoop_shared.envelope import Envelope
from noncoop_shared.rules import Rule
from reporting.domain.procedural.facts import CaseFacts, Concluded, Share, Step
from reporting.domain.procedural.folding import actor, done, due, earliest, keyed
from reporting.domain.procedural.wording import Note

_RULE_IDS = frozenset(rule.value for rule in Rule)
_ACTIVATION_RULES = {
    go.ActivationBasis.OWN_INITIATIVE_7A: Rule.P18_OWN_7A,
    go.ActivationBasis.OWN_INITIATIVE_7B: Rule.P18_OWN_7B,
    go.ActivationBasis.BUREAU_DECISION: Rule.P19,
}


def fold_good_offices_event(
    facts: CaseFacts, envelope: Envelope, payload: EventPayload, at: datetime
) -> None:
    match payload:
        case go.GoodOfficesActivated():
            _activated(facts, envelope, payload, at)
        case go.GoodOfficesConcluded():
            _concluded(facts, Concluded(at, payload.outcome.value.replace("_", " ")))
        case go.BureauDecidedOnGoodOffices():
            if payload.decision is go.BureauGoodOfficesDecision.REMAIN_ACTIVE:
                done(facts.remain, envelope, payload.bureau_decision_reference)
        case go.BureauNotifiedOfActivation():
            facts.notify.arose_at = facts.notify.arose_at or at
            due(facts.notify, payload.due_at)
            done(facts.notify, envelope, payload.means)
        case go.BureauNotificationOverdue():
            facts.notify.arose_at = facts.notify.arose_at or payload.due_at
            due(facts.notify, payload.due_at)
        case (
            go.ContactRecorded()
            | go.CourtConsulted()
            | go.Article97ReminderGiven()
            | go.AssistanceRequested()
            | go.TriggerInformationVerified()
        ):
            _engaged(facts, envelope, payload, at)
        case go.ReportToBureauSubmitted():
            facts.reports += 1
            facts.report.arose_at = earliest(facts.report.arose_at, at)
            done(facts.report, envelope)
        case go.TravelInformationRecorded():
            _travel_recorded(facts, payload, at)
        case go.TravelInformationConfirmed() | go.TravelInformationCancelled():
            _travel_changed(facts, payload, at)
        case go.TravelInformationSharedWithCourt():
            # Which record or change a sharing fulfils is decided on the date asked (``derive``),
            # so that a sharing recorded before the change it shares still counts for it.
            status = payload.status.value if payload.status is not None else None
            share = Share(at=at, actor=actor(envelope), status=status)
            facts.travel_shares.setdefault(payload.travel_id, []).append(share)
        case _:
            pass


def _activated(
    facts: CaseFacts, envelope: Envelope, payload: go.GoodOfficesActivated, at: datetime
) -> None:
    """P18 or P19: a period of good offices starts; the latest in business time is the one the
    rules judge, and P18-notify applies when the activation set a notification due."""
    facts.engagement.arose_at = earliest(facts.engagement.arose_at, at)
    facts.report.arose_at = earliest(facts.report.arose_at, at)
    latest = facts.activation
    if latest is not None and latest.arose_at is not None and latest.arose_at > at:
        return  # an earlier period of good offices, recorded late
    facts.activation = Step(arose_at=at, done_at=at, actor=actor(envelope))
    # The rule the envelope cites, when it is one the registry knows; else the basis's.
    facts.activation_rule = (
        envelope.rule if envelope.rule in _RULE_IDS else _ACTIVATION_RULES[payload.basis]
    )
    facts.notify_applies = payload.bureau_notification_due_at is not None
    facts.notify.arose_at = at
    due(facts.notify, payload.bureau_notification_due_at)
    _settle_conclusion(facts)  # the conclusions dated from this activation on are this period's


def _concluded(facts: CaseFacts, conclusion: Concluded) -> None:
    if not facts.conclusions and facts.concluded_at is not None:
        # Facts stored before ``conclusions`` was kept: their conclusion is the first.
        facts.conclusions.append(Concluded(facts.concluded_at, facts.conclusion))
    facts.conclusions.append(conclusion)
    facts.conclusions.sort(key=lambda c: c.at)
    _settle_conclusion(facts)


def _settle_conclusion(facts: CaseFacts) -> None:
    """``concluded_at`` and ``conclusion``: the earliest conclusion dated from the latest
    activation on, whatever the order of recording (Time: recorded day by day, a later one in
    the same period would have been refused); before it, only earlier periods' (the latest)."""
    if not facts.conclusions:
        return
    began = facts.activation.arose_at if facts.activation is not None else None
    current = [c for c in facts.conclusions if began is None or c.at >= began]
    chosen = current[0] if current else facts.conclusions[-1]
    facts.concluded_at, facts.conclusion = chosen.at, chosen.outcome


def _engaged(facts: CaseFacts, envelope: Envelope, payload: EventPayload, at: datetime) -> None:
    """P20: a contact, a consultation of the Court, an art. 97 reminder, a request for
    assistance or the verification of the trigger information."""
    facts.engagements += 1
    facts.engagement.arose_at = earliest(facts.engagement.arose_at, at)
    done(facts.engagement, envelope)
    if isinstance(payload, go.TriggerInformationVerified):
        facts.engagement.tag(Note(f"trigger.{payload.outcome.value}"))


def _travel_recorded(facts: CaseFacts, payload: go.TravelInformationRecorded, at: datetime) -> None:
    """Res. 35: a travel record, to be shared with the Court promptly."""
    travel = keyed(facts.travel, payload.travel_id)
    travel.arose_at = at
    due(travel, payload.share_due_at)
    travel.note = Note(f"travel.recorded.{payload.status.value}")
    facts.travel_status[payload.travel_id] = payload.status.value


def _travel_changed(
    facts: CaseFacts,
    payload: go.TravelInformationConfirmed | go.TravelInformationCancelled,
    at: datetime,
) -> None:
    """Res. 35: potential travel confirmed or cancelled; each change is shared in turn."""
    change = "confirmed" if isinstance(payload, go.TravelInformationConfirmed) else "cancelled"
    travel = keyed(facts.travel, f"{payload.travel_id}:{change}")
    travel.arose_at = at
    due(travel, payload.share_due_at)
    travel.note = Note(f"travel.changed.{change}")
