"""The hard rules of the good offices (P18-own-7b, P18-own-7a, P19), each in one place.

Every rule is a named error that fixes its rule id, and a ``require_...`` function that raises it
with a sentence naming what was refused and why. ``decide()`` calls these; no other code decides
whether the President may become active. Paragraph numbers are those of annex II of
ICC-ASP/17/Res.5.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Literal

from good_offices.domain.facts import CaseFacts, Scenario
from good_offices.domain.state import GoodOfficesState
from good_offices.domain.wording import moment
from noncoop_shared.catalogue.common import CooperationArticle
from noncoop_shared.catalogue.good_offices import ActivationBasis
from noncoop_shared.errors import InvalidTransitionError, RuleViolationError
from noncoop_shared.rules import Rule

OwnInitiativeRule = Literal[Rule.P18_OWN_7B, Rule.P18_OWN_7A]

ACTIVATION_RULES: dict[ActivationBasis, Rule] = {
    ActivationBasis.OWN_INITIATIVE_7B: Rule.P18_OWN_7B,
    ActivationBasis.OWN_INITIATIVE_7A: Rule.P18_OWN_7A,
    ActivationBasis.BUREAU_DECISION: Rule.P19,
}
"""The rule each activation fulfils; the activation event carries it (``PendingEvent.rule``)."""

_EARLIEST_TIME_ZONE = timedelta(hours=14)
"""UTC+14: a date has begun somewhere on Earth once UTC is 14 hours short of it."""


class CourtNotConsultedError(RuleViolationError):
    """P18-own-7b and P18-own-7a (para 18): the President becomes active on own initiative only
    in consultation with the Court, in a 7(b) case as in a 7(a) case. The error carries the rule
    of the case's scenario."""

    def __init__(self, detail: str, *, rule: OwnInitiativeRule) -> None:
        super().__init__(detail, rule=rule)


class OpportunityNotAssessedError(RuleViolationError):
    """P18-own-7a (para 18): in a 7(a) case, the President becomes active on own initiative only
    where it is assessed, with the Court, that the opportunity to fulfil the request for arrest
    and surrender may be gone before the Bureau could convene an emergency meeting."""

    rule = Rule.P18_OWN_7A


class NotArrestAndSurrenderError(RuleViolationError):
    """P18-own-7a (para 18): own initiative in a 7(a) case only where the opportunity to fulfil
    a request for arrest and surrender (art. 89) may pass; not for other assistance (art. 93)."""

    rule = Rule.P18_OWN_7A


class BureauDecisionMissingError(RuleViolationError):
    """P19 (para 19): otherwise the President becomes or remains active only as decided by the
    Bureau."""

    rule = Rule.P19


def own_initiative_basis(case: CaseFacts) -> ActivationBasis:
    """P18: the own-initiative basis the case allows. A 7(b) case continued as 7(a) is a 7(a)
    case from then on (S7b-to-7a)."""
    if case.scenario is Scenario.URGENT_INCIDENT:
        return ActivationBasis.OWN_INITIATIVE_7B
    return ActivationBasis.OWN_INITIATIVE_7A


def require_court_consulted(
    case: CaseFacts, basis: ActivationBasis, consulted_on: date | None, now: datetime
) -> date:
    """P18-own-7b, P18-own-7a: the Court was consulted, on a date that had begun somewhere when
    the President became active. Returns the date."""
    rule: OwnInitiativeRule = (
        Rule.P18_OWN_7B if basis is ActivationBasis.OWN_INITIATIVE_7B else Rule.P18_OWN_7A
    )
    if consulted_on is None:
        raise CourtNotConsultedError(
            f"The President may become active on own initiative in {case.name}, "
            f"{_scenario_phrase(case)}, only in consultation with the Court (annex II para 18), "
            "and no date of a consultation with the Court was given. Consult the Court first, "
            "or act on a decision of the Bureau (para 19).",
            rule=rule,
        )
    if consulted_on > (now.astimezone(UTC) + _EARLIEST_TIME_ZONE).date():
        raise CourtNotConsultedError(
            f"The consultation of the Court on {case.name} is dated {consulted_on.isoformat()}, "
            f"a day that had not yet begun anywhere when the President became active "
            f"({moment(now)}); the President becomes active on own initiative only after "
            "consulting the Court (annex II para 18).",
            rule=rule,
        )
    return consulted_on


