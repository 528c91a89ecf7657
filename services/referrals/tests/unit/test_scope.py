"""Which States and which matters the case register takes (S4, S5, S8; annex II paras 4-8)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from noncoop_shared.catalogue.common import LegalBasis, StateStatus
from noncoop_shared.catalogue.referrals import CourtDecisionReceived, UrgentIncidentReported
from referrals.domain.commands import (
    RecordCourtFindingForInformation,
    RegisterCourtReferral,
    ReportUrgentIncident,
)
from referrals.domain.rules import (
    GeneralFailureNotACaseError,
    LegalBasisMismatchError,
    RequestedStateOutOfScopeError,
)

AT = datetime(2026, 3, 31, 23, 30, tzinfo=UTC)

OPENING = ["register", "record_finding", "report_urgent"]
"""The fixtures of the three commands that open a case."""

Opening = RegisterCourtReferral | RecordCourtFindingForInformation | ReportUrgentIncident


def _with_status(command: Opening, status: StateStatus) -> Opening:
    return replace(
        command, requested_state=command.requested_state.model_copy(update={"status": status})
    )


@pytest.mark.parametrize("opening", OPENING)
def test_S8_a_non_party_state_bound_only_by_the_security_council_is_not_a_requested_state(
    opening, request, log
):
    command = _with_status(request.getfixturevalue(opening), StateStatus.NON_PARTY_SECURITY_COUNCIL)

    with pytest.raises(RequestedStateOutOfScopeError) as refused:
        log.run(command, AT)

    assert refused.value.rule == "S8"
    assert "Republic of Examplia (EXA)" in refused.value.detail
    assert "Security Council" in refused.value.detail
    assert log.events == []


@pytest.mark.parametrize("opening", OPENING)
def test_S8_a_non_party_state_without_an_ad_hoc_arrangement_is_not_a_requested_state(
    opening, request, log
):
    command = _with_status(request.getfixturevalue(opening), StateStatus.NON_PARTY_OTHER)

    with pytest.raises(RequestedStateOutOfScopeError) as refused:
        log.run(command, AT)

    assert refused.value.rule == "S8"
    assert "without an ad hoc arrangement" in refused.value.detail


def test_S4_a_non_party_state_with_an_ad_hoc_arrangement_is_a_requested_state(register, log):
    command = _with_status(register, StateStatus.NON_PARTY_AD_HOC)
    command = replace(
        command,
        decision=command.decision.model_copy(update={"legal_basis": LegalBasis.AD_HOC_ARRANGEMENT}),
    )

    decision = log.run(command, AT)

    assert [type(e.payload) for e in decision.events] == [CourtDecisionReceived]


def test_S4_an_urgent_incident_about_an_ad_hoc_non_party_state_opens_a_case(report_urgent, log):
    decision = log.run(_with_status(report_urgent, StateStatus.NON_PARTY_AD_HOC), AT)

    assert [type(e.payload) for e in decision.events] == [UrgentIncidentReported]


def test_S4_a_decision_on_a_state_party_must_rest_on_article_87_7(register, log):
    command = replace(
        register,
        decision=register.decision.model_copy(
            update={"legal_basis": LegalBasis.AD_HOC_ARRANGEMENT}
        ),
    )

    with pytest.raises(LegalBasisMismatchError) as refused:
        log.run(command, AT)

    assert refused.value.rule == "S4"
    assert "article 87(5)(b)" in refused.value.detail
    assert "article 87(7)" in refused.value.detail
    assert "ICC-01/99-01/25-57 of 2026-03-30" in refused.value.detail


@pytest.mark.parametrize("opening", ["register", "record_finding"])
def test_S4_a_decision_on_an_ad_hoc_non_party_state_must_rest_on_article_87_5_b(
    opening, request, log
):
    command = _with_status(request.getfixturevalue(opening), StateStatus.NON_PARTY_AD_HOC)

    with pytest.raises(LegalBasisMismatchError) as refused:
        log.run(command, AT)

    assert refused.value.rule == "S4"
    assert log.events == []


@pytest.mark.parametrize("opening", OPENING)
def test_S5_a_general_failure_to_implement_the_statute_is_not_a_case(opening, request, log):
    command = replace(request.getfixturevalue(opening), court_request=None)

    with pytest.raises(GeneralFailureNotACaseError) as refused:
        log.run(command, AT)

    assert refused.value.rule == "S5"
    assert "general failure to implement the Rome Statute" in refused.value.detail
    assert "is not a case under these procedures" in refused.value.detail
    assert log.events == []


def test_the_specific_court_request_is_recorded_on_the_case(referred, arrest_request):
    assert referred.state.court_request == arrest_request
