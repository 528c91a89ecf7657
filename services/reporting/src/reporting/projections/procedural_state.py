"""The procedural state of a case: where each rule stands on a business date (pure).

A fold over the case's envelopes of every service (``procedural_facts``), in log order, then a
judgement on a business date D (PROCEDURES.md, Time). For each rule that applies it says whether
it is done, pending, overdue, optional or not applicable, since when, who did it (``role:id``),
when it is due (and for P14e and P15 in which session) and why:

- done on D: fulfilled with a business time up to the end of D; *late* when after its due
  instant;
- overdue on D: its due instant is before the end of D and it was not done by then, whatever the
  log says: an ``..._overdue`` record is what the system knew at a record time (``as_of``), not
  the state of the procedure;
- optional: a step the text says "could" happen (P14a, P14b, P14d, P14f and its facilitator,
  P14g), until done; not applicable, with why and the dates, when its condition can no longer
  hold (P14d; P14g without a Security Council referral) or the procedure ended.

Facts dated after D are not folded (``fold(..., on=D)``): on D they had not happened. Without a
date (``on=None``) nothing is judged against a clock: a step not done is pending with its due
instant (the projection stores that, so that two builds of one log are identical).

P14e and P15 are due in "the next (or on-going) session" at the Court decision's date: the
shared calendar function answers it from the sessions the caller gives (the calendar is not a
case's record); due by the end of that session (its last part), overdue after it.
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time
from typing import Literal

from pydantic import BaseModel, ConfigDict

from noncoop_shared.calendar import CalendarSession, DueSession, next_or_ongoing_session
from noncoop_shared.envelope import Envelope
from noncoop_shared.rules import Rule
from reporting.projections.procedural_facts import (
    CaseFacts,
    CaseStatus,
    Scenario,
    Step,
    decode_payload,
    end_of,
    facts_from_json,
    facts_to_json,
    is_case_stream,
    step,
)

__all__ = [
    "CaseFacts",
    "ProceduralState",
    "RuleState",
    "decode_payload",
    "derive",
    "end_of",
    "facts_from_json",
    "facts_to_json",
    "fold",
    "is_case_stream",
    "step",
]

RuleStatus = Literal["done", "pending", "overdue", "optional", "not_applicable"]

FORMAL_RULES = (Rule.P13, Rule.P13_FORWARD, Rule.P13_PRESS)
P14_RULES = (
    Rule.P14A,
    Rule.P14B,
    Rule.P14C,
    Rule.P14D,
    Rule.P14E,
    Rule.P14F,
    Rule.P14G,
    Rule.P15,
)
GOOD_OFFICES_RULES = (Rule.P18_NOTIFY, Rule.P20, Rule.P21)

WHY_NO_REFERRAL = "no Court referral (7(b))"
WHY_NO_SECURITY_COUNCIL = "the Court did not refer the matter to the Security Council"
WHY_NOT_ACTIVATED = "no activation of the good offices is recorded (P18, P19)"
WHY_P15 = (
    "the case is to appear in the Bureau report to the next (or on-going) session of the "
    "Assembly after the Court's decision, submitted with concrete recommendations"
)
WHY_P14E = (
    "the decision is to be noted in the omnibus resolution of the next (or on-going) session "
    "after the decision"
)
FACILITATOR = "facilitator"
NYWG_MONTHS = 3


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class SessionRef(_Model):
    """The session a rule is due in, as the calendar schedules it."""

    session_id: str
    opens_on: date
    closes_on: date
    """Its last day (of its last part on the calendar): due by the end of it."""
    ongoing: bool
    """It was on-going on the day that fixed it (the decision's date)."""


class RuleState(_Model):
    rule: Rule
    state: RuleStatus
    why: str
    since: datetime | None = None
    """When the rule entered this state (obligation arose, done, went overdue, stopped)."""
    done_at: datetime | None = None
    late: bool = False
    """Done after its due instant."""
    actor: str | None = None
    """``role:id`` of who did it."""
    due_at: datetime | None = None
    due_session: SessionRef | None = None
    ref: str | None = None
    """What the row is about when a rule has several (a meeting, a letter, a travel record)."""
    count: int | None = None


class NextDue(_Model):
    rule: Rule
    due_at: datetime
    ref: str | None = None


class ProceduralState(_Model):
    case_id: str
    on: date | None = None
    """The business date the state is judged on (``None``: as recorded, against no clock)."""
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

    def rows(self, rule: str) -> list[RuleState]:
        return [state for state in self.rules if state.rule == rule]


def fold(
    case_id: str,
    envelopes: Iterable[Envelope],
    *,
    on: date | None = None,
    sessions: Sequence[CalendarSession] | None = None,
) -> ProceduralState:
    """The procedural state on the business date ``on`` from ``envelopes`` (log order): the
    facts dated up to the end of ``on`` (all without ``on``), judged on ``on``."""
    facts = CaseFacts(case_id)
    cutoff = None if on is None else end_of(on)
    for envelope in envelopes:
        if cutoff is None or envelope.occurredat < cutoff:
            step(facts, envelope)
    return derive(facts, on, sessions)


@dataclass(frozen=True)
class _Day:
    """What a judgement depends on beyond the facts: the date and the calendar."""

    cutoff: datetime | None
    sessions: Sequence[CalendarSession] | None

    def due_session(self, day: date | None) -> DueSession | None:
        if self.sessions is None or day is None:
            return None
        return next_or_ongoing_session(self.sessions, day)


def derive(
    facts: CaseFacts,
    on: date | None = None,
    sessions: Sequence[CalendarSession] | None = None,
) -> ProceduralState:
    """The rule states the facts give on ``on`` (see the module); the facts must hold nothing
    dated after ``on`` (``fold`` filters; a stored fold qualifies when its latest business
    time is before the end of ``on``). ``facts`` is not changed."""
    day = _Day(None if on is None else end_of(on), sessions)
    rules: list[RuleState] = []
    # An information-only finding (S8) or a Court decision informing (S-info) triggers no
    # procedure: no rows at all.
    if facts.scenario not in (None, "information_only", "court_information"):
        closed = (
            (facts.closed_at, f"the case is closed ({facts.closure})") if facts.closed_at else None
        )
        stopped = (facts.stopped_at, facts.stop_why) if facts.stopped_at else None
        rules = [
            *_formal_rules(facts, day, stopped or closed),
            *_good_offices_rules(facts, day, closed),
        ]
        if facts.no_finding is not None:
            rules.append(
                _row(
                    Rule.S7B_NO_FINDING,
                    facts.no_finding,
                    day,
                    done_why="the Court decided on the 7(b) matter: the case may be closed "
                    "citing that decision",
                    pending_why="",
                    ended=None,
                )
            )
    return ProceduralState(
        case_id=facts.case_id,
        on=on,
        scenario=facts.scenario,
        status=facts.status,
        rules=rules,
        next_due=_next_due(rules),
        events=facts.events,
        recorded_at=facts.recorded_at,
    )


def _next_due(rules: list[RuleState]) -> NextDue | None:
    pending = [(r.due_at, r) for r in rules if r.state == "pending" and r.due_at is not None]
    if not pending:
        return None
    due_at, first = min(pending, key=lambda item: item[0])
    return NextDue(rule=first.rule, due_at=due_at, ref=first.ref)


# --- One row ---------------------------------------------------------------------------------

Ended = tuple[datetime, str] | None


def _na(rule: Rule, why: str, since: datetime | None = None, ref: str | None = None) -> RuleState:
    return RuleState(rule=rule, state="not_applicable", why=why, since=since, ref=ref)


def _row(
    rule: Rule,
    step: Step,
    day: _Day,
    *,
    done_why: str,
    pending_why: str,
    ended: Ended,
    optional: bool = False,
    count: int | None = None,
    due_session: SessionRef | None = None,
) -> RuleState:
    """Done if done (late after its due instant); else not applicable once the procedure ended;
    else optional for a "could" step; else overdue when its due instant is before the end of
    the date judged; else pending."""
    note = f" ({step.note})" if step.note else ""
    due = step.due_at
    state: RuleStatus
    since: datetime | None
    late = False
    if step.done_at is not None:
        late = due is not None and step.done_at > due
        state, since = "done", step.done_at
        why = done_why + note + (f"; done late: due {due.isoformat()}" if late and due else "")
    elif ended is not None:
        state, since, why = "not_applicable", ended[0], ended[1]
    elif optional:
        state, since, why = "optional", step.arose_at, pending_why + note
    elif due is not None and day.cutoff is not None and due < day.cutoff:
        state, since = "overdue", due
        why = f"{pending_why}; due {due.isoformat()}, passed{note}"
    else:
        state, since, why = "pending", step.arose_at, pending_why + note
    return RuleState(
        rule=rule,
        state=state,
        why=why,
        since=since,
        done_at=step.done_at,
        late=late,
        actor=step.actor if step.done_at is not None else None,
        due_at=due,
        due_session=due_session,
        ref=step.ref,
        count=count,
    )


def _session_ref(due: DueSession | None) -> SessionRef | None:
    if due is None:
        return None
    return SessionRef(
        session_id=due.session_id,
        opens_on=due.opens_on,
        closes_on=due.closes_on,
        ongoing=due.ongoing,
    )


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time(0), UTC)


