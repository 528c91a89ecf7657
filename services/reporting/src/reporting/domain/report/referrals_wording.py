"""How the report words the facts referrals records (pure): the Court's decisions, their
forwarding and press release, the closure of the matter. See ``wording``."""

from __future__ import annotations

from typing import Any

from noncoop_shared.catalogue import referrals as ref
from noncoop_shared.catalogue.base import EventPayload
from reporting.domain.report.words import (
    Worded,
    addressees,
    chamber,
    decision_date,
    for_information,
    plain,
    request_phrase,
)


def word_referrals_fact(payload: EventPayload, data: dict[str, Any], state: str) -> Worded | None:
    match payload:
        case (
            ref.CourtDecisionReceived()
            | ref.CaseContinuedUnderCourtReferral()
            | ref.CourtFindingRecordedForInformation()
        ):
            return _court_referral(payload, data, state)
        case (
            ref.CourtDecisionAmended() | ref.CourtDecisionReversed() | ref.CourtDecisionWithdrawn()
        ):
            return _decision_changed(payload)
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
            return _closed(payload)
        case ref.CourtInformationRecorded():
            return _court_informed(payload, data, state)
        case ref.CourtDecidedWithoutFinding():
            what = (
                "not to refer to the Assembly"
                if payload.outcome == "not_referred"
                else "to make no finding of non-cooperation on"
            )
            return (
                payload.date,
                chamber(data),
                f"decided, by decision {payload.reference}, {what} the matter concerning {state}",
            )
        case _:
            return plain(payload, data, state)


def _court_referral(payload: EventPayload, data: dict[str, Any], state: str) -> Worded:
    """A decision of the Court on the matter, as the record carries it: referred to the
    Assembly (7(a), or a 7(b) matter continued as 7(a)), or recorded for information (S8)."""
    found = data.get("decision")
    decision: dict[str, Any] = found if isinstance(found, dict) else {}
    court = chamber(decision)
    reference = decision.get("reference", "")
    if isinstance(payload, ref.CourtFindingRecordedForInformation):
        return decision_date(data), court, for_information(data, state, reference)
    by = f"referred to {addressees(decision, assembly=True)}, by decision {reference},"
    matter = f"matter of non-cooperation by {state}{request_phrase(data)}"
    if isinstance(payload, ref.CourtDecisionReceived):
        return decision_date(data), court, f"{by} a {matter}"
    return (
        decision_date(data),
        court,
        f"{by} the {matter}, handled until then under paragraph 7(b) of the procedures; the "
        "matter continued under paragraph 7(a)",
    )


_CHANGED = {
    ref.CourtDecisionAmended: "amended",
    ref.CourtDecisionReversed: "reversed",
    ref.CourtDecisionWithdrawn: "withdrew",
}


def _decision_changed(
    payload: ref.CourtDecisionAmended | ref.CourtDecisionReversed | ref.CourtDecisionWithdrawn,
) -> Worded:
    effect = (
        "the remaining steps of the procedure continued"
        if payload.procedure_effect == "continues"
        else "the remaining steps of the procedure ended"
    )
    return (
        payload.change_date,
        "the Court",
        f"{_CHANGED[type(payload)]} decision {payload.decision_reference} by "
        f"{payload.change_reference}; {effect}",
    )


def _closed(payload: ref.CaseClosed) -> Worded:
    why = {
        ref.ClosureReason.COOPERATION_OBTAINED: "cooperation having been obtained",
        ref.ClosureReason.DECISION_REVERSED: "the decision of the Court having been reversed",
        ref.ClosureReason.DECISION_WITHDRAWN: "the decision of the Court having been withdrawn",
        ref.ClosureReason.COURT_MADE_NO_FINDING: "the Court having made no finding"
        + (f" ({payload.court_decision_reference})" if payload.court_decision_reference else ""),
        ref.ClosureReason.OTHER: "",
    }[payload.reason]
    return None, "the Secretariat", "closed the matter" + (f", {why}" if why else "")


def _court_informed(
    payload: ref.CourtInformationRecorded, data: dict[str, Any], state: str
) -> Worded:
    """S-info: a decision of the Court informing the Assembly and/or the Security Council."""
    informed = " and ".join(
        {"assembly": "the Assembly", "security_council": "the Security Council"}[a]
        for a in payload.addressees
    )
    about = f" concerning {state}" if data.get("state_concerned") else ""
    return (
        payload.date,
        chamber(data),
        f"informed {informed}, by decision {payload.reference}{about}, without referring a "
        "matter of non-cooperation; the decision is reported for the information of the Assembly",
    )
