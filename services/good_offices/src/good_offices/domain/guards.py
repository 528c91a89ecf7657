"""Refusals that are not rules of the procedures: the command does not fit the case or the good
offices as they are.

They raise ``NotFoundError`` (no such case in the register) or ``InvalidTransitionError`` (a
closed case, good offices not active, a step recorded twice, a focal point not asked...), each
with a sentence naming the case, the dates and the references involved. The hard rules themselves
live in ``rules.py``.
"""

from __future__ import annotations

from datetime import datetime

from good_offices.domain.commands import RecordTravelInformation, RequestAssistance
from good_offices.domain.facts import CaseFacts, CaseStatus
from good_offices.domain.state import (
    BUREAU_NOTIFICATION,
    TRAVEL_SHARING,
    GoodOfficesState,
    TravelRecord,
)
from good_offices.domain.wording import basis_phrase, moment, phrase, region_name
from noncoop_shared.auth.roles import RegionalGroup
from noncoop_shared.catalogue.good_offices import (
    ActivationBasis,
    Assistant,
    Outcome,
    Verification,
)
from noncoop_shared.errors import InvalidTransitionError, NotFoundError


def require_registered(state: GoodOfficesState, case: CaseFacts | None) -> CaseFacts:
    """The good offices act only on a case the case register holds (404 for the caller)."""
    if case is None:
        raise NotFoundError(
            f"No case {state.case_id} is registered; the good offices act only on a case that "
            "the case register holds."
        )
    return case


def require_open_case(state: GoodOfficesState, case: CaseFacts | None) -> CaseFacts:
    """The case is registered, has a procedure, and is not closed."""
    case = require_registered(state, case)
    if not case.with_procedure:
        raise InvalidTransitionError(
            f"Case {case.case_id} is a Court finding recorded for information only: nothing was "
            "referred to the Assembly and no procedure follows (annex II para 13), so the good "
            "offices record nothing on it."
        )
    if case.status is CaseStatus.CLOSED:
        raise InvalidTransitionError(
            f"Case {case.case_id} is closed; the good offices record no new engagement or "
            "travel information on a closed case."
        )
    return case


def require_inactive(state: GoodOfficesState) -> None:
    """An activation starts a period of good offices; one runs at a time."""
    if state.active and state.activated_at and state.basis:
        raise InvalidTransitionError(
            f"The President's good offices on case {state.case_id} have been active since "
            f"{moment(state.activated_at)}, {basis_phrase(state.basis)}; they are activated "
            "again only once concluded."
        )


def require_activated(state: GoodOfficesState) -> None:
    """The President became active on the case at least once (the current period may be over)."""
    if not state.activated:
        raise InvalidTransitionError(
            f"The President's good offices on case {state.case_id} have never been active: the "
            "President becomes active on own initiative (annex II para 18) or as decided by the "
            "Bureau (para 19)."
        )


def require_active(state: GoodOfficesState, case: CaseFacts | None) -> CaseFacts:
    """The engagement is recorded on an open case while the good offices are active."""
    case = require_open_case(state, case)
    require_activated(state)
    if state.conclusion is not None:
        raise InvalidTransitionError(
            f"The President's good offices on case {state.case_id} were concluded on "
            f"{moment(state.conclusion.at)} (outcome: {phrase(state.conclusion.outcome)}); they "
            "record nothing further unless the President becomes active again."
        )
    return case


def require_notification_to_do(state: GoodOfficesState, case: CaseFacts | None) -> datetime:
    """P18-notify: the Bureau is notified once per activation. Returns when it is due."""
    require_active(state, case)
    due_at = state.awaiting_notification()
    if due_at is not None:
        return due_at
    done = state.bureau_notification
    if done.due_at is None:
        raise InvalidTransitionError(
            f"The Bureau itself decided the President's good offices on case {state.case_id} "
            "(annex II para 19): there is no notification of the Bureau to record."
        )
    when = moment(done.done_at) if done.done_at else "an earlier date"
    raise InvalidTransitionError(
        f"The Bureau members were already notified of the President's good offices on case "
        f"{state.case_id} on {when} ({done.means}); they are notified once per activation."
    )


def require_assistant(
    state: GoodOfficesState, command: RequestAssistance, roster_regions: frozenset[RegionalGroup]
) -> None:
    """A focal point is named by its regional group, which has a focal point on the roster
    (P17: one per group); a Bureau member by an id; never both."""
    if command.assistant is Assistant.FOCAL_POINT:
        if command.region is None or command.bureau_member is not None:
            raise InvalidTransitionError(
                "A focal point asked to assist is named by its regional group: give the region, "
                "and no Bureau member."
            )
        if command.region not in roster_regions:
            on_roster = ", ".join(sorted(region_name(r) for r in roster_regions)) or "none"
            raise InvalidTransitionError(
                f"No focal point of the {region_name(command.region)} is on the roster, so none "
                f"can be asked to assist on case {state.case_id} (annex II para 17: one focal "
                f"point per regional group). Regional groups with a focal point: {on_roster}."
            )
        return
    if command.region is not None or not (command.bureau_member or "").strip():
        raise InvalidTransitionError(
            "A Bureau member asked to assist is named by the Bureau member's id, with no region."
        )


