"""The procedural state is a pure fold of a case's envelopes of every service: each rule's
state (done / pending / overdue / not applicable), since when, by whom, due when, and why."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest

from noncoop_shared.access import Classification
from noncoop_shared.catalogue import bureau as bu
from noncoop_shared.catalogue import good_offices as go
from noncoop_shared.catalogue import referrals as ref
from noncoop_shared.catalogue import reporting as rp
from noncoop_shared.catalogue.base import EventPayload
from noncoop_shared.catalogue.common import (
    RequestedState,
    StateStatus,
)
from reporting.domain.procedural import (
    WHY_NO_REFERRAL,
    WHY_NO_SECURITY_COUNCIL,
    WHY_P15,
    fold,
)

from .procedural_support import (
    CALENDAR,
    CASE,
    FORWARD_DUE,
    PRESS_DUE,
    REFERRED_AT,
    REPORTED_AT,
    REQUEST,
    STATE,
    Log,
    activated,
    attended,
    decided,
    decision,
    formal,
    referred,
    session,
    travel_recorded,
    urgent,
)

# --- P13 and its service levels --------------------------------------------------------------


def test_a_referral_opens_a_7a_case_with_forwarding_and_press_release_pending():
    state = referred().fold()

    assert (state.scenario, state.status) == ("7a", "open")
    p13 = state.rule("P13")
    assert (p13.state, p13.done_at, p13.actor, p13.ref) == (
        "done",
        REFERRED_AT,
        "court:icc-registry",
        "ICC-01/99-01/26-123",
    )
    forward = state.rule("P13-forward")
    assert (forward.state, forward.due_at, forward.since) == ("pending", FORWARD_DUE, REFERRED_AT)
    assert state.rule("P13-press").state == "pending"
    assert state.next_due is not None
    assert (state.next_due.rule, state.next_due.due_at) == ("P13-forward", FORWARD_DUE)


def test_p13_forward_done_by_the_secretariat_and_next_due_moves_to_the_press_release():
    forwarded_at = datetime(2026, 4, 1, 8, 0, tzinfo=UTC)
    state = (
        referred()
        .add(
            ref.DecisionForwardedToStatesParties(
                case_id=CASE, communication_reference="SP/31", due_at=FORWARD_DUE, late=False
            ),
            forwarded_at,
            "secretariat:sec-7",
        )
        .fold()
    )

    forward = state.rule("P13-forward")
    assert (forward.state, forward.done_at, forward.actor, forward.ref) == (
        "done",
        forwarded_at,
        "secretariat:sec-7",
        "SP/31",
    )
    assert state.next_due is not None
    assert (state.next_due.rule, state.next_due.due_at) == ("P13-press", PRESS_DUE)


def test_p13_press_overdue_on_a_date_past_its_due_instant_and_done_late_when_issued_after():
    log = referred().add(
        ref.PressReleaseOverdue(case_id=CASE, due_at=PRESS_DUE), PRESS_DUE, "system:referrals"
    )
    press = log.fold(on=date(2026, 4, 2)).rule("P13-press")
    assert (press.state, press.since, press.due_at) == ("overdue", PRESS_DUE, PRESS_DUE)
    # Without a date nothing is judged against a clock, whatever the overdue record says.
    assert log.fold().rule("P13-press").state == "pending"

    issued_at = datetime(2026, 4, 3, 10, 0, tzinfo=UTC)
    log.add(
        ref.PressReleaseIssued(
            case_id=CASE, reference="PR-1", title="President calls", due_at=PRESS_DUE, late=True
        ),
        issued_at,
        "president:pres-1",
    )
    press = log.fold(on=date(2026, 4, 3)).rule("P13-press")
    assert (press.state, press.done_at, press.actor, press.late) == (
        "done",
        issued_at,
        "president:pres-1",
        True,
    )
    assert "done late" in press.why


def test_on_the_day_of_the_due_instant_a_pending_rule_is_overdue_and_not_the_day_before():
    log = referred()  # forwarding due on 1 April 2026 at 23:30
    assert log.fold(on=date(2026, 3, 31)).rule("P13-forward").state == "pending"
    late = log.fold(on=date(2026, 4, 1))
    assert (late.rule("P13-forward").state, late.rule("P13-forward").since) == (
        "overdue",
        FORWARD_DUE,
    )
    assert late.next_due is None or late.next_due.rule != "P13-forward"


# --- Scenarios -------------------------------------------------------------------------------


def test_information_only_has_no_procedure_rows():
    state = (
        Log()
        .add(
            ref.CourtFindingRecordedForInformation(
                case_id=CASE,
                requested_state=STATE,
                court_request=REQUEST,
                decision=decision(assembly=False),
                why_no_procedure="not_referred",
            ),
            REFERRED_AT,
            "court:icc-registry",
        )
        .fold()
    )

    assert (state.scenario, state.status) == ("information_only", "information_only")
    assert state.rules == []
    assert state.next_due is None


def test_a_7b_case_has_no_formal_response_and_its_good_offices_rules_apply():
    activated_at = REPORTED_AT + timedelta(hours=1)
    log = activated(urgent(), go.ActivationBasis.OWN_INITIATIVE_7B, "P18-own-7b", activated_at)
    state = log.fold()

    assert (state.scenario, state.status) == ("7b", "open")
    for rule in ("P13", "P13-forward", "P13-press", "P14a", "P14b", "P14g", "P15"):
        assert (state.rule(rule).state, state.rule(rule).why) == (
            "not_applicable",
            WHY_NO_REFERRAL,
        )
    basis = state.rule("P18-own-7b")
    assert (basis.state, basis.done_at, basis.actor) == ("done", activated_at, "president:pres-1")
    notify = state.rule("P18-notify")
    assert (notify.state, notify.due_at) == ("pending", activated_at + timedelta(hours=24))
    assert state.next_due is not None
    assert state.next_due.rule == "P18-notify"


def test_a_7b_case_continued_as_7a_keeps_its_history_and_opens_the_formal_rules():
    continued_at = datetime(2026, 4, 2, 12, 0, tzinfo=UTC)
    log = urgent().add(
        ref.CaseContinuedUnderCourtReferral(
            case_id=CASE,
            decision=decision(),
            forwarding_due_at=continued_at + timedelta(days=1),
            press_release_due_at=continued_at + timedelta(days=1),
        ),
        continued_at,
        "court:icc-registry",
    )

    state = log.fold()
    assert state.scenario == "7b_continued_as_7a"
    assert (state.rule("P13").state, state.rule("P13").done_at) == ("done", continued_at)
    assert state.rule("P13-forward").state == "pending"
    # A reader who never saw the 7(b) report meets a 7(a) case.
    assert log.visible_to(Classification.STATES_PARTIES).scenario == "7a"
    assert log.visible_to(Classification.PUBLIC).events == 1


# --- Good offices ----------------------------------------------------------------------------


def test_p18_notify_overdue_then_done_and_the_p19_basis_needs_no_notification():
    activated_at = datetime(2026, 4, 2, 9, 0, tzinfo=UTC)
    log = activated(referred(), go.ActivationBasis.OWN_INITIATIVE_7A, "P18-own-7a", activated_at)
    due = activated_at + timedelta(hours=24)
    log.add(go.BureauNotificationOverdue(case_id=CASE, due_at=due), due, "system:good-offices")
    on = date(2026, 4, 3)
    assert (log.fold(on=on).rule("P18-notify").state, log.fold(on=on).rule("P18-own-7a").state) == (
        "overdue",
        "done",
    )
    notified_at = due + timedelta(hours=2)
    log.add(
        go.BureauNotifiedOfActivation(case_id=CASE, means="email", due_at=due, late=True),
        notified_at,
        "president:pres-1",
    )
    notify = log.fold(on=on).rule("P18-notify")
    assert (notify.state, notify.done_at, notify.ref, notify.late) == (
        "done",
        notified_at,
        "email",
        True,
    )

    by_bureau = activated(referred(), go.ActivationBasis.BUREAU_DECISION, "P19", activated_at)
    state = by_bureau.fold()
    assert state.rule("P19").state == "done"
    assert state.rule("P18-notify").state == "not_applicable"


def test_before_activation_the_good_offices_rules_do_not_apply():
    state = referred().fold()
    assert {state.rule(r).state for r in ("P18-notify", "P20", "P21")} == {"not_applicable"}


def test_p20_counts_the_engagement_and_p21_the_reports_to_the_bureau():
    at = datetime(2026, 4, 2, 9, 0, tzinfo=UTC)
    log = activated(urgent(), go.ActivationBasis.OWN_INITIATIVE_7B, "P18-own-7b", at)
    assert (log.fold().rule("P20").state, log.fold().rule("P20").count) == ("pending", 0)
    log.add(
        go.ContactRecorded(
            case_id=CASE,
            counterpart_kind=go.Counterpart.REQUESTED_STATE_OFFICIAL,
            counterpart="Minister of Justice",
            summary="call",
        ),
        at + timedelta(hours=3),
        "president:pres-1",
    )
    log.add(go.CourtConsulted(case_id=CASE, summary="Registry"), at + timedelta(hours=4))
    log.add(
        go.TriggerInformationVerified(case_id=CASE, outcome=go.Verification.VERIFIED),
        at + timedelta(hours=5),
    )
    p20 = log.fold().rule("P20")
    # done since the first engagement, whatever came after
    assert (p20.state, p20.count, p20.done_at) == ("done", 3, at + timedelta(hours=3))
    assert "verified" in p20.why
    assert log.fold().rule("P21").state == "pending"
    log.add(go.ReportToBureauSubmitted(case_id=CASE, summary="report"), at + timedelta(days=1))
    assert (log.fold().rule("P21").state, log.fold().rule("P21").count) == ("done", 1)


def test_res35_one_row_per_travel_record_shared_pending_or_overdue():
    at = datetime(2026, 4, 2, 9, 0, tzinfo=UTC)
    log = activated(urgent(), go.ActivationBasis.OWN_INITIATIVE_7B, "P18-own-7b", at)
    for travel_id in ("T1", "T2", "T3"):
        travel_recorded(log, at, travel_id=travel_id)
    log.add(
        go.TravelInformationSharedWithCourt(
            case_id=CASE,
            travel_id="T1",
            channel="secure",
            due_at=at + timedelta(hours=24),
            late=False,
        ),
        at + timedelta(hours=2),
        "focal_point:fp-afr",
    )
    log.add(
        go.TravelInformationSharingOverdue(
            case_id=CASE, travel_id="T3", due_at=at + timedelta(hours=24)
        ),
        at + timedelta(hours=24),
        "system:good-offices",
    )
    # Shared in time or not depends on the due instant, not on the overdue record (T3).
    state = log.fold(on=date(2026, 4, 2))
    assert [(r.ref, r.state) for r in state.rules if r.rule == "Res35"] == [
        ("T1", "done"),
        ("T2", "pending"),
        ("T3", "pending"),
    ]
    state = log.fold(on=date(2026, 4, 3))
    assert [(r.ref, r.state) for r in state.rules if r.rule == "Res35"] == [
        ("T1", "done"),
        ("T2", "overdue"),
        ("T3", "overdue"),
    ]
    assert state.rule("Res35", "T1").actor == "focal_point:fp-afr"


# --- The formal response (P14, P15) ---------------------------------------------------------


def test_p14_optional_steps_are_optional_the_tracked_ones_pending_then_done():
    log = formal(referred())
    state = log.fold()
    for rule in ("P14a", "P14b", "P14d", "P14f"):
        assert state.rule(rule).state == "optional", rule
    assert state.rule("P14f", "facilitator").state == "optional"
    for rule in ("P14c", "P14e"):
        assert state.rule(rule).state == "pending", rule
    assert (state.rule("P15").state, state.rule("P15").why) == ("pending", WHY_P15)

    met = date(2026, 4, 3)
    log.add(
        bu.EmergencyMeetingConvened(case_id=CASE, meeting_id="EM-1", meets_on=met),
        datetime(2026, 4, 1, 12, 0, tzinfo=UTC),
        "secretariat:sec-1",
    )
    assert (log.fold().rule("P14a").state, log.fold().rule("P14a").ref) == ("pending", "EM-1")
    held_at = datetime(2026, 4, 3, 15, 0, tzinfo=UTC)
    log.add(
        bu.EmergencyMeetingHeld(case_id=CASE, meeting_id="EM-1", held_on=met),
        held_at,
        "secretariat:sec-1",
    )
    log.add(
        bu.RequestedStateInvited(case_id=CASE, meeting_id="B-9", meets_on=date(2026, 5, 4)),
        held_at,
        "secretariat:sec-1",
    )
    log.add(
        bu.OmnibusNotingRecorded(case_id=CASE, session_id="ASP-25"),
        datetime(2026, 12, 5, tzinfo=UTC),
        "secretariat:sec-1",
    )
    state = log.fold()
    assert (state.rule("P14a").state, state.rule("P14a").done_at) == ("done", held_at)
    assert (state.rule("P14c").state, state.rule("P14c").ref) == ("pending", "B-9")
    assert (state.rule("P14e").state, state.rule("P14e").ref) == ("done", "ASP-25")
    assert state.rule("P14d").state == "optional"


def test_p14b_reply_due_then_overdue_then_received():
    log = formal(referred())
    sent_at = datetime(2026, 4, 2, 10, 0, tzinfo=UTC)
    log.add(
        bu.OpenLetterSent(case_id=CASE, letter_reference="L-1", reply_due_on=date(2026, 4, 30)),
        sent_at,
        "president:pres-1",
    )
    p14b = log.fold().rule("P14b")
    end_of_due_day = datetime(2026, 5, 1, tzinfo=UTC)
    assert (p14b.state, p14b.since, p14b.due_at, p14b.ref) == (
        "pending",
        sent_at,
        end_of_due_day,
        "L-1",
    )
    assert "2026-04-30" in p14b.why
    log.add(
        bu.OpenLetterReplyOverdue(case_id=CASE, reply_due_on=date(2026, 4, 30)),
        end_of_due_day,
        "system:bureau",
    )
    assert log.fold(on=date(2026, 4, 30)).rule("P14b").state == "pending"  # due at its end
    assert log.fold(on=date(2026, 5, 1)).rule("P14b").state == "overdue"
    received = datetime(2026, 5, 3, 9, 0, tzinfo=UTC)
    log.add(
        bu.OpenLetterReplyReceived(case_id=CASE, received_on=date(2026, 5, 3), late=True),
        received,
        "secretariat:sec-1",
    )
    p14b = log.fold(on=date(2026, 5, 3)).rule("P14b")
    assert (p14b.state, p14b.done_at, p14b.late) == ("done", received, True)
    assert "late" in p14b.why


def test_p14g_applies_only_when_the_court_referred_the_matter_to_the_security_council():
    assert (referred().fold().rule("P14g").state, referred().fold().rule("P14g").why) == (
        "not_applicable",
        WHY_NO_SECURITY_COUNCIL,
    )
    log = formal(referred(security_council=True), security_council=True)
    assert log.fold().rule("P14g").state == "optional"
    sent_at = datetime(2026, 4, 5, tzinfo=UTC)
    log.add(
        bu.SecurityCouncilLetterSent(case_id=CASE, letter_reference="SC-1"),
        sent_at,
        "president:pres-1",
    )
    assert (log.fold().rule("P14g").state, log.fold().rule("P14g").ref) == ("done", "SC-1")


def test_an_amendment_adding_the_security_council_referral_makes_p14g_apply():
    log = referred().add(
        ref.CourtDecisionAmended(
            case_id=CASE,
            decision_reference="ICC-01/99-01/26-123",
            change_reference="ICC-01/99-01/26-150",
            change_date=date(2026, 4, 20),
            procedure_effect="continues",
            referred_to_security_council=True,
        ),
        datetime(2026, 4, 20, tzinfo=UTC),
        "court:icc-registry",
    )
    assert log.fold().rule("P14g").state == "optional"


def test_after_a_stop_the_remaining_steps_do_not_apply_and_done_ones_stay_done():
    log = formal(referred())
    forwarded_at = datetime(2026, 4, 1, 8, 0, tzinfo=UTC)
    log.add(
        ref.DecisionForwardedToStatesParties(
            case_id=CASE, communication_reference="SP/31", due_at=FORWARD_DUE, late=False
        ),
        forwarded_at,
    )
    stopped_at = datetime(2026, 6, 2, tzinfo=UTC)
    log.add(
        bu.FormalResponseStopped(case_id=CASE, reason=bu.StopReason.DECISION_REVERSED),
        stopped_at,
        "system:bureau",
    )
    state = log.fold()
    assert state.rule("P13-forward").state == "done"
    for rule in ("P13-press", "P14a", "P14b", "P14e"):
        assert (state.rule(rule).state, state.rule(rule).since) == ("not_applicable", stopped_at)
        assert "decision reversed" in state.rule(rule).why
    # The report on the action taken before the stop is still owed (P15).
    assert state.rule("P15").state == "pending"
    assert state.next_due is None


def test_the_courts_reversal_ending_the_procedure_stops_the_remaining_steps():
    log = referred().add(
        ref.CourtDecisionReversed(
            case_id=CASE,
            decision_reference="ICC-01/99-01/26-123",
            change_reference="ICC-01/99-01/26-200-AC",
            change_date=date(2026, 6, 1),
            procedure_effect="ends",
        ),
        datetime(2026, 6, 1, 10, 0, tzinfo=UTC),
        "court:icc-registry",
    )
    state = log.fold()
    assert state.rule("P13").state == "done"
    assert state.rule("P14a").state == "not_applicable"
    assert "reversed" in state.rule("P14a").why
    assert "ICC-01/99-01/26-200-AC" in state.rule("P13-press").why


def test_a_closed_case_leaves_nothing_pending_but_the_report_it_still_owes():
    closed_at = datetime(2026, 7, 1, tzinfo=UTC)
    state = (
        referred()
        .add(ref.CaseClosed(case_id=CASE, reason=ref.ClosureReason.COOPERATION_OBTAINED), closed_at)
        .fold()
    )
    assert state.status == "closed"
    assert [r.rule for r in state.rules if r.state == "pending"] == ["P15"]
    assert "cooperation obtained" in state.rule("P14a").why


# --- Audiences -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("audience", "sees_activation"),
    [
        (Classification.PUBLIC, False),
        (Classification.STATES_PARTIES, False),
        (Classification.BUREAU, False),
        (Classification.RESTRICTED, True),
    ],
)
def test_each_audience_folds_only_what_it_may_read(audience: Classification, sees_activation: bool):
    log = referred().add(ref.PressReleaseOverdue(case_id=CASE, due_at=PRESS_DUE), PRESS_DUE)
    activated(log, go.ActivationBasis.OWN_INITIATIVE_7A, "P18-own-7a", PRESS_DUE)
    state = log.visible_to(audience, on=date(2026, 4, 2))
    # Overdue comes from the due instant on the (public) referral, not from the Bureau's record.
    assert state.rule("P13-press").state == "overdue"
    assert any(r.rule == "P18-own-7a" for r in state.rules) is sees_activation
    assert (state.rule("P18-notify").state == "pending") is sees_activation


def test_envelopes_of_other_cases_and_registry_streams_are_ignored():
    log = referred()
    other = referred().envelopes[0].model_copy(update={"subject": "another-case"})
    registry = log.envelopes[0].model_copy(update={"stream": "bureau-meetings"})
    assert fold(CASE, [*log.envelopes, other, registry]) == log.fold()


# --- The fold in steps (what the projection stores between events) --------------------------


def test_folding_in_steps_through_stored_facts_gives_the_state_of_the_whole_fold():
    from reporting.domain.procedural import (
        CaseFacts,
        derive,
        facts_from_json,
        facts_to_json,
        step,
    )

    at = datetime(2026, 4, 2, 9, 0, tzinfo=UTC)
    log = formal(
        activated(
            referred(security_council=True), go.ActivationBasis.OWN_INITIATIVE_7A, "P18-own-7a", at
        )
    )
    travel_recorded(log, at)
    log.add(
        bu.EmergencyMeetingConvened(case_id=CASE, meeting_id="EM-1", meets_on=date(2026, 4, 3)),
        at,
        "secretariat:sec-1",
    )
    assert len(log.envelopes) >= 5
    facts = CaseFacts(CASE)
    for n, envelope in enumerate(log.envelopes, start=1):
        step(facts, envelope)
        facts = facts_from_json(facts_to_json(facts))  # as the projection stores them
        assert derive(facts) == fold(CASE, log.envelopes[:n]), n
    assert derive(facts).events == len(log.envelopes)  # the whole log reached the facts


# --- P15: the Bureau report to the session ---------------------------------------------------

SUBMITTED_AT = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


def report_submitted(
    report_id: str = "R-1", session_id: str = "ASP-25"
) -> rp.BureauReportSubmitted:
    return rp.BureauReportSubmitted(
        case_id=CASE,
        report_id=report_id,
        session_id=session_id,
        session_starts_on=date(2026, 12, 1),
        sha256_markdown="a" * 64,
        sha256_html="b" * 64,
        checkpoint_id=7,
        merkle_root="c" * 64,
    )


def test_p15_is_done_when_a_report_covering_the_case_is_submitted():
    log = formal(referred())
    log.add(report_submitted(), SUBMITTED_AT, "bureau_member:bm-1")
    p15 = log.fold().rule("P15")
    assert (p15.state, p15.done_at, p15.actor, p15.ref, p15.count) == (
        "done",
        SUBMITTED_AT,
        "bureau_member:bm-1",
        "R-1",
        1,
    )
    assert "report R-1 to session ASP-25" in p15.why


def test_p15_is_done_by_the_first_report_and_counts_them():
    log = formal(referred())
    later = SUBMITTED_AT + timedelta(days=365)
    log.add(report_submitted("R-2", "ASP-26"), later, "president:pres-1")
    log.add(report_submitted("R-1", "ASP-25"), SUBMITTED_AT, "secretariat:sec-1")  # entered late
    p15 = log.fold().rule("P15")
    assert (p15.done_at, p15.actor, p15.ref, p15.count) == (
        SUBMITTED_AT,
        "secretariat:sec-1",
        "R-1",
        2,
    )


def test_p15_does_not_apply_without_a_referral():
    p15 = urgent().fold().rule("P15")
    assert (p15.state, p15.why, p15.due_at) == ("not_applicable", WHY_NO_REFERRAL, None)


# --- Business time: the state on a date D, whatever the order of recording -----------------


def test_a_fulfilment_dated_before_its_due_instant_recorded_after_the_overdue_is_on_time():
    issued_at = PRESS_DUE - timedelta(hours=1)
    log = referred().add(
        ref.PressReleaseOverdue(case_id=CASE, due_at=PRESS_DUE), PRESS_DUE, "system:referrals"
    )
    log.add(  # entered after the scheduler's overdue record, dated before the due instant
        ref.PressReleaseIssued(
            case_id=CASE, reference="PR-1", title="President calls", due_at=PRESS_DUE, late=False
        ),
        issued_at,
        "president:pres-1",
    )
    for on in (date(2026, 4, 1), date(2026, 4, 2), date(2030, 1, 1), None):
        press = log.fold(on=on).rule("P13-press")
        assert (press.state, press.done_at, press.late) == ("done", issued_at, False), on
        assert "late" not in press.why
    # Before the day it was issued, it was not done yet, and not due yet either.
    assert log.fold(on=date(2026, 3, 31)).rule("P13-press").state == "pending"


def test_on_a_day_before_the_due_instant_the_step_is_pending_and_the_day_of_it_overdue():
    log = formal(referred())
    log.add(
        bu.OpenLetterSent(case_id=CASE, letter_reference="L-1", reply_due_on=date(2026, 5, 31)),
        datetime(2026, 4, 2, tzinfo=UTC),
        "president:pres-1",
    )
    assert log.fold(on=date(2026, 5, 30)).rule("P14b").state == "pending"
    assert log.fold(on=date(2026, 5, 31)).rule("P14b").state == "pending"  # due at its end
    overdue = log.fold(on=date(2026, 6, 1)).rule("P14b")
    assert (overdue.state, overdue.since) == ("overdue", datetime(2026, 6, 1, tzinfo=UTC))


def test_facts_dated_after_the_date_asked_had_not_happened_on_it():
    closed_at = datetime(2026, 9, 1, tzinfo=UTC)
    log = formal(referred()).add(
        ref.CaseClosed(case_id=CASE, reason=ref.ClosureReason.COOPERATION_OBTAINED), closed_at
    )
    assert log.fold(on=date(2026, 8, 31)).status == "open"
    assert log.fold(on=date(2026, 8, 31)).rule("P14a").state == "optional"
    assert log.fold(on=date(2026, 9, 1)).status == "closed"
    assert log.fold(on=date(2026, 9, 1)).rule("P14a").state == "not_applicable"
    # Before the Court's decision reached the Assembly the case did not exist.
    assert log.fold(on=date(2026, 3, 30)).scenario is None


def test_the_fold_does_not_depend_on_the_order_the_facts_were_recorded():
    log = formal(referred())
    log.add(
        bu.FormalResponseStopped(case_id=CASE, reason=bu.StopReason.DECISION_WITHDRAWN),
        datetime(2026, 9, 1, tzinfo=UTC),
        "system:bureau",
    )
    log.add(
        bu.FormalResponseStopped(case_id=CASE, reason=bu.StopReason.DECISION_REVERSED),
        datetime(2026, 6, 1, tzinfo=UTC),
        "system:bureau",
    )
    shuffled = Log(envelopes=[*log.envelopes[:2], log.envelopes[3], log.envelopes[2]])
    for fold_ in (log.fold(), shuffled.fold()):
        assert fold_.rule("P14a").since == datetime(2026, 6, 1, tzinfo=UTC)
        assert "decision reversed" in fold_.rule("P14a").why


def test_an_unknown_event_type_is_ignored():
    log = referred()
    unknown = log.envelopes[0].model_copy(
        update={"id": uuid.uuid4(), "type": "noncoop.bureau.something_new.v1", "data": {}}
    )
    assert fold(CASE, [*log.envelopes, unknown]) == log.fold()


# --- P14e and P15: due in the session the decision's date fixes ------------------------------


@pytest.mark.parametrize(
    ("decided_on", "session_id", "closes_on", "ongoing"),
    [
        (date(2026, 11, 30), "ASP-25", date(2026, 12, 9), False),  # the day before it opens
        (date(2026, 12, 1), "ASP-25", date(2026, 12, 9), True),  # its opening day
        (date(2026, 12, 9), "ASP-25", date(2026, 12, 9), True),  # its closing day
        (date(2026, 12, 10), "ASP-26", date(2027, 12, 14), False),  # the day after
        (date(2026, 7, 7), "ASP-24", date(2026, 7, 8), True),  # a resumed part: ASP-24 on-going
        (date(2026, 7, 9), "ASP-25", date(2026, 12, 9), False),  # after the resumed part
        # an unmarked special session is ignored; between its parts ASP-24 is not on-going
        (date(2026, 2, 10), "ASP-25", date(2026, 12, 9), False),
    ],
)
def test_p14e_and_p15_are_due_in_the_next_or_ongoing_session_at_the_decisions_date(
    decided_on: date, session_id: str, closes_on: date, ongoing: bool
):
    state = decided(decided_on).fold(on=decided_on, sessions=CALENDAR)
    for rule in ("P14e", "P15"):
        row = state.rule(rule)
        assert row.due_session is not None
        assert (row.due_session.session_id, row.due_session.closes_on) == (session_id, closes_on)
        assert row.due_session.ongoing is ongoing
        assert row.due_at == datetime.combine(
            closes_on + timedelta(days=1), datetime.min.time(), UTC
        )
        assert session_id in row.why


def test_a_special_session_marked_as_taking_up_non_cooperation_is_the_due_session():
    calendar = [*CALENDAR[:1], session(
        "S-1", date(2026, 2, 10), date(2026, 2, 11), number=24, kind="special", marked=True
    ), *CALENDAR[2:]]  # fmt: skip
    row = decided(date(2026, 1, 15)).fold(on=date(2026, 1, 15), sessions=calendar).rule("P15")
    assert row.due_session is not None and row.due_session.session_id == "S-1"


def test_the_due_session_is_fixed_by_the_decisions_date_not_by_the_date_asked():
    log = decided(date(2026, 3, 30))
    later = log.fold(on=date(2027, 12, 7), sessions=CALENDAR).rule("P15")  # ASP-26 on-going
    assert later.due_session is not None
    assert (later.due_session.session_id, later.state) == ("ASP-25", "overdue")


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (date(2026, 12, 1), "pending"),  # the due session's opening day
        (date(2026, 12, 9), "pending"),  # its closing day: due by its end
        (date(2026, 12, 10), "overdue"),  # the day after it closed
    ],
)
def test_p14e_and_p15_overdue_only_once_the_due_session_has_closed(on: date, expected: str):
    state = formal(decided(date(2026, 9, 1))).fold(on=on, sessions=CALENDAR)
    for rule in ("P14e", "P15"):
        assert state.rule(rule).state == expected, rule
    if expected == "overdue":
        assert state.rule("P15").since == datetime(2026, 12, 10, tzinfo=UTC)


def test_p15_done_on_time_by_a_report_before_the_sessions_end_and_late_after_it():
    on_time = formal(decided(date(2026, 9, 1))).add(
        report_submitted(), SUBMITTED_AT, "secretariat:sec-1"
    )
    p15 = on_time.fold(on=date(2027, 1, 1), sessions=CALENDAR).rule("P15")
    assert (p15.state, p15.late) == ("done", False)
    late_at = datetime(2026, 12, 10, 9, 0, tzinfo=UTC)
    late = formal(decided(date(2026, 9, 1))).add(report_submitted(), late_at, "secretariat:sec-1")
    p15 = late.fold(on=date(2027, 1, 1), sessions=CALENDAR).rule("P15")
    assert (p15.state, p15.late, p15.done_at) == ("done", True, late_at)
    assert "done late" in p15.why
    # on the closing day itself, before the late report, it was still pending
    assert late.fold(on=date(2026, 12, 9), sessions=CALENDAR).rule("P15").state == "pending"


@pytest.mark.parametrize(
    "ending",
    [
        ref.CaseClosed(case_id=CASE, reason=ref.ClosureReason.COOPERATION_OBTAINED),
        bu.FormalResponseStopped(case_id=CASE, reason=bu.StopReason.DECISION_REVERSED),
    ],
)
def test_a_closed_case_or_a_stopped_response_still_owes_p15(ending: EventPayload):
    log = formal(decided(date(2026, 9, 1))).add(ending, datetime(2026, 10, 1, tzinfo=UTC))
    before = log.fold(on=date(2026, 12, 9), sessions=CALENDAR)
    assert before.rule("P15").state == "pending"
    assert before.rule("P14e").state == "not_applicable"  # the noting ends with the procedure
    p15 = log.fold(on=date(2026, 12, 10), sessions=CALENDAR).rule("P15")
    assert (p15.state, p15.due_session.session_id if p15.due_session else None) == (
        "overdue",
        "ASP-25",
    )


def test_without_a_session_on_the_calendar_p15_is_pending_and_says_so():
    p15 = decided(date(2028, 1, 10)).fold(on=date(2028, 1, 10), sessions=CALENDAR).rule("P15")
    assert (p15.state, p15.due_at, p15.due_session) == ("pending", None, None)
    assert "no session after the decision's date is on the calendar yet" in p15.why


# --- Optional steps and when they can no longer happen ----------------------------------------


def test_p14c_is_done_when_the_meeting_is_held_with_the_state_invited_attending_or_not():
    log = formal(decided(date(2026, 4, 1)))
    invited = attended(Log(envelopes=list(log.envelopes)), date(2026, 5, 4))
    invited.envelopes.pop()  # invited, the meeting not held yet
    p14c = invited.fold().rule("P14c")
    assert (p14c.state, p14c.ref) == ("pending", "B-9")
    absent = attended(log, date(2026, 5, 4), attended=False).fold().rule("P14c")
    assert (absent.state, absent.done_at) == ("done", datetime(2026, 5, 4, 15, 0, tzinfo=UTC))
    assert "did not attend" in absent.why


@pytest.mark.parametrize(
    ("opens_on", "expected"),
    [
        (date(2026, 11, 30), "not_applicable"),  # exactly three calendar months after
        (date(2026, 12, 1), "optional"),  # more than three months after
    ],
)
def test_p14d_can_no_longer_happen_when_the_next_session_is_within_three_months_of_the_meeting(
    opens_on: date, expected: str
):
    calendar = [session("ASP-25", opens_on, date(2026, 12, 9), number=25)]
    log = attended(formal(decided(date(2026, 7, 1))), date(2026, 8, 31))
    p14d = log.fold(on=date(2026, 9, 1), sessions=calendar).rule("P14d")
    assert p14d.state == expected
    assert "2026-08-31" in p14d.why and opens_on.isoformat() in p14d.why
    assert "2026-11-30" in p14d.why  # the limit
    if expected == "not_applicable":
        assert p14d.since == datetime(2026, 8, 31, tzinfo=UTC)
    # before the meeting of P14c was held, P14d is only optional
    assert log.fold(on=date(2026, 8, 30), sessions=calendar).rule("P14d").state == "optional"


def test_p14g_is_not_applicable_without_a_security_council_referral_and_says_since_when():
    p14g = formal(referred()).fold().rule("P14g")
    assert (p14g.state, p14g.why, p14g.since) == (
        "not_applicable",
        WHY_NO_SECURITY_COUNCIL,
        REFERRED_AT,
    )


def test_several_emergency_meetings_and_open_letters_have_a_row_each():
    log = formal(referred())
    for n, day in enumerate((date(2026, 4, 3), date(2026, 6, 3)), start=1):
        at = datetime.combine(day, datetime.min.time(), UTC)
        log.add(bu.EmergencyMeetingConvened(case_id=CASE, meeting_id=f"EM-{n}", meets_on=day), at)
        log.add(
            bu.OpenLetterSent(
                case_id=CASE, letter_reference=f"L-{n}", reply_due_on=day + timedelta(days=20)
            ),
            at,
            "president:pres-1",
        )
    log.add(
        bu.EmergencyMeetingAnnounced(
            case_id=CASE, meeting_id="EM-1", announcement=bu.Announcement.CONVENING
        ),
        datetime(2026, 4, 2, 12, tzinfo=UTC),
        "secretariat:sec-1",
    )
    log.add(
        bu.EmergencyMeetingHeld(case_id=CASE, meeting_id="EM-1", held_on=date(2026, 4, 3)),
        datetime(2026, 4, 3, 12, tzinfo=UTC),
    )
    state = log.fold(on=date(2026, 6, 4))
    assert "held on 2026-04-03; convening announced" in state.rule("P14a", "EM-1").why
    assert [(r.ref, r.state) for r in state.rows("P14a")] == [("EM-1", "done"), ("EM-2", "pending")]
    assert [(r.ref, r.state) for r in state.rows("P14b")] == [
        ("L-1", "overdue"),
        ("L-2", "pending"),
    ]


def test_optional_steps_do_not_apply_once_the_procedure_ended_unless_done():
    log = formal(referred(security_council=True), security_council=True)
    log.add(
        bu.SecurityCouncilLetterSent(case_id=CASE, letter_reference="SC-1"),
        datetime(2026, 4, 5, tzinfo=UTC),
        "president:pres-1",
    )
    log.add(
        bu.FormalResponseStopped(case_id=CASE, reason=bu.StopReason.DECISION_WITHDRAWN),
        datetime(2026, 6, 1, tzinfo=UTC),
        "system:bureau",
    )
    state = log.fold()
    assert state.rule("P14g").state == "done"
    for rule in ("P14a", "P14b", "P14d", "P14f"):
        assert state.rule(rule).state == "not_applicable", rule
        assert "withdrawn" in state.rule(rule).why


# --- P19-remain and travel changes -------------------------------------------------------------


def test_p19_remain_is_expected_when_a_7b_case_with_good_offices_continues_as_7a():
    log = activated(urgent(), go.ActivationBasis.OWN_INITIATIVE_7B, "P18-own-7b", REPORTED_AT)
    continued_at = datetime(2026, 4, 2, 12, 0, tzinfo=UTC)
    log.add(
        ref.CaseContinuedUnderCourtReferral(
            case_id=CASE,
            decision=decision(),
            forwarding_due_at=continued_at + timedelta(days=1),
            press_release_due_at=continued_at + timedelta(days=1),
        ),
        continued_at,
        "court:icc-registry",
    )
    remain = log.fold().rule("P19-remain")
    assert (remain.state, remain.since) == ("pending", continued_at)
    assert "remain active" in remain.why
    decided_at = continued_at + timedelta(days=5)
    log.add(
        go.BureauDecidedOnGoodOffices(
            case_id=CASE,
            decision=go.BureauGoodOfficesDecision.REMAIN_ACTIVE,
            bureau_decision_reference="BUR/2026/7",
        ),
        decided_at,
        "bureau_member:bm-1",
    )
    remain = log.fold().rule("P19-remain")
    assert (remain.state, remain.done_at, remain.ref) == ("done", decided_at, "BUR/2026/7")
    # A 7(a) case whose good offices started after the referral expects no such decision.
    plain = activated(referred(), go.ActivationBasis.OWN_INITIATIVE_7A, "P18-own-7a", continued_at)
    assert plain.fold().rows("P19-remain") == []


def test_a_confirmed_travel_is_shared_again_in_its_own_row():
    at = datetime(2026, 4, 2, 9, 0, tzinfo=UTC)
    log = travel_recorded(referred(), at)
    log.add(
        go.TravelInformationConfirmed(
            case_id=CASE,
            travel_id="T1",
            travel_from=date(2026, 4, 10),
            share_due_at=at + timedelta(days=2),
        ),
        at + timedelta(days=1),
        "focal_point:fp-afr",
    )
    log.add(
        go.TravelInformationSharedWithCourt(
            case_id=CASE,
            travel_id="T1",
            channel="secure",
            due_at=at + timedelta(hours=24),
            late=False,
            status=go.SharedTravelStatus.POTENTIAL,
        ),
        at + timedelta(hours=2),
        "focal_point:fp-afr",
    )
    state = log.fold(on=date(2026, 4, 5))
    assert [(r.ref, r.state) for r in state.rows("Res35")] == [
        ("T1", "done"),
        ("T1:confirmed", "overdue"),
    ]


# --- Information only (S8, S-info) and the Court's decision without a finding ----------------


def test_a_finding_about_a_state_bound_by_the_security_council_has_no_procedure_rows():
    bound = RequestedState(
        name="State of Otherland", code="OTH", status=StateStatus.NON_PARTY_SECURITY_COUNCIL
    )
    state = (
        Log()
        .add(
            ref.CourtFindingRecordedForInformation(
                case_id=CASE,
                requested_state=bound,
                court_request=REQUEST,
                decision=decision(assembly=False, security_council=True),
                why_no_procedure="not_a_requested_state",
                bound_by_security_council_resolution=True,
                security_council_resolution="S/RES/1593 (2005)",
            ),
            REFERRED_AT,
            "court:icc-registry",
        )
        .fold(on=date(2030, 1, 1), sessions=CALENDAR)
    )
    assert (state.scenario, state.status, state.rules, state.next_due) == (
        "information_only",
        "information_only",
        [],
        None,
    )


def test_a_court_decision_informing_the_assembly_has_no_procedure_rows():
    state = (
        Log()
        .add(
            ref.CourtInformationRecorded(
                case_id=CASE,
                reference="ICC-02/05-01/09-266",
                date=date(2026, 3, 30),
                chamber="Pre-Trial Chamber II",
                addressees=[ref.InformedAddressee.ASSEMBLY, ref.InformedAddressee.SECURITY_COUNCIL],
                subject="visit of a person subject to a warrant",
            ),
            REFERRED_AT,
            "court:icc-registry",
        )
        .fold(on=date(2030, 1, 1), sessions=CALENDAR)
    )
    assert (state.scenario, state.status, state.rules) == (
        "court_information",
        "information_only",
        [],
    )


def test_the_courts_decision_without_a_finding_on_a_7b_case_is_shown_done_with_its_reference():
    decided_at = REPORTED_AT + timedelta(days=10)
    log = urgent().add(
        ref.CourtDecidedWithoutFinding(
            case_id=CASE,
            reference="ICC-01/99-300",
            date=decided_at.date(),
            chamber="Pre-Trial Chamber I",
            outcome="no_finding",
        ),
        decided_at,
        "court:icc-registry",
    )
    row = log.fold().rule("S7b-no-finding")
    assert (row.state, row.done_at, row.ref) == ("done", decided_at, "ICC-01/99-300")
    assert "made no finding on 2026-03-30" in row.why
    assert log.fold(on=decided_at.date() - timedelta(days=1)).rows("S7b-no-finding") == []


# --- What the other services' new fields tell the fold ---------------------------------------


def test_a_reply_names_its_letter_and_marks_that_letter_only():
    log = formal(referred())
    for n in (1, 2):
        log.add(
            bu.OpenLetterSent(
                case_id=CASE, letter_reference=f"L-{n}", reply_due_on=date(2026, 5, 30 + n - 1)
            ),
            datetime(2026, 4, n, tzinfo=UTC),
            "president:pres-1",
        )
    log.add(
        bu.OpenLetterReplyReceived(
            case_id=CASE, received_on=date(2026, 5, 2), late=False, letter_reference="L-1"
        ),
        datetime(2026, 5, 2, tzinfo=UTC),
    )
    state = log.fold(on=date(2026, 6, 1))
    assert [(r.ref, r.state) for r in state.rows("P14b")] == [("L-1", "done"), ("L-2", "overdue")]


def test_p14d_is_measured_from_the_day_the_meeting_was_held_not_the_day_it_was_recorded():
    calendar = [session("ASP-25", date(2026, 12, 1), date(2026, 12, 9), number=25)]
    log = formal(decided(date(2026, 7, 1)))
    log.add(
        bu.RequestedStateInvited(case_id=CASE, meeting_id="B-9", meets_on=date(2026, 8, 31)),
        datetime(2026, 8, 20, tzinfo=UTC),
    )
    log.add(  # held on 31 August, its attendance recorded on 3 September
        bu.RequestedStateAttendanceRecorded(
            case_id=CASE, meeting_id="B-9", attended=True, held_on=date(2026, 8, 31)
        ),
        datetime(2026, 9, 3, tzinfo=UTC),
    )
    p14d = log.fold(on=date(2026, 9, 3), sessions=calendar).rule("P14d")
    assert p14d.state == "optional"
    assert "held on 2026-08-31" in p14d.why and "after 2026-11-30" in p14d.why


def continued_7b(concluded_at: datetime | None) -> Log:
    log = activated(urgent(), go.ActivationBasis.OWN_INITIATIVE_7B, "P18-own-7b", REPORTED_AT)
    if concluded_at is not None:
        log.add(
            go.GoodOfficesConcluded(case_id=CASE, outcome=go.Outcome.NO_RESULT),
            concluded_at,
            "president:pres-1",
        )
    continued_at = datetime(2026, 4, 2, 12, 0, tzinfo=UTC)
    return log.add(
        ref.CaseContinuedUnderCourtReferral(
            case_id=CASE,
            decision=decision(),
            forwarding_due_at=continued_at + timedelta(days=1),
            press_release_due_at=continued_at + timedelta(days=1),
        ),
        continued_at,
        "court:icc-registry",
    )


def test_good_offices_concluded_before_the_continuation_expect_no_remain_decision():
    state = continued_7b(REPORTED_AT + timedelta(days=2)).fold()
    assert state.rows("P19-remain") == []
    for rule in ("P18-notify", "P20", "P21"):
        assert state.rule(rule).state == "not_applicable", rule
        assert "concluded (no result)" in state.rule(rule).why


def test_good_offices_concluded_after_the_continuation_end_the_expected_remain_decision():
    log = continued_7b(None).add(
        go.GoodOfficesConcluded(case_id=CASE, outcome=go.Outcome.COOPERATION_OBTAINED),
        datetime(2026, 5, 1, tzinfo=UTC),
        "president:pres-1",
    )
    assert log.fold(on=date(2026, 4, 30)).rule("P19-remain").state == "pending"
    remain = log.fold(on=date(2026, 5, 1)).rule("P19-remain")
    assert (remain.state, remain.since) == ("not_applicable", datetime(2026, 5, 1, tzinfo=UTC))


def test_of_two_conclusions_of_one_period_the_earlier_ends_it_whatever_the_order_of_recording():
    """A history entered late: the President's conclusion dated later was recorded first (the
    good offices service accepts the earlier one after it; recorded day by day, the later one
    would have been refused). Either order gives the state of the earlier one alone."""
    start = REPORTED_AT + timedelta(hours=1)
    earlier = (
        go.GoodOfficesConcluded(case_id=CASE, outcome=go.Outcome.COOPERATION_OBTAINED),
        start + timedelta(days=3),
        "president:pres-1",
    )
    later = (
        go.GoodOfficesConcluded(case_id=CASE, outcome=go.Outcome.NO_RESULT),
        start + timedelta(days=9),
        "president:pres-1",
    )

    def history(*conclusions: tuple[EventPayload, datetime, str]) -> Log:
        log = activated(urgent(), go.ActivationBasis.OWN_INITIATIVE_7B, "P18-own-7b", start)
        for conclusion in conclusions:
            log.add(*conclusion)
        return log

    day_by_day = history(earlier)
    for late in (history(later, earlier), history(earlier, later)):
        for on in (date(2026, 3, 25), date(2026, 3, 28), None):
            assert late.fold(on=on).rules == day_by_day.fold(on=on).rules, on
    assert "concluded (cooperation obtained)" in history(later, earlier).fold().rule("P20").why


def test_a_conclusion_of_an_earlier_period_recorded_last_leaves_the_latest_period_going_on():
    """Concluded, activated again, and the first period's conclusion (dated in it) entered after
    the second activation: the second period goes on, as when recorded day by day."""
    start = REPORTED_AT + timedelta(hours=1)
    concluded = (
        go.GoodOfficesConcluded(case_id=CASE, outcome=go.Outcome.NO_RESULT),
        start + timedelta(days=1),
        "president:pres-1",
    )
    again = start + timedelta(days=5)

    def history(conclusion_last: bool) -> Log:
        log = activated(urgent(), go.ActivationBasis.OWN_INITIATIVE_7B, "P18-own-7b", start)
        if not conclusion_last:
            log.add(*concluded)
        activated(log, go.ActivationBasis.OWN_INITIATIVE_7B, "P18-own-7b", again)
        if conclusion_last:
            log.add(*concluded)
        return log

    assert history(True).fold().rules == history(False).fold().rules
    assert history(True).fold().rule("P20").state != "not_applicable"


# --- The order of recording changes nothing on any date --------------------------------------


def rich_history() -> Log:
    """A 7(a) case with most steps, each dated: what a late, shuffled entry would record."""
    log = formal(decided(date(2026, 4, 1)), security_council=False)
    day = datetime(2026, 4, 1, 10, tzinfo=UTC)
    log.add(
        ref.DecisionForwardedToStatesParties(
            case_id=CASE, communication_reference="SP/1", due_at=day + timedelta(days=1), late=False
        ),
        day + timedelta(hours=3),
    )
    log.add(
        ref.PressReleaseOverdue(case_id=CASE, due_at=day + timedelta(days=1)),
        day + timedelta(days=1),
        "system:referrals",
    )
    log.add(
        ref.PressReleaseIssued(
            case_id=CASE, reference="PR-1", title="t", due_at=day + timedelta(days=1), late=True
        ),
        day + timedelta(days=2),
        "president:pres-1",
    )
    for n, meets in enumerate((date(2026, 4, 10), date(2026, 6, 10)), start=1):
        at = datetime.combine(meets, datetime.min.time(), UTC)
        log.add(bu.EmergencyMeetingConvened(case_id=CASE, meeting_id=f"EM-{n}", meets_on=meets), at)
        log.add(
            bu.EmergencyMeetingHeld(case_id=CASE, meeting_id=f"EM-{n}", held_on=meets),
            at + timedelta(hours=5),
        )
        log.add(
            bu.OpenLetterSent(
                case_id=CASE, letter_reference=f"L-{n}", reply_due_on=meets + timedelta(days=30)
            ),
            at + timedelta(hours=6),
            "president:pres-1",
        )
    log.add(
        bu.OpenLetterReplyReceived(
            case_id=CASE, received_on=date(2026, 5, 20), late=True, letter_reference="L-1"
        ),
        datetime(2026, 5, 20, tzinfo=UTC),
    )
    attended(log, date(2026, 7, 1))
    log.add(
        bu.OmnibusNotingRecorded(case_id=CASE, session_id="ASP-25"),
        datetime(2026, 12, 8, tzinfo=UTC),
    )
    log.add(report_submitted(), SUBMITTED_AT, "secretariat:sec-1")
    log.add(
        ref.CaseClosed(case_id=CASE, reason=ref.ClosureReason.COOPERATION_OBTAINED),
        datetime(2027, 2, 1, tzinfo=UTC),
    )
    return log


@pytest.mark.parametrize("seed", range(5))
def test_any_order_of_recording_gives_the_same_rules_on_every_date(seed: int):
    import random

    live = rich_history()
    opening, rest = live.envelopes[:2], live.envelopes[2:]
    random.Random(seed).shuffle(rest)
    late = Log(envelopes=[*opening, *rest])
    for on in (
        date(2026, 4, 1),
        date(2026, 4, 2),
        date(2026, 5, 11),
        date(2026, 7, 1),
        date(2026, 12, 10),
        date(2027, 3, 1),
        None,
    ):
        assert (
            late.fold(on=on, sessions=CALENDAR).rules == live.fold(on=on, sessions=CALENDAR).rules
        ), on


def rich_good_offices_history() -> Log:
    """A 7(b) case with good offices, travel information, then continued as 7(a)."""
    at = REPORTED_AT + timedelta(hours=1)
    log = activated(urgent(), go.ActivationBasis.OWN_INITIATIVE_7B, "P18-own-7b", at)
    log.add(
        go.BureauNotifiedOfActivation(
            case_id=CASE, means="email", due_at=at + timedelta(hours=24), late=False
        ),
        at + timedelta(hours=2),
        "president:pres-1",
    )
    log.add(go.CourtConsulted(case_id=CASE, summary="Registry"), at + timedelta(hours=3))
    log.add(
        go.TriggerInformationVerified(case_id=CASE, outcome=go.Verification.VERIFIED),
        at + timedelta(hours=4),
    )
    log.add(go.ReportToBureauSubmitted(case_id=CASE, summary="report"), at + timedelta(days=2))
    travel_recorded(log, at, share_due_at=at + timedelta(days=1))
    log.add(
        go.TravelInformationCancelled(
            case_id=CASE, travel_id="T1", share_due_at=at + timedelta(days=4)
        ),
        at + timedelta(days=3),
        "focal_point:fp-afr",
    )
    log.add(
        go.TravelInformationSharedWithCourt(
            case_id=CASE,
            travel_id="T1",
            channel="secure",
            due_at=at + timedelta(days=4),
            late=False,
            status=go.SharedTravelStatus.CANCELLED,
        ),
        at + timedelta(days=3, hours=1),
        "focal_point:fp-afr",
    )
    continued_at = datetime(2026, 4, 2, 12, 0, tzinfo=UTC)
    log.add(
        ref.CaseContinuedUnderCourtReferral(
            case_id=CASE,
            decision=decision(),
            forwarding_due_at=continued_at + timedelta(days=1),
            press_release_due_at=continued_at + timedelta(days=1),
        ),
        continued_at,
        "court:icc-registry",
    )
    return log.add(
        go.BureauDecidedOnGoodOffices(
            case_id=CASE,
            decision=go.BureauGoodOfficesDecision.REMAIN_ACTIVE,
            bureau_decision_reference="BUR/1",
        ),
        continued_at + timedelta(days=3),
        "bureau_member:bm-1",
    )


@pytest.mark.parametrize("seed", range(5))
def test_any_order_of_recording_good_offices_and_travel_gives_the_same_rules(seed: int):
    import random

    live = rich_good_offices_history()
    opening, rest = live.envelopes[:1], live.envelopes[1:]
    random.Random(seed).shuffle(rest)
    late = Log(envelopes=[*opening, *rest])
    for on in (date(2026, 3, 20), date(2026, 3, 23), date(2026, 4, 3), date(2026, 4, 6), None):
        assert (
            late.fold(on=on, sessions=CALENDAR).rules == live.fold(on=on, sessions=CALENDAR).rules
        ), on
    final = live.fold(on=date(2026, 4, 6))
    assert [(r.ref, r.state) for r in final.rows("Res35")] == [
        ("T1", "overdue"),
        ("T1:cancelled", "done"),
    ]
    assert final.rule("P19-remain").state == "done"
