"""The President becomes active on own initiative (P18-own-7b, P18-own-7a) or as decided by the
Bureau (P19), only on an open case the register holds, one period of good offices at a time."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from good_offices.domain.commands import (
    ActivateByBureauDecision,
    ActivateOnOwnInitiative,
    Conclude,
    RecordVerification,
)
from good_offices.domain.rules import (
    BureauDecisionMissingError,
    CourtNotConsultedError,
    OpportunityNotAssessedError,
)
from noncoop_shared.access import Classification
from noncoop_shared.catalogue.good_offices import (
    ActivationBasis,
    BureauDecidedOnGoodOffices,
    BureauGoodOfficesDecision,
    GoodOfficesActivated,
    Outcome,
    Verification,
)
from noncoop_shared.errors import InvalidTransitionError, NotFoundError

AT = datetime(2026, 3, 31, 23, 30, tzinfo=UTC)
DUE_AT = datetime(2026, 4, 1, 23, 30, tzinfo=UTC)
ACTIVATIONS = ["own_initiative_7b", "bureau_decision"]
"""Fixtures of an activation command that the open 7(b) case accepts."""


def test_P18_own_7b_the_president_becomes_active_in_a_7b_case_after_consulting_the_court(
    log, own_initiative_7b
):
    decision = log.run(own_initiative_7b, AT)

    (recorded,) = decision.events
    assert recorded.payload == GoodOfficesActivated(
        case_id="NC-2026-001",
        basis=ActivationBasis.OWN_INITIATIVE_7B,
        court_consulted_on=date(2026, 3, 30),
        bureau_notification_due_at=DUE_AT,
    )
    assert recorded.rule == "P18-own-7b"
    assert recorded.effective_classification() is Classification.RESTRICTED
    state = log.state
    assert state.active
    assert state.basis is ActivationBasis.OWN_INITIATIVE_7B
    assert state.activated_at == AT


def test_P18_own_7b_the_president_does_not_become_active_without_consulting_the_court(log):
    with pytest.raises(CourtNotConsultedError) as refused:
        log.run(ActivateOnOwnInitiative(court_consulted_on=None), AT)

    assert refused.value.rule == "P18-own-7b"
    assert "case NC-2026-001 (EXA)" in refused.value.detail
    assert "urgent incident not referred by the Court (para 7(b))" in refused.value.detail
    assert "in consultation with the Court (annex II para 18)" in refused.value.detail
    assert log.events == []


def test_P18_own_7b_a_court_consultation_dated_on_a_day_not_yet_begun_anywhere_is_refused(log):
    # 23:30 UTC on 31 March is 13:30 on 1 April at UTC+14: 2 April has begun nowhere.
    with pytest.raises(CourtNotConsultedError) as refused:
        log.run(ActivateOnOwnInitiative(court_consulted_on=date(2026, 4, 2)), AT)

    assert refused.value.rule == "P18-own-7b"
    assert "dated 2026-04-02" in refused.value.detail
    assert "(2026-03-31 23:30 UTC)" in refused.value.detail


def test_a_court_consultation_dated_on_a_day_already_begun_somewhere_is_accepted(log):
    log.run(ActivateOnOwnInitiative(court_consulted_on=date(2026, 4, 1)), AT)

    assert log.state.active


def test_P18_own_7a_the_president_becomes_active_in_a_7a_case_on_an_assessed_opportunity(
    log, referred_case, own_initiative_7a
):
    log.case = referred_case
    (recorded,) = log.run(own_initiative_7a, AT).events

    assert recorded.payload == GoodOfficesActivated(
        case_id="NC-2026-001",
        basis=ActivationBasis.OWN_INITIATIVE_7A,
        court_consulted_on=date(2026, 3, 31),
        opportunity_assessment=own_initiative_7a.opportunity_assessment,
        bureau_notification_due_at=DUE_AT,
    )
    assert recorded.rule == "P18-own-7a"


def test_P18_own_7a_a_7b_case_continued_as_7a_is_a_7a_case_for_the_own_initiative(
    log, continued_case, own_initiative_7a
):
    log.case = continued_case
    (recorded,) = log.run(own_initiative_7a, AT).events

    assert isinstance(recorded.payload, GoodOfficesActivated)
    assert recorded.payload.basis is ActivationBasis.OWN_INITIATIVE_7A
    assert recorded.rule == "P18-own-7a"


@pytest.mark.parametrize("case", ["referred_case", "continued_case"])
def test_P18_own_7a_the_president_does_not_become_active_without_consulting_the_court(
    log, request, case, own_initiative_7a
):
    log.case = request.getfixturevalue(case)

    with pytest.raises(CourtNotConsultedError) as refused:
        log.run(replace(own_initiative_7a, court_consulted_on=None), AT)

    assert refused.value.rule == "P18-own-7a"
    assert "(para 7(a))" in refused.value.detail
    assert log.events == []


@pytest.mark.parametrize("assessment", [None, "", "  \n\t"])
def test_P18_own_7a_the_president_does_not_become_active_without_assessing_the_opportunity(
    log, referred_case, own_initiative_7a, assessment
):
    log.case = referred_case

    with pytest.raises(OpportunityNotAssessedError) as refused:
        log.run(replace(own_initiative_7a, opportunity_assessment=assessment), AT)

    assert refused.value.rule == "P18-own-7a"
    assert "by the time the Bureau could convene an emergency meeting" in refused.value.detail
    assert "as decided by the Bureau (para 19)" in refused.value.detail
    assert log.events == []


def test_P18_own_7a_the_assessment_is_recorded_without_surrounding_blanks(
    log, referred_case, own_initiative_7a
):
    log.case = referred_case
    command = replace(own_initiative_7a, opportunity_assessment="  Leaves on 2 April.\n")

    (recorded,) = log.run(command, AT).events

    assert isinstance(recorded.payload, GoodOfficesActivated)
    assert recorded.payload.opportunity_assessment == "Leaves on 2 April."


def test_P18_own_7b_needs_no_assessment_of_the_opportunity(log):
    (recorded,) = log.run(ActivateOnOwnInitiative(date(2026, 3, 30), "   "), AT).events

    assert isinstance(recorded.payload, GoodOfficesActivated)
    assert recorded.payload.opportunity_assessment is None


@pytest.mark.parametrize("case", ["urgent_case", "referred_case", "continued_case"])
def test_P19_the_president_becomes_active_as_decided_by_the_bureau_in_any_scenario(
    log, request, case, bureau_decision
):
    log.case = request.getfixturevalue(case)

    decision = log.run(bureau_decision, AT)

    decided, recorded = decision.events
    assert decided.payload == BureauDecidedOnGoodOffices(
        case_id="NC-2026-001",
        decision=BureauGoodOfficesDecision.ACTIVATE,
        bureau_decision_reference="ICC-ASP/25/Bureau/4, decision 2",
    )
    # The Bureau's decision is the Bureau's record; the activation stays restricted.
    assert decided.effective_classification() is Classification.BUREAU
    assert recorded.effective_classification() is Classification.RESTRICTED
    assert recorded.payload == GoodOfficesActivated(
        case_id="NC-2026-001",
        basis=ActivationBasis.BUREAU_DECISION,
        bureau_decision_reference="ICC-ASP/25/Bureau/4, decision 2",
    )
    assert recorded.rule == "P19"
    assert decision.deadlines == []  # the Bureau decided it: there is no one to notify
    assert log.state.bureau_decision_reference == "ICC-ASP/25/Bureau/4, decision 2"


@pytest.mark.parametrize("reference", [None, "", "   "])
def test_P19_without_a_decision_of_the_bureau_the_president_does_not_become_active(log, reference):
    with pytest.raises(BureauDecisionMissingError) as refused:
        log.run(ActivateByBureauDecision(reference), AT)

    assert refused.value.rule == "P19"
    assert "only as decided by the Bureau (annex II para 19)" in refused.value.detail
    assert "case NC-2026-001 (EXA)" in refused.value.detail
    assert log.events == []


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_the_good_offices_act_only_on_a_case_the_register_holds(log, request, activation):
    log.case = None

    with pytest.raises(NotFoundError) as refused:
        log.run(request.getfixturevalue(activation), AT)

    assert "No case NC-2026-001 is registered" in refused.value.detail


def test_an_unregistered_case_is_not_found_before_any_rule_is_checked(log):
    log.case = None

    with pytest.raises(NotFoundError):
        log.run(ActivateOnOwnInitiative(court_consulted_on=None), AT)


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_the_president_does_not_become_active_on_a_closed_case(
    log, request, activation, closed_case
):
    log.case = closed_case

    with pytest.raises(InvalidTransitionError) as refused:
        log.run(request.getfixturevalue(activation), AT)

    assert "Case NC-2026-001 is closed" in refused.value.detail
    assert log.events == []


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_a_court_finding_recorded_for_information_has_no_procedure_to_activate(
    log, request, activation, information_only_case
):
    log.case = information_only_case

    with pytest.raises(InvalidTransitionError) as refused:
        log.run(request.getfixturevalue(activation), AT)

    assert "recorded for information only" in refused.value.detail
    assert "no procedure follows (annex II para 13)" in refused.value.detail


@pytest.mark.parametrize("again", ACTIVATIONS)
def test_active_good_offices_are_not_activated_again(active_7b, request, again):
    with pytest.raises(InvalidTransitionError) as refused:
        active_7b.run(request.getfixturevalue(again), datetime(2026, 4, 2, 9, 0, tzinfo=UTC))

    assert (
        "have been active since 2026-03-31 23:30 UTC, on the President's own initiative in a "
        "7(b) case" in refused.value.detail
    )
    assert len(active_7b.events) == 1


def test_concluded_good_offices_begin_a_new_period_when_the_bureau_decides_so(
    active_7b, bureau_decision
):
    active_7b.run(RecordVerification(Verification.VERIFIED), datetime(2026, 4, 2, tzinfo=UTC))
    active_7b.run(Conclude(Outcome.NO_RESULT), datetime(2026, 4, 3, tzinfo=UTC))
    again_at = datetime(2026, 4, 30, 22, 0, tzinfo=UTC)

    decision = active_7b.run(bureau_decision, again_at)

    assert decision.events[-1].rule == "P19"
    state = active_7b.state
    assert state.active
    assert state.basis is ActivationBasis.BUREAU_DECISION
    assert state.activated_at == again_at
    assert state.conclusion is None
    assert state.verification is None
    assert state.bureau_notification.due_at is None  # P19: the Bureau knows already
    assert state.awaited() == []
