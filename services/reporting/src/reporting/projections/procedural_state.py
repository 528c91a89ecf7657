"""The procedural state of a case: where each rule of docs/procedures.md stands (pure).

A fold over the case's envelopes of every service (subject = the case id; streams ``case:``,
``good-offices:`` and ``formal-response:``), in log order. For each rule that applies it says
whether it is done, pending, overdue or not applicable, since when, who did it (``role:id``),
when it is due and why. The fold sees only the envelopes it is given: the projection gives it
those one audience may read, so nothing restricted reaches a lower audience's state.

"Overdue" comes from the log (the services' deadline schedulers record it), and, when the fold is
asked for the state at a time (``at``), from a due date that has passed by then: a due date is
on an event the reader may read, so the reader could work it out anyway.

P15 is done when a Bureau report covering the case is submitted (reporting records it on the log,
``bureau-report:<case id>``); until then it is pending, due at the start of the next (or on-going)
session when the caller knows the calendar (``with_report_due``: the calendar is not a case's
record, so the fold alone cannot know it).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict, TypeAdapter

from noncoop_shared.catalogue import CATALOGUE
from noncoop_shared.catalogue import bureau as bu
from noncoop_shared.catalogue import good_offices as go
from noncoop_shared.catalogue import referrals as ref
from noncoop_shared.catalogue import reporting as rp
from noncoop_shared.catalogue.base import EventPayload
from noncoop_shared.catalogue.common import CourtDecision
from noncoop_shared.envelope import Envelope

CASE_STREAM_PREFIXES = (
    ref.CASE_STREAM_PREFIX,
    go.GOOD_OFFICES_STREAM_PREFIX,
    bu.FORMAL_RESPONSE_STREAM_PREFIX,
    rp.BUREAU_REPORT_STREAM_PREFIX,
)

RuleStatus = Literal["done", "pending", "overdue", "not_applicable"]
Scenario = Literal["7a", "7b", "7b_continued_as_7a", "information_only"]
CaseStatus = Literal["open", "closed", "information_only"]

FORMAL_RULES = ("P13", "P13-forward", "P13-press")
P14_RULES = ("P14a", "P14b", "P14c", "P14d", "P14e", "P14f", "P14g", "P15")
GOOD_OFFICES_RULES = ("P18-notify", "P20", "P21")

WHY_INFORMATION_ONLY = "finding recorded for information only (P13)"
WHY_NO_REFERRAL = "no Court referral (7(b))"
WHY_NO_SECURITY_COUNCIL = "the Court did not refer the matter to the Security Council"
WHY_NOT_ACTIVATED = "no activation of the good offices is recorded (P18, P19)"
WHY_P15 = (
    "the case is to appear in the Bureau report to the next (or on-going) session of the "
    "Assembly, submitted with concrete recommendations"
)


def is_case_stream(stream: str) -> bool:
    return stream.startswith(CASE_STREAM_PREFIXES)


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class RuleState(_Model):
    rule: str
    state: RuleStatus
    why: str
    since: datetime | None = None
    """When the rule entered this state (obligation arose, done, went overdue, stopped)."""
    done_at: datetime | None = None
    actor: str | None = None
    """``role:id`` of who did it."""
    due_at: datetime | None = None
    ref: str | None = None
    """What the row is about when a rule has several (a travel record) or a reference."""
    count: int | None = None


class NextDue(_Model):
    rule: str
    due_at: datetime
    ref: str | None = None


class ProceduralState(_Model):
    case_id: str
    scenario: Scenario | None = None
    status: CaseStatus | None = None
    rules: list[RuleState] = []
    next_due: NextDue | None = None
    events: int = 0
    """How many envelopes were folded (the position the state reflects, with ``recorded_at``)."""
    recorded_at: datetime | None = None
    """Record time of the last envelope folded."""

    def rule(self, rule: str, ref: str | None = None) -> RuleState:
        """The state of ``rule`` (and ``ref`` for a rule with several rows)."""
        for state in self.rules:
            if state.rule == rule and (ref is None or state.ref == ref):
                return state
        raise KeyError(rule if ref is None else f"{rule} {ref}")


# --- What the fold collects ------------------------------------------------------------------


@dataclass
class _Step:
    """One tracked act: when it became due, when it was done and by whom, or when overdue."""

    arose_at: datetime | None = None
    due_at: datetime | None = None
    done_at: datetime | None = None
    actor: str | None = None
    ref: str | None = None
    overdue_since: datetime | None = None
    note: str = ""


@dataclass
class _Facts:
    case_id: str
    scenario: Scenario | None = None
    status: CaseStatus | None = None
    referred_at: datetime | None = None
    referred_by: str | None = None
    decision_ref: str | None = None
    security_council: bool = False
    closed_at: datetime | None = None
    closure: str = ""
    stopped_at: datetime | None = None
    stop_why: str = ""
    forward: _Step = field(default_factory=_Step)
    press: _Step = field(default_factory=_Step)
    # good offices
    activation: _Step | None = None
    activation_rule: str | None = None
    notify: _Step = field(default_factory=_Step)
    notify_applies: bool = True
    engagements: int = 0
    engagement: _Step = field(default_factory=_Step)
    reports: int = 0
    report: _Step = field(default_factory=_Step)
    travel: dict[str, _Step] = field(default_factory=dict)
    # formal response
    formal_opened_at: datetime | None = None
    p14a: _Step = field(default_factory=_Step)
    p14b: _Step = field(default_factory=_Step)
    p14c: _Step = field(default_factory=_Step)
    p14d: _Step = field(default_factory=_Step)
    p14e: _Step = field(default_factory=_Step)
    p14f: _Step = field(default_factory=_Step)
    p14g: _Step = field(default_factory=_Step)
    p15: _Step = field(default_factory=_Step)
    p15_reports: int = 0
    events: int = 0
    recorded_at: datetime | None = None


def fold(
    case_id: str, envelopes: Iterable[Envelope], *, at: datetime | None = None
) -> ProceduralState:
    """The procedural state after ``envelopes`` (log order); with ``at``, a pending rule whose
    due date has passed by ``at`` shows as overdue."""
    facts = CaseFacts(case_id)
    for envelope in envelopes:
        step(facts, envelope)
    return derive(facts, at)


# --- The fold in steps, for a projection that keeps the facts between events ----------------
#
# ``fold`` is ``derive`` after ``step`` over every envelope; a projection that stores the facts
# (``facts_to_json`` / ``facts_from_json``) folds one new envelope in O(1) instead of reading
# and decoding the whole case again. Both give the same state: the facts are all the fold keeps.

CaseFacts = _Facts
_FACTS = TypeAdapter(_Facts)


def step(facts: CaseFacts, envelope: Envelope, payload: EventPayload | None = None) -> None:
    """Fold one envelope of ``facts.case_id`` into ``facts`` (others are ignored); ``payload``,
    when given, is the envelope's data already decoded (by ``decode_payload``)."""
    if envelope.subject != facts.case_id or not is_case_stream(envelope.stream):
        return
    if payload is None:
        payload = decode_payload(envelope)
    if payload is not None:
        _apply(facts, envelope, payload)


