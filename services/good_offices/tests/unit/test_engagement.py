"""The engagement while the good offices are active: contacts and Court consultations, the
art. 97 reminder, assistance by focal points and Bureau members (P20, P22), the verification of
7(b) information (P20), the Secretariat's assistance (P23) and the reports to the Bureau (P21)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from good_offices.domain.commands import (
    Conclude,
    GiveArticle97Reminder,
    RecordAssistanceEngagement,
    RecordContact,
    RecordCourtConsultation,
    RecordSecretariatAssistance,
    RecordVerification,
    RequestAssistance,
    SubmitReportToBureau,
)
from good_offices.domain.facts import CaseStatus
from good_offices.domain.wording import moment
from noncoop_shared.access import Classification
from noncoop_shared.auth.roles import RegionalGroup
from noncoop_shared.catalogue.base import meta_of
from noncoop_shared.catalogue.good_offices import (
    Article97ReminderGiven,
    AssistanceEngagementRecorded,
    AssistanceRequested,
    Assistant,
    ContactRecorded,
    Counterpart,
    CourtConsulted,
    Outcome,
    ReportToBureauSubmitted,
    SecretariatAssistanceRecorded,
    TriggerInformationVerified,
    Verification,
)
from noncoop_shared.errors import BusinessTimeOutOfBoundsError, InvalidTransitionError

AT = datetime(2026, 4, 1, 10, 0, tzinfo=UTC)
LATER = datetime(2026, 4, 30, 16, 0, tzinfo=UTC)
AFRICAN = RegionalGroup.AFRICAN
EASTERN = RegionalGroup.EASTERN_EUROPEAN

CONTACT = RecordContact(
    Counterpart.REQUESTED_STATE_OFFICIAL,
    "Minister of Foreign Affairs of Examplia",
    "Raised the obligation to cooperate; the Minister will revert by 3 April.",
)
ASK_AFRICAN = RequestAssistance(Assistant.FOCAL_POINT, region=AFRICAN, summary="Outreach")
ASK_MEMBER = RequestAssistance(Assistant.BUREAU_MEMBER, bureau_member="bureau-member-7")
ENGAGEMENT = {
    "contact": CONTACT,
    "court consultation": RecordCourtConsultation("Registry confirms the warrant is in force."),
    "art. 97 reminder": GiveArticle97Reminder("Article 97 consultations recalled in the letter."),
    "assistance": ASK_AFRICAN,
    "focal point engagement": RecordAssistanceEngagement(AFRICAN, "Met the Ambassador."),
    "verification": RecordVerification(Verification.VERIFIED),
    "secretariat": RecordSecretariatAssistance("Shared the official contact points."),
    "conclusion": Conclude(Outcome.NO_RESULT),
}
"""A command of each kind that needs active good offices."""


@pytest.mark.parametrize(
    ("command", "event", "rule"),
    [
        (CONTACT, ContactRecorded, "P20"),
        (ENGAGEMENT["court consultation"], CourtConsulted, "P20"),
        (ENGAGEMENT["art. 97 reminder"], Article97ReminderGiven, "P20"),
        (ASK_AFRICAN, AssistanceRequested, "P20"),
        (ENGAGEMENT["secretariat"], SecretariatAssistanceRecorded, "P23"),
    ],
    ids=["contact", "court consultation", "art. 97 reminder", "assistance", "secretariat"],
)
def test_each_step_of_the_engagement_is_recorded_restricted_under_its_rule(
    active_7b, command, event, rule
):
    decision = active_7b.run(command, AT)

    (recorded,) = decision.events
    assert type(recorded.payload) is event
    assert meta_of(recorded.payload).rule == rule
    assert recorded.effective_classification() is Classification.RESTRICTED
    assert decision.deadlines == []


def test_P20_a_contact_records_the_counterpart_and_what_was_raised(active_7b):
    (recorded,) = active_7b.run(CONTACT, AT).events

    assert recorded.payload == ContactRecorded(
        case_id="NC-2026-001",
        counterpart_kind=Counterpart.REQUESTED_STATE_OFFICIAL,
        counterpart="Minister of Foreign Affairs of Examplia",
        summary="Raised the obligation to cooperate; the Minister will revert by 3 April.",
    )


@pytest.mark.parametrize("command", ENGAGEMENT.values(), ids=ENGAGEMENT.keys())
def test_the_engagement_needs_the_president_to_have_become_active(log, command):
    with pytest.raises(InvalidTransitionError) as refused:
        log.run(command, AT)

    assert "good offices on case NC-2026-001 have never been active" in refused.value.detail
    assert log.events == []


@pytest.mark.parametrize("command", ENGAGEMENT.values(), ids=ENGAGEMENT.keys())
def test_concluded_good_offices_record_no_further_engagement(active_7b, command):
    active_7b.run(ASK_AFRICAN, AT)
    active_7b.run(Conclude(Outcome.COOPERATION_OBTAINED), datetime(2026, 4, 2, 12, tzinfo=UTC))

    with pytest.raises(InvalidTransitionError) as refused:
        active_7b.run(command, LATER)

    assert "were not active on 2026-04-30 16:00 UTC" in refused.value.detail


@pytest.mark.parametrize("command", ENGAGEMENT.values(), ids=ENGAGEMENT.keys())
def test_no_engagement_is_recorded_on_a_case_the_register_closed(active_7b, closed_case, command):
    # The register closed the case; its policy has not yet concluded the good offices.
    active_7b.case = closed_case

    with pytest.raises(InvalidTransitionError) as refused:
        active_7b.run(command, AT)

    assert "Case NC-2026-001 is closed" in refused.value.detail


MEMBER_ENGAGES = RecordAssistanceEngagement(None, "Met.", bureau_member="bureau-member-7")
CONCLUDED = datetime(2026, 4, 2, 12, tzinfo=UTC)
RESTRICTED = ("2026-03-31 23:30", "2026-04-02 12:00", "outcome", "cooperation obtained")
"""What the activation (ACTIVATED_AT) and the conclusion (CONCLUDED) would tell: restricted."""


@pytest.mark.parametrize(
    ("dated", "error"),
    [
        (LATER, InvalidTransitionError),
        (datetime(2026, 3, 30, 9, tzinfo=UTC), BusinessTimeOutOfBoundsError),
    ],
    ids=["after the conclusion", "before the activation"],
)
def test_a_step_refused_as_not_active_names_only_its_own_date(active_7b, dated, error):
    """ADR 0023: a Bureau member asked to assist reads the case's ``bureau`` records, not the
    ``restricted`` activation and conclusion. Its engagement dated when the good offices were
    not active is refused with the step's own date and the paragraphs, and nothing of when they
    began or ended, or how (one wording, whoever is refused)."""
    active_7b.run(ASK_MEMBER, AT)
    active_7b.run(Conclude(Outcome.COOPERATION_OBTAINED), CONCLUDED)

    with pytest.raises(error) as refused:
        active_7b.run(MEMBER_ENGAGES, dated)

    detail = refused.value.detail
    assert f"were not active on {moment(dated)}" in detail
    assert "(annex II paras 18 and 19)" in detail
    assert not [said for said in RESTRICTED if said in detail]


@pytest.mark.parametrize(
    ("register", "dated", "says"),
    [
        ({"status": CaseStatus.CLOSED, "closed_at": CONCLUDED}, LATER, "is closed"),
        ({"opened_at": datetime(2026, 3, 31, 23, tzinfo=UTC)}, AT - timedelta(days=2), "before"),
    ],
    ids=["closed", "before it was registered"],
)
def test_a_step_refused_by_the_register_names_only_its_own_date(active_7b, register, dated, says):
    """ADR 0023: the register's facts on a 7(b) case are restricted too (its registration and
    closure), so a Bureau member asked to assist is told neither date, only its step's."""
    active_7b.run(ASK_MEMBER, AT)
    active_7b.case = replace(active_7b.case, **register)

    with pytest.raises((InvalidTransitionError, BusinessTimeOutOfBoundsError)) as refused:
        active_7b.run(MEMBER_ENGAGES, dated)

    detail = refused.value.detail
    assert says in detail and moment(dated) in detail
    assert "2026-04-02 12:00" not in detail and "2026-03-31 23:00" not in detail


