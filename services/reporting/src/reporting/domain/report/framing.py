"""The report's framing (pure): how a session is named, the introduction stating the mandate,
the section on the Security Council, and the language proposed for the omnibus resolution.

Written as the Bureau's reports to the Assembly are: article 112(2)(f) of the Statute, annex II of
ICC-ASP/17/Res.5 (P15), annex I 3(k) of the previous session's omnibus resolution, P12 (no
merits), and P14e for the annex.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from noncoop_shared.calendar import CalendarSession, SessionKind, next_or_ongoing_session
from noncoop_shared.rules import Rule
from reporting.domain.report import words
from reporting.domain.report.words import in_words

if TYPE_CHECKING:
    from reporting.domain.report.content import ReportContent


def session_title(session: CalendarSession) -> str:
    """How the Assembly names a session: ``eighteenth session``, ``resumed eighteenth
    session``, ``special session``; ``session <id>`` when its number is not known."""
    word = words.ordinal(session.number)
    if session.kind is SessionKind.SPECIAL:
        return "special session"
    if word is None:
        return f"session {session.session_id}"
    prefix = "resumed " if session.kind is SessionKind.RESUMED else ""
    return f"{prefix}{word} session"


def introduction(content: ReportContent) -> list[str]:
    """The mandate (art. 112(2)(f), annex II, annex I 3(k) of the previous omnibus resolution),
    the period and what the report holds (P15, P12)."""
    paragraphs = [
        "Article 112, paragraph 2(f), of the Rome Statute provides that the Assembly shall "
        "consider, pursuant to article 87, paragraphs 5 and 7, any question relating to "
        "non-cooperation. Under the Assembly procedures relating to non-cooperation (annex II "
        "of resolution ICC-ASP/17/Res.5), a Bureau report on the action taken in response to a "
        "decision of the Court regarding non-cooperation is submitted to the next (or on-going) "
        f"session of the Assembly ({Rule.P15}, {Rule.P15.paragraph}).",
    ]
    if content.previous_session_title is not None:
        paragraphs.append(
            f"At its {content.previous_session_title}, in its omnibus resolution, the Assembly "
            "requested the Bureau to continue to actively engage throughout the intersessional "
            "period with all relevant stakeholders to ensure effective implementation of the "
            "Assembly procedures relating to non-cooperation, and to submit a report on its "
            f"activities to the Assembly at its {content.session_title} (annex I, "
            "paragraph 3(k)).",
        )
    period = (
        f"from {in_words(content.period_start)} to {in_words(content.cutoff)}"
        if content.period_start is not None
        else f"up to {in_words(content.cutoff)}"
    )
    venue = f", {content.session_venue}" if content.session_venue else ""
    paragraphs.append(
        f"The present report is submitted to the {content.session_title} of the Assembly "
        f"({in_words(content.session_starts_on)} to {in_words(content.session_ends_on)}{venue}). "
        f"It covers the period {period}. It states the actions taken under the procedures and "
        "their dates, as recorded by "
        f"{content.as_of.strftime('%H:%M')} UTC on {in_words(content.as_of.date())}; it does "
        f"not address the merits of the requests of the Court ({Rule.P12}).",
    )
    paragraphs.append(
        f"The report concerns {_count(len(content.referred), 'matter')} of non-cooperation "
        "referred to the Assembly, "
        f"{_count(len(content.security_council_bound), 'decision')} of the Court concerning "
        "States bound by a decision of the Security Council and "
        f"{_count(len(content.information), 'other decision')} of the Court transmitted for "
        "information.",
    )
    return paragraphs


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def security_council(content: ReportContent) -> list[str]:
    """One sentence per matter the Court also referred to the Security Council."""
    lines = []
    for entry in [*content.referred, *content.security_council_bound]:
        if not entry.referred_to_security_council:
            continue
        refs = "; ".join(f"{d.reference}, dated {in_words(d.date)}" for d in entry.decisions)
        lines.append(
            f"The Court referred its decision concerning {entry.requested_state} to the "
            f"Security Council ({refs})."
        )
    return lines


def omnibus_language(
    content: ReportContent, session: CalendarSession, calendar: Sequence[CalendarSession]
) -> list[str]:
    """P14e: the referrals of the Court due to be noted at this session (the next or on-going
    session after each decision's date), as the omnibus resolution would note them."""
    known = [*calendar, session] if session not in calendar else list(calendar)
    noted = []
    for entry in content.referred:
        for decision in entry.decisions:
            due = next_or_ongoing_session(known, decision.date)
            if decision.referred_to_assembly and due and due.session_id == session.session_id:
                noted.append(
                    f"the decision of {decision.chamber or 'the Court'} concerning "
                    f"{entry.requested_state} ({decision.reference}), dated "
                    f"{in_words(decision.date)}"
                )
    paragraphs = ["*Takes note* of the report of the Bureau on non-cooperation;"]
    if noted:
        paragraphs.append(
            "*Notes with concern* the decisions of the Court regarding non-cooperation referred "
            f"to the Assembly, namely {_enumerate(noted)};"
        )
    return paragraphs


def _enumerate(items: list[str]) -> str:
    if len(items) == 1:
        return items[0]
    return "; ".join(items[:-1]) + "; and " + items[-1]