def decode_payload(envelope: Envelope) -> EventPayload | None:
    """The envelope's payload, or ``None`` for a type this code does not know (the audit trail
    still shows it; the procedural state has nothing to say of it)."""
    if envelope.type not in CATALOGUE:
        return None
    return CATALOGUE.decode(envelope.type, envelope.data)


def derive(facts: CaseFacts, at: datetime | None = None) -> ProceduralState:
    """The procedural state the facts give (with ``at``: as ``fold``'s ``at``)."""
    return _derive(facts, at)


def facts_to_json(facts: CaseFacts) -> bytes:
    # Without the defaults: most steps of most cases never happen (a tenth of the size).
    return _FACTS.dump_json(facts, exclude_defaults=True)


def facts_from_json(raw: str | bytes) -> CaseFacts:
    return _FACTS.validate_json(raw)


def _actor(envelope: Envelope) -> str:
    return f"{envelope.actorrole}:{envelope.actorid}"


def _end_of(day: date) -> datetime:
    """A date deadline as a time: the end of that day (UTC)."""
    return datetime.combine(day + timedelta(days=1), time(0), UTC)


def _done(step: _Step, envelope: Envelope, ref: str | None = None) -> None:
    step.done_at = envelope.occurredat
    step.actor = _actor(envelope)
    if ref is not None:
        step.ref = ref


