"""The fold of referrals' events (the ``case:`` stream): how the case was opened (7(a), 7(b),
for information), the Court's later decisions on it, P13's forwarding and press release, its
closure."""

from __future__ import annotations

from datetime import datetime

from noncoop_shared.catalogue import referrals as ref
from noncoop_shared.catalogue.base import EventPayload
from noncoop_shared.catalogue.common import CourtDecision
from noncoop_shared.envelope import Envelope
from reporting.domain.procedural.facts import CaseFacts, Step
from reporting.domain.procedural.folding import actor, done, due, stop
from reporting.domain.procedural.wording import Note


def fold_referrals_event(
    facts: CaseFacts, envelope: Envelope, payload: EventPayload, at: datetime
) -> None:
    match payload:
        case ref.CourtDecisionReceived() | ref.CaseContinuedUnderCourtReferral():
            _court_referral(facts, envelope, payload, at)
        case ref.CourtFindingRecordedForInformation() | ref.CourtInformationRecorded():
            _for_information(facts, payload, at)
        case ref.CourtDecidedWithoutFinding():
            _decided_without_finding(facts, envelope, payload, at)
        case ref.UrgentIncidentReported():
            facts.scenario = "7b"
            facts.status = "closed" if facts.closed_at is not None else "open"
        case (
            ref.CourtDecisionAmended() | ref.CourtDecisionReversed() | ref.CourtDecisionWithdrawn()
        ):
            _decision_changed(facts, payload, at)
        case ref.DecisionForwardedToStatesParties():
            due(facts.forward, payload.due_at)
            done(facts.forward, envelope, payload.communication_reference)
        case ref.DecisionForwardingOverdue():
            due(facts.forward, payload.due_at)
        case ref.PressReleaseIssued():
            due(facts.press, payload.due_at)
            done(facts.press, envelope, payload.reference)
        case ref.PressReleaseOverdue():
            due(facts.press, payload.due_at)
        case ref.CaseClosed():
            _closed(facts, payload, at)
        case _:
            pass  # a type this fold has nothing to say of


def _court_referral(
    facts: CaseFacts,
    envelope: Envelope,
    payload: ref.CourtDecisionReceived | ref.CaseContinuedUnderCourtReferral,
    at: datetime,
) -> None:
    """P13: the Court referred the matter to the Assembly (7(a)), from the start or after the
    case was handled as 7(b) (S7b-to-7a)."""
    if isinstance(payload, ref.CaseContinuedUnderCourtReferral):
        # A reader who never saw the 7(b) report meets the case here, as a 7(a) case.
        facts.scenario = "7b_continued_as_7a" if facts.scenario == "7b" else "7a"
        facts.continued_at = at
    else:
        facts.scenario = "7a"
    _referred(
        facts, envelope, payload.decision, payload.forwarding_due_at, payload.press_release_due_at
    )


def _referred(
    facts: CaseFacts,
    envelope: Envelope,
    decision: CourtDecision,
    forward_due: datetime,
    press_due: datetime,
) -> None:
    facts.referred_at = envelope.occurredat
    facts.referred_by = actor(envelope)
    facts.decision_ref = decision.reference
    facts.decision_date = decision.date
    facts.security_council = decision.referred_to_security_council
    facts.status = "closed" if facts.closed_at is not None else "open"
    facts.forward.arose_at = envelope.occurredat
    due(facts.forward, forward_due)
    facts.press.arose_at = envelope.occurredat
    due(facts.press, press_due)


def _for_information(
    facts: CaseFacts,
    payload: ref.CourtFindingRecordedForInformation | ref.CourtInformationRecorded,
    at: datetime,
) -> None:
    """S8 and S-info: a Court decision recorded for information only, with no procedure."""
    facts.status = "information_only"
    if isinstance(payload, ref.CourtFindingRecordedForInformation):
        facts.scenario = "information_only"
        facts.decision_ref = payload.decision.reference
        facts.decision_date = payload.decision.date
    else:
        facts.scenario = "court_information"
        facts.decision_ref = payload.reference
        facts.decision_date = payload.date
    facts.referred_at = at


def _decided_without_finding(
    facts: CaseFacts, envelope: Envelope, payload: ref.CourtDecidedWithoutFinding, at: datetime
) -> None:
    """S7b-no-finding: the Court decided on the 7(b) matter and made no finding (or did not
    refer it)."""
    facts.no_finding = Step(arose_at=at, ref=payload.reference)
    what = "note.no_finding" if payload.outcome == "no_finding" else "note.not_referred"
    done(facts.no_finding, envelope, note=Note(what, day=payload.date))


_CHANGED = {
    ref.CourtDecisionAmended: "stop.amended",
    ref.CourtDecisionReversed: "stop.reversed",
    ref.CourtDecisionWithdrawn: "stop.withdrew",
}


def _decision_changed(
    facts: CaseFacts,
    payload: ref.CourtDecisionAmended | ref.CourtDecisionReversed | ref.CourtDecisionWithdrawn,
    at: datetime,
) -> None:
    """The Court amended, reversed or withdrew its decision: the procedure ends when the
    change says so; an amendment may add or remove the Security Council referral (P14g)."""
    if (
        isinstance(payload, ref.CourtDecisionAmended)
        and payload.referred_to_security_council is not None
    ):
        facts.security_council = payload.referred_to_security_council
    if payload.procedure_effect == "ends":
        why = Note(_CHANGED[type(payload)], args={"reference": payload.change_reference})
        stop(facts, at, why)


def _closed(facts: CaseFacts, payload: ref.CaseClosed, at: datetime) -> None:
    if facts.closed_at is None or at < facts.closed_at:
        facts.closed_at = at
        facts.closure = payload.reason.value.replace("_", " ")
    if facts.status == "open":
        facts.status = "closed"
