"""The rows of the formal response (P13-P15, scenario 7(a)) on a business date.

P14e and P15 are due in "the next (or on-going) session" at the Court decision's date: the
shared calendar function answers it from the sessions the caller gives (the calendar is not a
case's record); due by the end of that session (its last part), overdue after it.
"""

from __future__ import annotations

from datetime import datetime

from noncoop_shared.rules import Rule
from reporting.domain.procedural.facts import CaseFacts, Step, end_of
from reporting.domain.procedural.rows import (
    Day,
    Ended,
    add_calendar_months,
    changed,
    not_applicable,
    row,
    session_ref,
    start_of,
)
from reporting.domain.procedural.state import RuleState, SessionRef
from reporting.domain.procedural.wording import say

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

# In English, as the API serves them by default.
WHY_NO_REFERRAL = say("en", "why.no_referral")
WHY_NO_SECURITY_COUNCIL = say("en", "why.no_security_council")
WHY_P15 = say("en", "p15.why")
WHY_P14E = say("en", "p14e.why")
FACILITATOR = "facilitator"
NYWG_MONTHS = 3


def formal_response_rules(facts: CaseFacts, day: Day, ended: Ended) -> list[RuleState]:
    """Every row of P13-P15, in the order of the procedures; not applicable without a Court
    referral (7(b) only)."""
    if facts.referred_at is None:
        why = day.say("why.no_referral")
        return [not_applicable(r, why) for r in (*FORMAL_RULES, *P14_RULES)]
    arose = facts.formal_opened_at or facts.referred_at
    return [
        *_p13(facts, day, ended),
        *_p14a(facts, day, ended, arose),
        *_p14b(facts, day, ended, arose),
        _p14c(facts, day, ended, arose),
        _p14d(facts, day, ended, arose),
        _p14e(facts, day, ended, arose),
        *_p14f(facts, day, ended, arose),
        _p14g(facts, day, ended, arose),
        _p15(facts, day, arose),
    ]


def _p13(facts: CaseFacts, day: Day, ended: Ended) -> list[RuleState]:
    """The referral itself, its forwarding to all States Parties and the press release."""
    opened = Step(done_at=facts.referred_at, actor=facts.referred_by, ref=facts.decision_ref)
    return [
        row(
            Rule.P13,
            opened,
            day,
            done_why=day.say("p13.done"),
            pending_why="",
            ended=None,
        ),
        row(
            Rule.P13_FORWARD,
            facts.forward,
            day,
            done_why=day.say("p13_forward.done"),
            pending_why=day.say("p13_forward.pending"),
            ended=ended,
        ),
        row(
            Rule.P13_PRESS,
            facts.press,
            day,
            done_why=day.say("p13_press.done"),
            pending_why=day.say("p13_press.pending"),
            ended=ended,
        ),
    ]


def _p14a(facts: CaseFacts, day: Day, ended: Ended, arose: datetime) -> list[RuleState]:
    """One row per emergency meeting (several may be convened); optional until one is."""
    if not facts.meetings:
        return [
            row(
                Rule.P14A,
                Step(arose_at=arose),
                day,
                done_why="",
                pending_why=day.say("p14a.optional"),
                ended=ended,
                optional=True,
            )
        ]
    meetings = sorted(facts.meetings.values(), key=lambda m: (m.arose_at or arose, m.ref or ""))
    return [
        row(
            Rule.P14A,
            changed(meeting, arose_at=meeting.arose_at or arose),
            day,
            done_why=day.say("p14a.done"),
            pending_why=day.say("p14a.pending"),
            ended=ended,
        )
        for meeting in meetings
    ]


def _p14b(facts: CaseFacts, day: Day, ended: Ended, arose: datetime) -> list[RuleState]:
    """One row per open letter (several may be sent): its reply, due on the letter's day;
    optional until a letter is sent."""
    if not facts.letters:
        return [
            row(
                Rule.P14B,
                Step(arose_at=arose),
                day,
                done_why="",
                pending_why=day.say("p14b.optional"),
                ended=ended,
                optional=True,
            )
        ]
    letters = sorted(facts.letters.values(), key=lambda s: (s.arose_at or arose, s.ref or ""))
    return [
        row(
            Rule.P14B,
            changed(letter, arose_at=letter.arose_at or arose),
            day,
            done_why=day.say("p14b.done"),
            pending_why=day.say("p14b.pending"),
            ended=ended,
        )
        for letter in letters
    ]


