"""The fold of the Bureau's events (the ``formal-response:`` stream): the formal response to a
Court referral (P14a-P14g), and its stop."""

from __future__ import annotations

from datetime import datetime

from noncoop_shared.catalogue import bureau as bu
from noncoop_shared.catalogue.base import EventPayload
from noncoop_shared.envelope import Envelope
from reporting.domain.procedural.facts import CaseFacts, Step, end_of
from reporting.domain.procedural.folding import done, keyed, stop
from reporting.domain.procedural.wording import Note


def fold_bureau_event(
    facts: CaseFacts, envelope: Envelope, payload: EventPayload, at: datetime
) -> None:
    match payload:
        case bu.FormalResponseOpened():
            facts.formal_opened_at = at
            facts.security_council = payload.referred_to_security_council
            facts.decision_date = facts.decision_date or payload.court_decision_date
        case (
            bu.EmergencyMeetingConvened()
            | bu.EmergencyMeetingHeld()
            | bu.EmergencyMeetingAnnounced()
        ):
            _emergency_meeting(facts, envelope, payload, at)
        case bu.OpenLetterSent() | bu.OpenLetterReplyReceived():
            _open_letter(facts, envelope, payload, at)
        case bu.OpenLetterReplyOverdue():
            pass  # the due day is on the letter; whether it passed depends on the date asked
        case bu.RequestedStateInvited() | bu.RequestedStateAttendanceRecorded():
            _requested_state_at_bureau_meeting(facts, envelope, payload, at)
        case bu.NywgPublicMeetingRequested():
            done(facts.p14d, envelope, payload.next_session_id)
        case bu.OmnibusNotingRecorded():
            done(facts.p14e, envelope, payload.session_id)
        case bu.PlenaryDiscussionRecorded():
            done(facts.p14f, envelope, payload.session_id)
        case bu.FacilitatorAppointed():
            done(
                facts.facilitator,
                envelope,
                note=Note("facilitator.session", args={"session": payload.session_id}),
            )
        case bu.SecurityCouncilLetterSent():
            done(facts.p14g, envelope, payload.letter_reference)
        case bu.FormalResponseStopped():
            stop(facts, at, Note(f"stop.formal_response.{payload.reason.value}"))
        case _:
            pass


def _emergency_meeting(
    facts: CaseFacts,
    envelope: Envelope,
    payload: bu.EmergencyMeetingConvened | bu.EmergencyMeetingHeld | bu.EmergencyMeetingAnnounced,
    at: datetime,
) -> None:
    """P14a, one step per meeting: convened, held (done), announced to all States Parties."""
    meeting = keyed(facts.meetings, payload.meeting_id)
    match payload:
        case bu.EmergencyMeetingConvened():
            meeting.arose_at = at
            meeting.note = Note("meeting.convened", day=payload.meets_on)
        case bu.EmergencyMeetingHeld():
            meeting.arose_at = meeting.arose_at or at
            done(meeting, envelope, note=Note("meeting.held", day=payload.held_on))
        case bu.EmergencyMeetingAnnounced():
            meeting.tag(Note(f"meeting.announced.{payload.announcement.value}"))


def _open_letter(
    facts: CaseFacts,
    envelope: Envelope,
    payload: bu.OpenLetterSent | bu.OpenLetterReplyReceived,
    at: datetime,
) -> None:
    """P14b, one step per letter: its reply, due at the end of the day the letter gives."""
    if isinstance(payload, bu.OpenLetterSent):
        letter = keyed(facts.letters, payload.letter_reference)
        letter.arose_at = at
        letter.due_at = end_of(payload.reply_due_on)
        letter.note = Note("letter.reply_due", day=payload.reply_due_on)
        return
    replied = _letter_replied_to(facts, payload.letter_reference)
    if replied is not None:
        done(replied, envelope, note=Note("letter.reply_received", day=payload.received_on))


def _letter_replied_to(facts: CaseFacts, reference: str | None) -> Step | None:
    """The open letter a reply is about: by reference when the event names it, else the
    latest letter still awaiting its reply."""
    if reference is not None:
        return keyed(facts.letters, reference)
    awaiting = [letter for letter in facts.letters.values() if letter.done_at is None]
    return awaiting[-1] if awaiting else None


def _requested_state_at_bureau_meeting(
    facts: CaseFacts,
    envelope: Envelope,
    payload: bu.RequestedStateInvited | bu.RequestedStateAttendanceRecorded,
    at: datetime,
) -> None:
    """P14c is done when the meeting the State was invited to has been held with the State
    invited: its attendance or absence is recorded (as the Bureau holds it)."""
    if isinstance(payload, bu.RequestedStateInvited):
        facts.p14c.arose_at = facts.p14c.arose_at or at
        facts.p14c.ref = payload.meeting_id
        facts.p14c.note = Note("p14c.invited", day=payload.meets_on)
        return
    attendance = Note("p14c.attended" if payload.attended else "p14c.absent")
    done(facts.p14c, envelope, payload.meeting_id, note=attendance)
    facts.p14c_held_on = payload.held_on or at.date()
