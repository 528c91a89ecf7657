"""The judgement of a case's facts on a business date D (rule Time): each rule that applies is
done, pending, overdue, optional or not applicable, since when, by whom (``role:id``), due when
(and for P14e and P15 in which session) and why:

- done on D: fulfilled with a business time up to the end of D; *late* when after its due
  instant;
- overdue on D: its due instant is before the end of D and it was not done by then, whatever the
  log says: an ``..._overdue`` record is what the system knew at a record time (``as_of``), not
  the state of the procedure;
- optional: a step the text says "could" happen (P14a, P14b, P14d, P14f and its facilitator,
  P14g), until done; not applicable, with why and the dates, when its condition can no longer
  hold (P14d; P14g without a Security Council referral) or the procedure ended.

Without a date (``on=None``) nothing is judged against a clock: a step not done is pending with
its due instant (the projection stores that, so that two builds of one log are identical).

Every ``why`` is written in ``lang`` (``wording``): English, what is stored, or French.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from noncoop_shared.calendar import CalendarSession
from noncoop_shared.rules import Rule
from reporting.domain.procedural.facts import CaseFacts, end_of
from reporting.domain.procedural.formal_response_rules import formal_response_rules
from reporting.domain.procedural.good_offices_rules import good_offices_rules
from reporting.domain.procedural.rows import Day, Ended, row
from reporting.domain.procedural.state import NextDue, ProceduralState, RuleState
from reporting.domain.procedural.wording import note_text, worded
from reporting.domain.report.language import Lang

_WITHOUT_PROCEDURE = (None, "information_only", "court_information")
"""An information-only finding (S8) or a Court decision informing (S-info) triggers no
procedure: no rows at all."""


def derive(
    facts: CaseFacts,
    on: date | None = None,
    sessions: Sequence[CalendarSession] | None = None,
    lang: Lang = "en",
) -> ProceduralState:
    """The rule states the facts give on ``on`` (see the module); the facts must hold nothing
    dated after ``on`` (``fold`` filters; a stored fold qualifies when its latest business
    time is before the end of ``on``). ``facts`` is not changed. Its sentences are in
    ``lang``."""
    day = Day(None if on is None else end_of(on), sessions, lang)
    rules = [] if facts.scenario in _WITHOUT_PROCEDURE else _rules(facts, day)
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


def _rules(facts: CaseFacts, day: Day) -> list[RuleState]:
    """The formal response's rows (ended by a stop, else the case's closure), the good
    offices' (ended by the closure), then the Court's decision without a finding, if any."""
    closure = worded(facts.closure, day.lang, prefix="closure")
    closed: Ended = (
        (facts.closed_at, day.say("ended.closed", closure=closure)) if facts.closed_at else None
    )
    stopped: Ended = (
        (facts.stopped_at, note_text(facts.stop_why, day.lang)) if facts.stopped_at else None
    )
    rules = [
        *formal_response_rules(facts, day, stopped or closed),
        *good_offices_rules(facts, day, closed),
    ]
    if facts.no_finding is not None:
        rules.append(
            row(
                Rule.S7B_NO_FINDING,
                facts.no_finding,
                day,
                done_why=day.say("s7b_no_finding.done"),
                pending_why="",
                ended=None,
            )
        )
    return rules


def _next_due(rules: list[RuleState]) -> NextDue | None:
    pending = [(r.due_at, r) for r in rules if r.state == "pending" and r.due_at is not None]
    if not pending:
        return None
    due_at, first = min(pending, key=lambda item: item[0])
    return NextDue(rule=first.rule, due_at=due_at, ref=first.ref)
