"""The good offices HTTP API (thin): parse, authorise, hand the command to the handler.

Confidentiality (annex II para 11: "entirely informal"): the records here are restricted, read
by the President, the Secretariat and the focal points assigned to the case; the Bureau's
decisions, the notification and the President's reports to the Bureau are for the Bureau too.

P17-access: a focal point reads and acts on a case only while it is on the roster that day (the
token's subject is its focal point id; the region the token claims grants nothing by itself) and
only for a case the President asked it, or its region, to assist. It must be on the roster on a
record's business date and, from the wire, also today: the business date is the caller's to
choose, so it alone would let a focal point whose term ended act by backdating. A reader who
may read nothing of a case's good offices gets 404 (never 403), before any rule is checked: the
existence of informal action does not leak.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import JSONResponse

from good_offices.api.dependencies import AppRuntime
from good_offices.api.schemas import (
    Appointment,
    Article97Reminder,
    AssistanceRequest,
    BureauDecisionActivation,
    BureauNotification,
    BureauRemainDecision,
    Conclusion,
    Contact,
    EndOfTerm,
    FiveRequested,
    FiveRequestWithdrawn,
    FocalPoint,
    OwnInitiativeActivation,
    Replacement,
    ReportToBureau,
    Roster,
    Summarised,
    TravelCancellation,
    TravelConfirmation,
    TravelInformation,
    TravelSharing,
    VerificationRecord,
)
from good_offices.application.handlers import (
    acting_focal_point,
    good_offices_state,
    handle_case_command,
    handle_roster_command,
    handle_travel_command,
    roster_state,
    serving_focal_point,
)
from good_offices.bootstrap import Runtime
from good_offices.domain import commands as cmd
from good_offices.domain import roster, travel
from good_offices.projections.view import (
    GoodOfficesView,
    TravelRecord,
    court_travel_view,
    fold_view,
)
from noncoop_shared.access import can_read
from noncoop_shared.auth.dependencies import CurrentPrincipal
from noncoop_shared.auth.principal import Principal
from noncoop_shared.auth.roles import Role
from noncoop_shared.catalogue.good_offices import (
    ROSTER_STREAM,
    good_offices_stream,
    travel_stream,
)
from noncoop_shared.commands import Admit, CommandContext, CommandResult
from noncoop_shared.envelope import Envelope
from noncoop_shared.errors import NotFoundError
from noncoop_shared.imports.marker import imported_entry
from noncoop_shared.privacy import open_personal_data
from noncoop_shared.views import visible_sequence
from noncoop_shared.web.command_routes import CommandSender, command_senders
from noncoop_shared.web.commands import CommandBody, IsoDate, UtcInstant
from noncoop_shared.web.disclosure import Readable, unless_hidden_in
from noncoop_shared.web.problems import problem_responses

router = APIRouter(prefix="/v1")

CaseId = Annotated[str, Path(pattern=r"^[0-9a-f-]{36}$", description="the case id (a UUID)")]
TravelId = Annotated[str, Path(pattern=r"^[A-Za-z0-9._-]{1,100}$", description="the travel id")]
FocalPointId = Annotated[
    str,
    # As an appointment's body makes them (``Appointment.focal_point_id``).
    Path(pattern=r"^[A-Za-z0-9._-]{1,100}$", description="the focal point's id"),
]
ERRORS = problem_responses(401, 403, 404, 409, 413, 415, 422)

OnDate = Annotated[
    IsoDate | None,
    Query(description="business date: the state as it stood on that day (default: all facts)"),
]
AsOf = Annotated[
    UtcInstant | None,
    Query(description="record time: only what the system had recorded by then (audit)"),
]


def _window(
    history: list[Envelope], on: dt.date | None, as_of: dt.datetime | None
) -> list[Envelope]:
    """The records known at record time ``as_of`` whose business time is no later than the
    end of business day ``on`` (Time: every read answers both questions)."""
    return [
        e
        for e in history
        if (as_of is None or e.time <= as_of) and (on is None or e.occurredat.date() <= on)
    ]


class Commands(CommandSender[Runtime]):
    """The good offices' commands: on a case's good offices, on travel information linked to no
    case, on the roster."""

    async def on_case(
        self,
        case_id: str,
        command: cmd.GoodOfficesCommand
        | Callable[[roster.FocalPointEntry | None], cmd.GoodOfficesCommand],
        body: CommandBody,
    ) -> JSONResponse:
        """Runs a case command; ``command`` may be built from the focal point acting (P22).

        A focal point or a Bureau member who may not act on the case's good offices gets the
        read's 404 before any rule or key is looked at; whether it was asked is judged inside the
        command's own transaction, on the history the command then decides on (``admit``,
        docs/adr/0023-refusals-never-disclose.md). The roster is another stream: read before.
        A focal point is judged at the command's business time and today (``_acting``)."""
        runtime, principal = self.runtime, self.principal

        async def run(ctx: CommandContext) -> CommandResult:
            roster_history = await runtime.store.load(ROSTER_STREAM)
            acting, may_act = None, None
            if principal.role is Role.FOCAL_POINT:
                acting = self._acting(roster_history, ctx)
                if acting is None:  # P17-access: off the roster, no good offices are known to it
                    raise _no_good_offices(case_id)
                may_act = _assigned(case_id, acting)
            elif principal.role is Role.BUREAU_MEMBER:
                may_act = _asked_member(case_id, principal)
            sent = command(acting) if callable(command) else command
            store, cases, levels = runtime.store, runtime.cases, runtime.levels

            def handle(admit: Admit | None) -> Awaitable[CommandResult]:
                return handle_case_command(
                    store, cases, levels, case_id, sent, ctx, roster_history, admit=admit
                )

            if may_act is None:  # the President, the Secretariat: every case's good offices
                return await handle(None)
            return await unless_hidden_in(may_act, _no_good_offices(case_id), handle)

        return await self.answer(body, run)

    async def on_travel(
        self, travel_id: str, command: travel.TravelCommand, body: CommandBody
    ) -> JSONResponse:
        """Travel information linked to no case: a focal point acts only while on the roster;
        a step on an existing record is 404 to whoever may not read it."""
        runtime, principal = self.runtime, self.principal

        async def run(ctx: CommandContext) -> CommandResult:
            on_roster = True
            if principal.role is Role.FOCAL_POINT:
                # P17-access: a focal point records travel information only while on the roster,
                # on the record's business date and today (``_acting``).
                roster_history = await runtime.store.load(ROSTER_STREAM)
                on_roster = self._acting(roster_history, ctx) is not None
            if isinstance(command, travel.RecordTravelInformation):
                # A new record: nothing of it to hide yet (an id already taken is refused by the
                # domain without a word about the record holding it).
                if not on_roster:
                    raise NotFoundError(f"focal point {principal.subject} is not on the roster")
                return await handle_travel_command(
                    runtime.store, runtime.levels, travel_id, command, ctx
                )

            # A step on an existing record: 404 as its read, before any rule, to whoever may not
            # read it; decided in the command's transaction, on the history the command then
            # decides on (docs/adr/0023-refusals-never-disclose.md).
            def readable(history: list[Envelope]) -> bool:
                visible = _visible_travel(principal, history, on_roster=on_roster)
                return on_roster and bool(fold_view("", visible).travel)

            store, levels = runtime.store, runtime.levels
            return await unless_hidden_in(
                readable,
                _no_travel(travel_id),
                lambda admit: handle_travel_command(
                    store, levels, travel_id, command, ctx, admit=admit
                ),
            )

        return await self.answer(body, run)

    def _acting(
        self, roster_history: list[Envelope], ctx: CommandContext
    ) -> roster.FocalPointEntry | None:
        """P17-access: the calling focal point's roster entry, if it may write a record of the
        command's business date: on the roster that day and, for a request from the wire, today
        too (a focal point loses access from the day it is replaced or its term ends, whatever
        date it puts on its records). A history import's entry is judged on its business date
        alone: the Secretariat vouches for the past (ADR 0017)."""
        return acting_focal_point(
            roster_history,
            self.principal.subject,
            ctx.occurred_at.date(),
            self.runtime.store.clock.now().date(),
            vouched=imported_entry(self.request.scope) is not None,
        )

    async def on_roster(self, command: roster.RosterCommand, body: CommandBody) -> JSONResponse:
        """A command on the roster of focal points (P17, Res. 31)."""
        store = self.runtime.store
        return await self.answer(body, lambda ctx: handle_roster_command(store, command, ctx))


