"""Refusals that are not rules of the procedures: the command does not fit the case as it is.

They raise ``NotFoundError`` (no such case) or ``InvalidTransitionError`` (a closed case, a step
recorded twice, nothing referred to forward...), each with a sentence naming the case, the dates
and the references involved. The hard rules themselves live in ``rules.py``.
"""

from __future__ import annotations

from datetime import datetime

from noncoop_shared.catalogue.referrals import ClosureReason
from noncoop_shared.errors import InvalidTransitionError, NotFoundError
from referrals.domain.commands import DecisionChangeKind, RecordCourtDecisionChange
from referrals.domain.state import (
    CaseState,
    CaseStatus,
    DeadlineKind,
    DecisionStatus,
    Scenario,
)
from referrals.domain.wording import decision_name, moment

_IS = {
    Scenario.COURT_REFERRAL: "was opened by a Court referral (7(a))",
    Scenario.URGENT_INCIDENT: "is an urgent incident (7(b))",
    Scenario.URGENT_CONTINUED_UNDER_REFERRAL: "already continues under a Court referral",
    Scenario.INFORMATION_ONLY: "is a Court finding recorded for information",
    Scenario.COURT_INFORMATION: "is a Court decision recorded for information",
}
_NO_LONGER_IN_FORCE = (DecisionStatus.REVERSED, DecisionStatus.WITHDRAWN)
_NOTHING_TO = {
    DeadlineKind.FORWARDING: "no decision to forward to States Parties",
    DeadlineKind.PRESS_RELEASE: "no decision to announce by press release",
}
_DONE = {
    DeadlineKind.FORWARDING: "forwarded to States Parties",
    DeadlineKind.PRESS_RELEASE: "announced by press release",
}


def require_new(state: CaseState, case_id: str) -> None:
    """A command that opens a case needs a case id not yet used."""
    if state.exists:
        # Says nothing of what the case is: it may be known only as a restricted 7(b) report.
        raise InvalidTransitionError(
            f"Case {case_id} is already registered; a new case needs a new case id."
        )


def require_case(state: CaseState) -> None:
    """Every command but the opening ones needs a registered case (404 for the caller)."""
    if not state.exists:
        raise NotFoundError(
            "No case is registered under this id; a case opens with a Court referral, a Court "
            "finding recorded for information, or an urgent incident report."
        )


def require_open(state: CaseState) -> None:
    """The case exists and is not closed."""
    require_case(state)
    if state.status is CaseStatus.CLOSED:
        closed = moment(state.closed_at) if state.closed_at else "an earlier date"
        reason = state.closure_reason.value.replace("_", " ") if state.closure_reason else "none"
        raise InvalidTransitionError(
            f"Case {state.case_id} was closed on {closed} (reason: {reason}); a closed case "
            "records nothing further."
        )


def require_step_to_do(state: CaseState, past: CaseState, kind: DeadlineKind) -> datetime:
    """A P13 step (forwarding, press release) is done once (at whatever business time it was
    recorded), on a referred case whose procedure was running at the command's business time
    (``past``, rule Time). Returns when it is due."""
    step = state.step(kind)
    if step.done_at is not None:
        raise InvalidTransitionError(
            f"The decision on case {state.case_id} was already {_DONE[kind]} on "
            f"{moment(step.done_at)} (reference {step.reference}); it is recorded once."
        )
    due_at = past.awaiting(kind)
    if due_at is not None:
        return due_at
    nothing = _NOTHING_TO[kind]
    if state.scenario in (Scenario.INFORMATION_ONLY, Scenario.COURT_INFORMATION):
        raise InvalidTransitionError(
            f"Case {state.case_id} is a Court decision recorded for information only: nothing "
            f"was referred to the Assembly, so there is {nothing}."
        )
    if state.scenario is Scenario.URGENT_INCIDENT:
        raise InvalidTransitionError(
            f"Case {state.case_id} is known only as an urgent incident (7(b)) that the Court has "
            f"not referred to the Assembly, so there is {nothing}."
        )
    require_open(past)
    raise InvalidTransitionError(
        f"The procedure on case {state.case_id} ended when {_decision_of(past)} was "
        f"{_decision_status(past)}, so there is {nothing} any more."
    )


def require_urgent_incident(state: CaseState, past: CaseState) -> None:
    """Only a case handled as 7(b), open at the command's business time, continues under a
    Court referral (S7b-to-7a), once."""
    require_open(past)
    require_handled_as_urgent_incident(state)


def require_handled_as_urgent_incident(state: CaseState) -> None:
    """S7b-to-7a, judged on the whole case (whatever the command's business time): only a case
    still handled as 7(b), never referred, continues under a Court referral."""
    if state.scenario is Scenario.URGENT_INCIDENT:
        return
    is_ = _IS[state.scenario] if state.scenario else "is not an urgent incident"
    raise InvalidTransitionError(
        f"Case {state.case_id} {is_}; only a case handled as an urgent incident (7(b)) "
        "continues under a Court referral."
    )


