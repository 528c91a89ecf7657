"""P14e: the Court's decision is noted in the omnibus resolution of the next (or on-going)
session after the decision, by the decision's date; that session is computed by the domain (not
chosen by the caller, nor taken from the day the noting is recorded); the noting is due by the
end of the session and overdue after it. P14f: the Bureau report is discussed in plenary at that
same session, and a facilitator may be appointed for it."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time

import pytest

from bureau.domain.commands import (
    AppointFacilitator,
    MarkDeadlineOverdue,
    OpenFormalResponse,
    RecordOmnibusNoting,
    RecordPlenaryDiscussion,
    StopFormalResponse,
)
from bureau.domain.rules import OmnibusNotingSessionError, PlenarySessionError
from noncoop_shared.access import Classification
from noncoop_shared.calendar import SessionKind
from noncoop_shared.catalogue.bureau import (
    FacilitatorAppointed,
    OmnibusNotingOverdue,
    OmnibusNotingRecorded,
    PlenaryDiscussionRecorded,
    StopReason,
)
from noncoop_shared.decisions import DeadlineSet, DeadlineSettled, Decision
from noncoop_shared.errors import BusinessTimeOutOfBoundsError, InvalidTransitionError

DURING = datetime(2026, 12, 4, 16, 0, tzinfo=UTC)
END_OF_ASP25 = datetime(2026, 12, 11, 0, 0, tzinfo=UTC)
OVERDUE = MarkDeadlineOverdue("omnibus_noting")


def at(day: date) -> datetime:
    return datetime.combine(day, time(12), tzinfo=UTC)


@pytest.fixture
def calendar(session_on):
    """ASP-25 (1-10 Dec 2026), its resumed part (1-2 Jun 2027), ASP-26 (30 Nov-9 Dec 2027)."""
    return [
        session_on(date(2026, 12, 1), "ASP-25"),
        session_on(date(2027, 6, 1), "ASP-25-R", kind=SessionKind.RESUMED, days=2),
        session_on(date(2027, 11, 30), "ASP-26", number=26),
    ]


@pytest.fixture
def scheduled(log, calendar):
    """The formal response opened with the calendar already holding the sessions."""
    log.sessions = calendar
    log.run(OpenFormalResponse(), datetime(2026, 11, 2, 9, tzinfo=UTC))
    return log


def decided_on(log, day: date):
    """The same log, on a Court decision of ``day``, opened the day after."""
    log.case = replace(log.case, decision_date=day)
    log.run(OpenFormalResponse(), at(day))
    return log


# --- P14e: which session --------------------------------------------------------------------


def test_P14e_the_decision_is_noted_at_the_session_after_it(scheduled):
    decision = scheduled.run(RecordOmnibusNoting(), DURING)

    (recorded,) = decision.events
    assert recorded.payload == OmnibusNotingRecorded(
        case_id="NC-2026-007", session_id="ASP-25", court_decision_date=date(2026, 10, 30)
    )
    assert recorded.effective_classification() is Classification.PUBLIC
    assert decision.deadlines == [DeadlineSettled("omnibus_noting")]
    assert "P14e" not in scheduled.state.remaining_steps()


@pytest.mark.parametrize(
    ("decision_on", "session", "noted_on"),
    [
        (date(2026, 11, 30), "ASP-25", date(2026, 12, 1)),  # the day before: next
        (date(2026, 12, 1), "ASP-25", date(2026, 12, 1)),  # first day: on-going
        (date(2026, 12, 10), "ASP-25", date(2026, 12, 10)),  # last day of the regular part
        (date(2026, 12, 11), "ASP-26", date(2027, 11, 30)),  # the day after: the next one
        (date(2027, 6, 1), "ASP-25", date(2027, 6, 2)),  # during the resumed part: on-going
        (date(2027, 6, 3), "ASP-26", date(2027, 12, 1)),  # after it
    ],
)
def test_P14e_the_session_follows_from_the_court_decisions_date(
    new_log, calendar, decision_on, session, noted_on
):
    log = new_log()
    log.sessions = calendar
    decided_on(log, decision_on)

    decision = log.run(RecordOmnibusNoting(), at(noted_on))

    assert decision.events[0].payload.session_id == session


def test_P14e_the_session_is_not_the_one_of_the_day_the_noting_is_recorded(scheduled):
    """Recorded during ASP-26 (a history entered late): still ASP-25's noting."""
    decision = scheduled.run(RecordOmnibusNoting(), at(date(2027, 12, 1)))

    assert decision.events[0].payload.session_id == "ASP-25"


