"""The focal point roster: four or five focal points, one per regional group (P17, annex II
para 17), the President ex officio for the President's own region (Res. 31), replacements and
the roster as of a date."""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings, target
from hypothesis import strategies as st

from good_offices.domain.roster import (
    AppointFocalPoint,
    BureauAppointmentMissingError,
    EndFocalPointTerm,
    ExOfficioRegionMismatchError,
    FiveRequestWithdrawalRefusedError,
    FocalPointRegionTakenError,
    ReplaceFocalPoint,
    RequestFiveFocalPoints,
    RosterCommand,
    RosterState,
    TooManyFocalPointsError,
    WithdrawFiveFocalPointsRequest,
    acting,
    active_regions,
    decide_roster,
    fold,
    roster_as_of,
)
from good_offices.domain.roster import (
    serving as serving_on,
)
from noncoop_shared.auth.roles import RegionalGroup
from noncoop_shared.catalogue.base import EventPayload
from noncoop_shared.catalogue.good_offices import (
    FiveFocalPointsRequested,
    FiveFocalPointsRequestWithdrawn,
    FocalPointAppointed,
    FocalPointTermEnded,
)
from noncoop_shared.decisions import Decision
from noncoop_shared.errors import (
    BusinessTimeOutOfBoundsError,
    DomainError,
    InvalidTransitionError,
)

AFRICAN, ASIA_PACIFIC, EASTERN, LATIN, WESTERN = RegionalGroup
FOUR_REGIONS = (AFRICAN, ASIA_PACIFIC, EASTERN, LATIN)
NOW = datetime(2026, 1, 5, 10, 0, tzinfo=UTC)
START = date(2026, 1, 1)


@dataclass
class RosterLog:
    """The roster stream in memory: commands run through ``decide_roster`` in turn."""

    events: list[tuple[EventPayload, datetime]] = field(default_factory=list)

    @property
    def state(self) -> RosterState:
        return fold(self.events)

    def run(self, command: RosterCommand) -> Decision:
        decision = decide_roster(self.state, command, NOW)
        self.events.extend((pending.payload, NOW) for pending in decision.events)
        return decision

    def payloads(self) -> list[EventPayload]:
        return [payload for payload, _ in self.events]


def appoint(
    focal_point_id: str,
    region: RegionalGroup,
    term_start: date = START,
    term_ends_on: date | None = None,
    **overrides: object,
) -> AppointFocalPoint:
    command = AppointFocalPoint(
        focal_point_id=focal_point_id,
        name=f"Ambassador {focal_point_id.upper()}",
        state="EXA",
        region=region,
        term_start=term_start,
        term_ends_on=term_ends_on,
        bureau_decision_reference=f"Bureau decision {focal_point_id}",
    )
    return replace(command, **overrides)  # type: ignore[arg-type]


def four_in_office() -> RosterLog:
    log = RosterLog()
    for index, region in enumerate(FOUR_REGIONS):
        log.run(appoint(f"fp{index}", region))
    return log


def refused(log: RosterLog, command: RosterCommand, error: type[DomainError]) -> DomainError:
    """Runs a command that must be refused, and checks that it recorded nothing."""
    before = list(log.events)
    with pytest.raises(error) as raised:
        log.run(command)
    assert log.events == before
    return raised.value


# --- P17: four, or five on request ----------------------------------------------------------


def test_P17_four_focal_points_of_four_regions_are_appointed():
    log = four_in_office()

    assert active_regions(log.state, START) == frozenset(FOUR_REGIONS)
    assert all(isinstance(p, FocalPointAppointed) for p in log.payloads())


def test_P17_a_fifth_focal_point_is_refused_while_the_president_has_not_requested_five():
    log = four_in_office()

    error = refused(log, appoint("fp4", WESTERN), TooManyFocalPointsError)

    assert error.rule == "P17"
    assert "four: no request of the President for five is in force" in error.detail
    assert "5 focal points appointed by the Bureau" in error.detail


def test_P17_a_fifth_focal_point_is_appointed_once_the_president_requested_five():
    log = four_in_office()
    log.run(RequestFiveFocalPoints(requested_on=START))

    log.run(appoint("fp4", WESTERN))

    assert active_regions(log.state, START) == frozenset(RegionalGroup)


