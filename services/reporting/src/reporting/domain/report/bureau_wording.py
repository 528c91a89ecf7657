"""How the report words the facts of the Bureau's formal response (pure): meetings, open
letters, the requested State at the Bureau, the Assembly's session, the letter to the Security
Council, and the Bureau report submitted (recorded by reporting). See ``wording``."""

from __future__ import annotations

from typing import Any

from noncoop_shared.catalogue import bureau as bu
from noncoop_shared.catalogue import reporting as rp
from noncoop_shared.catalogue.base import EventPayload
from reporting.domain.report.words import Worded, in_words, plain


def word_bureau_fact(payload: EventPayload, data: dict[str, Any], state: str) -> Worded | None:
    match payload:
        case bu.FormalResponseOpened() | bu.FormalResponseStopped():
            return None  # the Bureau's copy of the Court's decision, or of its reversal/closure
        case bu.EmergencyMeetingAnnounced():
            what = (
                "the convening of an emergency meeting of the Bureau on the matter"
                if payload.announcement is bu.Announcement.CONVENING
                else "the decisions of its emergency meeting on the matter"
            )
            return None, "the Bureau", f"announced to all States Parties {what}"
        case bu.OpenLetterSent() | bu.OpenLetterReplyReceived() | bu.OpenLetterReplyOverdue():
            return _open_letter(payload, state)
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
        case bu.FacilitatorAppointed():
            return (
                None,
                "the Bureau",
                "appointed a facilitator to consult on a draft resolution on the matter",
            )
        case (
            bu.OmnibusNotingRecorded() | bu.OmnibusNotingOverdue() | bu.PlenaryDiscussionRecorded()
        ):
            return _at_the_session(payload)
        case bu.SecurityCouncilLetterSent():
            return _security_council_letter(payload)
        case rp.BureauReportSubmitted():
            return (
                None,
                "the Bureau",
                f"submitted its report covering the matter to the session "
                f"{payload.session_id} of the Assembly",
            )
        case _:
            return plain(payload, data, state)


def _open_letter(
    payload: bu.OpenLetterSent | bu.OpenLetterReplyReceived | bu.OpenLetterReplyOverdue,
    state: str,
) -> Worded:
    """P14b: the President's open letter, the requested State's reply, or its absence."""
    match payload:
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


def _at_the_session(
    payload: bu.OmnibusNotingRecorded | bu.OmnibusNotingOverdue | bu.PlenaryDiscussionRecorded,
) -> Worded:
    """P14e and P14f: what the Assembly did (or did not do) at its session."""
    match payload:
        case bu.OmnibusNotingRecorded():
            return (
                None,
                "the Assembly",
                "noted the decision of the Court in the omnibus resolution of its session "
                f"{payload.session_id}",
            )
        case bu.OmnibusNotingOverdue():
            return (
                payload.session_closed_on,
                "the Assembly",
                f"closed its session {payload.session_id} without the decision of the Court "
                "noted in its omnibus resolution",
            )
        case bu.PlenaryDiscussionRecorded():
            return (
                payload.held_on,
                "the Assembly",
                f"discussed the matter in plenary at its session {payload.session_id}",
            )


def _security_council_letter(payload: bu.SecurityCouncilLetterSent) -> Worded:
    """P14g: the President's letter to the President of the Security Council."""
    following = (
        f", following decision {payload.decision_reference} of the Court,"
        if payload.decision_reference
        else ""
    )
    return (
        None,
        "the President of the Assembly",
        f"wrote to the President of the Security Council ({payload.letter_reference})"
        f"{following} asking the Council to follow up on its referral and outlining what the "
        "Assembly had done",
    )