def test_P14e_a_noting_for_another_session_is_refused_with_the_dates(scheduled):
    with pytest.raises(OmnibusNotingSessionError) as refused:
        scheduled.run(RecordOmnibusNoting("ASP-26"), at(date(2027, 12, 1)))

    assert refused.value.rule == "P14e"
    assert "Court's decision of 2026-10-30" in refused.value.detail
    assert "session ASP-25, from 2026-12-01 to 2027-06-02; not session ASP-26" in (
        refused.value.detail
    )
    assert scheduled.state.omnibus_session_id is None


def test_P14e_the_session_may_be_named_by_one_of_its_parts(scheduled):
    decision = scheduled.run(RecordOmnibusNoting("ASP-25-R"), at(date(2027, 6, 2)))

    assert decision.events[0].payload.session_id == "ASP-25"


def test_P14e_no_noting_while_the_calendar_has_no_such_session(opened):
    with pytest.raises(OmnibusNotingSessionError) as refused:
        opened.run(RecordOmnibusNoting(), DURING)

    assert refused.value.rule == "P14e"
    assert "no such session is on the calendar yet" in refused.value.detail


@pytest.mark.parametrize("marked", [False, True])
def test_P14e_a_special_session_counts_only_when_marked(new_log, session_on, marked):
    log = new_log()
    log.sessions = [
        session_on(date(2026, 11, 16), "SS-1", kind=SessionKind.SPECIAL, days=2, marked=marked),
        session_on(date(2026, 12, 1), "ASP-25"),
    ]
    decided_on(log, date(2026, 10, 30))

    decision = log.run(RecordOmnibusNoting(), DURING)

    assert decision.events[0].payload.session_id == ("SS-1" if marked else "ASP-25")


@pytest.mark.parametrize(
    ("noted_on", "accepted"),
    [(date(2026, 11, 30), False), (date(2026, 12, 1), True)],
)
def test_P14e_a_noting_is_not_dated_before_its_session_opened(scheduled, noted_on, accepted):
    if accepted:
        assert len(scheduled.run(RecordOmnibusNoting(), at(noted_on)).events) == 1
    else:
        with pytest.raises(BusinessTimeOutOfBoundsError, match="opening of session ASP-25"):
            scheduled.run(RecordOmnibusNoting(), at(noted_on))


def test_P14e_the_decision_is_noted_once(scheduled):
    scheduled.run(RecordOmnibusNoting(), DURING)

    with pytest.raises(InvalidTransitionError, match=r"already noted .* session ASP-25"):
        scheduled.run(RecordOmnibusNoting(), DURING)


# --- P14e: due by the end of the session -------------------------------------------------------


def test_P14e_opening_sets_the_noting_due_at_the_end_of_the_session(log, session_on):
    log.sessions = [session_on(date(2026, 12, 1))]

    decision = log.run(OpenFormalResponse(), datetime(2026, 11, 2, tzinfo=UTC))

    assert decision.deadlines == [DeadlineSet("omnibus_noting", END_OF_ASP25, "P14e")]


def test_P14e_a_session_with_a_resumed_part_is_due_at_the_end_of_its_last_part(log, calendar):
    log.sessions = calendar

    decision = log.run(OpenFormalResponse(), datetime(2026, 11, 2, tzinfo=UTC))

    assert decision.deadlines == [
        DeadlineSet("omnibus_noting", datetime(2027, 6, 3, tzinfo=UTC), "P14e")
    ]


def test_P14e_no_deadline_while_the_calendar_has_no_session_after_the_decision(log):
    assert log.run(OpenFormalResponse(), datetime(2026, 11, 2, tzinfo=UTC)).deadlines == []


