"""Properties that hold whatever commands arrive, in whatever order, at whatever times, and
whatever the case register says of the case meanwhile: the scheduler's promises
(docs/architecture.md §5), the policies' idempotence, and the confidentiality of the informal
dimension (para 11)."""

from __future__ import annotations

from contextlib import suppress
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from good_offices.domain.commands import (
    ActivateByBureauDecision,
    ActivateOnOwnInitiative,
    Conclude,
    ContinueUnder7a,
    MarkDeadlineOverdue,
    NoteCaseClosed,
    RecordAssistanceEngagement,
    RecordBureauNotification,
    RecordTravelInformation,
    RecordVerification,
    RequestAssistance,
    ShareTravelInformationWithCourt,
    SubmitReportToBureau,
)
from good_offices.domain.facts import CaseFacts, CaseStatus, Scenario
from noncoop_shared.access import Classification
from noncoop_shared.auth.roles import RegionalGroup
from noncoop_shared.catalogue.base import meta_of
from noncoop_shared.catalogue.good_offices import (
    Assistant,
    BureauNotificationOverdue,
    Outcome,
    TravelInformationSharingOverdue,
    TravelStatus,
    Verification,
)
from noncoop_shared.decisions import DeadlineSet, DeadlineSettled, Decision
from noncoop_shared.errors import DomainError

START = datetime(2026, 3, 31, 23, 30, tzinfo=UTC)
TIMES = st.timedeltas(min_value=timedelta(hours=-12), max_value=timedelta(days=4)).map(
    lambda offset: START + offset
)
OPEN_7B = CaseFacts("NC-2026-001", Scenario.URGENT_INCIDENT, CaseStatus.OPEN, "EXA")
CASES = st.sampled_from(
    [
        OPEN_7B,
        OPEN_7B,
        OPEN_7B,
        replace(OPEN_7B, scenario=Scenario.COURT_REFERRAL),
        replace(OPEN_7B, scenario=Scenario.URGENT_CONTINUED_UNDER_REFERRAL),
        replace(OPEN_7B, status=CaseStatus.CLOSED),
        replace(OPEN_7B, scenario=Scenario.INFORMATION_ONLY, status=CaseStatus.INFORMATION_ONLY),
        None,
    ]
)
"""What the register says of the case at each command: mostly an open 7(b) case."""
TRAVEL_IDS = ["T-1", "T-2"]
TRAVEL_T1 = RecordTravelInformation(
    "T-1", "A. N. Example", "XMP", date(2026, 4, 2), None, TravelStatus.POTENTIAL
)

ENGAGEMENT = st.one_of(
    st.just(ActivateOnOwnInitiative(date(2026, 3, 30), "Leaves on 2 April.")),
    st.just(ActivateOnOwnInitiative(None)),
    st.builds(ActivateByBureauDecision, st.sampled_from(["ICC-ASP/25/Bureau/4", None])),
    st.builds(RequestAssistance, st.just(Assistant.FOCAL_POINT), st.sampled_from(RegionalGroup)),
    st.builds(RecordAssistanceEngagement, st.sampled_from(RegionalGroup), st.just("Met.")),
    st.builds(RecordVerification, st.sampled_from(Verification)),
    st.just(SubmitReportToBureau("Report on the engagement.")),
    st.builds(Conclude, st.sampled_from(Outcome)),
    st.builds(
        RecordTravelInformation,
        travel_id=st.sampled_from(TRAVEL_IDS),
        person=st.just("A. N. Example"),
        destination_state=st.just("XMP"),
        travel_from=st.just(date(2026, 4, 2)),
        travel_to=st.sampled_from([None, date(2026, 4, 1), date(2026, 4, 3)]),
        status=st.sampled_from(TravelStatus),
    ),
    st.just(ContinueUnder7a()),
    st.just(NoteCaseClosed()),
)
SETTLING = st.one_of(
    st.just(RecordBureauNotification("E-mail to the Bureau")),
    st.builds(
        ShareTravelInformationWithCourt,
        st.sampled_from([*TRAVEL_IDS, "T-3"]),
        st.just("Registry"),
    ),
)
FIRING = st.builds(
    MarkDeadlineOverdue,
    st.sampled_from(["bureau_notification", *(f"travel_sharing:{t}" for t in TRAVEL_IDS)]),
)
COMMANDS = st.one_of(ENGAGEMENT, SETTLING, FIRING)
"""The scheduler fires a third of the time, so that it often fires twice, or after a step."""
STEPS = st.lists(st.tuples(COMMANDS, TIMES, CASES), min_size=2, max_size=24)


