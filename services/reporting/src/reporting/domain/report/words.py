"""The words every sentence of the Bureau report shares (pure): dates and session numbers in
words, the Court's request, chamber and addressees, a decision for information only, and the
plain sentence of a fact without its own wording."""

from __future__ import annotations

from datetime import date
from typing import Any

from noncoop_shared.catalogue import meta_of
from noncoop_shared.catalogue import referrals as ref
from noncoop_shared.catalogue.base import EventPayload
from noncoop_shared.catalogue.common import StateStatus
from reporting.domain.report.language import Lang, chamber_name, in_words, ordinal, t

Worded = tuple[date | None, str, str]
"""A fact as the report says it: its date (``None``: the fact's business date), who acted
(``""``: the role that recorded it) and the clause that follows."""

# Dates and session numbers in words live with the languages (``language``); kept importable here.
__all__ = ["Worded", "in_words", "ordinal"]


def request_phrase(data: dict[str, Any], lang: Lang, joined: str = "concerning") -> str:
    """``joined``: ``concerning`` or ``in_respect_of``."""
    article = (data.get("court_request") or {}).get("article")
    if article in ("89", "93"):
        return t(lang, f"request.{article}", joined=t(lang, f"joined.{joined}"))
    return ""


def chamber(decision: dict[str, Any], lang: Lang) -> str:
    chamber = str(decision.get("chamber") or "").strip()
    if not chamber:
        return t(lang, "chamber.court")
    return t(lang, "chamber.named", chamber=chamber_name(chamber, lang))


def addressees(decision: dict[str, Any], lang: Lang, *, assembly: bool) -> str:
    council = bool(decision.get("referred_to_security_council"))
    if assembly:
        return t(lang, "to.assembly_sc" if council else "to.assembly")
    return t(lang, "to.sc") if council else ""


COURT_ACTS = (ref.CourtInformationRecorded, ref.CourtDecidedWithoutFinding)
"""Decisions of the Court recorded with their reference, date and chamber at the top level."""


def court_decision(payload: EventPayload, data: dict[str, Any]) -> dict[str, Any] | None:
    """The decision of the Court a record carries (reference, date, chamber, ...), if any."""
    if isinstance(payload, COURT_ACTS):
        return {
            "reference": data["reference"],
            "date": data["date"],
            "chamber": data["chamber"],
            "referred_to_security_council": "security_council" in data.get("addressees", []),
        }
    decision = data.get("decision")
    if isinstance(decision, dict) and decision.get("reference") and decision.get("date"):
        return decision
    return None


def decision_date(data: dict[str, Any]) -> date | None:
    decision = data.get("decision")
    if isinstance(decision, dict) and decision.get("date"):
        return date.fromisoformat(str(decision["date"]))
    return None


def for_information(data: dict[str, Any], state: str, reference: str, lang: Lang) -> str:
    """A decision of the Court for information only (S8, S-info): whom it concerns and whom
    the Court addressed, never what it found (P12)."""
    found = data.get("decision")
    decision: dict[str, Any] = found if isinstance(found, dict) else {}
    resolution = data.get("security_council_resolution")
    bound = (
        t(lang, "info.bound", resolution=f" ({resolution})" if resolution else "")
        if bound_by_security_council(data)
        else ""
    )
    sent = t(lang, "info.sent") if decision.get("referred_to_security_council") else ""
    request = request_phrase(data, lang, "in_respect_of")
    return t(
        lang,
        "info.clause",
        reference=reference,
        state=state,
        bound=bound,
        request=request,
        sent=sent,
    )


def bound_by_security_council(data: dict[str, Any]) -> bool:
    """S8: the decision concerns a non-party State bound by a Security Council resolution."""
    status = (data.get("requested_state") or {}).get("status")
    return bool(data.get("bound_by_security_council_resolution")) or (
        status == StateStatus.NON_PARTY_SECURITY_COUNCIL
    )


def plain(payload: EventPayload, data: dict[str, Any], state: str, lang: Lang = "en") -> Worded:
    """A fact without its own wording: a decision of the Court, or the fact's name."""
    meta = meta_of(payload)
    decision = data.get("decision")
    if isinstance(decision, dict) and decision.get("reference"):
        return (
            decision_date(data),
            chamber(decision, lang),
            for_information(data, state, str(decision["reference"]), lang),
        )
    return None, "", t(lang, "plain", name=meta.name.replace("_", " "))
