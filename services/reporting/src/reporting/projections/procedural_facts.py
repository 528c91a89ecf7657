"""What the procedural state is folded from: the facts of one case, in business time (pure).

``step`` folds one envelope of a case (streams ``case:``, ``good-offices:``,
``formal-response:``, ``bureau-report:``) into ``CaseFacts``; ``procedural_state.derive`` turns
the facts into rule states on a business date. The facts keep the business time (``occurred_at``)
of every fulfilment and every due instant, never a verdict: whether a step is done, pending or
overdue depends on the date asked (PROCEDURES.md, Time), so it is decided in ``derive``.

An ``..._overdue`` event is a record-time fact (the scheduler saw the due instant pass before any
fulfilment was recorded): the audit trail keeps it, but the facts take from it only the due
instant, so a fulfilment dated before that instant, recorded later, still counts as on time.

The fold is order-insensitive where arrival order and business order can differ (a history
entered late): the earliest stop, the earliest fulfilment. Unknown event types are ignored (a
newer producer's event reaches an older reader harmlessly; the audit trail still shows it).
The fold runs on every event of a rebuild: plain dataclasses, no pydantic but the payload's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal

from pydantic import TypeAdapter

from noncoop_shared.catalogue import CATALOGUE
from noncoop_shared.catalogue import bureau as bu
from noncoop_shared.catalogue import good_offices as go
from noncoop_shared.catalogue import referrals as ref
from noncoop_shared.catalogue import reporting as rp
from noncoop_shared.catalogue.base import EventPayload
from noncoop_shared.catalogue.common import CourtDecision
from noncoop_shared.envelope import Envelope
from noncoop_shared.rules import Rule

CASE_STREAM_PREFIXES = (
    ref.CASE_STREAM_PREFIX,
    go.GOOD_OFFICES_STREAM_PREFIX,
    bu.FORMAL_RESPONSE_STREAM_PREFIX,
    rp.BUREAU_REPORT_STREAM_PREFIX,
)

Scenario = Literal["7a", "7b", "7b_continued_as_7a", "information_only", "court_information"]
"""``information_only``: a Court finding recorded for information (not addressed to the Assembly,
or about a State that is not a requested State, S8); ``court_information``: a Court decision
that informs without referring non-cooperation (S-info). Neither has a procedure."""
CaseStatus = Literal["open", "closed", "information_only"]


def is_case_stream(stream: str) -> bool:
    return stream.startswith(CASE_STREAM_PREFIXES)


def end_of(day: date) -> datetime:
    """A date as an instant: the end of that day (UTC), i.e. the next day's first instant."""
    return datetime.combine(day + timedelta(days=1), time(0), UTC)


@dataclass
class Step:
    """One tracked act: when it became due, by when, when it was done and by whom."""

    arose_at: datetime | None = None
    due_at: datetime | None = None
    done_at: datetime | None = None
    actor: str | None = None
    ref: str | None = None
    note: str = ""


@dataclass
class CaseFacts:
    case_id: str
    scenario: Scenario | None = None
    status: CaseStatus | None = None
    referred_at: datetime | None = None
    referred_by: str | None = None
    decision_ref: str | None = None
    decision_date: date | None = None
    """The Court decision's own date: it fixes the due session of P14e and P15."""
    security_council: bool = False
    closed_at: datetime | None = None
    closure: str = ""
    stopped_at: datetime | None = None
    stop_why: str = ""
    no_finding: Step | None = None
    """S7b-no-finding: the Court decided on the 7(b) matter without a finding."""
    forward: Step = field(default_factory=Step)
    press: Step = field(default_factory=Step)
    # --- good offices ---
    activation: Step | None = None
    activation_rule: str | None = None
    continued_at: datetime | None = None
    """When a 7(b) case continued as 7(a): good offices active before it expect P19-remain."""
    remain: Step = field(default_factory=Step)
    """P19-remain: the Bureau's decision that the good offices remain active."""
    notify: Step = field(default_factory=Step)
    notify_applies: bool = True
    engagements: int = 0
    engagement: Step = field(default_factory=Step)
    reports: int = 0
    report: Step = field(default_factory=Step)
    travel: dict[str, Step] = field(default_factory=dict)
    """Res. 35, one step per travel record and per change shared (``T1``, ``T1:confirmed``)."""
    # --- formal response ---
    formal_opened_at: datetime | None = None
    meetings: dict[str, Step] = field(default_factory=dict)
    """P14a, per emergency meeting."""
    letters: dict[str, Step] = field(default_factory=dict)
    """P14b, per open letter: its reply, due at the end of the day the letter gives."""
    p14c: Step = field(default_factory=Step)
    p14c_held_on: date | None = None
    p14d: Step = field(default_factory=Step)
    p14e: Step = field(default_factory=Step)
    p14f: Step = field(default_factory=Step)
    facilitator: Step = field(default_factory=Step)
    p14g: Step = field(default_factory=Step)
    p15: Step = field(default_factory=Step)
    p15_reports: int = 0
    events: int = 0
    recorded_at: datetime | None = None
    last_occurred_at: datetime | None = None
    """The latest business time folded: a date after it needs no refold (``procedural_store``)."""