def test_P17_five_count_only_from_the_day_the_president_requested_them():
    log = four_in_office()
    log.run(RequestFiveFocalPoints(requested_on=date(2026, 3, 1)))

    error = refused(log, appoint("fp4", WESTERN, date(2026, 2, 1)), TooManyFocalPointsError)

    assert error.rule == "P17"
    assert "on 2026-02-01 5 focal points" in error.detail
    assert "no request of the President for five is in force on that day" in error.detail


def test_P17_a_sixth_focal_point_is_refused_even_after_five_were_requested():
    log = four_in_office()
    log.run(RequestFiveFocalPoints(requested_on=START))
    log.run(appoint("fp4", WESTERN))

    error = refused(log, appoint("fp5", AFRICAN), TooManyFocalPointsError)

    assert error.rule == "P17"
    assert "6 focal points appointed by the Bureau" in error.detail
    assert "five, as the President requested on 2026-01-01" in error.detail


def test_P17_a_fifth_focal_point_whose_term_would_reach_a_later_full_roster_is_refused():
    log = RosterLog()
    for index, region in enumerate(FOUR_REGIONS):
        log.run(appoint(f"fp{index}", region, date(2026, 6, 1)))

    error = refused(log, appoint("early", WESTERN, START), TooManyFocalPointsError)

    assert error.rule == "P17"
    assert "2026-06-01" in error.detail


# --- P17: one per regional group ------------------------------------------------------------


def test_P17_a_second_focal_point_for_a_region_is_refused_while_the_first_serves():
    log = RosterLog()
    log.run(appoint("first", AFRICAN, START, date(2027, 1, 1)))

    error = refused(log, appoint("second", AFRICAN, date(2026, 6, 1)), FocalPointRegionTakenError)

    assert error.rule == "P17"
    assert "on 2026-06-01 african would have two focal points" in error.detail
    assert "focal point first (african)" in error.detail
    assert "Ambassador FIRST" not in error.detail
    assert "focal point second (african)" in error.detail
    assert "Ambassador SECOND" not in error.detail


def test_P17_a_second_focal_point_for_a_region_is_appointed_after_the_first_term_ended():
    log = RosterLog()
    log.run(appoint("first", AFRICAN))
    log.run(EndFocalPointTerm("first", date(2026, 6, 1), "resigned"))

    log.run(appoint("second", AFRICAN, date(2026, 6, 1)))

    assert [e.focal_point_id for e in roster_as_of(log.state, date(2026, 6, 1))] == ["second"]


def test_P17_a_second_focal_point_for_a_region_is_appointed_on_the_day_the_first_term_ends():
    log = RosterLog()
    log.run(appoint("first", AFRICAN, START, date(2026, 6, 1)))

    log.run(appoint("second", AFRICAN, date(2026, 6, 1)))

    assert [e.focal_point_id for e in roster_as_of(log.state, date(2026, 6, 1))] == ["second"]


def test_P17_an_appointment_overlapping_a_later_term_in_the_same_region_is_refused():
    log = RosterLog()
    log.run(appoint("later", AFRICAN, date(2026, 6, 1)))

    error = refused(log, appoint("earlier", AFRICAN, START), FocalPointRegionTakenError)

    assert error.rule == "P17"
    assert "focal point later (african)" in error.detail
    assert "Ambassador LATER" not in error.detail


# --- P17: the Bureau appoints; Res. 31: the President ex officio ------------------------------


def test_P17_an_appointment_not_ex_officio_needs_a_bureau_decision_reference():
    log = RosterLog()

    error = refused(
        log,
        appoint("fp0", AFRICAN, bureau_decision_reference="  "),
        BureauAppointmentMissingError,
    )

    assert error.rule == "P17"
    assert "the Bureau appoints" in error.detail