def add_calendar_months(start: date, months: int) -> date:
    """The same day ``months`` calendar months later, clamped to the last day of a shorter
    month (30 November + 3 -> 28 February): P14d's limit, as the Bureau measures it."""
    index = start.year * 12 + start.month - 1 + months
    year, month = index // 12, index % 12 + 1
    return date(year, month, min(start.day, monthrange(year, month)[1]))


# --- The formal response (P13-P15) -----------------------------------------------------------


def _formal_rules(facts: CaseFacts, day: _Day, ended: Ended) -> list[RuleState]:
    if facts.referred_at is None:  # 7(b) only
        return [_na(r, WHY_NO_REFERRAL) for r in (*FORMAL_RULES, *P14_RULES)]
    opened = Step(done_at=facts.referred_at, actor=facts.referred_by, ref=facts.decision_ref)
    arose = facts.formal_opened_at or facts.referred_at
    return [
        _row(
            Rule.P13,
            opened,
            day,
            done_why="the Court referred the matter to the Assembly",
            pending_why="",
            ended=None,
        ),
        _row(
            Rule.P13_FORWARD,
            facts.forward,
            day,
            done_why="decision forwarded to all States Parties",
            pending_why="the decision is to be forwarded to all States Parties",
            ended=ended,
        ),
        _row(
            Rule.P13_PRESS,
            facts.press,
            day,
            done_why="press release issued by the President",
            pending_why="the public is to be informed by a press release of the President",
            ended=ended,
        ),
        *_p14a(facts, day, ended, arose),
        *_p14b(facts, day, ended, arose),
        _row(
            Rule.P14C,
            replace(facts.p14c, arose_at=facts.p14c.arose_at or arose),
            day,
            done_why="the Bureau meeting the requested State was invited to was held with the "
            "State invited",
            pending_why=(
                "the Bureau meeting the requested State was invited to is to be held "
                "(attendance or absence recorded)"
                if facts.p14c.ref is not None
                else "the requested State is to be invited to the next Bureau meeting"
            ),
            ended=ended,
        ),
        _p14d(facts, day, ended, arose),
        _p14e(facts, day, ended, arose),
        *_p14f(facts, day, ended, arose),
        _p14g(facts, day, ended, arose),
        _p15(facts, day, arose),
    ]