def require_assisting(state: GoodOfficesState, region: RegionalGroup | None) -> None:
    """P22: a focal point engages on a case once asked to assist (P20); with no region, the
    engagement is a Bureau member's, and one must have been asked."""
    if region is not None and region not in state.assigned_regions:
        raise InvalidTransitionError(
            f"The focal point of the {region_name(region)} was not asked to assist on case "
            f"{state.case_id}; a focal point engages on a case once the President asks it to "
            "(annex II paras 20 and 22)."
        )
    if region is None and not state.assisting_bureau_members:
        raise InvalidTransitionError(
            f"No Bureau member was asked to assist on case {state.case_id}: record a focal "
            "point's engagement with its region, or ask a Bureau member first (annex II para 20)."
        )


def require_verification_to_do(state: GoodOfficesState) -> None:
    """P20: in 7(b), the information the President became active on is verified, once."""
    if state.basis is not ActivationBasis.OWN_INITIATIVE_7B:
        began = basis_phrase(state.basis) if state.basis else "without an activation"
        raise InvalidTransitionError(
            f"The President's good offices on case {state.case_id} began {began}; the "
            "information they were triggered by is verified only when the President became "
            "active on own initiative in a 7(b) case (annex II para 20)."
        )
    if state.verification and state.verified_at:
        raise InvalidTransitionError(
            f"The information that triggered the good offices on case {state.case_id} was "
            f"already recorded as {phrase(state.verification)} on {moment(state.verified_at)}; "
            "it is verified once."
        )


def require_outcome_fits(state: GoodOfficesState, outcome: Outcome) -> None:
    """``case_closed`` is the register's to say; ``information_not_confirmed`` follows a
    verification that did not confirm the information."""
    if outcome is Outcome.CASE_CLOSED:
        raise InvalidTransitionError(
            f"The good offices on case {state.case_id} conclude as case closed when the case "
            "register closes the case; conclude with another outcome, or close the case."
        )
    if outcome is Outcome.INFORMATION_NOT_CONFIRMED and (
        state.verification is not Verification.NOT_CONFIRMED
    ):
        verified = (
            f"it was recorded as {phrase(state.verification)}"
            if state.verification is not None
            else "no verification is recorded"
        )
        raise InvalidTransitionError(
            f"The good offices on case {state.case_id} cannot conclude as information not "
            f"confirmed: {verified}. Record the verification first (annex II para 20)."
        )


def require_new_travel(state: GoodOfficesState, command: RecordTravelInformation) -> None:
    """A travel id names one piece of information in the case; a travel ends after it begins."""
    known = state.travel.get(command.travel_id)
    if known is not None:
        raise InvalidTransitionError(
            f"Travel information {command.travel_id} was already recorded on case "
            f"{state.case_id} on {moment(known.recorded_at)}; give new information a new "
            "travel id."
        )
    if command.travel_to is not None and command.travel_to < command.travel_from:
        raise InvalidTransitionError(
            f"Travel {command.travel_id} ends on {command.travel_to.isoformat()}, before it "
            f"begins on {command.travel_from.isoformat()}."
        )


def require_travel(state: GoodOfficesState, travel_id: str) -> TravelRecord:
    record = state.travel.get(travel_id)
    if record is None:
        raise InvalidTransitionError(
            f"No travel information {travel_id} is recorded on case {state.case_id}."
        )
    return record


def require_travel_to_share(state: GoodOfficesState, travel_id: str) -> TravelRecord:
    """Res. 35: travel information is shared with the Court once (also after the case closed:
    the Court still needs it)."""
    record = require_travel(state, travel_id)
    if record.shared_at is not None:
        raise InvalidTransitionError(
            f"Travel information {travel_id} on case {state.case_id} was already shared with "
            f"the Court on {moment(record.shared_at)} ({record.channel}); it is shared once."
        )
    return record


def require_travel_deadline(state: GoodOfficesState, kind: str) -> TravelRecord:
    """The scheduler fires only the deadlines this service set: ``bureau_notification`` (the
    caller's to handle) and ``travel_sharing:<travel id>``."""
    if not kind.startswith(TRAVEL_SHARING):
        raise InvalidTransitionError(
            f"Case {state.case_id} has no deadline {kind!r}; the good offices track "
            f"{BUREAU_NOTIFICATION!r} and '{TRAVEL_SHARING}<travel id>'."
        )
    return require_travel(state, kind.removeprefix(TRAVEL_SHARING))