def _referred(
    facts: _Facts,
    envelope: Envelope,
    decision: CourtDecision,
    forward_due: datetime,
    press_due: datetime,
) -> None:
    facts.referred_at = envelope.occurredat
    facts.referred_by = _actor(envelope)
    facts.decision_ref = decision.reference
    facts.security_council = decision.referred_to_security_council
    facts.status = "open"
    facts.forward = _Step(arose_at=envelope.occurredat, due_at=forward_due)
    facts.press = _Step(arose_at=envelope.occurredat, due_at=press_due)


def _apply(facts: _Facts, envelope: Envelope, payload: EventPayload) -> None:
    facts.events += 1
    facts.recorded_at = envelope.time
    at = envelope.occurredat
    match payload:
        # --- referrals ---
        case ref.CourtDecisionReceived():
            facts.scenario = "7a"
            _referred(
                facts,
                envelope,
                payload.decision,
                payload.forwarding_due_at,
                payload.press_release_due_at,
            )
        case ref.CaseContinuedUnderCourtReferral():
            # A reader who never saw the 7(b) report meets the case here, as a 7(a) case.
            facts.scenario = "7b_continued_as_7a" if facts.scenario == "7b" else "7a"
            _referred(
                facts,
                envelope,
                payload.decision,
                payload.forwarding_due_at,
                payload.press_release_due_at,
            )
        case ref.CourtFindingRecordedForInformation():
            facts.scenario = "information_only"
            facts.status = "information_only"
            facts.decision_ref = payload.decision.reference
            facts.referred_at = at
        case ref.UrgentIncidentReported():
            facts.scenario = "7b"
            facts.status = "open"
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
            facts.forward.due_at = facts.forward.due_at or payload.due_at
            _done(facts.forward, envelope, payload.communication_reference)
        case ref.DecisionForwardingOverdue():
            facts.forward.due_at = facts.forward.due_at or payload.due_at
            facts.forward.overdue_since = payload.due_at
        case ref.PressReleaseIssued():
            facts.press.due_at = facts.press.due_at or payload.due_at
            _done(facts.press, envelope, payload.reference)
        case ref.PressReleaseOverdue():
            facts.press.due_at = facts.press.due_at or payload.due_at
            facts.press.overdue_since = payload.due_at
        case ref.CaseClosed():
            facts.status = "closed"
            facts.closed_at = at
            facts.closure = payload.reason.value.replace("_", " ")
        # --- good offices ---
        case go.GoodOfficesActivated():
            facts.activation = _Step(arose_at=at, done_at=at, actor=_actor(envelope))
            facts.activation_rule = (
                envelope.rule
                or {
                    go.ActivationBasis.OWN_INITIATIVE_7A: "P18-own-7a",
                    go.ActivationBasis.OWN_INITIATIVE_7B: "P18-own-7b",
                    go.ActivationBasis.BUREAU_DECISION: "P19",
                }[payload.basis]
            )
            facts.notify_applies = payload.bureau_notification_due_at is not None
            facts.notify.arose_at = at
            facts.notify.due_at = facts.notify.due_at or payload.bureau_notification_due_at
            facts.engagement.arose_at = facts.engagement.arose_at or at
            facts.report.arose_at = facts.report.arose_at or at
        case go.BureauNotifiedOfActivation():
            facts.notify.arose_at = facts.notify.arose_at or at
            facts.notify.due_at = facts.notify.due_at or payload.due_at
            _done(facts.notify, envelope, payload.means)
        case go.BureauNotificationOverdue():
            facts.notify.arose_at = facts.notify.arose_at or payload.due_at
            facts.notify.due_at = facts.notify.due_at or payload.due_at
            facts.notify.overdue_since = payload.due_at
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
            facts.travel[payload.travel_id] = _Step(
                arose_at=at, due_at=payload.share_due_at, ref=payload.travel_id
            )
        case go.TravelInformationSharedWithCourt():
            step = facts.travel.setdefault(payload.travel_id, _Step(ref=payload.travel_id))
            step.due_at = step.due_at or payload.due_at
            _done(step, envelope)
        case go.TravelInformationSharingOverdue():
            step = facts.travel.setdefault(payload.travel_id, _Step(ref=payload.travel_id))
            step.due_at = step.due_at or payload.due_at
            step.overdue_since = payload.due_at
        # --- formal response ---
        case bu.FormalResponseOpened():
            facts.formal_opened_at = at
            facts.security_council = payload.referred_to_security_council
        case bu.EmergencyMeetingConvened():
            facts.p14a.ref = payload.meeting_id
            facts.p14a.note = f"emergency meeting convened for {payload.meets_on.isoformat()}"
        case bu.EmergencyMeetingHeld():
            _done(facts.p14a, envelope, payload.meeting_id)
        case bu.EmergencyMeetingAnnounced():
            facts.p14a.note = f"{payload.announcement.value} announced to all States Parties"
        case bu.OpenLetterSent():
            facts.p14b = _Step(
                arose_at=at, due_at=_end_of(payload.reply_due_on), ref=payload.letter_reference
            )
            facts.p14b.note = f"open letter sent; reply due on {payload.reply_due_on.isoformat()}"
        case bu.OpenLetterReplyReceived():
            _done(facts.p14b, envelope)
            late = " (late)" if payload.late else ""
            facts.p14b.note = f"reply received on {payload.received_on.isoformat()}{late}"
        case bu.OpenLetterReplyOverdue():
            facts.p14b.due_at = facts.p14b.due_at or _end_of(payload.reply_due_on)
            facts.p14b.overdue_since = _end_of(payload.reply_due_on)
        case bu.RequestedStateInvited():
            _done(facts.p14c, envelope, payload.meeting_id)
            facts.p14c.note = f"invited to the Bureau meeting of {payload.meets_on.isoformat()}"
        case bu.RequestedStateAttendanceRecorded():
            facts.p14c.note += "; attended" if payload.attended else "; did not attend"
        case bu.NywgPublicMeetingRequested():
            _done(facts.p14d, envelope, payload.next_session_id)
        case bu.OmnibusNotingRecorded():
            _done(facts.p14e, envelope, payload.session_id)
        case bu.PlenaryDiscussionRecorded():
            _done(facts.p14f, envelope, payload.session_id)
        case bu.FacilitatorAppointed():
            facts.p14f.note = f"a facilitator was appointed for session {payload.session_id}"
        case bu.SecurityCouncilLetterSent():
            _done(facts.p14g, envelope, payload.letter_reference)
        # --- reporting ---
        case rp.BureauReportSubmitted():
            facts.p15_reports += 1
            _done(facts.p15, envelope, payload.report_id)
            facts.p15.note = f"report {payload.report_id} to session {payload.session_id}"
        case bu.FormalResponseStopped():
            reason = payload.reason.value.replace("_", " ")
            _stop(facts, at, f"the formal response stopped: {reason}")
        case _:
            pass