commands_for = command_senders(Commands, Runtime)
President = Annotated[Commands, Depends(commands_for(Role.PRESIDENT))]
PresidentOrSecretariat = Annotated[
    Commands, Depends(commands_for(Role.PRESIDENT, Role.SECRETARIAT))
]
Secretariat = Annotated[Commands, Depends(commands_for(Role.SECRETARIAT))]
FocalPointOrSecretariat = Annotated[
    Commands, Depends(commands_for(Role.FOCAL_POINT, Role.SECRETARIAT))
]
FocalPointOrBureauMember = Annotated[
    Commands, Depends(commands_for(Role.FOCAL_POINT, Role.BUREAU_MEMBER))
]


def _no_good_offices(case_id: str) -> NotFoundError:
    """The read's 404 on a case's good offices (``read_good_offices``)."""
    return NotFoundError(f"no good offices on case {case_id} are known to this reader")


def _asked(entry: roster.FocalPointEntry, case_id: str, history: list[Envelope]) -> bool:
    """P17-access: whether the President asked the focal point ``entry`` (or its region,
    whoever serves for it) to assist on the case whose good-offices history this is."""
    state = good_offices_state(case_id, history)
    return entry.region in state.assigned_regions or (
        entry.focal_point_id in state.assigned_focal_points
    )