def _p14a(facts: CaseFacts, day: _Day, ended: Ended, arose: datetime) -> list[RuleState]:
    """One row per emergency meeting (several may be convened); optional until one is."""
    if not facts.meetings:
        return [
            _row(
                Rule.P14A,
                Step(arose_at=arose),
                day,
                done_why="",
                pending_why="an emergency Bureau meeting may be convened at short notice",
                ended=ended,
                optional=True,
            )
        ]
    meetings = sorted(facts.meetings.values(), key=lambda m: (m.arose_at or arose, m.ref or ""))
    return [
        _row(
            Rule.P14A,
            replace(meeting, arose_at=meeting.arose_at or arose),
            day,
            done_why="the emergency Bureau meeting was held and decided further action",
            pending_why="the emergency Bureau meeting is to be held",
            ended=ended,
        )
        for meeting in meetings
    ]


def _p14b(facts: CaseFacts, day: _Day, ended: Ended, arose: datetime) -> list[RuleState]:
    """One row per open letter (several may be sent): its reply, due on the letter's day;
    optional until a letter is sent."""
    if not facts.letters:
        return [
            _row(
                Rule.P14B,
                Step(arose_at=arose),
                day,
                done_why="",
                pending_why="the President may send an open letter to the requested State",
                ended=ended,
                optional=True,
            )
        ]
    letters = sorted(facts.letters.values(), key=lambda s: (s.arose_at or arose, s.ref or ""))
    return [
        _row(
            Rule.P14B,
            replace(letter, arose_at=letter.arose_at or arose),
            day,
            done_why="the requested State replied to the open letter",
            pending_why="awaiting the requested State's reply to the open letter",
            ended=ended,
        )
        for letter in letters
    ]


