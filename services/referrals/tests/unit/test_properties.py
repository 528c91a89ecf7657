"""Properties that hold whatever commands arrive, in whatever order and at whatever times:
the scheduler's promises (docs/architecture.md §5) and the confidentiality of 7(b) cases."""

from __future__ import annotations

from contextlib import suppress
from datetime import UTC, date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from noncoop_shared.access import Classification
from noncoop_shared.catalogue.referrals import (
    CaseClosed,
    ClosureReason,
    CourtDecisionReversed,
    CourtDecisionWithdrawn,
    DecisionForwardedToStatesParties,
    DecisionForwardingOverdue,
    PressReleaseIssued,
    PressReleaseOverdue,
)
from noncoop_shared.decisions import DeadlineSet, DeadlineSettled
from noncoop_shared.errors import DomainError
from referrals.domain.commands import (
    CloseCase,
    ContinueUnderCourtReferral,
    DecisionChangeKind,
    MarkDeadlineOverdue,
    RecordCourtDecisionChange,
    RecordForwarding,
    RecordPressRelease,
)

START = datetime(2026, 3, 31, 23, 30, tzinfo=UTC)
TIMES = st.timedeltas(min_value=timedelta(hours=-12), max_value=timedelta(days=4)).map(
    lambda offset: START + offset
)

LATER_COMMANDS = st.one_of(
    st.just(RecordForwarding("ICC-ASP/25/SP/31")),
    st.just(RecordPressRelease("ICC-ASP-20260401-PR12", "On Examplia")),
    st.builds(MarkDeadlineOverdue, st.sampled_from(["forwarding", "press_release"])),
    st.builds(CloseCase, st.sampled_from(ClosureReason)),
    st.builds(
        RecordCourtDecisionChange,
        kind=st.sampled_from(DecisionChangeKind),
        decision_reference=st.sampled_from(["ICC-01/99-01/25-57", "ICC-01/99-01/25-99"]),
        change_reference=st.just("ICC-01/99-01/25-70"),
        change_date=st.just(date(2026, 4, 1)),
        referred_to_security_council=st.sampled_from([None, True]),
    ),
)
"""Every command that may follow the opening one, except a continuation under 7(a)."""

OVERDUE = {DecisionForwardingOverdue: "forwarding", PressReleaseOverdue: "press_release"}
DONE = {DecisionForwardedToStatesParties: "forwarding", PressReleaseIssued: "press_release"}
ENDS = (CourtDecisionReversed, CourtDecisionWithdrawn, CaseClosed)


def _run_all(log, steps):
    """Run each command at its time; a refusal records nothing and the stream goes on."""
    decisions = []
    for command, at in steps:
        with suppress(DomainError):
            decisions.append(log.run(command, at))
    return decisions


def _steps(commands):
    return st.lists(st.tuples(commands, TIMES), max_size=12)


@settings(max_examples=300, deadline=None)
@given(opening=st.sampled_from(["register", "report_urgent"]), data=st.data())
def test_each_deadline_is_flagged_overdue_at_most_once_whatever_the_commands(
    new_log, request, referral_decision, opening, data
):
    log = new_log()
    commands = st.one_of(LATER_COMMANDS, st.just(ContinueUnderCourtReferral(referral_decision)))
    log.run(request.getfixturevalue(opening), START)

    _run_all(log, data.draw(_steps(commands)))

    flagged = [OVERDUE[type(p.payload)] for p in log.recorded if type(p.payload) in OVERDUE]
    assert len(flagged) == len(set(flagged))


@settings(max_examples=300, deadline=None)
@given(steps=_steps(LATER_COMMANDS))
def test_no_step_is_flagged_overdue_once_done_or_once_the_procedure_ended(new_log, register, steps):
    log = new_log()
    log.run(register, START)

    _run_all(log, steps)

    finished: set[str] = set()
    for pending in log.recorded:
        kind = type(pending.payload)
        assert OVERDUE.get(kind) not in finished
        if kind in DONE:
            finished.add(DONE[kind])
        if isinstance(pending.payload, ENDS):
            finished |= {"forwarding", "press_release"}


@settings(max_examples=300, deadline=None)
@given(opening=st.sampled_from(["register", "report_urgent"]), data=st.data())
def test_the_scheduler_is_told_to_settle_only_the_deadlines_it_was_told_to_set(
    new_log, request, referral_decision, opening, data
):
    log = new_log()
    commands = st.one_of(LATER_COMMANDS, st.just(ContinueUnderCourtReferral(referral_decision)))
    steps = [(request.getfixturevalue(opening), START), *data.draw(_steps(commands))]

    running: set[str] = set()
    for decision in _run_all(log, steps):
        for change in decision.deadlines:
            if isinstance(change, DeadlineSet):
                assert change.kind not in running
                running.add(change.kind)
            else:
                assert isinstance(change, DeadlineSettled)
                assert change.kind in running
                running.remove(change.kind)
        for pending in decision.events:
            if type(pending.payload) in OVERDUE:
                assert OVERDUE[type(pending.payload)] in running


@settings(max_examples=300, deadline=None)
@given(steps=_steps(LATER_COMMANDS))
def test_nothing_about_a_case_known_only_as_an_urgent_incident_is_recorded_below_restricted(
    new_log, report_urgent, steps
):
    log = new_log()
    log.run(report_urgent, START)

    _run_all(log, steps)

    assert {p.effective_classification() for p in log.recorded} == {Classification.RESTRICTED}
