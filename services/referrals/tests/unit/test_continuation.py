"""A matter handled as 7(b) that the Court later refers continues as 7(a) (S7b-to-7a)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from noncoop_shared.access import Classification
from noncoop_shared.catalogue.common import LegalBasis
from noncoop_shared.catalogue.referrals import (
    CaseContinuedUnderCourtReferral,
    ClosureReason,
    Urgency,
)
from noncoop_shared.decisions import DeadlineSet
from noncoop_shared.errors import InvalidTransitionError
from referrals.domain.commands import CloseCase, ContinueUnderCourtReferral
from referrals.domain.rules import (
    DecisionNotAddressedToAssemblyError,
    DifferentRequestedStateError,
    LegalBasisMismatchError,
)
from referrals.domain.state import DecisionStatus, Scenario

REPORTED_AT = datetime(2026, 3, 20, 9, 0, tzinfo=UTC)
REFERRED_AT = datetime(2026, 3, 31, 23, 30, tzinfo=UTC)
DUE_AT = datetime(2026, 4, 1, 23, 30, tzinfo=UTC)


def test_S7b_to_7a_a_court_referral_continues_the_urgent_case_and_starts_the_P13_deadlines(
    urgent, referral_decision, examplia
):
    decision = urgent.run(ContinueUnderCourtReferral(referral_decision, "EXA"), REFERRED_AT)

    (recorded,) = decision.events
    assert recorded.payload == CaseContinuedUnderCourtReferral(
        case_id="NC-2026-001",
        decision=referral_decision,
        forwarding_due_at=DUE_AT,
        press_release_due_at=DUE_AT,
        requested_state=examplia,
    )
    assert decision.deadlines == [
        DeadlineSet("forwarding", DUE_AT, "P13-forward"),
        DeadlineSet("press_release", DUE_AT, "P13-press"),
    ]


def test_S7b_to_7a_the_continued_case_keeps_its_urgent_history(urgent, referral_decision):
    urgent.run(ContinueUnderCourtReferral(referral_decision), REFERRED_AT)

    state = urgent.state
    assert state.scenario is Scenario.URGENT_CONTINUED_UNDER_REFERRAL
    assert state.scenario.value == "7b_continued_as_7a"
    assert state.opened_at == REPORTED_AT
    assert state.referred_at == REFERRED_AT
    assert state.urgent_incident is not None
    assert state.urgent_incident.urgency is Urgency.IMMINENT
    assert state.urgent_incident.reported_at == REPORTED_AT
    assert state.decision == referral_decision
    assert state.decision_status is DecisionStatus.IN_FORCE
    assert state.procedure_active
    assert state.version == 2


def test_S7b_to_7a_the_referral_makes_the_case_public(urgent, referral_decision):
    assert urgent.state.visibility is Classification.RESTRICTED

    decision = urgent.run(ContinueUnderCourtReferral(referral_decision), REFERRED_AT)

    assert [p.effective_classification() for p in decision.events] == [Classification.PUBLIC]
    assert urgent.state.visibility is Classification.PUBLIC


def test_P13_an_urgent_case_continues_as_7a_only_on_a_decision_addressed_to_the_assembly(
    urgent, finding_not_referred
):
    with pytest.raises(DecisionNotAddressedToAssemblyError) as refused:
        urgent.run(ContinueUnderCourtReferral(finding_not_referred), REFERRED_AT)

    assert refused.value.rule == "P13"
    assert "record it for information instead" in refused.value.detail
    assert urgent.state.scenario is Scenario.URGENT_INCIDENT


def test_S4_a_continued_case_still_concerns_its_one_requested_state(urgent, referral_decision):
    with pytest.raises(DifferentRequestedStateError) as refused:
        urgent.run(ContinueUnderCourtReferral(referral_decision, "OTH"), REFERRED_AT)

    assert refused.value.rule == "S4"
    assert "NC-2026-001 concerns Republic of Examplia (EXA)" in refused.value.detail
    assert "the State OTH" in refused.value.detail


def test_S4_the_continuing_decision_must_fit_the_status_of_the_cases_state(
    urgent, referral_decision
):
    ad_hoc = referral_decision.model_copy(update={"legal_basis": LegalBasis.AD_HOC_ARRANGEMENT})

    with pytest.raises(LegalBasisMismatchError) as refused:
        urgent.run(ContinueUnderCourtReferral(ad_hoc), REFERRED_AT)

    assert refused.value.rule == "S4"


@pytest.mark.parametrize(
    ("case", "says"),
    [
        ("referred", "was opened by a Court referral (7(a))"),
        ("for_information", "is a Court finding recorded for information"),
    ],
)
def test_only_a_case_handled_as_an_urgent_incident_continues_under_a_court_referral(
    request, referral_decision, case, says
):
    log = request.getfixturevalue(case)

    with pytest.raises(InvalidTransitionError) as refused:
        log.run(ContinueUnderCourtReferral(referral_decision), REFERRED_AT)

    assert says in refused.value.detail


def test_an_urgent_case_continues_under_a_court_referral_once(urgent, referral_decision):
    urgent.run(ContinueUnderCourtReferral(referral_decision), REFERRED_AT)

    with pytest.raises(InvalidTransitionError) as refused:
        urgent.run(ContinueUnderCourtReferral(referral_decision), REFERRED_AT)

    assert "already continues under a Court referral" in refused.value.detail


def test_a_closed_urgent_case_does_not_continue(urgent, referral_decision):
    closed_at = datetime(2026, 3, 25, 12, 0, tzinfo=UTC)
    urgent.run(CloseCase(ClosureReason.COOPERATION_OBTAINED), closed_at)

    with pytest.raises(InvalidTransitionError) as refused:
        urgent.run(ContinueUnderCourtReferral(referral_decision), REFERRED_AT)

    assert "closed on 2026-03-25 12:00 UTC (reason: cooperation obtained)" in refused.value.detail
