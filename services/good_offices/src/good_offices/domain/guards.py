"""Refusals that are not rules of the procedures: the command does not fit the case or the good
offices as they are.

They raise ``NotFoundError`` (no such case in the register) or ``InvalidTransitionError`` (a
closed case, good offices not active, a step recorded twice, a focal point not asked...), each
with a sentence naming the case, the dates and the references involved. A refusal that can reach
a caller not cleared for ``restricted`` records (a Bureau member asked to assist reads ``bureau``
ones) names only what the caller gave, the step's own date, and the paragraphs: never the date or
content of a restricted record (ADR 0023). The hard rules themselves live in ``rules.py``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from good_offices.domain.commands import RequestAssistance
from good_offices.domain.facts import CaseFacts, CaseStatus, Scenario
from good_offices.domain.state import Asked, GoodOfficesState, asked
from good_offices.domain.wording import basis_phrase, moment, phrase, region_name
from noncoop_shared.auth.roles import RegionalGroup
from noncoop_shared.catalogue.good_offices import Assistant, Outcome, Verification
from noncoop_shared.errors import (
    BusinessTimeOutOfBoundsError,
    InvalidTransitionError,
    NotFoundError,
)


def require_registered(state: GoodOfficesState, case: CaseFacts | None) -> CaseFacts:
    """The good offices act only on a case the case register holds (404 for the caller)."""
    if case is None:
        raise NotFoundError(
            f"No case {state.case_id} is registered; the good offices act only on a case that "
            "the case register holds."
        )
    return case


def require_open_case(state: GoodOfficesState, case: CaseFacts | None, now: datetime) -> CaseFacts:
    """The case is registered, has a procedure, and was open at business time ``now`` (a
    closure dated later does not refuse the command). Returns the case as it stood then.

    The refusals name ``now``, not when the case was registered or closed: on a 7(b) case those
    are restricted records, and a Bureau member asked to assist is refused here too (ADR 0023)."""
    case = require_registered(state, case)
    if case.opened_at is not None and now < case.opened_at:
        raise BusinessTimeOutOfBoundsError(
            f"This is dated {moment(now)}, before case {case.case_id} was registered, the fact "
            "it follows."
        )
    case = case.on(now)
    if not case.with_procedure:
        raise InvalidTransitionError(
            f"Case {case.case_id} is a Court finding recorded for information only: nothing was "
            "referred to the Assembly and no procedure follows (annex II para 13), so the good "
            "offices record nothing on it."
        )
    if case.status is CaseStatus.CLOSED:
        raise InvalidTransitionError(
            f"Case {case.case_id} is closed as of {moment(now)}, the date given; the good "
            "offices record nothing on a closed case."
        )
    return case


def require_inactive(state: GoodOfficesState, now: datetime) -> None:
    """An activation starts a period of good offices; one runs at a time, and a new period
    follows the conclusion of the previous one in business time."""
    period = state.period_on(now)
    if period is not None:
        # The basis of the period ``now`` falls in: an earlier one may have begun otherwise.
        raise InvalidTransitionError(
            f"The President's good offices on case {state.case_id} have been active since "
            f"{moment(period.activated_at)}, {basis_phrase(period.basis)}, and were still active "
            f"on {moment(now)}; they are activated again only once concluded."
        )
    if state.periods:
        last = state.periods[-1]
        follows = last.concluded_at or last.activated_at
        if now < follows:
            raise BusinessTimeOutOfBoundsError(
                f"This activation of the good offices on case {state.case_id} is dated "
                f"{moment(now)}, {_among_periods(state, now)}: a new period begins only after "
                "the latest one, the fact it follows."
            )


def _among_periods(state: GoodOfficesState, now: datetime) -> str:
    """Where ``now``, in no period of good offices, falls among them: before the first period
    begun later, after the last one ended by then (if any). Not "before the end of the previous
    period": dated between two periods, the later one's activation ended nothing."""
    later = next((p for p in state.periods if now < p.activated_at), state.periods[-1])
    began = moment(later.activated_at)
    ended = [p.concluded_at for p in state.periods if p.concluded_at and p.concluded_at <= now]
    if not ended:
        return f"before the period of good offices that began on {began}"
    return (
        f"after the period of good offices that ended on {moment(max(ended))} and before the "
        f"one that began on {began}"
    )