def test_Res31_the_president_serves_ex_officio_for_own_region_without_a_bureau_reference():
    log = RosterLog()

    log.run(
        appoint(
            "president",
            EASTERN,
            bureau_decision_reference=None,
            ex_officio_president=True,
            president_region=EASTERN,
        )
    )

    (appointed,) = log.payloads()
    assert isinstance(appointed, FocalPointAppointed)
    assert appointed.ex_officio_president
    assert appointed.bureau_decision_reference is None


@pytest.mark.parametrize("president_region", [WESTERN, None])
def test_P17_Res31_the_president_does_not_serve_ex_officio_for_another_region(president_region):
    log = RosterLog()
    command = appoint(
        "president",
        EASTERN,
        bureau_decision_reference=None,
        ex_officio_president=True,
        president_region=president_region,
    )

    error = refused(log, command, ExOfficioRegionMismatchError)

    assert error.rule == "P17"
    assert "Res. 31" in error.detail
    assert "not eastern_european" in error.detail


def test_P17_a_bureau_appointee_of_the_presidents_region_is_refused_without_a_request_for_five():
    log = RosterLog()
    log.run(
        appoint("president", LATIN, ex_officio_president=True, president_region=LATIN),
    )

    error = refused(log, appoint("fp", LATIN), FocalPointRegionTakenError)

    assert "the President ex officio" in error.detail
    assert "the fifth" in error.detail


# --- Replacement ----------------------------------------------------------------------------


def test_replacement_ends_the_outgoing_term_then_appoints_the_successor_who_replaces_it():
    log = four_in_office()
    replaced_on = date(2026, 7, 1)

    log.run(ReplaceFocalPoint("fp0", appoint("fp0b", AFRICAN, replaced_on), replaced_on))

    ended, appointed = log.payloads()[-2:]
    assert ended == FocalPointTermEnded(
        focal_point_id="fp0", ended_on=replaced_on, reason="replaced"
    )
    assert isinstance(appointed, FocalPointAppointed)
    assert (appointed.focal_point_id, appointed.replaces) == ("fp0b", "fp0")
    assert appointed.region is AFRICAN


def test_replacement_on_a_full_roster_keeps_the_region_and_the_count():
    log = four_in_office()
    replaced_on = date(2026, 7, 1)

    log.run(ReplaceFocalPoint("fp0", appoint("fp0b", AFRICAN, replaced_on), replaced_on))

    assert active_regions(log.state, replaced_on) == frozenset(FOUR_REGIONS)
    assert len(roster_as_of(log.state, replaced_on)) == 4


def test_P17_a_successor_of_another_region_is_refused():
    log = four_in_office()
    replaced_on = date(2026, 7, 1)
    command = ReplaceFocalPoint("fp0", appoint("fp0b", WESTERN, replaced_on), replaced_on)

    error = refused(log, command, InvalidTransitionError)

    assert "P17" in error.detail
    assert "african" in error.detail


def test_a_successor_starts_on_the_day_of_the_replacement():
    log = four_in_office()
    command = ReplaceFocalPoint("fp0", appoint("fp0b", AFRICAN, date(2026, 7, 2)), date(2026, 7, 1))

    error = refused(log, command, InvalidTransitionError)

    assert "2026-07-02" in error.detail


def test_a_replacement_checks_the_successor_like_any_appointment():
    log = four_in_office()
    successor = appoint("fp0b", AFRICAN, date(2026, 7, 1), bureau_decision_reference=None)

    error = refused(log, ReplaceFocalPoint("fp0", successor, date(2026, 7, 1)), DomainError)

    assert isinstance(error, BureauAppointmentMissingError)


@pytest.mark.parametrize(
    ("on", "serving"),
    [(date(2026, 6, 30), "fp0"), (date(2026, 7, 1), "fp0b"), (date(2027, 1, 1), "fp0b")],
)
def test_the_roster_as_of_a_date_shows_the_outgoing_before_a_replacement_and_the_successor_from_it(
    on, serving
):
    log = four_in_office()
    log.run(ReplaceFocalPoint("fp0", appoint("fp0b", AFRICAN, date(2026, 7, 1)), date(2026, 7, 1)))

    (african,) = [e for e in roster_as_of(log.state, on) if e.region is AFRICAN]

    assert african.focal_point_id == serving