def _p14d(facts: CaseFacts, day: _Day, ended: Ended, arose: datetime) -> RuleState:
    """Optional once the P14c meeting was held, when the next session opens more than three
    calendar months after it; not applicable, with the dates, when it does not."""
    step = replace(facts.p14d, arose_at=facts.p14d.arose_at or arose)
    held = facts.p14c_held_on
    why = (
        "the Bureau may request a public NYWG meeting once the Bureau meeting of P14c has been "
        "held, if the next session opens more than three calendar months after it"
    )
    due = day.due_session(held)
    if step.done_at is None and ended is None and held is not None and due is not None:
        limit = add_calendar_months(held, NYWG_MONTHS)
        dates = (
            f"the Bureau meeting of P14c was held on {held.isoformat()} and the next session, "
            f"{due.session_id}, opens on {due.opens_on.isoformat()}"
        )
        if due.ongoing or due.opens_on <= limit:
            why = f"{dates}: not more than three calendar months after it (limit {limit})"
            return _na(Rule.P14D, why, _start_of(held))
        why = f"the Bureau may request a public NYWG meeting: {dates}, after {limit}"
    elif held is not None and day.sessions is not None and due is None:
        why += f"; the Bureau meeting of P14c was held on {held.isoformat()}, and no next " + (
            "session is on the calendar yet"
        )
    return _row(
        Rule.P14D,
        step,
        day,
        done_why="the Bureau requested a public NYWG meeting",
        pending_why=why,
        ended=ended,
        optional=True,
    )


def _due_in_session(
    step: Step, facts: CaseFacts, day: _Day, arose: datetime, what: str
) -> tuple[Step, SessionRef | None, str]:
    """``step`` due by the end of the next (or on-going) session at the decision's date."""
    due = day.due_session(facts.decision_date)
    step = replace(step, arose_at=step.arose_at or arose)
    if due is None:
        if day.sessions is not None:
            what += "; no session after the decision's date is on the calendar yet"
        return step, None, what
    step.due_at = end_of(due.closes_on)
    what += (
        f": session {due.session_id} ({due.opens_on.isoformat()} to "
        f"{due.closes_on.isoformat()}), by the end of it"
    )
    return step, _session_ref(due), what


def _p14e(facts: CaseFacts, day: _Day, ended: Ended, arose: datetime) -> RuleState:
    step, session, why = _due_in_session(facts.p14e, facts, day, arose, WHY_P14E)
    return _row(
        Rule.P14E,
        step,
        day,
        done_why="the decision was noted in the omnibus resolution",
        pending_why=why,
        ended=ended,
        due_session=session,
    )


def _p14f(facts: CaseFacts, day: _Day, ended: Ended, arose: datetime) -> list[RuleState]:
    """The plenary discussion and the facilitator: both "could" (optional)."""
    return [
        _row(
            Rule.P14F,
            replace(facts.p14f, arose_at=facts.p14f.arose_at or arose),
            day,
            done_why="the Bureau report was discussed in plenary",
            pending_why="the Bureau report may be discussed in plenary at the next "
            "(or on-going) session",
            ended=ended,
            optional=True,
        ),
        _row(
            Rule.P14F,
            replace(
                facts.facilitator, arose_at=facts.facilitator.arose_at or arose, ref=FACILITATOR
            ),
            day,
            done_why="the Bureau appointed a facilitator to consult on a draft resolution",
            pending_why="the Bureau may appoint a facilitator to consult on a draft resolution",
            ended=ended,
            optional=True,
        ),
    ]