async def _assigned_focal_point(
    runtime: AppRuntime, case_id: str, principal: Principal, on: dt.date, history: list[Envelope]
) -> roster.FocalPointEntry | None:
    """P17-access: the focal point acting, if it is on the roster on ``on`` and the President
    asked it (or its region, whoever serves for it) to assist on the case; else ``None``."""
    if principal.role is not Role.FOCAL_POINT:
        return None
    entry = serving_focal_point(await runtime.store.load(ROSTER_STREAM), principal.subject, on)
    if entry is None:
        return None
    return entry if _asked(entry, case_id, history) else None


def _asked_member(case_id: str, principal: Principal) -> Readable:
    """A Bureau member acts on a case's good offices only once the President asked that member
    to assist (P20, P22); for any other, they do not exist (404 before any rule). Judged on the
    good-offices history the command decides on, in its transaction (``unless_hidden_in``)."""
    return lambda history: (
        principal.subject in good_offices_state(case_id, history).assisting_bureau_members
    )


def _assigned(case_id: str, acting: roster.FocalPointEntry) -> Readable:
    """A focal point (``acting``: on the roster on the command's business date and today,
    ``_acting``) acts only on the cases it was asked to assist; for any other, the case's good
    offices do not exist (404 before any rule). Asked at any time: it then reads them, so a
    step it dates before the request is the rules' refusal (Time), not a 404 (ADR 0023).
    Judged on the good-offices history the command decides on, in its transaction
    (``unless_hidden_in``)."""
    return lambda history: _asked(acting, case_id, history)


# --- Activation and the Bureau's notification (P18, P19) --------------------------------------