OPENING = [
    (ActivateOnOwnInitiative(date(2026, 3, 30)), START, OPEN_7B),
    (TRAVEL_T1, START, OPEN_7B),
]
"""Good offices active on the 7(b) case and travel information to share: every deadline runs."""


def _run_all(log, steps) -> list[tuple[Decision, datetime]]:
    """Run the opening steps, then each command at its time on the case as given; a refusal
    records nothing and the stream goes on."""
    decisions = []
    for command, at, case in [*OPENING, *steps]:
        log.case = case
        with suppress(DomainError):
            decisions.append((log.run(command, at), at))
    return decisions


def _overdue_kind(payload) -> str | None:
    if isinstance(payload, BureauNotificationOverdue):
        return "bureau_notification"
    if isinstance(payload, TravelInformationSharingOverdue):
        return f"travel_sharing:{payload.travel_id}"
    return None


@settings(max_examples=400, deadline=None)
@given(steps=STEPS)
def test_each_deadline_is_flagged_overdue_at_most_once_only_while_it_runs_and_never_early(
    new_log, steps
):
    log = new_log()
    running: set[str] = set()
    flagged: set[str] = set()

    for decision, at in _run_all(log, steps):
        for pending in decision.events:
            kind = _overdue_kind(pending.payload)
            if kind is not None:
                assert kind in running
                assert kind not in flagged
                assert pending.payload.due_at <= at
                flagged.add(kind)
        for change in decision.deadlines:
            if isinstance(change, DeadlineSet):
                running.add(change.kind)
                flagged.discard(change.kind)
            else:
                running.discard(change.kind)


@settings(max_examples=400, deadline=None)
@given(steps=STEPS)
def test_the_scheduler_is_told_to_settle_only_the_deadlines_it_was_told_to_set(new_log, steps):
    log = new_log()
    running: set[str] = set()

    for decision, _ in _run_all(log, steps):
        for change in decision.deadlines:
            if isinstance(change, DeadlineSet):
                assert change.kind not in running
                running.add(change.kind)
            else:
                assert isinstance(change, DeadlineSettled)
                assert change.kind in running
                running.remove(change.kind)

    assert running == set(log.state.awaited())


@settings(max_examples=300, deadline=None)
@given(
    steps=STEPS,
    policy=st.sampled_from([ContinueUnder7a(), NoteCaseClosed()]),
    case=CASES,
    at=TIMES,
)
def test_a_policy_command_never_fails_and_decides_nothing_when_delivered_again(
    new_log, steps, policy, case, at
):
    log = new_log()
    _run_all(log, steps)
    log.case = case

    log.run(policy, at)

    # Delivered again, a reaction carries its cause's business time again (reaction_context):
    # the same ``at``. A later ``at`` is another command: good offices activated between the
    # two instants (a step at 23:30, the continuation dated 23:25) rightly go on under 7(a) then.
    assert log.run(policy, at) == Decision()


@settings(max_examples=300, deadline=None)
@given(steps=STEPS)
def test_nothing_of_the_good_offices_on_a_case_is_recorded_wider_than_the_bureau(new_log, steps):
    log = new_log()

    _run_all(log, steps)

    for pending in log.recorded:
        assert pending.effective_classification() in {
            Classification.BUREAU,
            Classification.RESTRICTED,
        }
        assert (pending.rule or meta_of(pending.payload).rule) is not None


@settings(max_examples=300, deadline=None)
@given(steps=STEPS)
def test_only_regions_with_a_focal_point_on_the_roster_are_assigned_to_the_case(new_log, steps):
    log = new_log()

    _run_all(log, steps)

    assert log.state.assigned_regions <= log.roster_regions
    assert RegionalGroup.EASTERN_EUROPEAN not in log.state.assigned_regions