def test_P20_a_focal_point_asked_to_assist_is_assigned_to_the_case(active_7b):
    active_7b.run(ASK_AFRICAN, AT)
    active_7b.run(RequestAssistance(Assistant.FOCAL_POINT, RegionalGroup.ASIA_PACIFIC), AT)

    assert active_7b.state.assigned_regions == {AFRICAN, RegionalGroup.ASIA_PACIFIC}


def test_no_focal_point_is_assigned_before_one_is_asked_to_assist(active_7b):
    assert active_7b.state.assigned_regions == frozenset()


def test_a_focal_point_asked_twice_is_assigned_once(active_7b):
    active_7b.run(ASK_AFRICAN, AT)
    active_7b.run(ASK_AFRICAN, LATER)

    assert active_7b.state.assigned_regions == {AFRICAN}


def test_a_focal_point_stays_assigned_once_the_good_offices_are_concluded(active_7b):
    active_7b.run(ASK_AFRICAN, AT)
    active_7b.run(Conclude(Outcome.NO_RESULT), LATER)

    assert active_7b.state.assigned_regions == {AFRICAN}


def test_P20_a_bureau_member_asked_to_assist_assigns_no_focal_point(active_7b):
    (recorded,) = active_7b.run(ASK_MEMBER, AT).events

    assert recorded.payload == AssistanceRequested(
        case_id="NC-2026-001", assistant=Assistant.BUREAU_MEMBER, bureau_member="bureau-member-7"
    )
    assert active_7b.state.assigned_regions == frozenset()