@router.post(
    "/cases/{case_id}/good-offices/own-initiative-activation",
    tags=["activation"],
    responses=ERRORS,
    summary="The President becomes active on own initiative (P18)",
)
async def activate_on_own_initiative(
    case_id: CaseId, body: OwnInitiativeActivation, send: President
) -> JSONResponse:
    """P18-own-7b (7(b), Court consulted) or P18-own-7a (7(a), Court consulted, and the
    opportunity to arrest and surrender may pass before the Bureau could meet)."""
    command = cmd.ActivateOnOwnInitiative(body.court_consulted_on, body.opportunity_assessment)
    return await send.on_case(case_id, command, body)


@router.post(
    "/cases/{case_id}/good-offices/bureau-decision-activation",
    tags=["activation"],
    responses=ERRORS,
    summary="The President becomes active as the Bureau decided (P19)",
)
async def activate_by_bureau_decision(
    case_id: CaseId, body: BureauDecisionActivation, send: PresidentOrSecretariat
) -> JSONResponse:
    command = cmd.ActivateByBureauDecision(body.bureau_decision_reference)
    return await send.on_case(case_id, command, body)


@router.post(
    "/cases/{case_id}/good-offices/bureau-remain-decision",
    tags=["activation"],
    responses=ERRORS,
    summary="The Bureau decided that the good offices remain active (P19)",
)
async def decide_good_offices_remain_active(
    case_id: CaseId, body: BureauRemainDecision, send: PresidentOrSecretariat
) -> JSONResponse:
    """P19: after an own-initiative start, or when the 7(b) case continued as 7(a)."""
    command = cmd.DecideGoodOfficesRemainActive(body.bureau_decision_reference)
    return await send.on_case(case_id, command, body)


@router.post(
    "/cases/{case_id}/good-offices/bureau-notification",
    tags=["activation"],
    responses=ERRORS,
    summary="The Bureau members were notified (P18-notify)",
)
async def record_bureau_notification(
    case_id: CaseId, body: BureauNotification, send: PresidentOrSecretariat
) -> JSONResponse:
    command = cmd.RecordBureauNotification(body.means)
    return await send.on_case(case_id, command, body)


# --- The engagement (P20-P23) -------------------------------------------------------------------


@router.post(
    "/cases/{case_id}/good-offices/contacts",
    tags=["engagement"],
    responses=ERRORS,
    summary="A contact with officials of the requested State or others (P20)",
)
async def record_contact(
    case_id: CaseId, body: Contact, send: PresidentOrSecretariat
) -> JSONResponse:
    command = cmd.RecordContact(body.counterpart_kind, body.counterpart, body.summary)
    return await send.on_case(case_id, command, body)


@router.post(
    "/cases/{case_id}/good-offices/court-consultations",
    tags=["engagement"],
    responses=ERRORS,
    summary="The Court was consulted (P20)",
)
async def record_court_consultation(
    case_id: CaseId, body: Summarised, send: PresidentOrSecretariat
) -> JSONResponse:
    command = cmd.RecordCourtConsultation(body.summary)
    return await send.on_case(case_id, command, body)


@router.post(
    "/cases/{case_id}/good-offices/article-97-reminders",
    tags=["engagement"],
    responses=ERRORS,
    summary="A reminder of art. 97 consultations was given (P20)",
)
async def give_article_97_reminder(
    case_id: CaseId, body: Article97Reminder, send: President
) -> JSONResponse:
    command = cmd.GiveArticle97Reminder(body.summary)
    return await send.on_case(case_id, command, body)


@router.post(
    "/cases/{case_id}/good-offices/assistance-requests",
    tags=["engagement"],
    responses=ERRORS,
    summary="A focal point or a Bureau member is asked to assist (P20); a focal point "
    "so asked is assigned to the case",
)
async def request_assistance(
    case_id: CaseId, body: AssistanceRequest, send: President
) -> JSONResponse:
    command = cmd.RequestAssistance(
        body.assistant, body.region, body.bureau_member, body.summary, body.focal_point_id
    )
    return await send.on_case(case_id, command, body)