def require_activated(state: GoodOfficesState) -> None:
    """The President became active on the case at least once (the current period may be over)."""
    if not state.activated:
        raise InvalidTransitionError(
            f"The President's good offices on case {state.case_id} have never been active: the "
            "President becomes active on own initiative (annex II para 18) or as decided by the "
            "Bureau (para 19)."
        )


def require_active(state: GoodOfficesState, case: CaseFacts | None, now: datetime) -> CaseFacts:
    """The engagement is recorded on a case open at business time ``now`` while the good offices
    were active then: a conclusion dated later does not refuse it, one dated earlier does.

    The refusal names ``now`` only, not when the good offices began or ended, nor how: the
    activation and the conclusion are restricted records, and a Bureau member asked to assist
    (cleared for ``bureau``) is refused here for its engagement (ADR 0023)."""
    case = require_open_case(state, case, now)
    require_activated(state)
    if state.period_on(now) is not None:
        return case
    not_active = (
        f"The President's good offices on case {state.case_id} were not active on "
        f"{moment(now)}; a step is recorded only while they are"
    )
    if now < state.periods[0].activated_at:
        raise BusinessTimeOutOfBoundsError(
            f"{not_active}, not before they began, the fact it follows (annex II paras 18 and 19)."
        )
    raise InvalidTransitionError(f"{not_active} (annex II paras 18 and 19).")


def require_notification_to_do(
    state: GoodOfficesState, case: CaseFacts | None, now: datetime
) -> datetime:
    """P18-notify: the Bureau is notified once per activation: the activation of the period
    going on at ``now``, which may be an earlier period than the latest (Time: a notification
    dated in it is its own, whatever was recorded since). Returns when it is due."""
    require_active(state, case, now)
    done = state.notification_on(now) or state.bureau_notification
    # Judged at ``now``: good offices concluded later (a closure recorded before this arrived)
    # do not cancel a notification made while they were active.
    if done.due_at is not None and done.done_at is None:
        return done.due_at
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
    state: GoodOfficesState,
    command: RequestAssistance,
    roster_regions: frozenset[RegionalGroup],
    roster_focal_points: Mapping[str, RegionalGroup],
) -> None:
    """A focal point is named by its regional group, which has a focal point on the roster that
    day, and may be named by its id too (serving for that group that day); a Bureau member by an
    id; never both."""
    if command.assistant is Assistant.FOCAL_POINT:
        if command.region is None or command.bureau_member is not None:
            raise InvalidTransitionError(
                "A focal point asked to assist is named by its regional group: give the region, "
                "and no Bureau member."
            )
        if (
            command.focal_point_id is not None
            and roster_focal_points.get(command.focal_point_id) is not command.region
        ):
            raise InvalidTransitionError(
                f"Focal point {command.focal_point_id} does not serve for the "
                f"{region_name(command.region)} on the roster on that day, so it cannot be "
                f"asked to assist on case {state.case_id} (annex II paras 17 and 20)."
            )
        if command.region not in roster_regions:
            on_roster = ", ".join(sorted(region_name(r) for r in roster_regions)) or "none"
            raise InvalidTransitionError(
                f"No focal point of the {region_name(command.region)} is on the roster, so none "
                f"can be asked to assist on case {state.case_id} (annex II para 17: one focal "
                f"point per regional group). Regional groups with a focal point: {on_roster}."
            )
        return
    if (
        command.region is not None
        or command.focal_point_id is not None
        or not (command.bureau_member or "").strip()
    ):
        raise InvalidTransitionError(
            "A Bureau member asked to assist is named by the Bureau member's id, with no region."
        )


def require_assisting(
    state: GoodOfficesState,
    region: RegionalGroup | None,
    focal_point_id: str | None,
    bureau_member: str | None,
    now: datetime,
) -> None:
    """P22 with P20: only the focal point or Bureau member the President asked records its
    engagement. A focal point was asked by name, or its region was (whoever serves for it);
    a Bureau member was asked by id. The engagement answers the request, so it is not dated
    before it in business time (Time: not before the fact it follows), whatever the order the
    two were recorded in."""
    if region is not None:
        who = f"Focal point {focal_point_id}" if focal_point_id else "The focal point"
        who = f"{who} of the {region_name(region)}"
        if region not in state.assigned_regions and (
            focal_point_id not in state.assigned_focal_points
        ):
            raise InvalidTransitionError(
                f"{who} was not asked to assist on case {state.case_id}; a focal point engages "
                "on a case once the President asks it to (annex II paras 20 and 22)."
            )
        requests = [asked(region=region)]
        if focal_point_id is not None:
            requests.append(asked(focal_point_id=focal_point_id))
        _require_asked_by(state, who, requests, now)
        return
    if not state.assisting_bureau_members:
        raise InvalidTransitionError(
            f"No Bureau member was asked to assist on case {state.case_id}: record a focal "
            "point's engagement with its region, or ask a Bureau member first (annex II para 20)."
        )
    if bureau_member is None or bureau_member not in state.assisting_bureau_members:
        raise InvalidTransitionError(
            f"Bureau member {bureau_member or '(not named)'} was not asked to assist on case "
            f"{state.case_id}; only the focal point or Bureau member the President asked records "
            "its engagement (annex II paras 20 and 22)."
        )
    _require_asked_by(
        state, f"Bureau member {bureau_member}", [asked(bureau_member=bureau_member)], now
    )


