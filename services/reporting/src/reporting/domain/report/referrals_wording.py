"""How the report words the facts referrals records (pure): the Court's decisions, their
forwarding and press release, the closure of the matter. See ``wording``."""

from __future__ import annotations

from typing import Any

from noncoop_shared.catalogue import referrals as ref
from noncoop_shared.catalogue.base import EventPayload
from reporting.domain.report.language import Lang, t
from reporting.domain.report.words import (
    Worded,
    addressees,
    chamber,
    decision_date,
    for_information,
    plain,
    request_phrase,
)


def word_referrals_fact(
    payload: EventPayload, data: dict[str, Any], state: str, lang: Lang = "en"
) -> Worded | None:
    match payload:
        case (
            ref.CourtDecisionReceived()
            | ref.CaseContinuedUnderCourtReferral()
            | ref.CourtFindingRecordedForInformation()
        ):
            return _court_referral(payload, data, state, lang)
        case (
            ref.CourtDecisionAmended() | ref.CourtDecisionReversed() | ref.CourtDecisionWithdrawn()
        ):
            return _decision_changed(payload, lang)
        case ref.DecisionForwardedToStatesParties():
            return (
                None,
                t(lang, "actor.secretariat"),
                t(lang, "ref.forwarded", reference=payload.communication_reference),
            )
        case ref.PressReleaseIssued():
            return (
                None,
                t(lang, "actor.president"),
                t(lang, "ref.press", reference=payload.reference),
            )
        case ref.CaseClosed():
            return _closed(payload, lang)
        case ref.CourtInformationRecorded():
            return _court_informed(payload, data, state, lang)
        case ref.CourtDecidedWithoutFinding():
            what = t(
                lang,
                "ref.without.not_referred"
                if payload.outcome == "not_referred"
                else "ref.without.no_finding",
            )
            return (
                payload.date,
                chamber(data, lang),
                t(lang, "ref.without", reference=payload.reference, what=what, state=state),
            )
        case _:
            return plain(payload, data, state, lang)


def _court_referral(payload: EventPayload, data: dict[str, Any], state: str, lang: Lang) -> Worded:
    """A decision of the Court on the matter, as the record carries it: referred to the
    Assembly (7(a), or a 7(b) matter continued as 7(a)), or recorded for information (S8)."""
    found = data.get("decision")
    decision: dict[str, Any] = found if isinstance(found, dict) else {}
    court = chamber(decision, lang)
    reference = decision.get("reference", "")
    if isinstance(payload, ref.CourtFindingRecordedForInformation):
        return decision_date(data), court, for_information(data, state, reference, lang)
    by = t(
        lang,
        "ref.referred.by",
        to=addressees(decision, lang, assembly=True),
        reference=reference,
    )
    matter = t(lang, "ref.matter", state=state, request=request_phrase(data, lang))
    key = "ref.received" if isinstance(payload, ref.CourtDecisionReceived) else "ref.continued"
    return decision_date(data), court, t(lang, key, by=by, matter=matter)


_CHANGED = {
    ref.CourtDecisionAmended: "ref.changed.amended",
    ref.CourtDecisionReversed: "ref.changed.reversed",
    ref.CourtDecisionWithdrawn: "ref.changed.withdrawn",
}


def _decision_changed(
    payload: ref.CourtDecisionAmended | ref.CourtDecisionReversed | ref.CourtDecisionWithdrawn,
    lang: Lang,
) -> Worded:
    effect = t(
        lang,
        "ref.effect.continues" if payload.procedure_effect == "continues" else "ref.effect.ended",
    )
    return (
        payload.change_date,
        t(lang, "actor.court"),
        t(
            lang,
            "ref.changed",
            verb=t(lang, _CHANGED[type(payload)]),
            decision=payload.decision_reference,
            change=payload.change_reference,
            effect=effect,
        ),
    )


def _closed(payload: ref.CaseClosed, lang: Lang) -> Worded:
    reference = f" ({payload.court_decision_reference})" if payload.court_decision_reference else ""
    why = {
        ref.ClosureReason.COOPERATION_OBTAINED: t(lang, "ref.closed.cooperation"),
        ref.ClosureReason.DECISION_REVERSED: t(lang, "ref.closed.reversed"),
        ref.ClosureReason.DECISION_WITHDRAWN: t(lang, "ref.closed.withdrawn"),
        ref.ClosureReason.COURT_MADE_NO_FINDING: t(
            lang, "ref.closed.no_finding", reference=reference
        ),
        ref.ClosureReason.OTHER: "",
    }[payload.reason]
    return None, t(lang, "actor.secretariat"), t(lang, "ref.closed", why=why)


def _court_informed(
    payload: ref.CourtInformationRecorded, data: dict[str, Any], state: str, lang: Lang
) -> Worded:
    """S-info: a decision of the Court informing the Assembly and/or the Security Council."""
    informed = t(lang, "ref.informed.and").join(
        t(lang, f"ref.informed.{addressee}") for addressee in payload.addressees
    )
    about = t(lang, "ref.informed.about", state=state) if data.get("state_concerned") else ""
    return (
        payload.date,
        chamber(data, lang),
        t(lang, "ref.informed", informed=informed, reference=payload.reference, about=about),
    )
