"""How the Bureau report words each recorded fact (pure): one sentence per action, dated in words,
the actor named, as the Bureau's reports to the Assembly read ("On 26 September 2016, the
President of the Assembly issued a press release ...").

Only what the procedures record is said: who acted, when, under which rule, and the references
(P12: actions and their dates, never the merits). Free text a record may carry (a summary, a
note, a title, decisions taken) is never copied into a sentence: it is not the Bureau's wording
and may speak of the merits. A fact this module has no wording for still gets a plain sentence
(the actor and the fact's name), so a new event type is reported, never dropped silently.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict

from noncoop_shared.catalogue import bureau as bu
from noncoop_shared.catalogue import meta_of
from noncoop_shared.catalogue import referrals as ref
from noncoop_shared.catalogue import reporting as rp
from noncoop_shared.catalogue.base import EventPayload
from noncoop_shared.catalogue.common import StateStatus
from noncoop_shared.envelope import Envelope
from noncoop_shared.rules import Rule

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

ACTORS = {
    "president": "the President of the Assembly",
    "bureau_member": "the Bureau",
    "secretariat": "the Secretariat",
    "court": "the Court",
    "state_party": "a State Party",
    "focal_point": "a focal point",
}
"""The actor of a fact the wording does not know, by the role that recorded it."""


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


class Sentence(BaseModel):
    """One action, as the report states it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    on: date
    """the business date the sentence gives (the cut-off and the order use it)"""
    at: datetime
    """the fact's business time, to order actions of one day"""
    actor: str
    rule: str | None
    text: str


def _request(data: dict[str, Any], joined: str = "concerning") -> str:
    article = (data.get("court_request") or {}).get("article")
    if article == "89":
        return f" {joined} a request for arrest and surrender (article 89 of the Statute)"
    if article == "93":
        return f" {joined} a request for assistance (article 93 of the Statute)"
    return ""


def _chamber(decision: dict[str, Any]) -> str:
    chamber = str(decision.get("chamber") or "").strip()
    return f"{chamber} of the Court" if chamber else "the Court"


def _addressees(decision: dict[str, Any], *, assembly: bool) -> str:
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
    return (
        f"issued decision {reference} concerning {state}{bound}{_request(data, 'in respect of')}"
        f"{sent}; the decision was not referred to the Assembly and is reported for its "
        "information"
    )


def bound_by_security_council(data: dict[str, Any]) -> bool:
    """S8: the decision concerns a non-party State bound by a Security Council resolution."""
    status = (data.get("requested_state") or {}).get("status")
    return bool(data.get("bound_by_security_council_resolution")) or (
        status == StateStatus.NON_PARTY_SECURITY_COUNCIL
    )


def rule_of(envelope: Envelope, payload: EventPayload, data: dict[str, Any]) -> str | None:
    """The rule a sentence cites: a decision for information only cites S8 (a State bound by
    the Security Council) or S-info, not P13, which it does not trigger."""
    if isinstance(payload, ref.CourtFindingRecordedForInformation) or envelope.rule in (
        Rule.S8,
        Rule.S_INFO,
    ):
        return Rule.S8 if bound_by_security_council(data) else Rule.S_INFO
    return envelope.rule or meta_of(payload).rule


def sentence(
    envelope: Envelope, payload: EventPayload, data: dict[str, Any], state: str
) -> Sentence | None:
    """The sentence for one recorded fact of a case whose requested State is ``state``;
    ``None`` for a fact that repeats another (the Bureau's copy of the Court's decision)."""
    worded = _worded(payload, data, state)
    if worded is None:
        return None
    on, actor, clause = worded
    on = on or envelope.occurredat.astimezone(UTC).date()
    actor = actor or ACTORS.get(envelope.actorrole, "the Secretariat")
    rule = rule_of(envelope, payload, data)
    cited = f" ({rule})" if rule else ""
    return Sentence(
        on=on,
        at=envelope.occurredat,
        actor=actor,
        rule=rule,
        text=f"On {in_words(on)}, {actor} {clause}{cited}.",
    )


