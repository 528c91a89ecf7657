"""Rules of the good offices at their boundaries: P18-own-7a (art. 89 vs 93), P19 (the
Bureau decides that good offices remain active), and business time (commands judged against the
case and the good offices as they stood at the command's business time, whatever the order of
arrival; a fact dated before the fact it follows is out of bounds)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from uuid import uuid4

import pytest

from good_offices.domain.commands import (
    ActivateOnOwnInitiative,
    Conclude,
    ContinueUnder7a,
    DecideGoodOfficesRemainActive,
    MarkDeadlineOverdue,
    RecordBureauNotification,
    RecordContact,
)
from good_offices.domain.facts import CaseFacts, CaseStatus, Scenario
from good_offices.domain.rules import BureauDecisionMissingError, NotArrestAndSurrenderError
from good_offices.projections.known_cases import facts_after
from noncoop_shared.access import Classification
from noncoop_shared.catalogue import referrals as ev
from noncoop_shared.catalogue.base import meta_of
from noncoop_shared.catalogue.common import CooperationArticle
from noncoop_shared.catalogue.good_offices import (
    ActivationBasis,
    BureauDecidedOnGoodOffices,
    BureauGoodOfficesDecision,
    Counterpart,
    Outcome,
)
from noncoop_shared.decisions import Decision
from noncoop_shared.envelope import Envelope
from noncoop_shared.errors import BusinessTimeOutOfBoundsError, InvalidTransitionError
from noncoop_shared.testing import court_decision_body

ACTIVATED_AT = datetime(2026, 3, 31, 23, 30, tzinfo=UTC)  # as in conftest

MINUTE = timedelta(minutes=1)
CONTACT = RecordContact(Counterpart.REQUESTED_STATE_OFFICIAL, "Minister of Justice", "Met.")
REMAIN = DecideGoodOfficesRemainActive("ICC-ASP/25/Bureau/5, decision 1")


# --- P18-own-7a: only for a request for arrest and surrender (art. 89) -----------------------


@pytest.mark.parametrize(
    ("article", "accepted"),
    [
        (CooperationArticle.ARREST_AND_SURRENDER, True),
        (CooperationArticle.OTHER_ASSISTANCE, False),
        (None, False),  # the register did not say: not shown to be art. 89
    ],
)
def test_P18_own_7a_own_initiative_in_7a_only_for_arrest_and_surrender(
    log, referred_case, own_initiative_7a, article, accepted
):
    log.case = replace(referred_case, court_request_article=article)

    if accepted:
        (recorded,) = log.run(own_initiative_7a, ACTIVATED_AT).events
        assert recorded.rule == "P18-own-7a"
    else:
        with pytest.raises(NotArrestAndSurrenderError) as refused:
            log.run(own_initiative_7a, ACTIVATED_AT)
        assert refused.value.rule == "P18-own-7a"
        assert "art. 89" in refused.value.detail
        assert log.events == []


def test_P18_own_7b_an_art_93_request_does_not_stop_own_initiative_in_7b(log, own_initiative_7b):
    log.case = replace(log.case, court_request_article=CooperationArticle.OTHER_ASSISTANCE)

    (recorded,) = log.run(own_initiative_7b, ACTIVATED_AT).events

    assert recorded.rule == "P18-own-7b"


# --- P19: the Bureau decides that the good offices remain active ------------------------------


def test_P19_after_an_own_initiative_start_the_bureau_decides_they_remain_active(active_7b):
    (recorded,) = active_7b.run(REMAIN, ACTIVATED_AT + timedelta(days=2)).events

    assert recorded.payload == BureauDecidedOnGoodOffices(
        case_id="NC-2026-001",
        decision=BureauGoodOfficesDecision.REMAIN_ACTIVE,
        bureau_decision_reference="ICC-ASP/25/Bureau/5, decision 1",
    )
    assert recorded.effective_classification() is Classification.BUREAU
    assert meta_of(recorded.payload).rule == "P19"
    assert active_7b.state.active


def test_P19_the_remain_decision_is_recorded_once_per_start(active_7b):
    active_7b.run(REMAIN, ACTIVATED_AT + MINUTE)

    with pytest.raises(InvalidTransitionError, match="recorded once"):
        active_7b.run(REMAIN, ACTIVATED_AT + 2 * MINUTE)


def test_P19_good_offices_the_bureau_started_need_no_remain_decision_until_7a(
    active_by_bureau, continued_case
):
    with pytest.raises(InvalidTransitionError, match="no decision that they remain active"):
        active_by_bureau.run(REMAIN, ACTIVATED_AT + MINUTE)

    continued_at = ACTIVATED_AT + timedelta(days=3)
    active_by_bureau.case = replace(continued_case, continued_at=continued_at)
    active_by_bureau.run(ContinueUnder7a(), continued_at)
    (recorded,) = active_by_bureau.run(REMAIN, continued_at + MINUTE).events

    assert isinstance(recorded.payload, BureauDecidedOnGoodOffices)


def test_P19_a_remain_decision_before_the_continuation_is_not_the_one_7a_expects(
    active_7b, continued_case
):
    active_7b.run(REMAIN, ACTIVATED_AT + MINUTE)
    continued_at = ACTIVATED_AT + timedelta(days=3)
    active_7b.case = replace(continued_case, continued_at=continued_at)
    active_7b.run(ContinueUnder7a(), continued_at)

    (recorded,) = active_7b.run(REMAIN, continued_at + MINUTE).events

    assert isinstance(recorded.payload, BureauDecidedOnGoodOffices)


def test_P19_a_remain_decision_on_the_start_is_not_refused_by_one_on_the_later_continuation(
    active_7b, continued_case
):
    """Time: the decision that answers the continuation (dated after it) is recorded first;
    the one that answered the own-initiative start, dated before the continuation, comes next.
    Each is once for its own start or continuation, whatever the order of recording."""
    continued_at = ACTIVATED_AT + timedelta(days=3)
    active_7b.case = replace(continued_case, continued_at=continued_at)
    active_7b.run(ContinueUnder7a(), continued_at)
    active_7b.run(REMAIN, continued_at + MINUTE)

    (recorded,) = active_7b.run(REMAIN, ACTIVATED_AT + timedelta(days=1)).events
    assert isinstance(recorded.payload, BureauDecidedOnGoodOffices)

    for again in (ACTIVATED_AT + timedelta(days=2), continued_at + 2 * MINUTE):
        with pytest.raises(InvalidTransitionError, match="recorded once") as refused:
            active_7b.run(REMAIN, again)
    assert "decided on 2026-04-03 23:31 UTC" in refused.value.detail  # the continuation's


@pytest.mark.parametrize("reference", [None, " "])
def test_P19_a_remain_decision_names_the_bureaus_decision(active_7b, reference):
    with pytest.raises(BureauDecisionMissingError):
        active_7b.run(DecideGoodOfficesRemainActive(reference), ACTIVATED_AT + MINUTE)


def test_P19_no_remain_decision_on_good_offices_concluded_by_then(active_7b):
    concluded_at = ACTIVATED_AT + timedelta(days=1)
    active_7b.run(Conclude(Outcome.NO_RESULT), concluded_at)

    active_7b.run(REMAIN, concluded_at - MINUTE)  # dated while still active: accepted
    with pytest.raises(InvalidTransitionError, match="were not active on"):
        active_7b.run(REMAIN, concluded_at)


CONCLUDED_AT = ACTIVATED_AT + timedelta(days=5)
AGAIN_AT = ACTIVATED_AT + timedelta(days=10)
IN_FIRST_PERIOD = ACTIVATED_AT + timedelta(days=1)


def test_P19_a_remain_decision_dated_in_an_earlier_period_is_judged_on_that_periods_start(
    active_7b, bureau_decision
):
    """Time: the first period began on own initiative and ended; the Bureau began a second.
    The Bureau's decision that the first remain active, dated in it, is entered now: it answers
    the first period's own-initiative start (the second needs none), once."""
    active_7b.run(Conclude(Outcome.NO_RESULT), CONCLUDED_AT)
    active_7b.run(bureau_decision, AGAIN_AT)

    (recorded,) = active_7b.run(REMAIN, IN_FIRST_PERIOD).events

    assert isinstance(recorded.payload, BureauDecidedOnGoodOffices)
    with pytest.raises(InvalidTransitionError, match="recorded once"):
        active_7b.run(REMAIN, IN_FIRST_PERIOD + MINUTE)
    with pytest.raises(InvalidTransitionError, match="no decision that they remain active"):
        active_7b.run(REMAIN, AGAIN_AT + MINUTE)


