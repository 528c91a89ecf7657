"""The hard rules of the case register (docs/procedures.md S4, S5, S7fn4, S8, P13), each in one
place.

Every rule is a named error that fixes its rule id, and a ``require_...`` function that raises it
with a sentence naming what was refused and why. ``decide()`` calls these; no other code decides
whether a command is within the procedures. Paragraph numbers are those of annex II of
ICC-ASP/17/Res.5.
"""

from __future__ import annotations

from noncoop_shared.catalogue.common import (
    CourtDecision,
    CourtRequest,
    LegalBasis,
    RequestedState,
    StateStatus,
)
from noncoop_shared.catalogue.referrals import Urgency
from noncoop_shared.errors import RuleViolationError
from noncoop_shared.rules import Rule
from referrals.domain.wording import decision_name, state_name

LEGAL_BASIS: dict[StateStatus, LegalBasis] = {
    StateStatus.STATE_PARTY: LegalBasis.STATE_PARTY,
    StateStatus.NON_PARTY_AD_HOC: LegalBasis.AD_HOC_ARRANGEMENT,
}
"""The requested States of para 4, and the paragraph of article 87 the Court acts under for each."""


class RequestedStateOutOfScopeError(RuleViolationError):
    """S8 (para 8), with S4 (para 4): the procedures apply only to a requested State, that is a
    State Party or a non-party State with an ad hoc arrangement or agreement with the Court.
    A Court finding about another State is recorded for information (``is_requested_state``);
    a procedure (a 7(b) report) about it is refused."""

    rule = Rule.S8


class LegalBasisMismatchError(RuleViolationError):
    """S4 (para 4): the Court finds a State Party's non-cooperation under art. 87(7), and a
    non-party State's under its ad hoc arrangement or agreement, art. 87(5)(b)."""

    rule = Rule.S4


class DifferentRequestedStateError(RuleViolationError):
    """S4 (para 4): a case concerns one requested State."""

    rule = Rule.S4


class GeneralFailureNotACaseError(RuleViolationError):
    """S5 (para 5): without a specific Court request, a State's failure to implement the Statute
    is not a case under these procedures."""

    rule = Rule.S5


class UrgencyNotStatedError(RuleViolationError):
    """S7fn4 (para 7(b) and footnote 4): a matter neither referred nor urgent gets no procedure,
    so a 7(b) report says whether the incident is imminent or on-going, and why."""

    rule = Rule.S7FN4


class DecisionNotAddressedToAssemblyError(RuleViolationError):
    """P13 (para 13): only a Court decision addressed to the Assembly triggers the formal
    procedure."""

    rule = Rule.P13


class DecisionAddressedToAssemblyError(RuleViolationError):
    """P13 (para 13): a decision addressed to the Assembly triggers the formal procedure, so it
    opens a case and is never merely recorded for information."""

    rule = Rule.P13


def require_in_scope(state: RequestedState, request: CourtRequest | None) -> CourtRequest:
    """S8, S4, S5: a case concerns a requested State and one specific Court request. Returns
    the request."""
    require_requested_state(state)
    return require_specific_court_request(state, request)


def is_requested_state(state: RequestedState) -> bool:
    """S4: a State Party or a non-party State with an ad hoc arrangement or agreement. A Court
    finding about any other State is recorded for information only (S8)."""
    return state.status in LEGAL_BASIS


def require_requested_state(state: RequestedState) -> None:
    """S8, S4: refuse a State the procedures do not apply to."""
    if is_requested_state(state):
        return
    what = (
        "a non-party State bound by a decision of the Security Council"
        if state.status is StateStatus.NON_PARTY_SECURITY_COUNCIL
        else "a non-party State without an ad hoc arrangement or agreement with the Court"
    )
    raise RequestedStateOutOfScopeError(
        f"{state_name(state)} is {what}; the procedures apply only to a State Party or to a "
        "non-party State with an ad hoc arrangement or agreement with the Court (annex II "
        "paras 4 and 8). A Court finding about it is recorded for information only."
    )


def require_specific_court_request(
    state: RequestedState, request: CourtRequest | None
) -> CourtRequest:
    """S5: a case is about one specific Court request for cooperation (art. 89 or 93)."""
    if request is not None:
        return request
    raise GeneralFailureNotACaseError(
        f"No specific Court request for cooperation was given for {state_name(state)}: a "
        "State's general failure to implement the Rome Statute, without a specific request of "
        "the Court under article 89 or 93, is not a case under these procedures (annex II "
        "para 5); it belongs to the Assembly's general work on cooperation."
    )


def require_legal_basis_fits(decision: CourtDecision, state: RequestedState) -> None:
    """S4: the decision's article 87 paragraph matches the requested State's status."""
    expected = LEGAL_BASIS.get(state.status)
    if expected is None or decision.legal_basis is expected:
        return
    raise LegalBasisMismatchError(
        f"The Court's {decision_name(decision)} rests on article {decision.legal_basis.value}, "
        f"but {state_name(state)} is recorded as {_status_phrase(state.status)}, for which the "
        f"Court acts under article {expected.value} (annex II para 4); correct the decision's "
        "legal basis or the State's status."
    )


def require_same_requested_state(
    case_id: str, state: RequestedState, code: str | None, decision: CourtDecision
) -> None:
    """S4: a later decision on a case concerns the case's requested State."""
    if code is None or code == state.code:
        return
    raise DifferentRequestedStateError(
        f"Case {case_id} concerns {state_name(state)}, but {decision_name(decision)} concerns "
        f"the State {code}; a case concerns one requested State (annex II para 4). Register "
        "the decision as a new case."
    )


def require_urgency_stated(
    state: RequestedState, urgency: Urgency | None, reason: str | None
) -> tuple[Urgency, str]:
    """S7fn4: the urgency (imminent or on-going) and a non-blank reason for it."""
    reason = (reason or "").strip()
    if urgency is not None and reason:
        return urgency, reason
    missing = (
        "whether it is imminent or on-going"
        if urgency is None
        else f"why the {urgency.value} incident is urgent"
    )
    raise UrgencyNotStatedError(
        f"The incident reported about {state_name(state)} does not say {missing}: a matter that "
        "the Court has not referred and that is not urgent gets no procedure (annex II para 7(b) "
        "and footnote 4)."
    )


def require_addressed_to_assembly(decision: CourtDecision) -> None:
    """P13: the formal procedure needs a decision addressed to the Assembly."""
    if decision.referred_to_assembly:
        return
    raise DecisionNotAddressedToAssemblyError(
        f"The Court's {decision_name(decision)} is not addressed to the Assembly, and only a "
        "Court decision addressed to the Assembly triggers the formal procedure (annex II "
        "para 13); record it for information instead."
    )


def require_not_addressed_to_assembly(decision: CourtDecision) -> None:
    """P13: a decision addressed to the Assembly opens a case; it is not only for information."""
    if not decision.referred_to_assembly:
        return
    raise DecisionAddressedToAssemblyError(
        f"The Court's {decision_name(decision)} is addressed to the Assembly, so it triggers "
        "the formal procedure (annex II para 13); register it as a Court referral instead of "
        "recording it for information."
    )


def _status_phrase(status: StateStatus) -> str:
    if status is StateStatus.STATE_PARTY:
        return "a State Party"
    return "a non-party State with an ad hoc arrangement or agreement with the Court"