_FACTS = TypeAdapter(CaseFacts)


def facts_to_json(facts: CaseFacts) -> bytes:
    # Without the defaults: most steps of most cases never happen (a tenth of the size).
    return _FACTS.dump_json(facts, exclude_defaults=True)


def facts_from_json(raw: str | bytes) -> CaseFacts:
    return _FACTS.validate_json(raw)


def decode_payload(envelope: Envelope) -> EventPayload | None:
    """The envelope's payload, or ``None`` for a type this code does not know (the audit trail
    still shows it; the procedural state has nothing to say of it)."""
    if envelope.type not in CATALOGUE:
        return None
    return CATALOGUE.decode(envelope.type, envelope.data)


def step(facts: CaseFacts, envelope: Envelope, payload: EventPayload | None = None) -> None:
    """Fold one envelope of ``facts.case_id`` into ``facts`` (others are ignored); ``payload``,
    when given, is the envelope's data already decoded (by ``decode_payload``)."""
    if envelope.subject != facts.case_id or not is_case_stream(envelope.stream):
        return
    if payload is None:
        payload = decode_payload(envelope)
    if payload is None:
        return
    facts.events += 1
    facts.recorded_at = envelope.time
    at = envelope.occurredat
    if facts.last_occurred_at is None or at > facts.last_occurred_at:
        facts.last_occurred_at = at
    # Each stream holds one service's events: match only that service's types.
    stream = envelope.stream
    if stream.startswith(ref.CASE_STREAM_PREFIX):
        _apply_referrals(facts, envelope, payload, at)
    elif stream.startswith(go.GOOD_OFFICES_STREAM_PREFIX):
        _apply_good_offices(facts, envelope, payload, at)
    else:
        _apply_formal(facts, envelope, payload, at)


def _actor(envelope: Envelope) -> str:
    return f"{envelope.actorrole}:{envelope.actorid}"


def _done(step: Step, envelope: Envelope, ref_: str | None = None) -> None:
    """The step's fulfilment: the earliest in business time, whatever the order of arrival."""
    if step.done_at is not None and step.done_at <= envelope.occurredat:
        return
    step.done_at = envelope.occurredat
    step.actor = _actor(envelope)
    if ref_ is not None:
        step.ref = ref_


def _due(step: Step, due_at: datetime | None) -> None:
    step.due_at = step.due_at or due_at


def _referred(
    facts: CaseFacts,
    envelope: Envelope,
    decision: CourtDecision,
    forward_due: datetime,
    press_due: datetime,
) -> None:
    facts.referred_at = envelope.occurredat
    facts.referred_by = _actor(envelope)
    facts.decision_ref = decision.reference
    facts.decision_date = decision.date
    facts.security_council = decision.referred_to_security_council
    facts.status = "closed" if facts.closed_at is not None else "open"
    facts.forward.arose_at = envelope.occurredat
    _due(facts.forward, forward_due)
    facts.press.arose_at = envelope.occurredat
    _due(facts.press, press_due)


def _keyed(steps: dict[str, Step], key: str) -> Step:
    """The step of ``key`` (a meeting, a letter, a travel record), created when first met."""
    found = steps.get(key)
    if found is None:
        found = steps[key] = Step(ref=key)
    return found


def _stop(facts: CaseFacts, at: datetime, why: str) -> None:
    if facts.stopped_at is None or at < facts.stopped_at:
        facts.stopped_at = at
        facts.stop_why = why


def _letter(facts: CaseFacts, reference: str | None, due_on: date | None = None) -> Step | None:
    """The open letter a reply or an overdue record is about: by reference when the event
    names it, else by its due day, else the latest letter still awaiting its reply."""
    if reference is not None:
        return _keyed(facts.letters, reference)
    if due_on is not None:
        due = end_of(due_on)
        for letter in facts.letters.values():
            if letter.due_at == due:
                return letter
    awaiting = [letter for letter in facts.letters.values() if letter.done_at is None]
    return awaiting[-1] if awaiting else None