def test_P19_a_remain_decision_dated_in_an_earlier_period_the_bureau_began_is_refused(
    active_by_bureau, own_initiative_7b
):
    """Time: the Bureau began the first period, which ended; the President began a second on
    own initiative. A decision that the first remain active, dated in it, answers nothing there,
    whatever the second needs; the second's own decision is still to come."""
    active_by_bureau.run(Conclude(Outcome.NO_RESULT), CONCLUDED_AT)
    active_by_bureau.run(own_initiative_7b, AGAIN_AT)

    with pytest.raises(InvalidTransitionError, match="no decision that they remain active"):
        active_by_bureau.run(REMAIN, IN_FIRST_PERIOD)

    (recorded,) = active_by_bureau.run(REMAIN, AGAIN_AT + MINUTE).events
    assert isinstance(recorded.payload, BureauDecidedOnGoodOffices)


def test_P19_a_remain_decision_is_once_per_period_also_once_a_later_period_began(
    active_7b, own_initiative_7b
):
    """The first period's decision was recorded on its day; once a second period began on own
    initiative, another dated in the first is still a second decision on the first start."""
    active_7b.run(REMAIN, IN_FIRST_PERIOD)
    active_7b.run(Conclude(Outcome.NO_RESULT), CONCLUDED_AT)
    active_7b.run(own_initiative_7b, AGAIN_AT)

    with pytest.raises(InvalidTransitionError, match="recorded once") as refused:
        active_7b.run(REMAIN, IN_FIRST_PERIOD + MINUTE)

    assert "decided on 2026-04-01 23:30 UTC" in refused.value.detail
    assert active_7b.run(REMAIN, AGAIN_AT + MINUTE).events  # the second start's own


