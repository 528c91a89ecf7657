"""The hard rules of the formal response (PROCEDURES.md P14d, P14g), each in one place.

Every rule is a named error that fixes its rule id, and a ``require_...`` function that raises it
with a sentence naming what was refused and why. ``decide()`` calls these; no other code decides
whether the New York Working Group may be asked for a public meeting or the Security Council
written to. Paragraph numbers are those of annex II of ICC-ASP/17/Res.5.
"""

from __future__ import annotations

from calendar import monthrange
from datetime import date

from bureau.domain.facts import CaseFacts
from bureau.domain.values import Session
from bureau.domain.wording import day
from noncoop_shared.errors import RuleViolationError

NYWG_MONTHS = 3
"""P14d: the next session must start more than this many calendar months after the meeting."""


class NywgMeetingTooCloseToSessionError(RuleViolationError):
    """P14d (para 14(d)): the Bureau may request the New York Working Group to hold a public
    meeting only if the next Assembly session is scheduled to start more than three calendar
    months after the Bureau meeting of para 14(c)."""

    rule = "P14d"


class SecurityCouncilNotSeizedError(RuleViolationError):
    """P14g (para 14(g)): the President may write to the President of the Security Council only
    where the Court referred its finding to the Security Council."""

    rule = "P14g"


def add_calendar_months(start: date, months: int) -> date:
    """The same day ``months`` calendar months later (earlier when negative), clamped to the
    last day of a shorter month: 30 November + 3 -> 28 February (29 in a leap year);
    31 August + 3 -> 30 November."""
    index = start.year * 12 + start.month - 1 + months
    year, month = index // 12, index % 12 + 1
    return date(year, month, min(start.day, monthrange(year, month)[1]))


def nywg_limit(bureau_meeting_on: date) -> date:
    """P14d: the last start date of the next session that is still too close: three calendar
    months after the Bureau meeting. The session must start strictly after it."""
    return add_calendar_months(bureau_meeting_on, NYWG_MONTHS)


def require_session_far_enough(
    case_id: str, bureau_meeting_on: date, next_session: Session
) -> None:
    """P14d: the next session starts more than three calendar months after the Bureau meeting
    of para 14(c), that is strictly after ``nywg_limit(bureau_meeting_on)``."""
    limit = nywg_limit(bureau_meeting_on)
    if next_session.starts_on > limit:
        return
    raise NywgMeetingTooCloseToSessionError(
        f"The Bureau may request a public meeting of the New York Working Group on case "
        f"{case_id} only if the next Assembly session is scheduled to start more than three "
        f"calendar months after the Bureau meeting of para 14(c) (annex II para 14(d)). The "
        f"Bureau meeting was on {day(bureau_meeting_on)} and the next session, "
        f"{next_session.session_id}, starts on {day(next_session.starts_on)}; it would have to "
        f"start after {day(limit)}."
    )


def require_security_council_seized(case: CaseFacts) -> None:
    """P14g: the Court referred its finding to the Security Council, as the register says now
    (an amendment of the Court's decision may have added or removed the referral)."""
    if case.referred_to_security_council:
        return
    raise SecurityCouncilNotSeizedError(
        f"The President may write to the President of the Security Council on {case.name} only "
        "where the Court referred its finding to the Security Council (annex II para 14(g)); the "
        f"Court's decision {case.court_decision_reference}, as it stands "
        f"({case.decision_status.value.replace('_', ' ')}), does not refer the matter to the "
        "Security Council."
    )