@router.post(
    "/cases/{case_id}/good-offices/assistance-engagements",
    tags=["engagement"],
    responses=ERRORS,
    summary="An assisting focal point or Bureau member engaged (P22)",
)
async def record_assistance_engagement(
    case_id: CaseId, body: Summarised, send: FocalPointOrBureauMember
) -> JSONResponse:
    """P22: only the focal point or Bureau member the President asked records its engagement;
    a focal point is named by the roster (on the business date), not by its token's region."""

    def engagement(acting: roster.FocalPointEntry | None) -> cmd.GoodOfficesCommand:
        if acting is not None:
            return cmd.RecordAssistanceEngagement(
                acting.region, body.summary, focal_point_id=acting.focal_point_id
            )
        member = send.principal.subject
        return cmd.RecordAssistanceEngagement(None, body.summary, bureau_member=member)

    return await send.on_case(case_id, engagement, body)


@router.post(
    "/cases/{case_id}/good-offices/verification",
    tags=["engagement"],
    responses=ERRORS,
    summary="The information that triggered a 7(b) activation: verified or not (P20)",
)
async def record_verification(
    case_id: CaseId, body: VerificationRecord, send: PresidentOrSecretariat
) -> JSONResponse:
    command = cmd.RecordVerification(body.outcome, body.summary)
    return await send.on_case(case_id, command, body)


@router.post(
    "/cases/{case_id}/good-offices/secretariat-assistance",
    tags=["engagement"],
    responses=ERRORS,
    summary="The Secretariat assisted (P23)",
)
async def record_secretariat_assistance(
    case_id: CaseId, body: Summarised, send: Secretariat
) -> JSONResponse:
    command = cmd.RecordSecretariatAssistance(body.summary)
    return await send.on_case(case_id, command, body)


@router.post(
    "/cases/{case_id}/good-offices/reports-to-bureau",
    tags=["engagement"],
    responses=ERRORS,
    summary="The President reports to the Bureau (P21)",
)
async def submit_report_to_bureau(
    case_id: CaseId, body: ReportToBureau, send: President
) -> JSONResponse:
    command = cmd.SubmitReportToBureau(body.summary, body.un_secretariat_information)
    return await send.on_case(case_id, command, body)


@router.post(
    "/cases/{case_id}/good-offices/conclusion",
    tags=["engagement"],
    responses=ERRORS,
    summary="The good offices are concluded, with an outcome",
)
async def conclude_good_offices(case_id: CaseId, body: Conclusion, send: President) -> JSONResponse:
    command = cmd.Conclude(body.outcome, body.summary)
    return await send.on_case(case_id, command, body)


# --- Travel information (Res. 35, annex I 3(j)) ----------------------------------------------


@router.post(
    "/cases/{case_id}/travel-information",
    tags=["travel"],
    responses=ERRORS,
    summary="Potential or confirmed travel of a person subject to an arrest warrant",
)
async def record_travel_information(
    case_id: CaseId, body: TravelInformation, send: FocalPointOrSecretariat
) -> JSONResponse:
    """Res. 35: to be shared with the Court promptly (service level: settings)."""
    command = _travel_record(body)
    return await send.on_case(case_id, command, body)


@router.post(
    "/cases/{case_id}/travel-information/{travel_id}/sharing",
    tags=["travel"],
    responses=ERRORS,
    summary="The travel information was shared with the Court",
)
async def share_travel_information(
    case_id: CaseId, travel_id: TravelId, body: TravelSharing, send: FocalPointOrSecretariat
) -> JSONResponse:
    command = cmd.ShareTravelInformationWithCourt(travel_id, body.channel)
    return await send.on_case(case_id, command, body)