def _stop(facts: _Facts, at: datetime, why: str) -> None:
    if facts.stopped_at is None:
        facts.stopped_at = at
        facts.stop_why = why


# --- From facts to rule states ---------------------------------------------------------------


def _na(rule: str, why: str, since: datetime | None = None, ref_: str | None = None) -> RuleState:
    return RuleState(rule=rule, state="not_applicable", why=why, since=since, ref=ref_)


def _step_state(
    rule: str,
    step: _Step,
    *,
    done_why: str,
    pending_why: str,
    ended: tuple[datetime, str] | None,
    count: int | None = None,
) -> RuleState:
    """Done if done; otherwise not applicable once the procedure ended, overdue when the log says
    so, else pending."""
    note = f" ({step.note})" if step.note else ""
    state: RuleStatus
    since: datetime | None
    if step.done_at is not None:
        state, why, since = "done", done_why + note, step.done_at
    elif ended is not None:
        state, why, since = "not_applicable", ended[1], ended[0]
    elif step.overdue_since is not None:
        state, since = "overdue", step.overdue_since
        why = f"{pending_why}; overdue since {step.overdue_since.isoformat()}{note}"
    else:
        state, why, since = "pending", pending_why + note, step.arose_at
    return RuleState(
        rule=rule,
        state=state,
        why=why,
        since=since,
        done_at=step.done_at,
        actor=step.actor if step.done_at is not None else None,
        due_at=step.due_at,
        ref=step.ref,
        count=count,
    )


_T = TypeVar("_T")


def _detached(facts: _Facts) -> _Facts:
    """A copy whose steps ``_derive`` may fill in (defaults such as when a step arose) without
    touching the facts a projection stores and folds on."""
    detached = _shallow(facts)
    for name, value in vars(detached).items():
        if isinstance(value, _Step):
            setattr(detached, name, _shallow(value))
    detached.travel = {key: _shallow(step) for key, step in facts.travel.items()}
    return detached