# --- Time: judged at the command's business time ----------------------------------------------


@pytest.mark.parametrize(
    ("offset", "accepted"),
    [(-MINUTE, True), (timedelta(0), False), (MINUTE, False)],
    ids=["a minute before the conclusion", "at the conclusion", "after it"],
)
def test_Time_a_contact_recorded_after_a_later_dated_conclusion_is_judged_at_its_own_time(
    active_7b, offset, accepted
):
    concluded_at = ACTIVATED_AT + timedelta(days=10)
    active_7b.run(Conclude(Outcome.NO_RESULT), concluded_at)

    if accepted:
        active_7b.run(CONTACT, concluded_at + offset)
    else:
        with pytest.raises(InvalidTransitionError, match="were not active on"):
            active_7b.run(CONTACT, concluded_at + offset)


@pytest.mark.parametrize(
    ("offset", "accepted"),
    [(-MINUTE, True), (timedelta(0), False)],
    ids=["a minute before the conclusion", "at the conclusion"],
)
def test_Time_P18_notify_recorded_after_a_later_dated_conclusion_is_judged_at_its_own_time(
    active_7b, offset, accepted
):
    """Found by the history test: a closure recorded first concluded the good offices at its
    business time; the notification the President made while they were active, entered later,
    must still be recorded (and the deadline, already settled, is not settled twice)."""
    concluded_at = ACTIVATED_AT + timedelta(days=10)
    active_7b.run(Conclude(Outcome.NO_RESULT), concluded_at)

    if accepted:
        decision = active_7b.run(RecordBureauNotification("letter"), concluded_at + offset)
        assert [type(e.payload).__name__ for e in decision.events] == ["BureauNotifiedOfActivation"]
        assert decision.deadlines == []
    else:
        with pytest.raises(InvalidTransitionError, match="were not active on"):
            active_7b.run(RecordBureauNotification("letter"), concluded_at + offset)