def _apply_referrals(
    facts: CaseFacts, envelope: Envelope, payload: EventPayload, at: datetime
) -> None:
    match payload:
        case ref.CourtDecisionReceived():
            facts.scenario = "7a"
            _referred(
                facts, envelope, payload.decision, payload.forwarding_due_at,
                payload.press_release_due_at,
            )  # fmt: skip
        case ref.CaseContinuedUnderCourtReferral():
            # A reader who never saw the 7(b) report meets the case here, as a 7(a) case.
            facts.scenario = "7b_continued_as_7a" if facts.scenario == "7b" else "7a"
            facts.continued_at = at
            _referred(
                facts, envelope, payload.decision, payload.forwarding_due_at,
                payload.press_release_due_at,
            )  # fmt: skip
        case ref.CourtFindingRecordedForInformation():
            facts.scenario = "information_only"
            facts.status = "information_only"
            facts.decision_ref = payload.decision.reference
            facts.decision_date = payload.decision.date
            facts.referred_at = at
        case ref.CourtInformationRecorded():
            facts.scenario = "court_information"
            facts.status = "information_only"
            facts.decision_ref = payload.reference
            facts.decision_date = payload.date
            facts.referred_at = at
        case ref.CourtDecidedWithoutFinding():
            facts.no_finding = Step(arose_at=at, ref=payload.reference)
            _done(facts.no_finding, envelope)
            what = "made no finding" if payload.outcome == "no_finding" else "decided not to refer"
            facts.no_finding.note = f"the Court {what} on {payload.date.isoformat()}"
        case ref.UrgentIncidentReported():
            facts.scenario = "7b"
            facts.status = "closed" if facts.closed_at is not None else "open"
        case ref.CourtDecisionAmended():
            if payload.referred_to_security_council is not None:
                facts.security_council = payload.referred_to_security_council
            if payload.procedure_effect == "ends":
                _stop(facts, at, f"the Court amended its decision ({payload.change_reference})")
        case ref.CourtDecisionReversed():
            if payload.procedure_effect == "ends":
                _stop(facts, at, f"the Court reversed its decision ({payload.change_reference})")
        case ref.CourtDecisionWithdrawn():
            if payload.procedure_effect == "ends":
                _stop(facts, at, f"the Court withdrew its decision ({payload.change_reference})")
        case ref.DecisionForwardedToStatesParties():
            _due(facts.forward, payload.due_at)
            _done(facts.forward, envelope, payload.communication_reference)
        case ref.DecisionForwardingOverdue():
            _due(facts.forward, payload.due_at)
        case ref.PressReleaseIssued():
            _due(facts.press, payload.due_at)
            _done(facts.press, envelope, payload.reference)
        case ref.PressReleaseOverdue():
            _due(facts.press, payload.due_at)
        case ref.CaseClosed():
            if facts.closed_at is None or at < facts.closed_at:
                facts.closed_at = at
                facts.closure = payload.reason.value.replace("_", " ")
            if facts.status == "open":
                facts.status = "closed"
        case _:
            pass  # a type this fold has nothing to say of


def _apply_good_offices(
    facts: CaseFacts, envelope: Envelope, payload: EventPayload, at: datetime
) -> None:
    match payload:
        case go.GoodOfficesActivated():
            facts.activation = Step(arose_at=at, done_at=at, actor=_actor(envelope))
            facts.activation_rule = (
                envelope.rule
                or {
                    go.ActivationBasis.OWN_INITIATIVE_7A: Rule.P18_OWN_7A,
                    go.ActivationBasis.OWN_INITIATIVE_7B: Rule.P18_OWN_7B,
                    go.ActivationBasis.BUREAU_DECISION: Rule.P19,
                }[payload.basis]
            )
            facts.notify_applies = payload.bureau_notification_due_at is not None
            facts.notify.arose_at = at
            _due(facts.notify, payload.bureau_notification_due_at)
            facts.engagement.arose_at = facts.engagement.arose_at or at
            facts.report.arose_at = facts.report.arose_at or at
        case go.BureauDecidedOnGoodOffices():
            if payload.decision is go.BureauGoodOfficesDecision.REMAIN_ACTIVE:
                _done(facts.remain, envelope, payload.bureau_decision_reference)
        case go.BureauNotifiedOfActivation():
            facts.notify.arose_at = facts.notify.arose_at or at
            _due(facts.notify, payload.due_at)
            _done(facts.notify, envelope, payload.means)
        case go.BureauNotificationOverdue():
            facts.notify.arose_at = facts.notify.arose_at or payload.due_at
            _due(facts.notify, payload.due_at)
        case (
            go.ContactRecorded()
            | go.CourtConsulted()
            | go.Article97ReminderGiven()
            | go.AssistanceRequested()
            | go.TriggerInformationVerified()
        ):
            facts.engagements += 1
            facts.engagement.arose_at = facts.engagement.arose_at or at
            _done(facts.engagement, envelope)
            if isinstance(payload, go.TriggerInformationVerified):
                facts.engagement.note = f"; trigger information {payload.outcome.value}"
        case go.ReportToBureauSubmitted():
            facts.reports += 1
            facts.report.arose_at = facts.report.arose_at or at
            _done(facts.report, envelope)
        case go.TravelInformationRecorded():
            travel = _keyed(facts.travel, payload.travel_id)
            travel.arose_at = at
            _due(travel, payload.share_due_at)
            travel.note = f"{payload.status.value} travel"
        case go.TravelInformationConfirmed() | go.TravelInformationCancelled():
            change = (
                "confirmed" if isinstance(payload, go.TravelInformationConfirmed) else "cancelled"
            )
            key = f"{payload.travel_id}:{change}"
            travel = _keyed(facts.travel, key)
            travel.arose_at = at
            _due(travel, payload.share_due_at)
            travel.note = f"travel {change}"
        case go.TravelInformationSharedWithCourt():
            shared = payload.status.value if payload.status is not None else None
            change = f"{payload.travel_id}:{shared}"
            key = change if change in facts.travel else payload.travel_id
            travel = _keyed(facts.travel, key)
            _due(travel, payload.due_at)
            _done(travel, envelope)
        case go.TravelInformationSharingOverdue():
            travel = _keyed(facts.travel, payload.travel_id)
            _due(travel, payload.due_at)
        case _:
            pass