@pytest.mark.parametrize(
    ("on", "serving"),
    [
        (date(2025, 12, 31), False),
        (START, True),
        (date(2026, 12, 31), True),
        (date(2027, 1, 1), False),
    ],
)
def test_the_roster_as_of_a_date_holds_a_focal_point_from_the_first_day_to_the_day_the_term_ends(
    on, serving
):
    log = RosterLog()
    log.run(appoint("fp", AFRICAN, START, date(2027, 1, 1)))

    assert (AFRICAN in active_regions(log.state, on)) is serving


@pytest.mark.parametrize(("on", "serving"), [(date(2026, 3, 31), True), (date(2026, 4, 1), False)])
def test_the_roster_as_of_a_date_drops_a_focal_point_from_the_day_the_term_was_ended(on, serving):
    log = RosterLog()
    log.run(appoint("fp", AFRICAN, START, date(2027, 1, 1)))
    log.run(EndFocalPointTerm("fp", date(2026, 4, 1), "resigned"))

    assert (AFRICAN in active_regions(log.state, on)) is serving


def test_the_roster_as_of_a_date_is_sorted_by_region():
    log = RosterLog()
    log.run(RequestFiveFocalPoints(requested_on=START))
    for region in reversed(RegionalGroup):
        log.run(appoint(region.value, region))

    assert [e.region for e in roster_as_of(log.state, START)] == list(RegionalGroup)


def test_the_roster_remembers_every_appointment_with_its_end_and_since_when_five_were_requested():
    log = four_in_office()
    log.run(RequestFiveFocalPoints(requested_on=date(2026, 2, 1)))
    log.run(EndFocalPointTerm("fp1", date(2026, 3, 1), "term_expired"))

    state = log.state

    assert [e.focal_point_id for e in state.appointments] == ["fp0", "fp1", "fp2", "fp3"]
    ended = state.entry("fp1")
    assert ended is not None
    assert (ended.ended_on, ended.end_reason) == (date(2026, 3, 1), "term_expired")
    assert state.five_requested_on == date(2026, 2, 1)
    assert state.version == 6


# --- Commands that do not fit the roster ----------------------------------------------------


def test_a_focal_point_id_is_appointed_once():
    log = RosterLog()
    log.run(appoint("fp", AFRICAN, START, date(2026, 2, 1)))

    error = refused(log, appoint("fp", ASIA_PACIFIC), InvalidTransitionError)

    assert "fp is already on the roster" in error.detail


@pytest.mark.parametrize("term_ends_on", [date(2025, 12, 31), START])
def test_Time_a_term_ends_after_it_starts(term_ends_on):
    error = refused(
        RosterLog(), appoint("fp", AFRICAN, START, term_ends_on), BusinessTimeOutOfBoundsError
    )

    assert error.field == "body.term_ends_on"
    assert f"{term_ends_on.isoformat()} (the first day not served)" in error.detail


@pytest.mark.parametrize(
    "command",
    [
        EndFocalPointTerm("ghost", date(2026, 2, 1), "resigned"),
        ReplaceFocalPoint("ghost", appoint("fp0b", AFRICAN, date(2026, 2, 1)), date(2026, 2, 1)),
    ],
)
def test_an_unknown_focal_point_is_neither_ended_nor_replaced(command):
    error = refused(four_in_office(), command, InvalidTransitionError)

    assert "No focal point ghost" in error.detail


def test_a_term_is_ended_once():
    log = four_in_office()
    log.run(EndFocalPointTerm("fp0", date(2026, 2, 1), "resigned"))

    error = refused(
        log, EndFocalPointTerm("fp0", date(2026, 3, 1), "other"), InvalidTransitionError
    )

    assert "already ended on 2026-02-01" in error.detail


def test_a_term_that_ran_out_is_not_ended_later():
    log = RosterLog()
    log.run(appoint("fp", AFRICAN, START, date(2026, 2, 1)))

    error = refused(log, EndFocalPointTerm("fp", date(2026, 3, 1), "other"), InvalidTransitionError)

    assert "already ended by 2026-03-01" in error.detail