def _require_asked_by(
    state: GoodOfficesState, who: str, requests: list[Asked], now: datetime
) -> None:
    """The earliest of ``requests`` (asked: by region or by name) came no later than ``now``.

    The refusal names the engagement's date, not the request's: the request is a restricted
    record, which a Bureau member asked to assist may not read (ADR 0023)."""
    first = min(state.asked_at[r] for r in requests if r in state.asked_at)
    if now < first:
        raise BusinessTimeOutOfBoundsError(
            f"This engagement is dated {moment(now)}, before {who[0].lower()}{who[1:]} was "
            f"asked to assist on case {state.case_id}: an engagement answers the request, the "
            "fact it follows (annex II paras 20 and 22)."
        )


def require_verification_to_do(state: GoodOfficesState, case: CaseFacts, now: datetime) -> None:
    """P20: in 7(b), the information that triggered the good offices is verified, once,
    whoever triggered them (the President on own initiative, or the Bureau): once for the
    period of good offices going on at ``now``, which may be an earlier period than the latest
    (Time: a verification dated in it is its own, whatever was recorded since)."""
    period = state.period_on(now)
    activated_at = period.activated_at if period is not None else state.activated_at
    scenario_then = case.on(activated_at).scenario if activated_at else case.scenario
    began_in_7b = scenario_then is Scenario.URGENT_INCIDENT or (
        # a continuation whose business time the register did not say: the case began as 7(b)
        scenario_then is Scenario.URGENT_CONTINUED_UNDER_REFERRAL and case.continued_at is None
    )
    if not began_in_7b:
        raise InvalidTransitionError(
            f"The President's good offices on case {state.case_id} began in a matter the Court "
            "had referred to the Assembly (para 7(a)); the information that triggers good "
            "offices is verified only in a 7(b) case (annex II para 20)."
        )
    verified = state.verified_on(now)
    if verified is not None:
        outcome, verified_at = verified
        raise InvalidTransitionError(
            f"The information that triggered the good offices on case {state.case_id} was "
            f"already recorded as {phrase(outcome)} on {moment(verified_at)}; "
            "it is verified once."
        )


def require_outcome_fits(state: GoodOfficesState, outcome: Outcome, now: datetime) -> None:
    """``case_closed`` is the register's to say; ``information_not_confirmed`` follows a
    verification that did not confirm the information, in business time too (Time: a conclusion
    dated before the verification it rests on is refused, whatever the order of recording).
    The verification is that of the period going on at ``now``: a conclusion dated in an
    earlier period, entered once a later one began, rests on that period's, not the latest's."""
    if outcome is Outcome.CASE_CLOSED:
        raise InvalidTransitionError(
            f"The good offices on case {state.case_id} conclude as case closed when the case "
            "register closes the case; conclude with another outcome, or close the case."
        )
    verification, verified_at = state.verified_on(now) or (None, None)
    if outcome is Outcome.INFORMATION_NOT_CONFIRMED and (
        verification is not Verification.NOT_CONFIRMED
    ):
        verified = (
            f"it was recorded as {phrase(verification)}"
            if verification is not None
            else "no verification is recorded"
        )
        raise InvalidTransitionError(
            f"The good offices on case {state.case_id} cannot conclude as information not "
            f"confirmed: {verified}. Record the verification first (annex II para 20)."
        )
    if outcome is Outcome.INFORMATION_NOT_CONFIRMED and verified_at and now < verified_at:
        raise BusinessTimeOutOfBoundsError(
            f"This conclusion of the good offices on case {state.case_id} as information not "
            f"confirmed is dated {moment(now)}, before the verification that did not confirm it "
            f"({moment(verified_at)}), the fact it follows (annex II para 20)."
        )