def test_P14e_the_noting_is_overdue_at_the_end_of_its_session_not_before(log, session_on):
    log.sessions = [session_on(date(2026, 12, 1))]
    log.run(OpenFormalResponse(), datetime(2026, 11, 2, tzinfo=UTC))

    assert log.run(OVERDUE, datetime(2026, 12, 10, 23, 59, 59, tzinfo=UTC)) == Decision()
    decision = log.run(OVERDUE, END_OF_ASP25)

    assert [p.payload for p in decision.events] == [
        OmnibusNotingOverdue(
            case_id="NC-2026-007", session_id="ASP-25", session_closed_on=date(2026, 12, 10)
        )
    ]
    assert log.run(OVERDUE, END_OF_ASP25) == Decision()


def test_P14e_a_noting_dated_in_the_session_but_recorded_later_is_never_overdue(log, session_on):
    log.sessions = [session_on(date(2026, 12, 1))]
    log.run(OpenFormalResponse(), datetime(2026, 11, 2, tzinfo=UTC))
    log.run(RecordOmnibusNoting(), DURING)  # entered after the session, dated within it

    assert log.run(OVERDUE, END_OF_ASP25) == Decision()


def test_P14e_a_stop_settles_the_noting_deadline(scheduled):
    decision = scheduled.run(StopFormalResponse(StopReason.CASE_CLOSED), DURING)

    assert DeadlineSettled("omnibus_noting") in decision.deadlines


# --- P14f ---------------------------------------------------------------------------------------


def test_P14f_the_plenary_discussion_is_recorded_on_a_day_of_the_session(scheduled):
    decision = scheduled.run(RecordPlenaryDiscussion(date(2026, 12, 4)), DURING)

    assert [p.payload for p in decision.events] == [
        PlenaryDiscussionRecorded(
            case_id="NC-2026-007", session_id="ASP-25", held_on=date(2026, 12, 4)
        )
    ]
    assert "P14f" not in scheduled.state.remaining_steps()


def test_P14f_a_plenary_discussion_in_the_resumed_part_is_at_that_session(scheduled):
    decision = scheduled.run(RecordPlenaryDiscussion(date(2027, 6, 2)), at(date(2027, 6, 2)))

    assert decision.events[0].payload.session_id == "ASP-25"


@pytest.mark.parametrize("held_on", [date(2026, 11, 30), date(2026, 12, 11), date(2027, 12, 1)])
def test_P14f_a_plenary_discussion_outside_the_session_is_refused(scheduled, held_on):
    with pytest.raises(PlenarySessionError) as refused:
        scheduled.run(RecordPlenaryDiscussion(held_on), at(date(2027, 12, 2)))

    assert refused.value.rule == "P14f"
    assert "runs 2026-12-01 to 2026-12-10, 2027-06-01 to 2027-06-02" in refused.value.detail


def test_P14f_a_plenary_discussion_for_another_session_is_refused(scheduled):
    with pytest.raises(PlenarySessionError, match="not session ASP-26"):
        scheduled.run(RecordPlenaryDiscussion(date(2027, 12, 1), "ASP-26"), at(date(2027, 12, 2)))


def test_P14f_the_plenary_discussion_is_recorded_once(scheduled):
    scheduled.run(RecordPlenaryDiscussion(date(2026, 12, 4)), DURING)

    with pytest.raises(InvalidTransitionError, match="already recorded"):
        scheduled.run(RecordPlenaryDiscussion(date(2026, 12, 4)), DURING)


def test_P14f_a_facilitator_is_appointed_for_the_session_after_the_decision(scheduled):
    decision = scheduled.run(
        AppointFacilitator("H.E. A. Example"), datetime(2026, 11, 20, tzinfo=UTC)
    )

    (recorded,) = decision.events
    assert recorded.payload == FacilitatorAppointed(
        case_id="NC-2026-007", session_id="ASP-25", facilitator="H.E. A. Example"
    )
    assert scheduled.state.facilitator is not None


def test_P14f_no_facilitator_while_the_calendar_has_no_such_session(opened):
    with pytest.raises(PlenarySessionError, match="no such session is on the calendar yet"):
        opened.run(AppointFacilitator("H.E. A. Example"), DURING)


def test_P14f_a_facilitator_is_appointed_once(scheduled):
    scheduled.run(AppointFacilitator("H.E. A. Example"), DURING)

    with pytest.raises(InvalidTransitionError, match="already appointed"):
        scheduled.run(AppointFacilitator("H.E. B. Example"), DURING)