def test_a_term_is_not_ended_before_it_started():
    log = RosterLog()
    log.run(appoint("fp", AFRICAN, date(2026, 3, 1)))

    error = refused(log, EndFocalPointTerm("fp", START, "other"), BusinessTimeOutOfBoundsError)

    assert error.field == "body.ended_on"
    assert "before it started" in error.detail


def test_a_term_ends_as_replaced_only_through_a_replacement():
    log = four_in_office()
    command = EndFocalPointTerm("fp0", date(2026, 2, 1), "replaced")  # type: ignore[arg-type]

    error = refused(log, command, InvalidTransitionError)

    assert "only through a replacement" in error.detail


def test_five_focal_points_are_requested_once():
    log = RosterLog()
    log.run(RequestFiveFocalPoints(requested_on=START))

    error = refused(log, RequestFiveFocalPoints(date(2026, 2, 1)), InvalidTransitionError)

    assert "already requested five focal points on 2026-01-01" in error.detail


def test_a_request_for_five_is_withdrawn_and_requested_again_later():
    log = RosterLog()
    log.run(RequestFiveFocalPoints(requested_on=START))
    log.run(WithdrawFiveFocalPointsRequest(withdrawn_on=date(2026, 3, 1)))
    log.run(RequestFiveFocalPoints(requested_on=date(2026, 5, 1)))

    state = log.state
    assert [state.limit_on(d) for d in (START, date(2026, 2, 28), date(2026, 3, 1))] == [5, 5, 4]
    assert [state.limit_on(d) for d in (date(2026, 4, 30), date(2026, 5, 1))] == [4, 5]
    assert isinstance(log.payloads()[1], FiveFocalPointsRequestWithdrawn)


# --- The property ---------------------------------------------------------------------------

DAYS = st.integers(min_value=0, max_value=10).map(lambda n: START + timedelta(days=n))
IDS = st.sampled_from([f"fp{n}" for n in range(8)])


@st.composite
def appointments(draw: st.DrawFn, term_start: date | None = None) -> AppointFocalPoint:
    start = term_start or draw(DAYS)
    length = draw(st.none() | st.integers(min_value=1, max_value=10))
    return appoint(
        draw(IDS),
        draw(st.sampled_from(RegionalGroup)),
        start,
        None if length is None else start + timedelta(days=length),
    )


@st.composite
def replacements(draw: st.DrawFn) -> ReplaceFocalPoint:
    replaced_on = draw(DAYS)
    successor = draw(appointments(term_start=replaced_on))
    return ReplaceFocalPoint(draw(IDS), successor, replaced_on)


@st.composite
def presidents(draw: st.DrawFn) -> AppointFocalPoint:
    """The President ex officio, always of the Eastern European States (Res. 31)."""
    command = draw(appointments())
    return replace(
        command,
        region=EASTERN,
        ex_officio_president=True,
        president_region=EASTERN,
        bureau_decision_reference=None,
    )


ROSTER_CHANGES = st.one_of(
    appointments(),
    appointments(),
    presidents(),
    replacements(),
    st.builds(EndFocalPointTerm, IDS, DAYS, st.sampled_from(["term_expired", "resigned", "other"])),
    st.builds(WithdrawFiveFocalPointsRequest, DAYS),
)
"""Requests for five are drawn apart: most histories must run under the limit of four."""


def _with_new_ids(commands: list[RosterCommand]) -> list[RosterCommand]:
    """Each appointment under a new id (fp0, fp1...), so that few are refused as duplicates while
    ends and replacements, drawn among fp0-fp7, still name earlier appointments."""
    renamed: list[RosterCommand] = []
    for command in commands:
        fresh = f"fp{len(renamed)}"
        if isinstance(command, AppointFocalPoint):
            command = replace(command, focal_point_id=fresh)
        elif isinstance(command, ReplaceFocalPoint):
            command = replace(command, successor=replace(command.successor, focal_point_id=fresh))
        renamed.append(command)
    return renamed