def test_a_region_without_a_focal_point_on_the_roster_cannot_be_asked_to_assist(active_7b):
    with pytest.raises(InvalidTransitionError) as refused:
        active_7b.run(RequestAssistance(Assistant.FOCAL_POINT, region=EASTERN), AT)

    assert "No focal point of the Eastern European States is on the roster" in (
        refused.value.detail
    )
    assert (
        "Regional groups with a focal point: African States, Asia-Pacific States, Latin American "
        "and Caribbean States, Western European and other States." in refused.value.detail
    )
    assert active_7b.state.assigned_regions == frozenset()


def test_no_focal_point_can_be_asked_while_the_roster_is_empty(active_7b):
    active_7b.roster_regions = frozenset()

    with pytest.raises(InvalidTransitionError) as refused:
        active_7b.run(ASK_AFRICAN, AT)

    assert "Regional groups with a focal point: none." in refused.value.detail


@pytest.mark.parametrize(
    ("command", "says"),
    [
        (RequestAssistance(Assistant.FOCAL_POINT), "give the region"),
        (
            RequestAssistance(Assistant.FOCAL_POINT, AFRICAN, bureau_member="bureau-member-7"),
            "and no Bureau member",
        ),
        (RequestAssistance(Assistant.BUREAU_MEMBER), "named by the Bureau member's id"),
        (RequestAssistance(Assistant.BUREAU_MEMBER, bureau_member="  "), "Bureau member's id"),
        (
            RequestAssistance(Assistant.BUREAU_MEMBER, AFRICAN, bureau_member="bureau-member-7"),
            "with no region",
        ),
    ],
    ids=["no region", "focal point and member", "no member", "blank member", "member and region"],
)
def test_an_assistant_is_named_by_a_region_or_a_bureau_member_as_the_request_says(
    active_7b, command, says
):
    with pytest.raises(InvalidTransitionError) as refused:
        active_7b.run(command, AT)

    assert says in refused.value.detail


def test_P22_a_focal_point_asked_to_assist_records_its_engagement(active_7b):
    active_7b.run(ASK_AFRICAN, AT)

    (recorded,) = active_7b.run(
        RecordAssistanceEngagement(AFRICAN, "Met the Ambassador."), AT
    ).events

    assert recorded.payload == AssistanceEngagementRecorded(
        case_id="NC-2026-001", region=AFRICAN, summary="Met the Ambassador."
    )
    assert meta_of(recorded.payload).rule == "P22"


def test_P22_a_focal_point_not_asked_to_assist_records_no_engagement(active_7b):
    active_7b.run(ASK_AFRICAN, AT)

    with pytest.raises(InvalidTransitionError) as refused:
        active_7b.run(RecordAssistanceEngagement(RegionalGroup.ASIA_PACIFIC, "Met."), AT)

    assert (
        "The focal point of the Asia-Pacific States was not asked to assist on case NC-2026-001"
        in refused.value.detail
    )


def test_P22_an_engagement_without_a_region_is_a_bureau_members_once_one_was_asked(active_7b):
    with pytest.raises(InvalidTransitionError) as refused:
        active_7b.run(RecordAssistanceEngagement(None, "Called the Ambassador."), AT)
    assert "No Bureau member was asked to assist" in refused.value.detail

    active_7b.run(ASK_MEMBER, AT)
    engagement = RecordAssistanceEngagement(None, "Called.", bureau_member="bureau-member-7")
    (recorded,) = active_7b.run(engagement, LATER).events

    assert isinstance(recorded.payload, AssistanceEngagementRecorded)
    assert recorded.payload.region is None
    assert recorded.payload.bureau_member == "bureau-member-7"


