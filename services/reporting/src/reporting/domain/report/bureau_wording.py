"""How the report words the facts of the Bureau's formal response (pure): meetings, open
letters, the requested State at the Bureau, the Assembly's session, the letter to the Security
Council, and the Bureau report submitted (recorded by reporting). See ``wording``."""

from __future__ import annotations

from typing import Any

from noncoop_shared.catalogue import bureau as bu
from noncoop_shared.catalogue import reporting as rp
from noncoop_shared.catalogue.base import EventPayload
from reporting.domain.report.language import Lang, in_words, t
from reporting.domain.report.words import Worded, plain


def word_bureau_fact(
    payload: EventPayload, data: dict[str, Any], state: str, lang: Lang = "en"
) -> Worded | None:
    bureau = t(lang, "actor.bureau_member")
    match payload:
        case bu.FormalResponseOpened() | bu.FormalResponseStopped():
            return None  # the Bureau's copy of the Court's decision, or of its reversal/closure
        case bu.EmergencyMeetingAnnounced():
            what = t(
                lang,
                "bu.emergency.convening"
                if payload.announcement is bu.Announcement.CONVENING
                else "bu.emergency.decisions",
            )
            return None, bureau, t(lang, "bu.emergency", what=what)
        case bu.OpenLetterSent() | bu.OpenLetterReplyReceived() | bu.OpenLetterReplyOverdue():
            return _open_letter(payload, state, lang)
        case bu.RequestedStateInvited():
            on = in_words(payload.meets_on, lang)
            return None, bureau, t(lang, "bu.invited", state=state, on=on)
        case bu.NywgPublicMeetingRequested():
            return None, bureau, t(lang, "bu.nywg")
        case bu.FacilitatorAppointed():
            return None, bureau, t(lang, "bu.facilitator")
        case (
            bu.OmnibusNotingRecorded() | bu.OmnibusNotingOverdue() | bu.PlenaryDiscussionRecorded()
        ):
            return _at_the_session(payload, lang)
        case bu.SecurityCouncilLetterSent():
            return _security_council_letter(payload, lang)
        case rp.BureauReportSubmitted():
            return None, bureau, t(lang, "bu.report_submitted", session=payload.session_id)
        case _:
            return plain(payload, data, state, lang)


def _open_letter(
    payload: bu.OpenLetterSent | bu.OpenLetterReplyReceived | bu.OpenLetterReplyOverdue,
    state: str,
    lang: Lang,
) -> Worded:
    """P14b: the President's open letter, the requested State's reply, or its absence."""
    letter = f" ({payload.letter_reference})" if payload.letter_reference else ""
    match payload:
        case bu.OpenLetterSent():
            return (
                None,
                t(lang, "actor.president"),
                t(
                    lang,
                    "bu.letter_sent",
                    reference=payload.letter_reference,
                    state=state,
                    due=in_words(payload.reply_due_on, lang),
                ),
            )
        case bu.OpenLetterReplyReceived():
            late = t(lang, "bu.reply.late") if payload.late else ""
            return payload.received_on, state, t(lang, "bu.reply", letter=letter, late=late)
        case bu.OpenLetterReplyOverdue():
            return (
                payload.reply_due_on,
                t(lang, "actor.bureau_member"),
                t(lang, "bu.reply_overdue", state=state, letter=letter),
            )


def _at_the_session(
    payload: bu.OmnibusNotingRecorded | bu.OmnibusNotingOverdue | bu.PlenaryDiscussionRecorded,
    lang: Lang,
) -> Worded:
    """P14e and P14f: what the Assembly did (or did not do) at its session."""
    assembly = t(lang, "actor.assembly")
    match payload:
        case bu.OmnibusNotingRecorded():
            return None, assembly, t(lang, "bu.omnibus_noted", session=payload.session_id)
        case bu.OmnibusNotingOverdue():
            return (
                payload.session_closed_on,
                assembly,
                t(lang, "bu.omnibus_overdue", session=payload.session_id),
            )
        case bu.PlenaryDiscussionRecorded():
            return payload.held_on, assembly, t(lang, "bu.plenary", session=payload.session_id)


def _security_council_letter(payload: bu.SecurityCouncilLetterSent, lang: Lang) -> Worded:
    """P14g: the President's letter to the President of the Security Council."""
    following = (
        t(lang, "bu.sc_letter.following", reference=payload.decision_reference)
        if payload.decision_reference
        else ""
    )
    return (
        None,
        t(lang, "actor.president"),
        t(lang, "bu.sc_letter", reference=payload.letter_reference, following=following),
    )