def _served_days(
    payloads: list[EventPayload],
) -> dict[str, tuple[RegionalGroup, bool, set[date]]]:
    """Who served on which days (and whether ex officio), read from the events alone (not
    through ``roster_as_of``)."""
    ended = {p.focal_point_id: p.ended_on for p in payloads if isinstance(p, FocalPointTermEnded)}
    served = {}
    for p in payloads:
        if isinstance(p, FocalPointAppointed):
            last = (p.term_ends_on or START + timedelta(days=61)) - timedelta(days=1)
            if p.focal_point_id in ended:
                last = min(last, ended[p.focal_point_id] - timedelta(days=1))
            days = {p.term_start + timedelta(days=n) for n in range((last - p.term_start).days + 1)}
            served[p.focal_point_id] = (p.region, p.ex_officio_president, days)
    return served


def _five_in_force(payloads: list[EventPayload], day: date) -> bool:
    """Requests and withdrawals, read from the events alone, in stream order."""
    periods: list[list[date | None]] = []
    for p in payloads:
        if isinstance(p, FiveFocalPointsRequested):
            periods.append([p.requested_on, None])
        elif isinstance(p, FiveFocalPointsRequestWithdrawn):
            periods[-1][1] = p.withdrawn_on
    return any(
        start is not None and start <= day and (stop is None or day < stop)
        for start, stop in periods
    )


@settings(max_examples=500, deadline=None)
@given(
    commands=st.lists(ROSTER_CHANGES, max_size=25),
    request=st.none() | st.tuples(st.integers(min_value=0, max_value=25), DAYS),
)
def test_P17_whatever_is_accepted_no_day_has_two_focal_points_of_a_region_or_more_than_the_limit(
    commands, request
):
    if request is not None:
        position, requested_on = request
        commands.insert(position, RequestFiveFocalPoints(requested_on))
    log = RosterLog()
    for command in _with_new_ids(commands):
        with suppress(DomainError):
            log.run(command)

    payloads = log.payloads()
    served = _served_days(payloads)
    fullest = 0
    for day in (START + timedelta(days=n) for n in range(60)):
        regions = [r for r, ex_officio, days in served.values() if day in days and not ex_officio]
        president = [r for r, ex_officio, days in served.values() if day in days and ex_officio]
        five = _five_in_force(payloads, day)
        assert len(president) <= 1, f"two Presidents ex officio on {day}"
        assert len(regions) == len(set(regions)), f"two focal points of a region on {day}"
        assert len(regions) <= (5 if five else 4), f"{len(regions)} focal points on {day}"
        if president and not five:
            assert president[0] not in regions, f"a fifth without a request on {day}"
        fullest = max(fullest, len(regions) + len(president))
    # Steers the search towards full rosters, where the limit is what refuses.
    target(fullest)


# --- P17 with Res. 31: the President ex officio is not one of the four ------------------------

PRESIDENT_REGION = EASTERN
OTHER_FOUR = (AFRICAN, ASIA_PACIFIC, LATIN, WESTERN)


def president_and_four() -> RosterLog:
    """The President ex officio for the Eastern European States, and the Bureau's four from the
    four other regional groups."""
    log = RosterLog()
    log.run(
        appoint(
            "president",
            PRESIDENT_REGION,
            bureau_decision_reference=None,
            ex_officio_president=True,
            president_region=PRESIDENT_REGION,
        )
    )
    for region in OTHER_FOUR:
        log.run(appoint(region.value, region))
    return log


def test_P17_every_regional_group_has_a_focal_point_with_the_president_and_the_bureaus_four():
    log = president_and_four()

    assert active_regions(log.state, START) == frozenset(RegionalGroup)
    serving = roster_as_of(log.state, START)
    assert len(serving) == 5
    assert sum(not e.ex_officio_president for e in serving) == 4


@pytest.mark.parametrize(
    ("requested_on", "term_start", "accepted"),
    [
        (None, START, False),
        (date(2026, 2, 1), date(2026, 1, 31), False),  # the day before the request
        (date(2026, 2, 1), date(2026, 2, 1), True),  # the day of the request
        (START, START, True),
    ],
)
def test_P17_the_fifth_from_the_presidents_own_group_only_at_the_presidents_request(
    requested_on, term_start, accepted
):
    log = president_and_four()
    if requested_on is not None:
        log.run(RequestFiveFocalPoints(requested_on))
    fifth = appoint("fifth", PRESIDENT_REGION, term_start)

    if accepted:
        log.run(fifth)
        assert len(roster_as_of(log.state, term_start)) == 6
    else:
        error = refused(log, fifth, DomainError)
        assert error.extensions()["rule"] == "P17"