@pytest.mark.parametrize(
    ("offset", "accepted"),
    [(-MINUTE, True), (timedelta(0), False)],
    ids=["before the closure", "on the closure"],
)
def test_Time_a_case_closed_later_in_business_time_still_takes_earlier_engagement(
    active_7b, closed_case, offset, accepted
):
    closed_at = ACTIVATED_AT + timedelta(days=30)
    active_7b.case = replace(closed_case, closed_at=closed_at)

    if accepted:
        active_7b.run(CONTACT, closed_at + offset)
    else:
        with pytest.raises(InvalidTransitionError, match="is closed"):
            active_7b.run(CONTACT, closed_at + offset)


def test_Time_a_contact_dated_before_the_good_offices_began_is_out_of_bounds(active_7b):
    with pytest.raises(BusinessTimeOutOfBoundsError) as refused:
        active_7b.run(CONTACT, ACTIVATED_AT - MINUTE)

    assert refused.value.field == "body.occurred_at"
    assert refused.value.rule == "Time"


def test_Time_an_activation_dated_before_the_case_was_registered_is_out_of_bounds(
    log, own_initiative_7b
):
    log.case = replace(log.case, opened_at=ACTIVATED_AT + MINUTE)

    with pytest.raises(BusinessTimeOutOfBoundsError):
        log.run(own_initiative_7b, ACTIVATED_AT)


def test_Time_a_new_period_is_not_dated_before_the_conclusion_it_follows(
    active_7b, own_initiative_7b
):
    concluded_at = ACTIVATED_AT + timedelta(days=5)
    active_7b.run(Conclude(Outcome.NO_RESULT), concluded_at)

    with pytest.raises(InvalidTransitionError, match="were still active"):
        active_7b.run(own_initiative_7b, concluded_at - MINUTE)
    with pytest.raises(BusinessTimeOutOfBoundsError):
        active_7b.run(own_initiative_7b, ACTIVATED_AT - MINUTE)
    (again,) = active_7b.run(own_initiative_7b, concluded_at).events
    assert again.rule == "P18-own-7b"


@pytest.mark.parametrize(
    ("dated", "says"),
    [
        (
            CONCLUDED_AT + MINUTE,
            "dated 2026-04-05 23:31 UTC, after the period of good offices that ended on "
            "2026-04-05 23:30 UTC and before the one that began on 2026-04-10 23:30 UTC",
        ),
        (
            ACTIVATED_AT - MINUTE,
            "dated 2026-03-31 23:29 UTC, before the period of good offices that began on "
            "2026-03-31 23:30 UTC",
        ),
    ],
    ids=["between two periods", "before the first"],
)
def test_Time_an_activation_dated_before_the_latest_period_names_the_periods_around_it(
    active_7b, own_initiative_7b, dated, says
):
    """Concluded CONCLUDED_AT, begun again AGAIN_AT: an activation dated between the two (or
    before the first) is out of bounds, and says which periods its date falls between, not that
    the latest activation ended the previous period."""
    active_7b.run(Conclude(Outcome.NO_RESULT), CONCLUDED_AT)
    active_7b.run(own_initiative_7b, AGAIN_AT)

    with pytest.raises(BusinessTimeOutOfBoundsError) as refused:
        active_7b.run(own_initiative_7b, dated)

    assert (refused.value.rule, refused.value.field) == ("Time", "body.occurred_at")
    assert says in refused.value.detail
    assert "end of the previous period" not in refused.value.detail


def test_Time_own_initiative_dated_before_the_continuation_is_judged_as_7b(log, continued_case):
    continued_at = ACTIVATED_AT + timedelta(days=1)
    log.case = replace(continued_case, continued_at=continued_at)

    (recorded,) = log.run(ActivateOnOwnInitiative(ACTIVATED_AT.date()), ACTIVATED_AT).events

    assert recorded.payload.basis is ActivationBasis.OWN_INITIATIVE_7B