@router.post(
    "/cases/{case_id}/travel-information/{travel_id}/confirmation",
    tags=["travel"],
    responses=ERRORS,
    summary="Potential travel is confirmed (shared with the Court again)",
)
async def confirm_travel(
    case_id: CaseId, travel_id: TravelId, body: TravelConfirmation, send: FocalPointOrSecretariat
) -> JSONResponse:
    command = cmd.ConfirmTravel(travel_id, body.travel_from, body.travel_to, body.details)
    return await send.on_case(case_id, command, body)


@router.post(
    "/cases/{case_id}/travel-information/{travel_id}/cancellation",
    tags=["travel"],
    responses=ERRORS,
    summary="The travel will not take place (shared with the Court again)",
)
async def cancel_travel(
    case_id: CaseId, travel_id: TravelId, body: TravelCancellation, send: FocalPointOrSecretariat
) -> JSONResponse:
    command = cmd.CancelTravel(travel_id, body.details)
    return await send.on_case(case_id, command, body)


def _travel_record(body: TravelInformation) -> travel.RecordTravelInformation:
    return travel.RecordTravelInformation(
        body.travel_id,
        body.person,
        body.destination_state,
        body.travel_from,
        body.travel_to,
        body.status,
        body.details,
        warrant_reference=body.warrant_reference,
    )


# --- Travel information on no case (Res. 35: it needs none) ------------------------------------


def _no_travel(travel_id: str) -> NotFoundError:
    """The one answer to a travel record linked to no case that the reader may not know of."""
    return NotFoundError(f"no travel information {travel_id} is known to this reader")


@router.post(
    "/travel-information",
    status_code=201,
    tags=["travel"],
    responses=ERRORS,
    summary="Travel of a person subject to an arrest warrant, linked to no case (Res. 35)",
)
async def record_travel_information_without_case(
    body: TravelInformation, send: FocalPointOrSecretariat
) -> JSONResponse:
    """Res. 35 needs neither active good offices nor a case: the warrant names the person."""
    command = _travel_record(body)
    return await send.on_travel(body.travel_id, command, body)


@router.post(
    "/travel-information/{travel_id}/sharing",
    status_code=201,
    tags=["travel"],
    responses=ERRORS,
    summary="Travel information linked to no case was shared with the Court",
)
async def share_travel_information_without_case(
    travel_id: TravelId, body: TravelSharing, send: FocalPointOrSecretariat
) -> JSONResponse:
    command = travel.ShareTravelInformationWithCourt(travel_id, body.channel)
    return await send.on_travel(travel_id, command, body)


@router.post(
    "/travel-information/{travel_id}/confirmation",
    status_code=201,
    tags=["travel"],
    responses=ERRORS,
    summary="Potential travel linked to no case is confirmed",
)
async def confirm_travel_without_case(
    travel_id: TravelId, body: TravelConfirmation, send: FocalPointOrSecretariat
) -> JSONResponse:
    command = travel.ConfirmTravel(travel_id, body.travel_from, body.travel_to, body.details)
    return await send.on_travel(travel_id, command, body)


@router.post(
    "/travel-information/{travel_id}/cancellation",
    status_code=201,
    tags=["travel"],
    responses=ERRORS,
    summary="Travel linked to no case will not take place",
)
async def cancel_travel_without_case(
    travel_id: TravelId, body: TravelCancellation, send: FocalPointOrSecretariat
) -> JSONResponse:
    command = travel.CancelTravel(travel_id, body.details)
    return await send.on_travel(travel_id, command, body)


@router.get(
    "/travel-information/{travel_id}",
    response_model=TravelRecord,
    tags=["travel"],
    responses=problem_responses(401, 404, 422),
    summary="Travel information linked to no case: the President and the Secretariat; the "
    "Court once it was shared with it",
)
async def read_travel_information_without_case(
    travel_id: TravelId,
    runtime: AppRuntime,
    principal: CurrentPrincipal,
    on: OnDate = None,
    as_of: AsOf = None,
) -> TravelRecord:
    history = _window(await runtime.store.load(travel_stream(travel_id)), on, as_of)
    if principal.role is Role.COURT:
        records = court_travel_view(history)
    else:
        on_roster = await _serving_today(runtime, principal)
        records = fold_view("", _visible_travel(principal, history, on_roster=on_roster)).travel
    if not records:
        raise _no_travel(travel_id)
    return await open_personal_data(records[0], travel_id, runtime.core.keyring)