def test_P17_a_second_president_ex_officio_is_refused_while_one_serves():
    log = president_and_four()
    command = appoint(
        "next-president",
        PRESIDENT_REGION,
        bureau_decision_reference=None,
        ex_officio_president=True,
        president_region=PRESIDENT_REGION,
    )

    error = refused(log, command, ExOfficioRegionMismatchError)

    assert "two Presidents" in error.detail


@pytest.mark.parametrize(
    ("fifth_term_ends_on", "withdrawn_on", "accepted"),
    [
        (None, date(2026, 6, 1), False),
        (date(2026, 6, 2), date(2026, 6, 1), False),  # the fifth still serves on 1 June
        (date(2026, 6, 1), date(2026, 6, 1), True),  # first day not served = the withdrawal day
        (date(2026, 5, 1), date(2026, 6, 1), True),
    ],
)
def test_P17_the_request_for_five_is_withdrawn_only_once_the_fifth_no_longer_serves(
    fifth_term_ends_on, withdrawn_on, accepted
):
    log = president_and_four()
    log.run(RequestFiveFocalPoints(START))
    log.run(appoint("fifth", PRESIDENT_REGION, START, fifth_term_ends_on))
    withdrawal = WithdrawFiveFocalPointsRequest(withdrawn_on)

    if accepted:
        log.run(withdrawal)
        assert log.state.limit_on(withdrawn_on) == 4
        assert log.state.limit_on(withdrawn_on - timedelta(days=1)) == 5
    else:
        error = refused(log, withdrawal, FiveRequestWithdrawalRefusedError)
        assert error.rule == "P17"
        assert "End the fifth focal point's term first" in error.detail


def test_P17_after_the_withdrawal_no_fifth_is_appointed_from_that_day():
    log = president_and_four()
    log.run(RequestFiveFocalPoints(START))
    log.run(WithdrawFiveFocalPointsRequest(date(2026, 3, 1)))

    error = refused(log, appoint("late", PRESIDENT_REGION, date(2026, 2, 1)), DomainError)
    log.run(appoint("early", PRESIDENT_REGION, date(2026, 2, 1), date(2026, 3, 1)))

    assert error.extensions()["rule"] == "P17"
    assert "on 2026-03-01" in error.detail
    serving_on_last_day = {e.focal_point_id for e in roster_as_of(log.state, date(2026, 2, 28))}
    assert "early" in serving_on_last_day
    assert "early" not in {e.focal_point_id for e in roster_as_of(log.state, date(2026, 3, 1))}


def test_Time_a_withdrawal_is_not_dated_before_the_request_it_withdraws():
    log = RosterLog()
    log.run(RequestFiveFocalPoints(date(2026, 2, 1)))

    error = refused(log, WithdrawFiveFocalPointsRequest(START), BusinessTimeOutOfBoundsError)

    assert error.field == "body.withdrawn_on"


def test_P17_a_withdrawal_needs_a_request_in_force():
    refused(RosterLog(), WithdrawFiveFocalPointsRequest(START), InvalidTransitionError)


def test_P17_a_v1_appointment_is_read_with_the_day_after_its_last_day_as_the_first_not_served():
    from noncoop_shared.catalogue import CATALOGUE

    payload = CATALOGUE.decode(
        "noncoop.good_offices.focal_point_appointed.v1",
        {
            "focal_point_id": "fp",
            "name": "Ambassador FP",
            "state": "EXA",
            "region": "african",
            "term_start": "2026-01-01",
            "term_end": "2026-12-31",
        },
    )

    assert isinstance(payload, FocalPointAppointed)
    assert payload.term_ends_on == date(2027, 1, 1)


# --- P17-access: who is on the roster on a day ------------------------------------------------