def _shallow(instance: _T) -> _T:
    """``copy.copy`` for these plain dataclasses, without its protocol (the hot path)."""
    twin = object.__new__(type(instance))
    twin.__dict__.update(instance.__dict__)
    return twin


def _derive(facts: _Facts, at: datetime | None) -> ProceduralState:
    facts = _detached(facts)
    rules: list[RuleState] = []
    if facts.scenario == "information_only":
        rules = [
            _na(r, WHY_INFORMATION_ONLY, facts.referred_at)
            for r in (*FORMAL_RULES, *P14_RULES, *GOOD_OFFICES_RULES)
        ]
    elif facts.scenario is not None:
        closed = (
            (facts.closed_at, f"the case is closed ({facts.closure})") if facts.closed_at else None
        )
        stopped = (facts.stopped_at, facts.stop_why) if facts.stopped_at else None
        ended = stopped or closed
        rules = [*_formal_rules(facts, ended), *_good_offices_rules(facts, closed)]
    state = ProceduralState(
        case_id=facts.case_id,
        scenario=facts.scenario,
        status=facts.status,
        rules=rules,
        next_due=_next_due(rules),
        events=facts.events,
        recorded_at=facts.recorded_at,
    )
    return state if at is None else evaluate(state, at)


def evaluate(state: ProceduralState, at: datetime) -> ProceduralState:
    """The state at time ``at``: a pending rule whose due date has passed by then is overdue."""
    rules = [_overdue_by(rule, at) for rule in state.rules]
    return state.model_copy(update={"rules": rules, "next_due": _next_due(rules)})


def with_report_due(
    state: ProceduralState, session_id: str | None, starts_on: date | None
) -> ProceduralState:
    """P15 pending with the due date the calendar gives: the start of the next (or on-going)
    session, ``session_id``, which the caller finds on the calendar (``None``: none is
    scheduled, and the rule says so)."""
    rules: list[RuleState] = []
    for rule in state.rules:
        if rule.rule == "P15" and rule.state == "pending" and rule.due_at is None:
            if session_id is None or starts_on is None:
                why = f"{rule.why}; no next session is on the calendar yet"
                rule = rule.model_copy(update={"why": why})
            else:
                due = datetime.combine(starts_on, time(0), UTC)
                why = f"{rule.why}; due at the opening of session {session_id}"
                rule = rule.model_copy(update={"due_at": due, "why": why, "ref": session_id})
        rules.append(rule)
    return state.model_copy(update={"rules": rules, "next_due": _next_due(rules)})


def _next_due(rules: list[RuleState]) -> NextDue | None:
    pending = [(r.due_at, r) for r in rules if r.state == "pending" and r.due_at is not None]
    if not pending:
        return None
    due_at, first = min(pending, key=lambda item: item[0])
    return NextDue(rule=first.rule, due_at=due_at, ref=first.ref)


def _overdue_by(rule: RuleState, at: datetime) -> RuleState:
    if rule.state != "pending" or rule.due_at is None or rule.due_at > at:
        return rule
    return rule.model_copy(
        update={
            "state": "overdue",
            "since": rule.due_at,
            "why": f"{rule.why}; due {rule.due_at.isoformat()}, passed",
        }
    )


