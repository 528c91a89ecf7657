"""The Court amends, reverses or withdraws the decision a case holds: an amendment leaves the
procedure running, a reversal or a withdrawal ends it and settles its deadlines (P13)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from noncoop_shared.catalogue.referrals import (
    CourtDecisionAmended,
    CourtDecisionReversed,
    CourtDecisionWithdrawn,
)
from noncoop_shared.decisions import DeadlineSettled
from noncoop_shared.errors import InvalidTransitionError
from referrals.domain.commands import (
    DecisionChangeKind,
    MarkDeadlineOverdue,
    RecordCourtDecisionChange,
    RecordForwarding,
    RecordPressRelease,
)
from referrals.domain.state import DecisionStatus

DECISION = "ICC-01/99-01/25-57"
CHANGED_AT = datetime(2026, 4, 1, 9, 0, tzinfo=UTC)
DUE_AT = datetime(2026, 4, 1, 23, 30, tzinfo=UTC)


def change(kind: DecisionChangeKind, **fields: object) -> RecordCourtDecisionChange:
    values: dict[str, object] = {
        "kind": kind,
        "decision_reference": DECISION,
        "change_reference": "ICC-01/99-01/25-70-Red",
        "change_date": date(2026, 3, 31),
        "summary": "Appeals Chamber judgment",
    } | fields
    return RecordCourtDecisionChange(**values)  # type: ignore[arg-type]


def test_an_amendment_leaves_the_procedure_and_its_deadlines_running(referred):
    decision = referred.run(change(DecisionChangeKind.AMENDED), CHANGED_AT)

    (recorded,) = decision.events
    assert isinstance(recorded.payload, CourtDecisionAmended)
    assert recorded.payload.procedure_effect == "continues"
    assert decision.deadlines == []
    state = referred.state
    assert state.decision_status is DecisionStatus.AMENDED
    assert state.procedure_active
    assert [k.value for k in state.awaited()] == ["forwarding", "press_release"]


def test_an_amendment_may_change_the_security_council_referral(referred):
    referred.run(change(DecisionChangeKind.AMENDED, referred_to_security_council=True), CHANGED_AT)

    assert referred.state.decision is not None
    assert referred.state.decision.referred_to_security_council is True
    assert referred.state.decision.reference == DECISION


@pytest.mark.parametrize(
    ("kind", "event", "status"),
    [
        (DecisionChangeKind.REVERSED, CourtDecisionReversed, DecisionStatus.REVERSED),
        (DecisionChangeKind.WITHDRAWN, CourtDecisionWithdrawn, DecisionStatus.WITHDRAWN),
    ],
)
def test_a_reversal_or_withdrawal_ends_the_procedure_and_settles_both_deadlines(
    referred, kind, event, status
):
    decision = referred.run(change(kind), CHANGED_AT)

    (recorded,) = decision.events
    assert type(recorded.payload) is event
    assert recorded.payload.procedure_effect == "ends"
    assert decision.deadlines == [DeadlineSettled("forwarding"), DeadlineSettled("press_release")]
    assert referred.state.decision_status is status
    assert not referred.state.procedure_active


def test_a_reversal_settles_only_the_deadlines_still_awaited(referred):
    referred.run(RecordForwarding("ICC-ASP/25/SP/31"), CHANGED_AT)

    decision = referred.run(change(DecisionChangeKind.REVERSED), CHANGED_AT)

    assert decision.deadlines == [DeadlineSettled("press_release")]


@pytest.mark.parametrize("kind", ["forwarding", "press_release"])
def test_no_step_is_flagged_overdue_once_the_decision_was_reversed(referred, kind):
    referred.run(change(DecisionChangeKind.REVERSED), CHANGED_AT)

    assert referred.run(MarkDeadlineOverdue(kind), DUE_AT).events == []


@pytest.mark.parametrize(
    "command",
    [RecordForwarding("ICC-ASP/25/SP/31"), RecordPressRelease("PR-12", "On Examplia")],
    ids=["forwarding", "press release"],
)
def test_nothing_is_forwarded_or_announced_once_the_decision_was_withdrawn(referred, command):
    referred.run(change(DecisionChangeKind.WITHDRAWN), CHANGED_AT)

    with pytest.raises(InvalidTransitionError) as refused:
        referred.run(command, DUE_AT)

    assert "ended when the Court's decision ICC-01/99-01/25-57" in refused.value.detail
    assert "was withdrawn" in refused.value.detail


def test_a_change_must_name_the_decision_the_case_holds(referred):
    with pytest.raises(InvalidTransitionError) as refused:
        referred.run(
            change(DecisionChangeKind.REVERSED, decision_reference="ICC-01/99-01/25-99"), CHANGED_AT
        )

    assert "holds decision ICC-01/99-01/25-57 of 2026-03-30" in refused.value.detail
    assert "not decision ICC-01/99-01/25-99" in refused.value.detail


def test_a_case_known_only_as_an_urgent_incident_has_no_decision_to_change(urgent):
    with pytest.raises(InvalidTransitionError) as refused:
        urgent.run(change(DecisionChangeKind.AMENDED), CHANGED_AT)

    assert "holds no Court decision" in refused.value.detail
    assert "urgent" not in refused.value.detail  # the Court's client may not know of a 7(b)


@pytest.mark.parametrize("then", list(DecisionChangeKind))
def test_a_reversed_decision_cannot_be_changed_again(referred, then):
    referred.run(change(DecisionChangeKind.REVERSED), CHANGED_AT)

    with pytest.raises(InvalidTransitionError) as refused:
        referred.run(change(then), CHANGED_AT)

    assert "was already reversed" in refused.value.detail


def test_a_change_cannot_predate_the_decision_it_changes(referred):
    with pytest.raises(InvalidTransitionError) as refused:
        referred.run(change(DecisionChangeKind.AMENDED, change_date=date(2026, 3, 29)), CHANGED_AT)

    assert "dated 2026-03-29, before" in refused.value.detail
    assert "ICC-01/99-01/25-57 of 2026-03-30" in refused.value.detail


def test_a_change_may_be_dated_the_same_day_as_the_decision(referred):
    decision = referred.run(
        change(DecisionChangeKind.WITHDRAWN, change_date=date(2026, 3, 30)), CHANGED_AT
    )

    assert len(decision.events) == 1


@pytest.mark.parametrize("kind", [DecisionChangeKind.REVERSED, DecisionChangeKind.WITHDRAWN])
def test_only_an_amendment_changes_the_security_council_referral(referred, kind):
    with pytest.raises(InvalidTransitionError) as refused:
        referred.run(change(kind, referred_to_security_council=False), CHANGED_AT)

    assert "without referred_to_security_council" in refused.value.detail
    assert referred.state.decision_status is DecisionStatus.IN_FORCE


def test_a_finding_for_information_records_its_reversal_too(for_information):
    decision = for_information.run(
        change(DecisionChangeKind.REVERSED, decision_reference="ICC-01/99-01/25-60"), CHANGED_AT
    )

    assert decision.deadlines == []
    assert for_information.state.decision_status is DecisionStatus.REVERSED