@pytest.mark.parametrize(
    ("region", "focal_point_id", "bureau_member", "accepted"),
    [
        (None, None, "bureau-member-7", True),  # the member asked
        (None, None, "bureau-member-8", False),  # another Bureau member
        (None, None, None, False),  # a Bureau member not named
        (RegionalGroup.AFRICAN, "fp-af", None, True),  # the region asked: whoever serves for it
        (RegionalGroup.ASIA_PACIFIC, "fp-ap", None, False),  # a region not asked
        (RegionalGroup.LATIN_AMERICAN_CARIBBEAN, "fp-lac", None, True),  # asked by name
    ],
)
def test_P22_only_the_focal_point_or_bureau_member_asked_records_its_engagement(
    active_7b, region, focal_point_id, bureau_member, accepted
):
    active_7b.run(ASK_MEMBER, AT)
    active_7b.run(RequestAssistance(Assistant.FOCAL_POINT, region=RegionalGroup.AFRICAN), AT)
    by_name = RequestAssistance(
        Assistant.FOCAL_POINT,
        region=RegionalGroup.LATIN_AMERICAN_CARIBBEAN,
        focal_point_id="fp-lac",
    )
    active_7b.case_roster = {"fp-lac": RegionalGroup.LATIN_AMERICAN_CARIBBEAN}
    active_7b.run(by_name, AT)
    engagement = RecordAssistanceEngagement(region, "Met officials.", focal_point_id, bureau_member)

    if accepted:
        (recorded,) = active_7b.run(engagement, LATER).events
        assert recorded.payload.focal_point_id == focal_point_id
    else:
        with pytest.raises(InvalidTransitionError, match=r"(not asked|No Bureau member)"):
            active_7b.run(engagement, LATER)


ASKED = {
    "region": (ASK_AFRICAN, RecordAssistanceEngagement(AFRICAN, "Met.")),
    "focal point by name": (
        RequestAssistance(
            Assistant.FOCAL_POINT, region=RegionalGroup.ASIA_PACIFIC, focal_point_id="fp-ap"
        ),
        RecordAssistanceEngagement(RegionalGroup.ASIA_PACIFIC, "Met.", focal_point_id="fp-ap"),
    ),
    "bureau member": (
        ASK_MEMBER,
        RecordAssistanceEngagement(None, "Called.", bureau_member="bureau-member-7"),
    ),
}


@pytest.mark.parametrize(("ask", "engagement"), ASKED.values(), ids=ASKED.keys())
def test_P22_an_engagement_is_not_dated_before_the_request_it_answers(active_7b, ask, engagement):
    """Time: the rules are judged in business time. The request is recorded first but dated
    LATER; an engagement dated AT, before it, is refused whatever the order of recording (the
    request exists, so this is a date out of bounds, not a caller never asked)."""
    active_7b.case_roster = {"fp-ap": RegionalGroup.ASIA_PACIFIC}
    active_7b.run(ask, LATER)

    with pytest.raises(BusinessTimeOutOfBoundsError) as refused:
        active_7b.run(engagement, AT)
    assert "dated 2026-04-01 10:00 UTC, before" in refused.value.detail
    assert "an engagement answers the request, the fact it follows" in refused.value.detail
    assert "2026-04-30" not in refused.value.detail  # the request is restricted: not its date
    assert "NC-2026-001" in refused.value.detail

    (recorded,) = active_7b.run(engagement, LATER).events  # the same instant: it follows
    assert isinstance(recorded.payload, AssistanceEngagementRecorded)


def test_P22_a_request_recorded_late_but_dated_earlier_lets_the_engagement_follow_it(active_7b):
    """Two requests to the same region: the one recorded second is dated first. The engagement
    answers the earliest in business time."""
    active_7b.run(ASK_AFRICAN, LATER)
    active_7b.run(ASK_AFRICAN, AT)
    assert active_7b.state.asked_at == {("region", "african"): AT}

    engagement = RecordAssistanceEngagement(AFRICAN, "Met the Ambassador.")
    (recorded,) = active_7b.run(engagement, AT + timedelta(hours=1)).events
    assert isinstance(recorded.payload, AssistanceEngagementRecorded)


def test_P22_a_focal_point_asked_by_region_and_by_name_follows_the_earlier_request(active_7b):
    active_7b.case_roster = {"fp-af": AFRICAN}
    by_name = RequestAssistance(Assistant.FOCAL_POINT, region=AFRICAN, focal_point_id="fp-af")
    active_7b.run(by_name, LATER)
    active_7b.run(ASK_AFRICAN, AT)

    engagement = RecordAssistanceEngagement(AFRICAN, "Met.", focal_point_id="fp-af")
    assert active_7b.run(engagement, AT).events