def _formal_rules(facts: _Facts, ended: tuple[datetime, str] | None) -> list[RuleState]:
    if facts.referred_at is None:  # 7(b) only
        return [_na(r, WHY_NO_REFERRAL) for r in (*FORMAL_RULES, *P14_RULES)]
    opened = _Step(done_at=facts.referred_at, actor=facts.referred_by, ref=facts.decision_ref)
    rules = [
        _step_state(
            "P13",
            opened,
            done_why="the Court referred the matter to the Assembly",
            pending_why="",
            ended=None,
        ),
        _step_state(
            "P13-forward",
            facts.forward,
            done_why="decision forwarded to all States Parties",
            pending_why="the decision is to be forwarded to all States Parties",
            ended=ended,
        ),
        _step_state(
            "P13-press",
            facts.press,
            done_why="press release issued by the President",
            pending_why="the public is to be informed by a press release of the President",
            ended=ended,
        ),
    ]
    arose = facts.formal_opened_at or facts.referred_at
    for step in (facts.p14a, facts.p14c, facts.p14d, facts.p14e, facts.p14f, facts.p14g):
        step.arose_at = step.arose_at or arose
    if facts.p14b.arose_at is None:
        facts.p14b.arose_at = arose
    rules += [
        _step_state(
            "P14a",
            facts.p14a,
            done_why="the emergency Bureau meeting was held and decided further action",
            pending_why="an emergency Bureau meeting is to be convened",
            ended=ended,
        ),
        _step_state(
            "P14b",
            facts.p14b,
            done_why="the requested State replied to the open letter",
            pending_why=(
                "awaiting the requested State's reply to the open letter"
                if facts.p14b.due_at is not None
                else "the President's open letter is to be sent"
            ),
            ended=ended,
        ),
        _step_state(
            "P14c",
            facts.p14c,
            done_why="a representative of the requested State was "
            "invited to the next Bureau meeting",
            pending_why="the requested State is to be invited to the next Bureau meeting",
            ended=ended,
        ),
        _step_state(
            "P14d",
            facts.p14d,
            done_why="the Bureau requested a public NYWG meeting",
            pending_why="the Bureau may request a public NYWG meeting if the next session "
            "starts more than three months after the Bureau meeting of P14c",
            ended=ended,
        ),
        _step_state(
            "P14e",
            facts.p14e,
            done_why="the decision was noted in the omnibus resolution",
            pending_why="the decision is to be noted in the omnibus resolution of the "
            "next (or on-going) session",
            ended=ended,
        ),
        _step_state(
            "P14f",
            facts.p14f,
            done_why="the Bureau report was discussed in plenary",
            pending_why="the Bureau report may be discussed in plenary at the next "
            "(or on-going) session",
            ended=ended,
        ),
    ]
    if facts.p14g.done_at is None and not facts.security_council:
        rules.append(_na("P14g", WHY_NO_SECURITY_COUNCIL, facts.referred_at))
    else:
        rules.append(
            _step_state(
                "P14g",
                facts.p14g,
                done_why="the President wrote to the President of the Security Council",
                pending_why="the President may write to the President of the Security Council",
                ended=ended,
            )
        )
    if facts.p15.done_at is None and ended is not None:
        rules.append(_na("P15", ended[1], ended[0]))
    else:
        facts.p15.arose_at = facts.p15.arose_at or arose
        rules.append(
            _step_state(
                "P15",
                facts.p15,
                done_why="the Bureau report covering the case was submitted to the session",
                pending_why=WHY_P15,
                ended=None,
                count=facts.p15_reports or None,
            )
        )
    return rules


def _good_offices_rules(facts: _Facts, closed: tuple[datetime, str] | None) -> list[RuleState]:
    seen = (
        facts.activation is not None
        or facts.notify.done_at is not None
        or facts.notify.overdue_since is not None
        or facts.engagements
        or facts.reports
        or facts.travel
    )
    if not seen:
        return [_na(r, WHY_NOT_ACTIVATED) for r in GOOD_OFFICES_RULES]
    rules: list[RuleState] = []
    if facts.activation is not None and facts.activation_rule is not None:
        rules.append(
            _step_state(
                facts.activation_rule,
                facts.activation,
                done_why="the President acts from the good offices of the Presidency",
                pending_why="",
                ended=None,
            )
        )
    if facts.notify_applies or facts.notify.done_at is not None:
        rules.append(
            _step_state(
                "P18-notify",
                facts.notify,
                done_why="the Bureau members were notified of the activation",
                pending_why="the President is to notify the Bureau members immediately",
                ended=closed,
            )
        )
    else:
        rules.append(
            _na(
                "P18-notify",
                "activated by decision of the Bureau (P19)",
                facts.activation.arose_at if facts.activation else None,
            )
        )
    rules.append(
        _step_state(
            "P20",
            facts.engagement,
            done_why=f"{facts.engagements} engagement record(s){facts.engagement.note}",
            pending_why="no contact, consultation or assistance recorded yet",
            ended=closed,
            count=facts.engagements,
        )
    )
    rules.append(
        _step_state(
            "P21",
            facts.report,
            done_why=f"{facts.reports} report(s) of the President to the Bureau",
            pending_why="the President is to report to the Bureau on the engagement",
            ended=closed,
            count=facts.reports,
        )
    )
    for travel_id in sorted(facts.travel):
        rules.append(
            _step_state(
                "Res35",
                facts.travel[travel_id],
                done_why="travel information shared with the Court",
                pending_why="travel information is to be shared with the Court promptly",
                ended=closed,
            )
        )
    return rules