def _apply_formal(
    facts: CaseFacts, envelope: Envelope, payload: EventPayload, at: datetime
) -> None:
    match payload:
        case bu.FormalResponseOpened():
            facts.formal_opened_at = at
            facts.security_council = payload.referred_to_security_council
            facts.decision_date = facts.decision_date or payload.court_decision_date
        case bu.EmergencyMeetingConvened():
            meeting = _keyed(facts.meetings, payload.meeting_id)
            meeting.arose_at = at
            meeting.note = f"convened for {payload.meets_on.isoformat()}"
        case bu.EmergencyMeetingHeld():
            meeting = _keyed(facts.meetings, payload.meeting_id)
            meeting.arose_at = meeting.arose_at or at
            _done(meeting, envelope)
            meeting.note = f"held on {payload.held_on.isoformat()}"
        case bu.EmergencyMeetingAnnounced():
            meeting = _keyed(facts.meetings, payload.meeting_id)
            meeting.note += f"; {payload.announcement.value} announced to all States Parties"
        case bu.OpenLetterSent():
            letter = _keyed(facts.letters, payload.letter_reference)
            letter.arose_at = at
            letter.due_at = end_of(payload.reply_due_on)
            letter.note = f"reply due on {payload.reply_due_on.isoformat()}"
        case bu.OpenLetterReplyReceived():
            replied = _letter(facts, payload.letter_reference)
            if replied is not None:
                _done(replied, envelope)
                replied.note = f"reply received on {payload.received_on.isoformat()}"
        case bu.OpenLetterReplyOverdue():
            pass  # the due day is on the letter; whether it passed depends on the date asked
        case bu.RequestedStateInvited():
            facts.p14c.arose_at = facts.p14c.arose_at or at
            facts.p14c.ref = payload.meeting_id
            facts.p14c.note = f"invited to the Bureau meeting of {payload.meets_on.isoformat()}"
        case bu.RequestedStateAttendanceRecorded():
            # P14c is done when the meeting the State was invited to has been held with the
            # State invited: its attendance or absence is recorded (as the Bureau holds it).
            _done(facts.p14c, envelope, payload.meeting_id)
            facts.p14c_held_on = payload.held_on or at.date()
            facts.p14c.note += "; attended" if payload.attended else "; did not attend"
        case bu.NywgPublicMeetingRequested():
            _done(facts.p14d, envelope, payload.next_session_id)
        case bu.OmnibusNotingRecorded():
            _done(facts.p14e, envelope, payload.session_id)
        case bu.PlenaryDiscussionRecorded():
            _done(facts.p14f, envelope, payload.session_id)
        case bu.FacilitatorAppointed():
            _done(facts.facilitator, envelope, payload.session_id)
            facts.facilitator.note = f"for session {payload.session_id}"
        case bu.SecurityCouncilLetterSent():
            _done(facts.p14g, envelope, payload.letter_reference)
        case rp.BureauReportSubmitted():
            facts.p15_reports += 1
            _done(facts.p15, envelope, payload.report_id)
            if facts.p15.ref == payload.report_id:
                facts.p15.note = f"report {payload.report_id} to session {payload.session_id}"
        case bu.FormalResponseStopped():
            reason = payload.reason.value.replace("_", " ")
            _stop(facts, at, f"the formal response stopped: {reason}")
        case _:
            pass