@pytest.mark.parametrize(
    ("focal_point_id", "on", "serving"),
    [
        ("fp0", date(2026, 6, 30), True),  # the day before the replacement
        ("fp0", date(2026, 7, 1), False),  # the day of the replacement: access lost
        ("fp0b", date(2026, 6, 30), False),
        ("fp0b", date(2026, 7, 1), True),
        ("fp1", date(2026, 8, 31), True),  # the last day served
        ("fp1", date(2026, 9, 1), False),  # the day the term ends (first day not served)
        ("ghost", date(2026, 7, 1), False),  # a region claim without a roster entry
    ],
)
def test_P17_access_a_focal_point_serves_up_to_the_day_before_its_term_ends_or_it_is_replaced(
    focal_point_id, on, serving
):
    log = RosterLog()
    log.run(appoint("fp0", AFRICAN))
    log.run(appoint("fp1", ASIA_PACIFIC, START, date(2026, 9, 1)))
    log.run(ReplaceFocalPoint("fp0", appoint("fp0b", AFRICAN, date(2026, 7, 1)), date(2026, 7, 1)))

    assert (serving_on(log.state, focal_point_id, on) is not None) is serving


@pytest.mark.parametrize("order", ["later first", "earlier first"])
def test_P17_the_order_of_arrival_does_not_change_what_the_roster_accepts(order):
    """A history entered late, in any order, is judged on the days it concerns."""
    earlier = appoint("early", AFRICAN, START, date(2026, 6, 1))
    later = appoint("late", AFRICAN, date(2026, 6, 1))
    overlapping = appoint("overlap", AFRICAN, date(2026, 5, 31), date(2026, 6, 2))
    log = RosterLog()
    for command in (later, earlier) if order == "later first" else (earlier, later):
        log.run(command)

    refused(log, overlapping, FocalPointRegionTakenError)
    assert [e.focal_point_id for e in roster_as_of(log.state, date(2026, 5, 31))] == ["early"]
    assert [e.focal_point_id for e in roster_as_of(log.state, date(2026, 6, 1))] == ["late"]


# --- P17-access: who acts on a record of a business date ---------------------------------------

REPLACED_ON = date(2026, 7, 1)


def replaced_in_july() -> RosterLog:
    """``fp-old`` (African) served from ``START`` until ``REPLACED_ON``; ``fp-new`` since."""
    log = RosterLog()
    log.run(appoint("fp-old", AFRICAN, START))
    log.run(ReplaceFocalPoint("fp-old", appoint("fp-new", AFRICAN, REPLACED_ON), REPLACED_ON))
    return log


@pytest.mark.parametrize(
    ("focal_point_id", "dated", "today", "vouched", "acts"),
    [
        # From the wire: on the roster on the record's date and today.
        ("fp-old", date(2026, 3, 1), date(2026, 6, 30), False, True),
        ("fp-old", date(2026, 3, 1), REPLACED_ON, False, False),  # backdated, replaced today
        ("fp-old", date(2026, 3, 1), date(2026, 9, 1), False, False),
        ("fp-old", REPLACED_ON, REPLACED_ON, False, False),
        ("fp-new", REPLACED_ON, date(2026, 9, 1), False, True),
        ("fp-new", date(2026, 6, 30), date(2026, 9, 1), False, False),  # before its term
        ("fp-x", date(2026, 3, 1), date(2026, 3, 1), False, False),  # never appointed
        # A history import: the Secretariat vouches for the past; the record's date alone.
        ("fp-old", date(2026, 3, 1), date(2026, 9, 1), True, True),
        ("fp-old", REPLACED_ON, date(2026, 9, 1), True, False),
        ("fp-new", date(2026, 6, 30), date(2026, 9, 1), True, False),
    ],
)
def test_P17_access_a_focal_point_acts_on_the_records_date_and_from_the_wire_also_today(
    focal_point_id, dated, today, vouched, acts
):
    """A focal point loses access from the day it is replaced or its term ends: the business
    date, which the caller chooses, does not bring it back (only a history import does)."""
    entry = acting(replaced_in_july().state, focal_point_id, dated, today, vouched=vouched)

    assert (entry is not None) is acts
    assert entry is None or entry.focal_point_id == focal_point_id