def test_P18_notify_due_from_the_activations_business_time_and_never_overdue_once_done(
    log, own_initiative_7b
):
    decision = log.run(own_initiative_7b, ACTIVATED_AT)
    due = ACTIVATED_AT + timedelta(hours=24)
    assert decision.deadlines[0].due_at == due

    log.run(RecordBureauNotification("e-mail"), due - MINUTE)

    # the scheduler fires late (history entered late): the notification was done in time
    assert log.run(MarkDeadlineOverdue("bureau_notification"), due) == Decision()


# --- known_cases: the register's changes with their business times ----------------------------


def _envelope(payload: object, case_id: str, at: datetime) -> Envelope:
    meta = meta_of(payload)  # type: ignore[arg-type]
    return Envelope(
        id=uuid4(),
        type=meta.type,
        source="noncoop/referrals",
        subject=case_id,
        time=datetime(2026, 12, 1, tzinfo=UTC),  # recorded much later than it happened
        data=payload.model_dump(mode="json"),  # type: ignore[attr-defined]
        stream=f"case:{case_id}",
        streamversion=1,
        occurredat=at,
        actorrole="court",
        actorid="court",
        classification=meta.classification,
        correlationid="c",
        schemaversion=meta.version,
        prevhash="0" * 64,
        hash="0" * 64,
    )


def test_known_cases_keep_the_court_request_article_and_the_business_time_of_each_change():
    body = court_decision_body()
    case_id = "3f2b8c1e-0000-4000-8000-000000000001"
    opened_at = datetime(2012, 5, 1, tzinfo=UTC)
    received = ev.CourtDecisionReceived.model_validate(
        {
            **body,
            "case_id": case_id,
            "forwarding_due_at": opened_at + timedelta(days=1),
            "press_release_due_at": opened_at + timedelta(days=1),
        }
    )
    facts = facts_after(None, _envelope(received, case_id, opened_at))
    closed_at = datetime(2014, 3, 1, tzinfo=UTC)
    closed = ev.CaseClosed.model_validate({"case_id": case_id, "reason": "other"})
    facts = facts_after(facts, _envelope(closed, case_id, closed_at))

    assert isinstance(facts, CaseFacts)
    assert facts.court_request_article is received.court_request.article
    assert (facts.opened_at, facts.closed_at) == (opened_at, closed_at)
    assert facts.on(closed_at - MINUTE).status is CaseStatus.OPEN
    assert facts.on(closed_at).status is CaseStatus.CLOSED
    assert facts.scenario is Scenario.COURT_REFERRAL


@pytest.mark.parametrize(
    ("offset", "continued"),
    [(-MINUTE, False), (timedelta(0), True), (timedelta(days=1), True), (timedelta(days=9), False)],
    ids=["before the activation", "at it", "while active", "after the conclusion"],
)
def test_S7b_to_7a_good_offices_active_at_the_continuations_business_time_go_on(
    active_7b, continued_case, offset, continued
):
    active_7b.run(Conclude(Outcome.NO_RESULT), ACTIVATED_AT + timedelta(days=5))
    continued_at = ACTIVATED_AT + offset
    active_7b.case = replace(continued_case, continued_at=continued_at)

    decision = active_7b.run(ContinueUnder7a(), continued_at)

    assert bool(decision.events) is continued


def test_Time_an_activation_dated_in_an_earlier_period_names_how_that_period_began(
    active_by_bureau, own_initiative_7b
):
    concluded_at = ACTIVATED_AT + timedelta(days=5)
    active_by_bureau.run(Conclude(Outcome.NO_RESULT), concluded_at)
    active_by_bureau.run(own_initiative_7b, concluded_at + timedelta(days=5))

    # Entered late, dated in the first period: that period began by decision of the Bureau,
    # not on the President's own initiative as the latest did.
    with pytest.raises(InvalidTransitionError, match="were still active") as refused:
        active_by_bureau.run(own_initiative_7b, concluded_at - MINUTE)
    assert "by decision of the Bureau" in str(refused.value)
    assert "own initiative" not in str(refused.value)