def require_undecided_urgent_incident(state: CaseState, past: CaseState) -> None:
    """S7b-no-finding: the Court's decision without a finding is recorded once, on a case
    handled as 7(b) (and not yet referred) at the command's business time."""
    require_open(past)
    if state.no_finding is not None:
        decided = state.no_finding.reference
        raise InvalidTransitionError(
            f"Case {state.case_id} already records the Court's decision {decided}"
            f" without a finding (recorded {moment(state.no_finding.recorded_at)}); it is "
            "recorded once."
        )
    if past.scenario is Scenario.URGENT_INCIDENT:
        return
    is_ = _IS[past.scenario] if past.scenario else "is not an urgent incident"
    raise InvalidTransitionError(
        f"Case {state.case_id} {is_}; a Court decision without a finding is recorded on a case "
        "handled as an urgent incident (7(b))."
    )


def require_changeable_decision(state: CaseState, change: RecordCourtDecisionChange) -> None:
    """A Court decision change concerns the decision the case holds, while it is in force, and
    is not dated before it; only an amendment may change the Security Council referral."""
    require_open(state)
    kind, reference = change.kind.value, change.decision_reference
    decision = state.decision
    if decision is None:
        raise InvalidTransitionError(
            f"Case {state.case_id} holds no Court decision, so no decision {reference} can be "
            f"recorded as {kind}."
        )
    if decision.reference != reference:
        raise InvalidTransitionError(
            f"Case {state.case_id} holds {decision_name(decision)}, not decision {reference}; "
            f"only the decision the case holds can be recorded as {kind}."
        )
    if state.decision_status in _NO_LONGER_IN_FORCE:
        raise InvalidTransitionError(
            f"The Court's {decision_name(decision)} on case {state.case_id} was already "
            f"{_decision_status(state)}; a decision no longer in force cannot be {kind}."
        )
    if change.change_date < decision.date:
        raise InvalidTransitionError(
            f"The Court's change {change.change_reference} ({kind}) is dated "
            f"{change.change_date.isoformat()}, before the {decision_name(decision)} that it "
            "changes."
        )
    amends = change.kind is DecisionChangeKind.AMENDED
    if not amends and change.referred_to_security_council is not None:
        raise InvalidTransitionError(
            f"A decision that is {kind} has no Security Council referral left to change; "
            f"record {change.change_reference} without referred_to_security_council."
        )


def require_deadline_kind(state: CaseState, kind: str) -> DeadlineKind:
    """The scheduler fires only the deadlines this service set."""
    require_case(state)
    try:
        return DeadlineKind(kind)
    except ValueError:
        known = ", ".join(repr(known.value) for known in DeadlineKind)
        raise InvalidTransitionError(
            f"Case {state.case_id} has no deadline {kind!r}; the case register tracks {known}."
        ) from None


def require_closable(state: CaseState, past: CaseState, reason: ClosureReason) -> None:
    """An open case closes once, for a reason that matches what had happened to its decision
    by the closure's business time (``past``, rule Time)."""
    require_open(state)  # closed once, at whatever business time the closure was recorded
    if state.status is CaseStatus.INFORMATION_ONLY:
        raise InvalidTransitionError(
            f"Case {state.case_id} is a Court decision recorded for information only; it has no "
            "procedure, so there is nothing to close."
        )
    if reason is ClosureReason.COURT_MADE_NO_FINDING:
        if past.no_finding is None:
            raise InvalidTransitionError(
                f"Case {state.case_id} cannot be closed citing a Court decision without a "
                "finding: none is recorded on the case by the closure's date; record the "
                "Court's decision first (S7b-no-finding)."
            )
        return
    needed = {
        ClosureReason.DECISION_REVERSED: DecisionStatus.REVERSED,
        ClosureReason.DECISION_WITHDRAWN: DecisionStatus.WITHDRAWN,
    }.get(reason)
    if needed is None or past.decision_status is needed:
        return
    actually = (
        f"the Court's {decision_name(past.decision)} is {_decision_status(past)}"
        if past.decision
        else "it holds no Court decision"
    )
    raise InvalidTransitionError(
        f"Case {state.case_id} cannot be closed because its decision was {needed.value}: "
        f"{actually} on the closure's date."
    )


def _decision_of(state: CaseState) -> str:
    return (
        f"the Court's {decision_name(state.decision)}" if state.decision else "its Court decision"
    )


def _decision_status(state: CaseState) -> str:
    status = state.decision_status
    return status.value.replace("_", " ") if status else "not received"
