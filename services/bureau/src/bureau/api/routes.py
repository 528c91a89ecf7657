"""The Bureau HTTP API (thin): the calendar, the Bureau's meetings, and the formal response.

The Secretariat schedules and records; the President sends letters; Bureau members read the
Bureau's records; States Parties (and the Court) read what is theirs (docs/architecture.md §8). The
formal response of a case is opened by the log (a policy), never by hand (P13).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import JSONResponse

from bureau.api.dependencies import AppRuntime
from bureau.api.schemas import (
    IDENTIFIER_PATTERN,
    Attendance,
    EmergencyMeetingAnnouncement,
    EmergencyMeetingConvening,
    EmergencyMeetingHolding,
    FacilitatorAppointment,
    Invitation,
    MeetingHeld,
    MeetingSchedule,
    NywgRequest,
    OpenLetter,
    OpenLetterReply,
    PlenaryDiscussion,
    SecurityCouncilLetter,
    SessionChange,
    SessionMark,
    SessionSchedule,
    SessionStep,
)
from bureau.application.handlers import (
    handle_calendar_command,
    handle_case_command,
    handle_meetings_command,
    payloads,
)
from bureau.bootstrap import Runtime
from bureau.domain import calendar, meetings
from bureau.domain import commands as cmd
from bureau.domain.values import Meeting
from bureau.projections.view import FormalResponseView, fold_view
from noncoop_shared.access import can_read
from noncoop_shared.auth.dependencies import CurrentPrincipal, require_roles
from noncoop_shared.auth.principal import Principal
from noncoop_shared.auth.roles import Role
from noncoop_shared.calendar import CalendarSession, next_or_ongoing_session
from noncoop_shared.catalogue.bureau import (
    CALENDAR_STREAM,
    MEETINGS_STREAM,
    formal_response_stream,
)
from noncoop_shared.errors import NotFoundError
from noncoop_shared.privacy import open_personal_data
from noncoop_shared.web.command_routes import CommandSender, command_senders
from noncoop_shared.web.commands import CommandBody, IsoDate
from noncoop_shared.web.problems import problem_responses

router = APIRouter(prefix="/v1")

BureauReader = Annotated[
    Principal, Depends(require_roles(Role.BUREAU_MEMBER, Role.PRESIDENT, Role.SECRETARIAT))
]
CaseId = Annotated[str, Path(pattern=r"^[0-9a-f-]{36}$", description="the case id (a UUID)")]
# Session and meeting ids as the bodies that make them take them (``schemas.Identifier``).
SessionId = Annotated[str, Path(pattern=IDENTIFIER_PATTERN, description="the session's id")]
MeetingId = Annotated[str, Path(pattern=IDENTIFIER_PATTERN, description="the meeting's id")]
ERRORS = problem_responses(401, 403, 404, 409, 413, 415, 422)
FR = "/cases/{case_id}/formal-response"


class Commands(CommandSender[Runtime]):
    """The Bureau's commands: on the calendar, on the Bureau's meetings, on a case's formal
    response."""

    async def on_calendar(
        self, command: calendar.CalendarCommand, body: CommandBody
    ) -> JSONResponse:
        store = self.runtime.store
        return await self.answer(body, lambda ctx: handle_calendar_command(store, command, ctx))

    async def on_meetings(
        self, command: meetings.MeetingsCommand, body: CommandBody
    ) -> JSONResponse:
        store = self.runtime.store
        return await self.answer(body, lambda ctx: handle_meetings_command(store, command, ctx))

    async def on_case(
        self, case_id: str, command: cmd.FormalResponseCommand, body: CommandBody
    ) -> JSONResponse:
        """Every formal-response route: the command carries what the caller said; the domain
        picks the meeting or session the rule names from the calendar and the Bureau's
        meetings."""
        store, cases = self.runtime.store, self.runtime.cases
        return await self.answer(
            body, lambda ctx: handle_case_command(store, cases, case_id, command, ctx)
        )


commands_for = command_senders(Commands, Runtime)
Secretariat = Annotated[Commands, Depends(commands_for(Role.SECRETARIAT))]
President = Annotated[Commands, Depends(commands_for(Role.PRESIDENT))]


# --- The calendar ------------------------------------------------------------------------------


@router.post(
    "/sessions",
    status_code=201,
    tags=["calendar"],
    responses=ERRORS,
    summary="Schedule a session of the Assembly (regular, resumed or special)",
)
async def schedule_session(body: SessionSchedule, send: Secretariat) -> JSONResponse:
    command = calendar.ScheduleSession(
        body.session_id,
        body.number,
        body.kind,
        body.starts_on,
        body.ends_on,
        body.venue,
        body.takes_up_non_cooperation,
    )
    return await send.on_calendar(command, body)


@router.post(
    "/sessions/{session_id}/dates",
    status_code=201,
    tags=["calendar"],
    responses=ERRORS,
    summary="Change a session's dates or venue",
)
async def reschedule_session(
    session_id: SessionId, body: SessionChange, send: Secretariat
) -> JSONResponse:
    command = calendar.RescheduleSession(
        session_id, body.starts_on, body.ends_on, body.venue, body.reason
    )
    return await send.on_calendar(command, body)


@router.post(
    "/sessions/{session_id}/non-cooperation-mark",
    status_code=201,
    tags=["calendar"],
    responses=ERRORS,
    summary="The Bureau marks a special session as taking up non-cooperation",
)
async def mark_session_for_non_cooperation(
    session_id: SessionId, body: SessionMark, send: Secretariat
) -> JSONResponse:
    command = calendar.MarkSessionForNonCooperation(session_id, body.reason)
    return await send.on_calendar(command, body)


@router.get(
    "/sessions",
    tags=["calendar"],
    responses=problem_responses(401, 422),
    summary="The sessions as scheduled; with on=, the parts of the next (or on-going) one",
)
async def list_sessions(
    runtime: AppRuntime,
    principal: CurrentPrincipal,
    on: Annotated[
        IsoDate | None,
        Query(
            description="the next or on-going session at this date (its regular part first, "
            "then its resumed parts)"
        ),
    ] = None,
) -> list[CalendarSession]:
    parts = calendar.fold(payloads(await runtime.store.load(CALENDAR_STREAM))).parts
    if on is not None:
        due = next_or_ongoing_session(parts, on)
        return list(due.parts) if due is not None else []
    return list(parts)


# --- Bureau meetings ---------------------------------------------------------------------------


@router.post(
    "/bureau-meetings",
    status_code=201,
    tags=["meetings"],
    responses=ERRORS,
    summary="Schedule a Bureau meeting (an emergency one at short notice, P14a)",
)
async def schedule_bureau_meeting(body: MeetingSchedule, send: Secretariat) -> JSONResponse:
    command = meetings.ScheduleMeeting(body.meeting_id, body.meets_on, body.emergency, body.agenda)
    return await send.on_meetings(command, body)


@router.post(
    "/bureau-meetings/{meeting_id}/held",
    status_code=201,
    tags=["meetings"],
    responses=ERRORS,
    summary="A Bureau meeting was held, with its decisions",
)
async def record_bureau_meeting_held(
    meeting_id: MeetingId, body: MeetingHeld, send: Secretariat
) -> JSONResponse:
    command = meetings.RecordMeetingHeld(meeting_id, body.held_on, tuple(body.decisions))
    return await send.on_meetings(command, body)


@router.get(
    "/bureau-meetings",
    tags=["meetings"],
    responses=problem_responses(401, 403),
    summary="The Bureau's meetings (the Bureau's records)",
)
async def list_bureau_meetings(runtime: AppRuntime, principal: BureauReader) -> list[Meeting]:
    state = meetings.fold(payloads(await runtime.store.load(MEETINGS_STREAM)))
    return sorted(state.meetings.values(), key=lambda m: m.meets_on)


# --- The formal response (P14a-g) -------------------------------------------------------------


@router.post(
    f"{FR}/emergency-meeting",
    tags=["formal response"],
    responses=ERRORS,
    summary="(a) An emergency Bureau meeting is convened for the case (P14a; several may be)",
)
async def convene_emergency_meeting(
    case_id: CaseId, body: EmergencyMeetingConvening, send: Secretariat
) -> JSONResponse:
    command = cmd.ConveneEmergencyMeeting(body.meeting_id)
    return await send.on_case(case_id, command, body)


@router.post(
    f"{FR}/emergency-meeting/held",
    tags=["formal response"],
    responses=ERRORS,
    summary="(a) An emergency meeting was held and decided further action",
)
async def record_emergency_meeting_held(
    case_id: CaseId, body: EmergencyMeetingHolding, send: Secretariat
) -> JSONResponse:
    command = cmd.RecordEmergencyMeetingHeld(body.held_on, tuple(body.decisions), body.meeting_id)
    return await send.on_case(case_id, command, body)


@router.post(
    f"{FR}/emergency-meeting/announcements",
    tags=["formal response"],
    responses=ERRORS,
    summary="(a) The convening, or the decisions, announced to all States Parties",
)
async def announce_emergency_meeting(
    case_id: CaseId, body: EmergencyMeetingAnnouncement, send: Secretariat
) -> JSONResponse:
    command = cmd.AnnounceEmergencyMeeting(body.announcement, body.text, body.meeting_id)
    return await send.on_case(case_id, command, body)


@router.post(
    f"{FR}/open-letter",
    tags=["formal response"],
    responses=ERRORS,
    summary="(b) An open letter of the President, with the date its reply is due (P14b)",
)
async def send_open_letter(case_id: CaseId, body: OpenLetter, send: President) -> JSONResponse:
    command = cmd.SendOpenLetter(body.letter_reference, body.reply_due_on)
    return await send.on_case(case_id, command, body)


@router.post(
    f"{FR}/open-letter/reply",
    tags=["formal response"],
    responses=ERRORS,
    summary="(b) The requested State replied to an open letter",
)
async def record_open_letter_reply(
    case_id: CaseId, body: OpenLetterReply, send: Secretariat
) -> JSONResponse:
    command = cmd.RecordOpenLetterReply(body.received_on, body.summary, body.letter_reference)
    return await send.on_case(case_id, command, body)


@router.post(
    f"{FR}/invitation",
    tags=["formal response"],
    responses=ERRORS,
    summary="(c) The requested State is invited to the next Bureau meeting (P14c)",
)
async def invite_requested_state(
    case_id: CaseId, body: Invitation, send: Secretariat
) -> JSONResponse:
    command = cmd.InviteRequestedState(body.meeting_id)
    return await send.on_case(case_id, command, body)


@router.post(
    f"{FR}/attendance",
    tags=["formal response"],
    responses=ERRORS,
    summary="(c) The meeting was held: whether the requested State attended (P14c done)",
)
async def record_attendance(case_id: CaseId, body: Attendance, send: Secretariat) -> JSONResponse:
    command = cmd.RecordAttendance(body.attended)
    return await send.on_case(case_id, command, body)


@router.post(
    f"{FR}/nywg-request",
    tags=["formal response"],
    responses=ERRORS,
    summary="(d) A public meeting of the New York Working Group is requested (P14d)",
)
async def request_nywg_public_meeting(
    case_id: CaseId, body: NywgRequest, send: Secretariat
) -> JSONResponse:
    """Refused (409, P14d) before the Bureau meeting of (c) was held, and unless the next (or
    on-going) session then starts more than three calendar months after the day it was held;
    the problem names both dates and the limit."""
    command = cmd.RequestNywgPublicMeeting()
    return await send.on_case(case_id, command, body)


@router.post(
    f"{FR}/omnibus-noting",
    tags=["formal response"],
    responses=ERRORS,
    summary="(e) Noted in the omnibus resolution of the session after the Court decision",
)
async def record_omnibus_noting(
    case_id: CaseId, body: SessionStep, send: Secretariat
) -> JSONResponse:
    """The session is the next (or on-going) one after the Court decision's date; a noting for
    another session, or while the calendar holds no such session, is refused (409, P14e)."""
    command = cmd.RecordOmnibusNoting(body.session_id)
    return await send.on_case(case_id, command, body)


@router.post(
    f"{FR}/plenary",
    tags=["formal response"],
    responses=ERRORS,
    summary="(f) The Bureau report discussed in plenary (session after the Court decision)",
)
async def record_plenary_discussion(
    case_id: CaseId, body: PlenaryDiscussion, send: Secretariat
) -> JSONResponse:
    command = cmd.RecordPlenaryDiscussion(body.held_on, body.session_id)
    return await send.on_case(case_id, command, body)


@router.post(
    f"{FR}/facilitator",
    tags=["formal response"],
    responses=ERRORS,
    summary="(f) A facilitator appointed to consult on a draft resolution",
)
async def appoint_facilitator(
    case_id: CaseId, body: FacilitatorAppointment, send: Secretariat
) -> JSONResponse:
    command = cmd.AppointFacilitator(body.facilitator, body.session_id)
    return await send.on_case(case_id, command, body)


@router.post(
    f"{FR}/security-council-letter",
    tags=["formal response"],
    responses=ERRORS,
    summary="(g) The President writes to the President of the Security Council (P14g)",
)
async def send_security_council_letter(
    case_id: CaseId, body: SecurityCouncilLetter, send: President
) -> JSONResponse:
    """Refused (409, P14g) unless the Court decision it follows referred its finding to the
    Security Council (as it stood at the letter's business time)."""
    command = cmd.SendSecurityCouncilLetter(body.letter_reference, body.decision_reference)
    return await send.on_case(case_id, command, body)


@router.get(
    FR,
    response_model=FormalResponseView,
    tags=["formal response"],
    responses=problem_responses(401, 404, 422),
    summary="The formal response on a case, as the reader may see it",
)
async def read_formal_response(
    case_id: CaseId, runtime: AppRuntime, principal: CurrentPrincipal
) -> FormalResponseView:
    history = await runtime.store.load(formal_response_stream(case_id))
    visible = [e for e in history if can_read(principal, e.classification)]
    if not visible:
        raise NotFoundError(f"no formal response on case {case_id} is known to this reader")
    return await open_personal_data(fold_view(case_id, visible), case_id, runtime.core.keyring)