def _visible_travel(
    principal: Principal, history: list[Envelope], *, on_roster: bool
) -> list[Envelope]:
    """Restricted records of no case: the President, the Secretariat, and their authors (a
    focal point only while it is on the roster: ``on_roster``, P17-access)."""
    return [
        e
        for e in history
        if can_read(
            principal,
            e.classification,
            submitted_by_principal=on_roster and _authored(principal, e),
        )
    ]


def _authored(principal: Principal, envelope: Envelope) -> bool:
    return (envelope.actorrole, envelope.actorid) == (principal.role.value, principal.subject)


async def _serving_today(runtime: AppRuntime, principal: Principal) -> bool:
    """P17-access: whether ``principal`` reads as an author: any role but a focal point; a
    focal point only while on the roster today (the token's region or subject alone grant
    nothing, not even the records it wrote while it served)."""
    if principal.role is not Role.FOCAL_POINT:
        return True
    today = runtime.store.clock.now().date()
    roster_history = await runtime.store.load(ROSTER_STREAM)
    return serving_focal_point(roster_history, principal.subject, today) is not None


# --- Reads ---------------------------------------------------------------------------------


async def _visible(
    runtime: AppRuntime, principal: Principal, case_id: str, history: list[Envelope]
) -> list[Envelope]:
    """The records ``principal`` may read; a focal point reads restricted ones only while it is
    on the roster today and assigned to the case (P17-access)."""
    today = runtime.store.clock.now().date()
    assigned = await _assigned_focal_point(runtime, case_id, principal, today, history) is not None
    author = await _serving_today(runtime, principal)
    return [
        e
        for e in history
        if can_read(
            principal,
            e.classification,
            assigned_focal_point=assigned,
            submitted_by_principal=author and _authored(principal, e),
        )
    ]


@router.get(
    "/cases/{case_id}/good-offices",
    response_model=GoodOfficesView,
    tags=["reads"],
    responses=problem_responses(401, 404, 422),
    summary="The good offices on a case",
)
async def read_good_offices(
    case_id: CaseId,
    runtime: AppRuntime,
    principal: CurrentPrincipal,
    on: OnDate = None,
    as_of: AsOf = None,
) -> GoodOfficesView:
    history = _window(await runtime.store.load(good_offices_stream(case_id)), on, as_of)
    visible = await _visible(runtime, principal, case_id, history)
    if not visible:
        raise _no_good_offices(case_id)
    view = fold_view(case_id, visible_sequence(visible, history))
    return await open_personal_data(view, case_id, runtime.core.keyring)


@router.get(
    "/cases/{case_id}/travel-information",
    response_model=list[TravelRecord],
    tags=["travel"],
    responses=problem_responses(401, 404, 422),
    summary="Travel information: all of it for those cleared; for the Court, what was "
    "shared with it",
)
async def read_travel_information(
    case_id: CaseId,
    runtime: AppRuntime,
    principal: CurrentPrincipal,
    on: OnDate = None,
    as_of: AsOf = None,
) -> list[TravelRecord]:
    history = _window(await runtime.store.load(good_offices_stream(case_id)), on, as_of)
    if principal.role is Role.COURT:
        records = court_travel_view(history)  # Res. 35: the Court reads what was shared with it
    else:
        records = fold_view(case_id, await _visible(runtime, principal, case_id, history)).travel
    if not records:
        raise NotFoundError(f"no travel information on case {case_id} is known to this reader")
    return [await open_personal_data(r, case_id, runtime.core.keyring) for r in records]


# --- The roster (P17, Res. 31) ---------------------------------------------------------------


