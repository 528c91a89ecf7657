"""The rules of the formal response that refuse with their rule id (P14d, P14e, P14f, P14g),
each in one place.

Every rule is a named error that fixes its rule id, and a ``require_...`` function that raises it
with a sentence naming what was refused, the dates and the limit. ``decide()`` calls these; no
other code decides whether the New York Working Group may be asked for a public meeting, which
session notes the Court's decision, or whether the Security Council may be written to.
"The next (or on-going) session" is always ``noncoop_shared.calendar.next_or_ongoing_session``.
Paragraph numbers are those of annex II of ICC-ASP/17/Res.5.
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Sequence
from datetime import date

from bureau.domain.facts import CaseFacts
from bureau.domain.wording import day
from noncoop_shared.calendar import CalendarSession, DueSession, next_or_ongoing_session
from noncoop_shared.errors import RuleViolationError
from noncoop_shared.rules import Rule

NYWG_MONTHS = 3
"""P14d: the next session must start more than this many calendar months after the meeting."""


class NywgRequestBeforeBureauMeetingError(RuleViolationError):
    """P14d (para 14(d)): the New York Working Group is asked only after the Bureau meeting of
    para 14(c) has been held."""

    rule = Rule.P14D


class NywgMeetingTooCloseToSessionError(RuleViolationError):
    """P14d (para 14(d)): the Bureau may request the New York Working Group to hold a public
    meeting only if the next Assembly session is scheduled to start more than three calendar
    months after the day the Bureau meeting of para 14(c) was held."""

    rule = Rule.P14D


class OmnibusNotingSessionError(RuleViolationError):
    """P14e (para 14(e)): the Court's decision is noted at the next (or on-going) session after
    the decision, by the decision's date; not at another session, and not before the calendar
    holds that session."""

    rule = Rule.P14E


class PlenarySessionError(RuleViolationError):
    """P14f (para 14(f)): the plenary discussion and the facilitator are for the next (or
    on-going) session after the Court decision, by the decision's date."""

    rule = Rule.P14F


class SecurityCouncilNotSeizedError(RuleViolationError):
    """P14g (para 14(g)): the President may write to the President of the Security Council only
    where the Court referred its finding to the Security Council."""

    rule = Rule.P14G


def add_calendar_months(start: date, months: int) -> date:
    """The same day ``months`` calendar months later (earlier when negative), clamped to the
    last day of a shorter month: 30 November + 3 -> 28 February (29 in a leap year);
    31 August + 3 -> 30 November."""
    index = start.year * 12 + start.month - 1 + months
    year, month = index // 12, index % 12 + 1
    return date(year, month, min(start.day, monthrange(year, month)[1]))


def nywg_limit(held_on: date) -> date:
    """P14d: the last start date of the next session that is still too close: three calendar
    months after the day the Bureau meeting was held. The session must start strictly after."""
    return add_calendar_months(held_on, NYWG_MONTHS)


def require_bureau_meeting_held(
    case_id: str, meeting_id: str, meets_on: date, held_on: date | None, on: date
) -> date:
    """P14d: the Bureau meeting of para 14(c) had been held on or before ``on`` (the request's
    business day); the day it was held."""
    if held_on is not None and held_on <= on:
        return held_on
    when = (
        f"was held only on {day(held_on)}"
        if held_on is not None
        else f"(scheduled for {day(meets_on)}) has not been recorded as held"
    )
    raise NywgRequestBeforeBureauMeetingError(
        f"The Bureau may request a public meeting of the New York Working Group on case "
        f"{case_id} only after the Bureau meeting of para 14(c) has been held (annex II para "
        f"14(d)). On {day(on)}, that meeting, {meeting_id}, {when}."
    )


