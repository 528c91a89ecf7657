"""The rows of the good offices of the President (P18-P21) and of travel information
(Res. 35) on a business date."""

from __future__ import annotations

from datetime import datetime

import msgspec

from noncoop_shared.rules import Rule
from reporting.domain.procedural.facts import CaseFacts, Step
from reporting.domain.procedural.rows import Day, Ended, not_applicable, row
from reporting.domain.procedural.state import RuleState
from reporting.domain.procedural.wording import say, worded

GOOD_OFFICES_RULES = (Rule.P18_NOTIFY, Rule.P20, Rule.P21)
WHY_NOT_ACTIVATED = say("en", "why.not_activated")
"""In English, as the API serves it by default."""


def good_offices_rules(facts: CaseFacts, day: Day, closed: Ended) -> list[RuleState]:
    """The rows of the latest period of good offices (not applicable when none is recorded),
    then one row per travel record and per change to share with the Court."""
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
        why = day.say("why.not_activated")
        rules = [not_applicable(r, why) for r in GOOD_OFFICES_RULES]
    else:
        rules = _period_rules(facts, day, closed)
    for key in sorted(facts.travel):
        rules.append(
            row(
                Rule.RES35,
                _shared(facts, key),
                day,
                done_why=day.say("res35.done"),
                pending_why=day.say("res35.pending"),
                ended=None,
            )
        )
    return rules


def _shared(facts: CaseFacts, key: str) -> Step:
    """The travel record or change ``key`` with its sharing: the earliest sharing of what it
    says (the record's own status, or the change), dated from it on, whatever the order of
    recording."""
    step = facts.travel[key]
    travel_id, _, change = key.partition(":")
    accepts = {change} if change else {None, facts.travel_status.get(travel_id)}
    shares = [
        share
        for share in facts.travel_shares.get(travel_id, ())
        if share.status in accepts and (step.arose_at is None or share.at >= step.arose_at)
    ]
    first = min(shares, key=lambda share: share.at, default=None)
    if first is None:
        return step
    return msgspec.structs.replace(step, done_at=first.at, actor=first.actor)


def _period_rules(facts: CaseFacts, day: Day, closed: Ended) -> list[RuleState]:
    """The rules of a period of good offices; what is not done by its end (the case closed, or
    the good offices concluded after their latest activation) no longer applies."""
    concluded_at = _concluded_at(facts)
    ended = _period_end(facts, day, concluded_at, closed)
    return [
        *_activation(facts, day),
        *_remain(facts, day, concluded_at, ended),
        _notify(facts, day, ended),
        row(
            Rule.P20,
            facts.engagement,
            day,
            done_why=day.say("p20.done", count=facts.engagements),
            pending_why=day.say("p20.pending"),
            ended=ended,
            count=facts.engagements,
        ),
        row(
            Rule.P21,
            facts.report,
            day,
            done_why=day.say("p21.done", count=facts.reports),
            pending_why=day.say("p21.pending"),
            ended=ended,
            count=facts.reports,
        ),
    ]


def _concluded_at(facts: CaseFacts) -> datetime | None:
    """When the latest period of good offices was concluded; ``None`` while it goes on (a
    conclusion before the latest activation ended an earlier period)."""
    activation = facts.activation
    concluded_at = facts.concluded_at
    if concluded_at is not None and (
        activation is None or activation.arose_at is None or activation.arose_at <= concluded_at
    ):
        return concluded_at
    return None


def _period_end(facts: CaseFacts, day: Day, concluded_at: datetime | None, closed: Ended) -> Ended:
    """The earlier of the case's closure and the period's conclusion."""
    if concluded_at is not None and (closed is None or concluded_at < closed[0]):
        conclusion = worded(facts.conclusion, day.lang, prefix="conclusion")
        return (concluded_at, day.say("ended.concluded", conclusion=conclusion))
    return closed


def _activation(facts: CaseFacts, day: Day) -> list[RuleState]:
    """P18-own-7a, P18-own-7b or P19: the rule the latest activation cites."""
    if facts.activation is None or facts.activation_rule is None:
        return []
    return [
        row(
            Rule(facts.activation_rule),
            facts.activation,
            day,
            done_why=day.say("activation.done"),
            pending_why="",
            ended=None,
        )
    ]


def _remain(
    facts: CaseFacts, day: Day, concluded_at: datetime | None, ended: Ended
) -> list[RuleState]:
    """P19-remain: expected when good offices active before a 7(b) case continued as 7(a)
    went on after it; shown whenever the Bureau decided it."""
    activation = facts.activation
    continued = facts.continued_at
    went_on = (
        activation is not None
        and continued is not None
        and activation.arose_at is not None
        and activation.arose_at <= continued
        and (concluded_at is None or concluded_at > continued)
    )
    if not went_on and facts.remain.done_at is None:
        return []
    return [
        row(
            Rule.P19_REMAIN,
            msgspec.structs.replace(facts.remain, arose_at=continued),
            day,
            done_why=day.say("p19_remain.done"),
            pending_why=day.say("p19_remain.pending"),
            ended=ended,
        )
    ]


def _notify(facts: CaseFacts, day: Day, ended: Ended) -> RuleState:
    """P18-notify: the Bureau members notified of an activation on the President's own
    initiative; not applicable to an activation the Bureau decided (P19)."""
    if facts.notify_applies or facts.notify.done_at is not None:
        return row(
            Rule.P18_NOTIFY,
            facts.notify,
            day,
            done_why=day.say("p18_notify.done"),
            pending_why=day.say("p18_notify.pending"),
            ended=ended,
        )
    activation = facts.activation
    return not_applicable(
        Rule.P18_NOTIFY,
        day.say("p18_notify.not_applicable"),
        activation.arose_at if activation else None,
    )