def _worded(
    payload: EventPayload, data: dict[str, Any], state: str
) -> tuple[date | None, str, str] | None:
    found = data.get("decision")
    decision: dict[str, Any] = found if isinstance(found, dict) else {}
    court = _chamber(decision)
    reference = decision.get("reference", "")
    match payload:
        case ref.CourtDecisionReceived():
            return (
                decision_date(data),
                court,
                f"referred to {_addressees(decision, assembly=True)}, by decision {reference}, "
                f"a matter of non-cooperation by {state}{_request(data)}",
            )
        case ref.CaseContinuedUnderCourtReferral():
            return (
                decision_date(data),
                court,
                f"referred to {_addressees(decision, assembly=True)}, by decision {reference}, "
                f"the matter of non-cooperation by {state}{_request(data)}, handled until then "
                "under paragraph 7(b) of the procedures; the matter continued under paragraph "
                "7(a)",
            )
        case ref.CourtFindingRecordedForInformation():
            return (
                decision_date(data),
                court,
                for_information(data, state, reference),
            )
        case (
            ref.CourtDecisionAmended() | ref.CourtDecisionReversed() | ref.CourtDecisionWithdrawn()
        ):
            verb = {
                ref.CourtDecisionAmended: "amended",
                ref.CourtDecisionReversed: "reversed",
                ref.CourtDecisionWithdrawn: "withdrew",
            }[type(payload)]
            effect = (
                "the remaining steps of the procedure continued"
                if payload.procedure_effect == "continues"
                else "the remaining steps of the procedure ended"
            )
            return (
                payload.change_date,
                "the Court",
                f"{verb} decision {payload.decision_reference} by {payload.change_reference}; "
                f"{effect}",
            )
        case ref.DecisionForwardedToStatesParties():
            return (
                None,
                "the Secretariat",
                f"forwarded the decision of the Court to all States Parties "
                f"({payload.communication_reference})",
            )
        case ref.PressReleaseIssued():
            return (
                None,
                "the President of the Assembly",
                f"informed the public of the decision of the Court by a press release "
                f"({payload.reference})",
            )
        case ref.CaseClosed():
            why = {
                ref.ClosureReason.COOPERATION_OBTAINED: "cooperation having been obtained",
                ref.ClosureReason.DECISION_REVERSED: "the decision of the Court having been "
                "reversed",
                ref.ClosureReason.DECISION_WITHDRAWN: "the decision of the Court having been "
                "withdrawn",
                ref.ClosureReason.COURT_MADE_NO_FINDING: "the Court having made no finding"
                + (
                    f" ({payload.court_decision_reference})"
                    if payload.court_decision_reference
                    else ""
                ),
                ref.ClosureReason.OTHER: "",
            }[payload.reason]
            return None, "the Secretariat", "closed the matter" + (f", {why}" if why else "")
        case ref.CourtInformationRecorded():
            informed = " and ".join(
                {"assembly": "the Assembly", "security_council": "the Security Council"}[a]
                for a in payload.addressees
            )
            about = f" concerning {state}" if data.get("state_concerned") else ""
            return (
                payload.date,
                _chamber(data),
                f"informed {informed}, by decision {payload.reference}{about}, without "
                "referring a matter of non-cooperation; the decision is reported for the "
                "information of the Assembly",
            )
        case ref.CourtDecidedWithoutFinding():
            what = (
                "not to refer to the Assembly"
                if payload.outcome == "not_referred"
                else "to make no finding of non-cooperation on"
            )
            return (
                payload.date,
                _chamber(data),
                f"decided, by decision {payload.reference}, {what} the matter concerning {state}",
            )
        case bu.OmnibusNotingOverdue():
            return (
                payload.session_closed_on,
                "the Assembly",
                f"closed its session {payload.session_id} without the decision of the Court "
                "noted in its omnibus resolution",
            )
        case rp.BureauReportSubmitted():
            return (
                None,
                "the Bureau",
                f"submitted its report covering the matter to the session "
                f"{payload.session_id} of the Assembly",
            )
        case bu.FormalResponseOpened() | bu.FormalResponseStopped():
            return None  # the Bureau's copy of the Court's decision, or of its reversal/closure
        case bu.EmergencyMeetingAnnounced():
            what = (
                "the convening of an emergency meeting of the Bureau on the matter"
                if payload.announcement is bu.Announcement.CONVENING
                else "the decisions of its emergency meeting on the matter"
            )
            return None, "the Bureau", f"announced to all States Parties {what}"
        case bu.OpenLetterSent():
            return (
                None,
                "the President of the Assembly",
                f"sent an open letter ({payload.letter_reference}) to {state}, reminding it of "
                "its obligation to cooperate and requesting its views by "
                f"{in_words(payload.reply_due_on)}, with a copy to all States Parties",
            )
        case bu.OpenLetterReplyReceived():
            late = ", after the date requested" if payload.late else ""
            letter = f" ({payload.letter_reference})" if payload.letter_reference else ""
            return payload.received_on, state, f"replied to the open letter{letter}{late}"
        case bu.OpenLetterReplyOverdue():
            return (
                payload.reply_due_on,
                "the Bureau",
                f"noted that no reply of {state} to the open letter"
                + (f" ({payload.letter_reference})" if payload.letter_reference else "")
                + " had been received by the date requested",
            )
        case bu.RequestedStateInvited():
            return (
                None,
                "the Bureau",
                f"invited a representative of {state} to its meeting of "
                f"{in_words(payload.meets_on)}",
            )
        case bu.NywgPublicMeetingRequested():
            return (
                None,
                "the Bureau",
                "requested the New York Working Group to hold a public meeting on the matter",
            )
        case bu.OmnibusNotingRecorded():
            return (
                None,
                "the Assembly",
                "noted the decision of the Court in the omnibus resolution of its session "
                f"{payload.session_id}",
            )
        case bu.PlenaryDiscussionRecorded():
            return (
                payload.held_on,
                "the Assembly",
                f"discussed the matter in plenary at its session {payload.session_id}",
            )
        case bu.FacilitatorAppointed():
            return (
                None,
                "the Bureau",
                "appointed a facilitator to consult on a draft resolution on the matter",
            )
        case bu.SecurityCouncilLetterSent():
            return (
                None,
                "the President of the Assembly",
                f"wrote to the President of the Security Council ({payload.letter_reference})"
                + (
                    f", following decision {payload.decision_reference} of the Court,"
                    if payload.decision_reference
                    else ""
                )
                + " asking the Council to follow up on its referral and outlining what the "
                "Assembly had done",
            )
        case _:
            return _plain(payload, data, state)


def _plain(payload: EventPayload, data: dict[str, Any], state: str) -> tuple[date | None, str, str]:
    """A fact without its own wording: a decision of the Court, or the fact's name."""
    meta = meta_of(payload)
    decision = data.get("decision")
    if isinstance(decision, dict) and decision.get("reference"):
        return (
            decision_date(data),
            _chamber(decision),
            for_information(data, state, str(decision["reference"])),
        )
    return None, "", "recorded: " + meta.name.replace("_", " ")
