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

Worded = tuple[date | None, str, str]
"""A fact as the report says it: its date (``None``: the fact's business date), who acted
(``""``: the role that recorded it) and the clause that follows."""

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

_UNITS = [
    *("zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth"),
    *("ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth"),
    *("sixteenth", "seventeenth", "eighteenth", "nineteenth"),
]
_TENS = {20: "twent", 30: "thirt", 40: "fort", 50: "fift", 60: "sixt", 70: "sevent"}
_TENS_CARDINAL = {20: "twenty", 30: "thirty", 40: "forty", 50: "fifty", 60: "sixty", 70: "seventy"}


def in_words(day: date) -> str:
    """``26 September 2016``: the Assembly's way of writing a date."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def ordinal(number: int | None) -> str | None:
    """``eighteenth``: how the Assembly names its sessions (1 to 79); ``None`` beyond."""
    if number is None or not 1 <= number < 80:
        return None
    if number < 20:
        return _UNITS[number]
    tens, unit = divmod(number, 10)
    if unit == 0:
        return _TENS[number] + "ieth"
    return f"{_TENS_CARDINAL[tens * 10]}-{_UNITS[unit]}"


def request_phrase(data: dict[str, Any], joined: str = "concerning") -> str:
    article = (data.get("court_request") or {}).get("article")
    if article == "89":
        return f" {joined} a request for arrest and surrender (article 89 of the Statute)"
    if article == "93":
        return f" {joined} a request for assistance (article 93 of the Statute)"
    return ""


def chamber(decision: dict[str, Any]) -> str:
    chamber = str(decision.get("chamber") or "").strip()
    return f"{chamber} of the Court" if chamber else "the Court"


def addressees(decision: dict[str, Any], *, assembly: bool) -> str:
    to = ["the Assembly"] if assembly else []
    if decision.get("referred_to_security_council"):
        to.append("the Security Council")
    return " and to ".join(to)


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


def for_information(data: dict[str, Any], state: str, reference: str) -> str:
    """A decision of the Court for information only (S8, S-info): whom it concerns and whom
    the Court addressed, never what it found (P12)."""
    found = data.get("decision")
    decision: dict[str, Any] = found if isinstance(found, dict) else {}
    resolution = data.get("security_council_resolution")
    bound = (
        ", a State not party to the Rome Statute bound by a decision of the Security Council"
        + (f" ({resolution})," if resolution else ",")
        if bound_by_security_council(data)
        else ""
    )
    sent = (
        " and referred the matter to the Security Council"
        if decision.get("referred_to_security_council")
        else ""
    )
    request = request_phrase(data, "in respect of")
    return (
        f"issued decision {reference} concerning {state}{bound}{request}"
        f"{sent}; the decision was not referred to the Assembly and is reported for its "
        "information"
    )


def bound_by_security_council(data: dict[str, Any]) -> bool:
    """S8: the decision concerns a non-party State bound by a Security Council resolution."""
    status = (data.get("requested_state") or {}).get("status")
    return bool(data.get("bound_by_security_council_resolution")) or (
        status == StateStatus.NON_PARTY_SECURITY_COUNCIL
    )


def plain(payload: EventPayload, data: dict[str, Any], state: str) -> Worded:
    """A fact without its own wording: a decision of the Court, or the fact's name."""
    meta = meta_of(payload)
    decision = data.get("decision")
    if isinstance(decision, dict) and decision.get("reference"):
        return (
            decision_date(data),
            chamber(decision),
            for_information(data, state, str(decision["reference"])),
        )
    return None, "", "recorded: " + meta.name.replace("_", " ")
