"""P14g (hard): the President writes to the President of the Security Council only where the
Court referred its finding to the Council: the letter cites the Court decision it follows, which
must be the case's decision and, as the register says at the letter's business time (an
amendment may add or remove the referral), refer the matter to the Council."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from bureau.domain.commands import (
    OpenFormalResponse,
    SendSecurityCouncilLetter,
    StopFormalResponse,
)
from bureau.domain.facts import DecisionStatus
from bureau.domain.rules import SecurityCouncilNotSeizedError
from noncoop_shared.catalogue.bureau import SecurityCouncilLetterSent, StopReason
from noncoop_shared.errors import InvalidTransitionError

AT = datetime(2026, 11, 12, 10, 0, tzinfo=UTC)
LETTER = SendSecurityCouncilLetter("ICC-ASP/P/2026/15")


@pytest.fixture
def seized(log, seized_case):
    log.case = seized_case
    log.run(OpenFormalResponse(), AT)
    return log


def test_P14g_the_president_writes_to_the_security_council_when_the_court_referred_to_it(seized):
    decision = seized.run(LETTER, AT)

    assert [p.payload for p in decision.events] == [
        SecurityCouncilLetterSent(
            case_id="NC-2026-007",
            letter_reference="ICC-ASP/P/2026/15",
            decision_reference="ICC-01/99-01/26-123",
        )
    ]
    assert "P14g" not in seized.state.remaining_steps()


def test_P14g_no_letter_where_the_court_did_not_refer_to_the_security_council(opened):
    with pytest.raises(SecurityCouncilNotSeizedError) as refused:
        opened.run(LETTER, AT)

    assert refused.value.rule == "P14g"
    assert "case NC-2026-007 (EXA)" in refused.value.detail
    assert "ICC-01/99-01/26-123" in refused.value.detail
    assert opened.state.security_council_letter is None


def test_P14g_an_amendment_adding_the_security_council_referral_allows_the_letter(opened):
    opened.case = replace(
        opened.case, decision_status=DecisionStatus.AMENDED, referred_to_security_council=True
    )

    decision = opened.run(LETTER, AT)

    assert len(decision.events) == 1


def test_P14g_an_amendment_removing_the_security_council_referral_refuses_the_letter(seized):
    seized.case = replace(
        seized.case, decision_status=DecisionStatus.AMENDED, referred_to_security_council=False
    )

    with pytest.raises(SecurityCouncilNotSeizedError) as refused:
        seized.run(LETTER, AT)

    assert refused.value.rule == "P14g"
    assert "as it stood (amended)" in refused.value.detail


def test_P14g_is_a_remaining_step_only_where_the_court_referred_to_the_security_council(seized):
    decision = seized.run(StopFormalResponse(StopReason.CASE_CLOSED), AT)

    assert "P14g" in decision.events[0].payload.remaining_steps


def test_P14g_a_stop_lists_the_letter_as_remaining_after_an_amendment_added_the_referral(opened):
    opened.case = replace(
        opened.case, decision_status=DecisionStatus.AMENDED, referred_to_security_council=True
    )

    decision = opened.run(StopFormalResponse(StopReason.CASE_CLOSED), AT)

    assert "P14g" in decision.events[0].payload.remaining_steps


def test_P14g_the_letter_is_sent_once(seized):
    seized.run(LETTER, AT)

    with pytest.raises(InvalidTransitionError, match="already wrote"):
        seized.run(SendSecurityCouncilLetter("ICC-ASP/P/2026/16"), AT)


def test_P14g_the_letter_cites_the_decision_it_follows(seized):
    decision = seized.run(SendSecurityCouncilLetter("SC-1", "ICC-01/99-01/26-123"), AT)

    assert decision.events[0].payload.decision_reference == "ICC-01/99-01/26-123"


def test_P14g_a_letter_citing_another_decision_is_refused(seized):
    with pytest.raises(SecurityCouncilNotSeizedError) as refused:
        seized.run(SendSecurityCouncilLetter("SC-1", "ICC-02/05-01/09-302"), AT)

    assert refused.value.rule == "P14g"
    assert "cites the Court decision ICC-02/05-01/09-302" in refused.value.detail
    assert seized.state.security_council_letter is None