def require_session_far_enough(
    case_id: str, held_on: date, sessions: Sequence[CalendarSession]
) -> DueSession:
    """P14d: the next (or on-going) session on the day the Bureau meeting of para 14(c) was held
    starts strictly after ``nywg_limit(held_on)``; that session."""
    limit = nywg_limit(held_on)
    due = next_or_ongoing_session(sessions, held_on)
    if due is None:
        raise NywgMeetingTooCloseToSessionError(
            f"No Assembly session on or after {day(held_on)} is on the calendar, so it cannot be "
            f"said whether the next session starts after {day(limit)}, three calendar months "
            f"after the Bureau meeting of para 14(c) held on {day(held_on)} (annex II para "
            "14(d)); schedule the session first."
        )
    if due.opens_on > limit:
        return due
    running = " (on-going on that day)" if due.ongoing else ""
    raise NywgMeetingTooCloseToSessionError(
        f"The Bureau may request a public meeting of the New York Working Group on case "
        f"{case_id} only if the next Assembly session is scheduled to start more than three "
        f"calendar months after the Bureau meeting of para 14(c) was held (annex II para "
        f"14(d)). The Bureau meeting was held on {day(held_on)} and the next session, "
        f"{due.session_id}{running}, starts on {day(due.opens_on)}; it would have to start "
        f"after {day(limit)}."
    )


def _session_of_decision(
    sessions: Sequence[CalendarSession],
    decision_on: date,
    asked: str | None,
    what: str,
    error: type[RuleViolationError],
) -> DueSession:
    due = next_or_ongoing_session(sessions, decision_on)
    if due is None:
        raise error(
            f"{what} belongs to the next (or on-going) session after the Court's decision of "
            f"{day(decision_on)}, and no such session is on the calendar yet; nothing is "
            "recorded until the calendar holds it."
        )
    if asked is not None and asked not in {part.session_id for part in due.parts}:
        raise error(
            f"{what} belongs to the next (or on-going) session after the Court's decision of "
            f"{day(decision_on)}: session {due.session_id}, from {day(due.opens_on)} to "
            f"{day(due.closes_on)}; not session {asked}."
        )
    return due


def require_noting_session(
    sessions: Sequence[CalendarSession], decision_on: date, asked: str | None
) -> DueSession:
    """P14e: the session whose omnibus resolution notes the decision, computed from the
    decision's date; the session the caller names, if any, must be it."""
    return _session_of_decision(
        sessions,
        decision_on,
        asked,
        "The noting in the omnibus resolution (annex II para 14(e))",
        OmnibusNotingSessionError,
    )


def require_plenary_session(
    sessions: Sequence[CalendarSession], decision_on: date, asked: str | None
) -> DueSession:
    """P14f: the session whose plenary discusses the Bureau report (and for which a facilitator
    consults), computed from the decision's date; the one named, if any, must be it."""
    return _session_of_decision(
        sessions,
        decision_on,
        asked,
        "The plenary discussion of the Bureau report (annex II para 14(f))",
        PlenarySessionError,
    )


def require_security_council_seized(case: CaseFacts, decision_reference: str) -> None:
    """P14g: the letter follows the Court decision ``decision_reference``, the case's decision,
    which (as it stood at the letter's business time: an amendment may have added or removed
    the referral) referred the matter to the Security Council."""
    if decision_reference != case.court_decision_reference:
        raise SecurityCouncilNotSeizedError(
            f"The letter to the President of the Security Council on {case.name} cites the "
            f"Court decision {decision_reference}, which is not the decision of this case "
            f"({case.court_decision_reference}); the letter follows a decision that referred "
            "the matter to the Security Council (annex II para 14(g))."
        )
    if case.referred_to_security_council:
        return
    raise SecurityCouncilNotSeizedError(
        f"The President may write to the President of the Security Council on {case.name} only "
        "where the Court referred its finding to the Security Council (annex II para 14(g)); the "
        f"Court's decision {case.court_decision_reference}, as it stood "
        f"({case.decision_status.value.replace('_', ' ')}), does not refer the matter to the "
        "Security Council."
    )