@pytest.mark.parametrize("outcome", list(Verification))
def test_P20_in_7b_the_information_the_president_acted_on_is_verified(active_7b, outcome):
    (recorded,) = active_7b.run(RecordVerification(outcome, "Checked with the MFA."), AT).events

    assert recorded.payload == TriggerInformationVerified(
        case_id="NC-2026-001", outcome=outcome, summary="Checked with the MFA."
    )
    assert (active_7b.state.verification, active_7b.state.verified_at) == (outcome, AT)


def test_P20_the_information_is_verified_once(active_7b):
    active_7b.run(RecordVerification(Verification.NOT_CONFIRMED), AT)

    with pytest.raises(InvalidTransitionError) as refused:
        active_7b.run(RecordVerification(Verification.VERIFIED), LATER)

    assert "already recorded as not confirmed on 2026-04-01 10:00 UTC" in refused.value.detail


def test_P20_a_verification_dated_in_an_earlier_period_is_that_periods(
    active_7b, own_initiative_7b
):
    """Time: the good offices were concluded and begun again; the verification of the first
    period, dated in it, is entered after the second began. It is the first period's (verified
    once there), and the second period's information is still to verify: a conclusion of the
    second as information not confirmed does not rest on it."""
    active_7b.run(Conclude(Outcome.NO_RESULT), AT + timedelta(days=5))
    active_7b.run(own_initiative_7b, LATER)

    active_7b.run(RecordVerification(Verification.NOT_CONFIRMED), AT)

    with pytest.raises(InvalidTransitionError, match="no verification is recorded"):
        active_7b.run(Conclude(Outcome.INFORMATION_NOT_CONFIRMED), LATER + timedelta(hours=1))
    with pytest.raises(InvalidTransitionError) as refused:
        active_7b.run(RecordVerification(Verification.VERIFIED), AT + timedelta(hours=1))
    assert "already recorded as not confirmed on 2026-04-01 10:00 UTC" in refused.value.detail
    state = active_7b.state
    assert state.periods[0].verified == (Verification.NOT_CONFIRMED, AT)
    assert (state.verification, state.verified_at) == (None, None)
    (second,) = active_7b.run(RecordVerification(Verification.VERIFIED), LATER).events
    assert isinstance(second.payload, TriggerInformationVerified)


@pytest.mark.parametrize(
    ("activated", "accepted"),
    [("active_7b", True), ("active_by_bureau", True), ("active_7a", False)],
)
def test_P20_the_7b_trigger_is_verified_whoever_triggered_the_good_offices_never_in_7a(
    request, activated, accepted
):
    log = request.getfixturevalue(activated)

    if accepted:
        (recorded,) = log.run(RecordVerification(Verification.VERIFIED), AT).events
        assert isinstance(recorded.payload, TriggerInformationVerified)
    else:
        with pytest.raises(InvalidTransitionError) as refused:
            log.run(RecordVerification(Verification.VERIFIED), AT)
        assert "only in a 7(b) case (annex II para 20)" in refused.value.detail


def test_P21_the_president_reports_to_the_bureau_with_the_un_secretariat_information(active_7b):
    command = SubmitReportToBureau("Contacts of 1-3 April.", "Notification of 2 April.")

    (recorded,) = active_7b.run(command, AT).events

    assert recorded.payload == ReportToBureauSubmitted(
        case_id="NC-2026-001",
        summary="Contacts of 1-3 April.",
        un_secretariat_information="Notification of 2 April.",
    )
    assert meta_of(recorded.payload).rule == "P21"
    assert recorded.effective_classification() is Classification.BUREAU


def test_P21_the_good_offices_count_the_reports_to_the_bureau(active_7b):
    active_7b.run(SubmitReportToBureau("First report."), AT)
    active_7b.run(SubmitReportToBureau("Second report."), LATER)

    assert active_7b.state.reports_to_bureau == 2


@pytest.mark.parametrize("case", ["urgent_case", "closed_case"])
def test_P21_the_president_reports_on_concluded_good_offices_also_once_the_case_closed(
    active_7b, request, case
):
    active_7b.run(Conclude(Outcome.COOPERATION_OBTAINED), AT)
    active_7b.case = request.getfixturevalue(case)

    decision = active_7b.run(SubmitReportToBureau("Final report."), LATER)

    assert [type(p.payload) for p in decision.events] == [ReportToBureauSubmitted]


def test_P21_there_is_no_report_on_good_offices_never_begun(log):
    with pytest.raises(InvalidTransitionError) as refused:
        log.run(SubmitReportToBureau("Nothing to report."), AT)

    assert "have never been active" in refused.value.detail