def _appointment(body: Appointment, principal: Principal) -> roster.AppointFocalPoint:
    return roster.AppointFocalPoint(
        focal_point_id=body.focal_point_id,
        name=body.name,
        state=body.state,
        region=body.region,
        term_start=body.term_start,
        term_ends_on=body.term_ends_on,
        bureau_decision_reference=body.bureau_decision_reference,
        ex_officio_president=body.ex_officio_president,
        president_region=principal.region if principal.role is Role.PRESIDENT else None,
    )


@router.post(
    "/focal-points",
    status_code=201,
    tags=["roster"],
    responses=ERRORS,
    summary="A focal point is appointed by the Bureau (P17), or the President serves "
    "ex officio for the President's region (Res. 31)",
)
async def appoint_focal_point(body: Appointment, send: PresidentOrSecretariat) -> JSONResponse:
    command = _appointment(body, send.principal)
    return await send.on_roster(command, body)


@router.post(
    "/focal-points/{focal_point_id}/replacement",
    status_code=201,
    tags=["roster"],
    responses=ERRORS,
    summary="A focal point is replaced (same region, P17)",
)
async def replace_focal_point(
    focal_point_id: FocalPointId, body: Replacement, send: Secretariat
) -> JSONResponse:
    command = roster.ReplaceFocalPoint(
        focal_point_id, _appointment(body.successor, send.principal), body.replaced_on
    )
    return await send.on_roster(command, body)


@router.post(
    "/focal-points/{focal_point_id}/end-of-term",
    status_code=201,
    tags=["roster"],
    responses=ERRORS,
    summary="A focal point's term ends",
)
async def end_focal_point_term(
    focal_point_id: FocalPointId, body: EndOfTerm, send: Secretariat
) -> JSONResponse:
    command = roster.EndFocalPointTerm(focal_point_id, body.ended_on, body.reason)
    return await send.on_roster(command, body)


@router.post(
    "/focal-points/five-requested",
    status_code=201,
    tags=["roster"],
    responses=ERRORS,
    summary="The President requests five focal points instead of four (P17)",
)
async def request_five_focal_points(body: FiveRequested, send: President) -> JSONResponse:
    command = roster.RequestFiveFocalPoints(body.requested_on)
    return await send.on_roster(command, body)


@router.post(
    "/focal-points/five-requested/withdrawal",
    status_code=201,
    tags=["roster"],
    responses=ERRORS,
    summary="The President withdraws the request for five focal points (P17)",
)
async def withdraw_five_focal_points_request(
    body: FiveRequestWithdrawn, send: President
) -> JSONResponse:
    command = roster.WithdrawFiveFocalPointsRequest(body.withdrawn_on)
    return await send.on_roster(command, body)


@router.get(
    "/focal-points",
    response_model=Roster,
    tags=["roster"],
    responses=problem_responses(401, 422),
    summary="The roster on a business date",
)
async def read_focal_point_roster(
    runtime: AppRuntime,
    principal: CurrentPrincipal,
    on: Annotated[IsoDate | None, Query(description="business date (default: today)")] = None,
    as_of: AsOf = None,
) -> Roster:
    """Readable by every authenticated role (an act of the Bureau told to States Parties): who
    served on business day ``on``, as recorded by record time ``as_of``."""
    day = on or runtime.store.clock.now().date()
    state = roster_state(_window(await runtime.store.load(ROSTER_STREAM), None, as_of))
    listed = Roster(
        on=day,
        limit=state.limit_on(day),
        focal_points=[
            FocalPoint(
                focal_point_id=e.focal_point_id,
                name=e.name,
                state=e.state,
                region=e.region,
                term_start=e.term_start,
                term_ends_on=e.stop,
                ex_officio_president=e.ex_officio_president,
            )
            for e in roster.roster_as_of(state, day)
        ],
    )
    return await open_personal_data(listed, ROSTER_STREAM, runtime.core.keyring)
