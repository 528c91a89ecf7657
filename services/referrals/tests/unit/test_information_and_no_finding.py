"""Court decisions recorded for information only (S-info) and the Court's decision without a
finding on a 7(b) matter (S7b-no-finding)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from noncoop_shared.access import Classification
from noncoop_shared.catalogue.common import RequestedState, StateStatus
from noncoop_shared.catalogue.referrals import (
    CaseClosed,
    ClosureReason,
    CourtDecidedWithoutFinding,
    CourtInformationRecorded,
    InformedAddressee,
)
from noncoop_shared.errors import BusinessTimeOutOfBoundsError, InvalidTransitionError
from referrals.domain.commands import (
    CloseCase,
    ContinueUnderCourtReferral,
    RecordCourtDecisionWithoutFinding,
    RecordCourtInformation,
    RecordForwarding,
)
from referrals.domain.state import CaseStatus, Scenario

from .conftest import CASE_ID, REFERRED_AT, REPORTED_AT

SECOND = timedelta(seconds=1)
SUDAN = RequestedState(
    name="Republic of the Sudan", code="SDN", status=StateStatus.NON_PARTY_SECURITY_COUNCIL
)
INFORM = RecordCourtInformation(
    case_id=CASE_ID,
    reference="ICC-02/05-01/09-266",
    date=date(2026, 3, 30),
    chamber="Pre-Trial Chamber II",
    addressees=(
        InformedAddressee.SECURITY_COUNCIL,
        InformedAddressee.ASSEMBLY,
        InformedAddressee.ASSEMBLY,
    ),
    subject="The Court informs of a visit of a person subject to a warrant to Examplia.",
    state_concerned=SUDAN,
)
NO_FINDING = RecordCourtDecisionWithoutFinding(
    reference="ICC-01/99-01/25-80",
    date=date(2026, 3, 25),
    chamber="Pre-Trial Chamber I",
    outcome="no_finding",
    summary="No finding of non-cooperation.",
)
DECIDED_AT = REPORTED_AT + timedelta(days=6)


# -- S-info -----------------------------------------------------------------------------------


def test_S_info_a_court_decision_informing_is_recorded_for_information_with_its_addressees(log):
    decision = log.run(INFORM, REFERRED_AT)

    (recorded,) = decision.events
    assert isinstance(recorded.payload, CourtInformationRecorded)
    assert recorded.payload.addressees == [
        InformedAddressee.ASSEMBLY,
        InformedAddressee.SECURITY_COUNCIL,
    ]
    assert recorded.payload.state_concerned == SUDAN
    assert recorded.effective_classification() is Classification.PUBLIC
    assert decision.deadlines == []
    state = log.state
    assert state.scenario is Scenario.COURT_INFORMATION
    assert state.status is CaseStatus.INFORMATION_ONLY
    assert not state.procedure_active


@pytest.mark.parametrize(
    "command",
    [RecordForwarding("ICC-ASP/25/SP/31"), CloseCase(ClosureReason.OTHER)],
    ids=["forwarding", "closure"],
)
def test_S_info_triggers_no_procedure(log, command):
    """P13 needs a referral: nothing to forward, nothing to close."""
    log.run(INFORM, REFERRED_AT)

    with pytest.raises(InvalidTransitionError, match="for information only"):
        log.run(command, REFERRED_AT + timedelta(hours=1))


@pytest.mark.parametrize(
    ("decided_on", "accepted"), [(date(2002, 6, 30), False), (date(2002, 7, 1), True)]
)
def test_S_info_the_decision_is_not_dated_before_1_july_2002(log, decided_on, accepted):
    command = replace(INFORM, date=decided_on)
    if accepted:
        assert len(log.run(command, REFERRED_AT).events) == 1
        return
    with pytest.raises(BusinessTimeOutOfBoundsError) as refused:
        log.run(command, REFERRED_AT)
    assert refused.value.field == "body.date"


def test_S_info_needs_a_new_case_id(referred):
    with pytest.raises(InvalidTransitionError, match="already registered"):
        referred.run(INFORM, REFERRED_AT)


# -- S7b-no-finding ---------------------------------------------------------------------------


def test_S7b_no_finding_is_recorded_on_the_7b_case_and_stays_restricted(urgent):
    decision = urgent.run(NO_FINDING, DECIDED_AT)

    (recorded,) = decision.events
    assert recorded.payload == CourtDecidedWithoutFinding(
        case_id=CASE_ID,
        reference="ICC-01/99-01/25-80",
        date=date(2026, 3, 25),
        chamber="Pre-Trial Chamber I",
        outcome="no_finding",
        summary="No finding of non-cooperation.",
    )
    assert recorded.effective_classification() is Classification.RESTRICTED
    assert decision.deadlines == []
    assert urgent.state.status is CaseStatus.OPEN
    assert urgent.state.no_finding is not None


def test_S7b_no_finding_then_the_case_is_closed_citing_that_decision(urgent):
    urgent.run(NO_FINDING, DECIDED_AT)

    (recorded,) = urgent.run(
        CloseCase(ClosureReason.COURT_MADE_NO_FINDING), DECIDED_AT + timedelta(days=1)
    ).events

    assert recorded.payload == CaseClosed(
        case_id=CASE_ID,
        reason=ClosureReason.COURT_MADE_NO_FINDING,
        court_decision_reference="ICC-01/99-01/25-80",
    )
    assert recorded.effective_classification() is Classification.RESTRICTED
    assert urgent.state.status is CaseStatus.CLOSED


def test_S7b_no_finding_a_closure_citing_it_needs_the_decision_recorded(urgent):
    with pytest.raises(InvalidTransitionError, match="S7b-no-finding"):
        urgent.run(CloseCase(ClosureReason.COURT_MADE_NO_FINDING), DECIDED_AT)


def test_S7b_no_finding_a_closure_citing_it_is_not_dated_before_the_decision(urgent):
    urgent.run(NO_FINDING, DECIDED_AT)

    with pytest.raises(BusinessTimeOutOfBoundsError):
        urgent.run(CloseCase(ClosureReason.COURT_MADE_NO_FINDING), DECIDED_AT - SECOND)


def test_S7b_no_finding_is_not_for_a_case_the_court_referred(referred):
    with pytest.raises(InvalidTransitionError, match="urgent incident"):
        referred.run(NO_FINDING, REFERRED_AT + timedelta(days=1))


def test_S7b_no_finding_is_recorded_once(urgent):
    urgent.run(NO_FINDING, DECIDED_AT)

    with pytest.raises(InvalidTransitionError, match="recorded once"):
        urgent.run(NO_FINDING, DECIDED_AT + timedelta(days=1))


@pytest.mark.parametrize(("offset", "accepted"), [(-SECOND, False), (timedelta(0), True)])
def test_S7b_no_finding_is_not_dated_before_the_7b_report(urgent, offset, accepted):
    command = replace(NO_FINDING, date=REPORTED_AT.date())
    if accepted:
        assert len(urgent.run(command, REPORTED_AT + offset).events) == 1
        return
    with pytest.raises(BusinessTimeOutOfBoundsError, match="case was opened"):
        urgent.run(command, REPORTED_AT + offset)


def test_S7b_no_finding_dated_before_a_continuation_recorded_first_is_accepted(
    urgent, referral_decision
):
    """Rule Time: on that date the matter was still handled as 7(b)."""
    urgent.run(ContinueUnderCourtReferral(referral_decision), REFERRED_AT)

    with pytest.raises(InvalidTransitionError, match="continues under a Court referral"):
        urgent.run(NO_FINDING, REFERRED_AT + SECOND)
    assert len(urgent.run(NO_FINDING, DECIDED_AT).events) == 1