def require_arrest_and_surrender(case: CaseFacts) -> None:
    """P18-own-7a: the case's Court request is for arrest and surrender (art. 89)."""
    if case.court_request_article is CooperationArticle.ARREST_AND_SURRENDER:
        return
    article = (
        f"art. {case.court_request_article.value}"
        if case.court_request_article is not None
        else "an article the case register has not told this service"
    )
    raise NotArrestAndSurrenderError(
        f"In {case.name}, {_scenario_phrase(case)}, the Court's request is under {article}, not "
        "a request for arrest and surrender (art. 89): the President becomes active on own "
        "initiative in a 7(a) case only where the opportunity to fulfil an arrest and surrender "
        "request may be gone before the Bureau could meet (annex II para 18). Otherwise the "
        "President becomes active only as decided by the Bureau (para 19)."
    )


def require_opportunity_assessed(case: CaseFacts, assessment: str | None) -> str:
    """P18-own-7a: a non-blank assessment that the opportunity to arrest and surrender may pass
    before the Bureau could convene an emergency meeting. Returns it without surrounding blanks."""
    assessment = (assessment or "").strip()
    if assessment:
        return assessment
    raise OpportunityNotAssessedError(
        f"In {case.name}, {_scenario_phrase(case)}, the President becomes active on own "
        "initiative only where it is assessed, in consultation with the Court, that the "
        "opportunity to fulfil the request for arrest and surrender may no longer exist by the "
        "time the Bureau could convene an emergency meeting (annex II para 18); no such "
        "assessment was given. Otherwise the President becomes active only as decided by the "
        "Bureau (para 19)."
    )


def require_bureau_decision(case: CaseFacts, reference: str | None) -> str:
    """P19: an activation that is not on own initiative rests on a decision of the Bureau,
    named by its reference. Returns the reference without surrounding blanks."""
    reference = (reference or "").strip()
    if reference:
        return reference
    raise BureauDecisionMissingError(
        f"No Bureau decision was given for the President's good offices in {case.name}: other "
        "than on own initiative under para 18, the President becomes or remains active only as "
        "decided by the Bureau (annex II para 19). Give the reference of the Bureau's decision."
    )


def _scenario_phrase(case: CaseFacts) -> str:
    if case.scenario is Scenario.URGENT_INCIDENT:
        return "an urgent incident not referred by the Court (para 7(b))"
    if case.scenario is Scenario.URGENT_CONTINUED_UNDER_REFERRAL:
        return "an urgent incident the Court has since referred to the Assembly (para 7(a))"
    return "a matter the Court referred to the Assembly (para 7(a))"


def require_remain_decision_fits(state: GoodOfficesState, case: CaseFacts, now: datetime) -> None:
    """P19: the Bureau decides that good offices *remain* active after the President began them
    on own initiative, or when the 7(b) case continued as 7(a); once for each. Judged at ``now``
    (Time): a decision dated from a continuation later than ``now`` answers the continuation,
    not the start before it, whatever the order of recording; and one dated in an earlier
    period answers that period's start, however the latest period began."""
    period = state.period_on(now)
    basis = period.basis if period is not None else state.basis
    began_at = period.activated_at if period is not None else state.activated_at
    began_on_own = basis in (
        ActivationBasis.OWN_INITIATIVE_7A,
        ActivationBasis.OWN_INITIATIVE_7B,
    )
    continued_at = case.continued_at if case.continued_at and case.continued_at <= now else None
    if continued_at is None and state.continued_at is not None and state.continued_at <= now:
        continued_at = state.continued_at
    if not began_on_own and continued_at is None:
        raise InvalidTransitionError(
            f"The President's good offices on {case.name} began by decision of the Bureau and "
            "the case has not continued as 7(a): there is no decision that they remain active "
            "to record (annex II para 19)."
        )
    since = max(d for d in (began_at, continued_at) if d is not None)
    # A decision dated from a continuation after ``since`` answers that continuation, and one
    # dated in a later period that period's start.
    later = (c for c in (case.continued_at, state.continued_at) if c is not None and c > since)
    until = min(later, default=None)
    answered = [
        d
        for d in state.remain_decided
        if since <= d and (until is None or d < until) and (period is None or period.covers(d))
    ]
    if answered:
        decided = min(answered)
        raise InvalidTransitionError(
            f"The Bureau already decided on {moment(decided)} that the good offices on "
            f"{case.name} remain active; the decision is recorded once."
        )