def _p14g(facts: CaseFacts, day: _Day, ended: Ended, arose: datetime) -> RuleState:
    if facts.p14g.done_at is None and not facts.security_council:
        return _na(Rule.P14G, WHY_NO_SECURITY_COUNCIL, facts.referred_at)
    return _row(
        Rule.P14G,
        replace(facts.p14g, arose_at=facts.p14g.arose_at or arose),
        day,
        done_why="the President wrote to the President of the Security Council",
        pending_why="the President may write to the President of the Security Council",
        ended=ended,
        optional=True,
    )


def _p15(facts: CaseFacts, day: _Day, arose: datetime) -> RuleState:
    """Due in the session the decision's date fixes; still owed by a closed case or a stopped
    formal response (the report on the action taken), so never not applicable here."""
    step, session, why = _due_in_session(facts.p15, facts, day, arose, WHY_P15)
    return _row(
        Rule.P15,
        step,
        day,
        done_why="the Bureau report covering the case was submitted",
        pending_why=why,
        ended=None,
        count=facts.p15_reports or None,
        due_session=session,
    )


# --- Good offices (P18-P21) and travel information (Res. 35) ---------------------------------


def _good_offices_rules(facts: CaseFacts, day: _Day, closed: Ended) -> list[RuleState]:
    seen = (
        facts.activation is not None
        or facts.notify.done_at is not None
        or facts.notify.due_at is not None
        or facts.remain.done_at is not None
        or facts.engagements
        or facts.reports
    )
    rules: list[RuleState] = []
    if not seen:
        rules = [_na(r, WHY_NOT_ACTIVATED) for r in GOOD_OFFICES_RULES]
    else:
        rules = _active_rules(facts, day, closed)
    for key in sorted(facts.travel):
        rules.append(
            _row(
                Rule.RES35,
                facts.travel[key],
                day,
                done_why="travel information shared with the Court",
                pending_why="travel information is to be shared with the Court promptly",
                ended=None,
            )
        )
    return rules


def _active_rules(facts: CaseFacts, day: _Day, closed: Ended) -> list[RuleState]:
    rules: list[RuleState] = []
    activation = facts.activation
    if activation is not None and facts.activation_rule is not None:
        rules.append(
            _row(
                Rule(facts.activation_rule),
                activation,
                day,
                done_why="the President acts from the good offices of the Presidency",
                pending_why="",
                ended=None,
            )
        )
    continued = facts.continued_at
    went_on = (
        activation is not None
        and continued is not None
        and activation.arose_at is not None
        and activation.arose_at <= continued
    )
    if went_on or facts.remain.done_at is not None:
        rules.append(
            _row(
                Rule.P19_REMAIN,
                replace(facts.remain, arose_at=continued),
                day,
                done_why="the Bureau decided that the good offices remain active",
                pending_why="the 7(b) case continued as 7(a): the Bureau's decision that the "
                "good offices remain active is expected (P19)",
                ended=closed,
            )
        )
    if facts.notify_applies or facts.notify.done_at is not None:
        rules.append(
            _row(
                Rule.P18_NOTIFY,
                facts.notify,
                day,
                done_why="the Bureau members were notified of the activation",
                pending_why="the President is to notify the Bureau members immediately",
                ended=closed,
            )
        )
    else:
        rules.append(
            _na(
                Rule.P18_NOTIFY,
                "activated by decision of the Bureau (P19)",
                activation.arose_at if activation else None,
            )
        )
    rules.append(
        _row(
            Rule.P20,
            facts.engagement,
            day,
            done_why=f"{facts.engagements} engagement record(s){facts.engagement.note}",
            pending_why="no contact, consultation or assistance recorded yet",
            ended=closed,
            count=facts.engagements,
        )
    )
    rules.append(
        _row(
            Rule.P21,
            facts.report,
            day,
            done_why=f"{facts.reports} report(s) of the President to the Bureau",
            pending_why="the President is to report to the Bureau on the engagement",
            ended=closed,
            count=facts.reports,
        )
    )
    return rules