def _p14c(facts: CaseFacts, day: Day, ended: Ended, arose: datetime) -> RuleState:
    """Done when the Bureau meeting the requested State was invited to has been held with the
    State invited (its attendance or absence recorded)."""
    return row(
        Rule.P14C,
        changed(facts.p14c, arose_at=facts.p14c.arose_at or arose),
        day,
        done_why=day.say("p14c.done"),
        pending_why=day.say(
            "p14c.pending.held" if facts.p14c.ref is not None else "p14c.pending.invite"
        ),
        ended=ended,
    )


def _p14d(facts: CaseFacts, day: Day, ended: Ended, arose: datetime) -> RuleState:
    """Optional once the P14c meeting was held, when the next session opens more than three
    calendar months after it; not applicable, with the dates, when it does not."""
    step = changed(facts.p14d, arose_at=facts.p14d.arose_at or arose)
    held = facts.p14c_held_on
    why = day.say("p14d.optional")
    due = day.due_session(held)
    if step.done_at is None and ended is None and held is not None and due is not None:
        limit = add_calendar_months(held, NYWG_MONTHS)
        dates = day.say("p14d.dates", held=held, session=due.session_id, opens=due.opens_on)
        if due.ongoing or due.opens_on <= limit:
            why = day.say("p14d.not_applicable", dates=dates, limit=limit)
            return not_applicable(Rule.P14D, why, start_of(held))
        why = day.say("p14d.may", dates=dates, limit=limit)
    elif held is not None and day.sessions is not None and due is None:
        why = day.say("p14d.no_session", why=why, held=held)
    return row(
        Rule.P14D,
        step,
        day,
        done_why=day.say("p14d.done"),
        pending_why=why,
        ended=ended,
        optional=True,
    )


def _due_in_session(
    step: Step, facts: CaseFacts, day: Day, arose: datetime, what: str
) -> tuple[Step, SessionRef | None, str]:
    """``step`` due by the end of the next (or on-going) session at the decision's date."""
    due = day.due_session(facts.decision_date)
    step = changed(step, arose_at=step.arose_at or arose)
    if due is None:
        if day.sessions is not None:
            what = day.say("due.no_session", what=what)
        return step, None, what
    step.due_at = end_of(due.closes_on)
    what = day.say(
        "due.session", what=what, session=due.session_id, opens=due.opens_on, closes=due.closes_on
    )
    return step, session_ref(due), what


def _p14e(facts: CaseFacts, day: Day, ended: Ended, arose: datetime) -> RuleState:
    step, session, why = _due_in_session(facts.p14e, facts, day, arose, day.say("p14e.why"))
    return row(
        Rule.P14E,
        step,
        day,
        done_why=day.say("p14e.done"),
        pending_why=why,
        ended=ended,
        due_session=session,
    )


def _p14f(facts: CaseFacts, day: Day, ended: Ended, arose: datetime) -> list[RuleState]:
    """The plenary discussion and the facilitator: both "could" (optional)."""
    return [
        row(
            Rule.P14F,
            changed(facts.p14f, arose_at=facts.p14f.arose_at or arose),
            day,
            done_why=day.say("p14f.done"),
            pending_why=day.say("p14f.optional"),
            ended=ended,
            optional=True,
        ),
        row(
            Rule.P14F,
            changed(
                facts.facilitator, arose_at=facts.facilitator.arose_at or arose, ref=FACILITATOR
            ),
            day,
            done_why=day.say("facilitator.done"),
            pending_why=day.say("facilitator.optional"),
            ended=ended,
            optional=True,
        ),
    ]


def _p14g(facts: CaseFacts, day: Day, ended: Ended, arose: datetime) -> RuleState:
    if facts.p14g.done_at is None and not facts.security_council:
        return not_applicable(Rule.P14G, day.say("why.no_security_council"), facts.referred_at)
    return row(
        Rule.P14G,
        changed(facts.p14g, arose_at=facts.p14g.arose_at or arose),
        day,
        done_why=day.say("p14g.done"),
        pending_why=day.say("p14g.optional"),
        ended=ended,
        optional=True,
    )


def _p15(facts: CaseFacts, day: Day, arose: datetime) -> RuleState:
    """Due in the session the decision's date fixes; still owed by a closed case or a stopped
    formal response (the report on the action taken), so never not applicable here."""
    step, session, why = _due_in_session(facts.p15, facts, day, arose, day.say("p15.why"))
    return row(
        Rule.P15,
        step,
        day,
        done_why=day.say("p15.done"),
        pending_why=why,
        ended=None,
        count=facts.p15_reports or None,
        due_session=session,
    )
