"""The referrals HTTP API (thin): parse, authorise by role, hand the command to the handler.

Every command names the roles that may issue it (docs/architecture.md §8) and honours
Idempotency-Key. Reads filter by the reader's clearance (docs/procedures.md, Confidentiality): a
case the reader may not see at all is 404, never 403, so its existence does not leak.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import JSONResponse

from noncoop_shared.access import can_read, clearance
from noncoop_shared.auth.dependencies import CurrentPrincipal
from noncoop_shared.auth.principal import Principal
from noncoop_shared.auth.roles import Role
from noncoop_shared.catalogue.referrals import case_stream
from noncoop_shared.commands import Admit
from noncoop_shared.envelope import Envelope
from noncoop_shared.errors import NotFoundError
from noncoop_shared.ids import uuid7
from noncoop_shared.imports.marker import imported_entry
from noncoop_shared.privacy import open_personal_data
from noncoop_shared.views import stream_version_for, visible_sequence
from noncoop_shared.web.command_routes import CommandSender, command_senders
from noncoop_shared.web.commands import CommandBody, IsoDate, UtcInstant
from noncoop_shared.web.disclosure import unless_hidden_in
from noncoop_shared.web.problems import problem_responses
from referrals.api.dependencies import AppRuntime
from referrals.api.schemas import (
    CaseList,
    CaseSummary,
    ClosureRecord,
    CommandAccepted,
    CourtDecisionChangeSubmission,
    CourtDecisionSubmission,
    CourtDecisionWithoutFindingSubmission,
    CourtInformationSubmission,
    CourtReferralOfUrgentCase,
    ForwardingRecord,
    PersonalDataErasure,
    PressReleaseRecord,
    Scenario,
    Status,
    UrgentIncidentReport,
)
from referrals.application.handlers import erase_personal_data, handle
from referrals.bootstrap import Runtime
from referrals.domain import commands as cmd
from referrals.projections.case_view import CaseView, end_of, fold_view
from referrals.projections.register import RegisterFilter

router = APIRouter(prefix="/v1", tags=["cases"])

CaseId = Annotated[str, Path(pattern=r"^[0-9a-f-]{36}$", description="the case id (a UUID)")]

COMMAND_ERRORS = problem_responses(401, 403, 404, 409, 413, 415, 422)

AsOf = Annotated[
    UtcInstant | None,
    Query(description="what was recorded by this record time (audit); default: everything"),
]
On = Annotated[
    IsoDate | None,
    Query(
        description="where the case stood on this business date (YYYY-MM-DD): facts dated "
        "after it are left out, and overdue steps are derived for that day"
    ),
]


class Commands(CommandSender[Runtime]):
    """The referrals' commands: one that opens a case, one on a case, the erasure."""

    async def open_case(
        self,
        case_id: str,
        command: cmd.CaseCommand,
        body: CommandBody,
        admit: Admit | None = None,
    ) -> JSONResponse:
        """Hand a command that opens a case (on a fresh id) to the handler, with who sent it,
        when it happened and how to trace it; ``admit``: checked on the case's history first."""
        store, levels = self.runtime.store, self.runtime.levels
        return await self.answer(
            body, lambda ctx: handle(store, levels, case_id, command, ctx, admit=admit)
        )

    async def on_case(
        self,
        case_id: str,
        command: cmd.CaseCommand,
        body: CommandBody,
        *,
        acts_unseen: bool = False,
    ) -> JSONResponse:
        """A command on an existing case: a caller who may not read the case gets the read's
        404 before any rule is checked (docs/adr/0023-refusals-never-disclose.md);
        ``acts_unseen``: the Court's acts on a 7(b) case it may not read (S7b-to-7a,
        S7b-no-finding), any refusal 404. In a history import, a command recorded on a case
        the importer may not read marks its entry (docs/adr/0045-imports-disclose-nothing.md)."""
        principal = self.principal
        imported = imported_entry(self.request.scope)
        importer_blind = False

        def readable(history: list[Envelope]) -> bool:
            nonlocal importer_blind
            seen = _may_read_case(principal, case_id, history)
            importer = imported.importer if imported is not None else None
            if importer is not None:
                # The importer's own view: folded again only when it is not the entry's actor.
                same = importer == principal
                importer_blind = not (seen if same else _may_read_case(importer, case_id, history))
            return seen

        answer = await unless_hidden_in(
            readable,
            _no_case(case_id),
            lambda admit: self.open_case(case_id, command, body, admit),
            acts_unseen=acts_unseen,
        )
        if imported is not None and importer_blind:
            # Recorded on a case the importer may not read: a later refusal of its import is
            # this 404, not a rolled-back probe (docs/adr/0045-imports-disclose-nothing.md).
            imported.acted_unseen(_no_case(case_id))
        return answer

    async def erase(
        self, case_id: str, command: cmd.ErasePersonalData, body: CommandBody
    ) -> JSONResponse:
        """Crypto-shredding: the case's data key is deleted (``erase_personal_data``)."""
        runtime = self.runtime
        return await self.answer(
            body,
            lambda ctx: erase_personal_data(
                runtime.store, runtime.core.keyring, runtime.levels, case_id, command, ctx
            ),
        )


commands_for = command_senders(Commands, Runtime)
Court = Annotated[Commands, Depends(commands_for(Role.COURT))]
PresidentOrSecretariat = Annotated[
    Commands, Depends(commands_for(Role.PRESIDENT, Role.SECRETARIAT))
]
Secretariat = Annotated[Commands, Depends(commands_for(Role.SECRETARIAT))]


def _no_case(case_id: str) -> NotFoundError:
    """The one answer to a case the reader may not know of: unknown or hidden alike."""
    return NotFoundError(f"no case {case_id} is known to this reader")


def _readable(principal: Principal, envelope: Envelope) -> bool:
    return can_read(
        principal,
        envelope.classification,
        submitted_by_principal=(envelope.actorrole, envelope.actorid)
        == (principal.role.value, principal.subject),
    )


def _may_read_case(principal: Principal, case_id: str, history: list[Envelope]) -> bool:
    """What ``read_case`` answers 200 to, today: the reader sees at least the case's opening."""
    visible = [e for e in history if _readable(principal, e)]
    return bool(visible) and fold_view(case_id, visible).scenario is not None


@router.post(
    "/court-referrals",
    status_code=201,
    response_model=CommandAccepted,
    responses=COMMAND_ERRORS,
    summary="Register a case from a Court decision (7(a))",
)
async def register_court_referral(body: CourtDecisionSubmission, send: Court) -> JSONResponse:
    """P13: a Court decision addressed to the Assembly opens the formal procedure (7(a)). S8: a
    decision about a State that is not a requested State is recorded for information only."""
    case_id = str(uuid7())
    command = cmd.RegisterCourtReferral(
        case_id=case_id,
        decision=body.decision,
        requested_state=body.requested_state,
        court_request=body.court_request,
        persons_concerned=tuple(body.persons_concerned),
        security_council_resolution=body.security_council_resolution,
    )
    return await send.open_case(case_id, command, body)


@router.post(
    "/court-findings",
    status_code=201,
    response_model=CommandAccepted,
    responses=COMMAND_ERRORS,
    summary="Record a Court finding not addressed to the Assembly (information only)",
)
async def record_court_finding(body: CourtDecisionSubmission, send: Court) -> JSONResponse:
    """P13: it appears in reports but opens no procedure. S8: so does a finding about a State
    that is not a requested State (e.g. bound by a Security Council resolution)."""
    case_id = str(uuid7())
    command = cmd.RecordCourtFindingForInformation(
        case_id=case_id,
        decision=body.decision,
        requested_state=body.requested_state,
        court_request=body.court_request,
        persons_concerned=tuple(body.persons_concerned),
        security_council_resolution=body.security_council_resolution,
    )
    return await send.open_case(case_id, command, body)


@router.post(
    "/court-information",
    status_code=201,
    response_model=CommandAccepted,
    responses=COMMAND_ERRORS,
    summary="Record a Court decision that informs the Assembly or the Security Council",
)
async def record_court_information(body: CourtInformationSubmission, send: Court) -> JSONResponse:
    """S-info: recorded for information only, public, with its addressees; no procedure (P13
    needs a referral of non-cooperation)."""
    case_id = str(uuid7())
    command = cmd.RecordCourtInformation(
        case_id=case_id,
        reference=body.reference,
        date=body.date,
        chamber=body.chamber,
        addressees=tuple(body.addressees),
        subject=body.subject,
        state_concerned=body.state_concerned,
        court_request=body.court_request,
        persons_concerned=tuple(body.persons_concerned),
        related_case_id=body.related_case_id,
    )
    return await send.open_case(case_id, command, body)


@router.post(
    "/urgent-incidents",
    status_code=201,
    response_model=CommandAccepted,
    responses=COMMAND_ERRORS,
    summary="Register an urgent incident (7(b))",
)
async def report_urgent_incident(
    body: UrgentIncidentReport, send: PresidentOrSecretariat
) -> JSONResponse:
    """S7, S7fn4: only with the reason it is urgent (imminent or on-going)."""
    case_id = str(uuid7())
    command = cmd.ReportUrgentIncident(
        case_id=case_id,
        requested_state=body.requested_state,
        court_request=body.court_request,
        persons_concerned=tuple(body.persons_concerned),
        urgency=body.urgency,
        urgency_reason=body.urgency_reason,
    )
    return await send.open_case(case_id, command, body)


@router.post(
    "/cases/{case_id}/court-referral",
    response_model=CommandAccepted,
    responses=COMMAND_ERRORS,
    summary="Continue a 7(b) case as 7(a)",
)
async def continue_under_court_referral(
    case_id: CaseId, body: CourtReferralOfUrgentCase, send: Court
) -> JSONResponse:
    """S7b-to-7a: the same case continues, its informal history kept."""
    command = cmd.ContinueUnderCourtReferral(
        decision=body.decision, requested_state_code=body.requested_state_code
    )
    return await send.on_case(case_id, command, body, acts_unseen=True)


@router.post(
    "/cases/{case_id}/court-decision-without-finding",
    response_model=CommandAccepted,
    responses=COMMAND_ERRORS,
    summary="Record the Court's decision without a finding on a 7(b) matter",
)
async def record_court_decision_without_finding(
    case_id: CaseId, body: CourtDecisionWithoutFindingSubmission, send: Court
) -> JSONResponse:
    """S7b-no-finding: recorded on the 7(b) case, which may then be closed citing it (reason
    ``court_made_no_finding``)."""
    command = cmd.RecordCourtDecisionWithoutFinding(
        reference=body.reference,
        date=body.date,
        chamber=body.chamber,
        outcome=body.outcome,
        summary=body.summary,
    )
    return await send.on_case(case_id, command, body, acts_unseen=True)


@router.post(
    "/cases/{case_id}/court-decision-changes",
    response_model=CommandAccepted,
    responses=COMMAND_ERRORS,
    summary="Record that the Court amended, reversed or withdrew its decision",
)
async def record_court_decision_change(
    case_id: CaseId, body: CourtDecisionChangeSubmission, send: Court
) -> JSONResponse:
    command = cmd.RecordCourtDecisionChange(
        kind=cmd.DecisionChangeKind(body.kind.value),
        decision_reference=body.decision_reference,
        change_reference=body.change_reference,
        change_date=body.change_date,
        summary=body.summary,
        referred_to_security_council=body.referred_to_security_council,
    )
    return await send.on_case(case_id, command, body)


@router.post(
    "/cases/{case_id}/forwarding",
    response_model=CommandAccepted,
    responses=COMMAND_ERRORS,
    summary="Record the forwarding of the decision to all States Parties",
)
async def record_forwarding(
    case_id: CaseId, body: ForwardingRecord, send: Secretariat
) -> JSONResponse:
    """P13-forward: the Secretariat forwards the decision without delay."""
    command = cmd.RecordForwarding(communication_reference=body.communication_reference)
    return await send.on_case(case_id, command, body)


@router.post(
    "/cases/{case_id}/press-release",
    response_model=CommandAccepted,
    responses=COMMAND_ERRORS,
    summary="Record the President's press release",
)
async def record_press_release(
    case_id: CaseId, body: PressReleaseRecord, send: PresidentOrSecretariat
) -> JSONResponse:
    """P13-press: the public is informed by a press release of the President."""
    command = cmd.RecordPressRelease(reference=body.reference, title=body.title)
    return await send.on_case(case_id, command, body)


@router.post(
    "/cases/{case_id}/closure",
    response_model=CommandAccepted,
    responses=COMMAND_ERRORS,
    summary="Close a case",
)
async def close_case(
    case_id: CaseId, body: ClosureRecord, send: PresidentOrSecretariat
) -> JSONResponse:
    command = cmd.CloseCase(reason=body.reason, note=body.note)
    return await send.on_case(case_id, command, body)


@router.post(
    "/cases/{case_id}/personal-data-erasure",
    response_model=CommandAccepted,
    responses=COMMAND_ERRORS,
    summary="Erase the personal data of a case (crypto-shredding)",
)
async def erase_case_personal_data(
    case_id: CaseId, body: PersonalDataErasure, send: Secretariat
) -> JSONResponse:
    """Deletes the case's data key: the names and contact details recorded for the case, by any
    service, read as ``[erased]`` from now on, in every API and report; the log, its hashes and
    checkpoints stay as they were. The Secretariat only (the Registry keeps the records)."""
    return await send.erase(case_id, cmd.ErasePersonalData(reason=body.reason), body)


@router.get(
    "/cases/{case_id}",
    response_model=CaseView,
    responses=problem_responses(401, 404, 422),
    summary="Read a case",
)
async def read_case(
    case_id: CaseId,
    runtime: AppRuntime,
    principal: CurrentPrincipal,
    as_of: AsOf = None,
    on: On = None,
) -> CaseView:
    """Read from the store (always current), showing only what the reader may read, as recorded
    by ``as_of`` and as the case stood ``on`` a business date (rule Time). A case not yet
    recorded by ``as_of``, or opened after ``on``, is 404."""
    history = await runtime.store.load(case_stream(case_id))
    until = end_of(on) if on is not None else None
    known = [e for e in history if _known(e.time, e.occurredat, as_of, until)]
    visible = visible_sequence([e for e in known if _readable(principal, e)], known)
    view = fold_view(case_id, visible, until=until)
    if not visible or view.scenario is None:
        raise _no_case(case_id)
    return await open_personal_data(view, case_id, runtime.core.keyring)


def _known(
    recorded_at: datetime, occurred_at: datetime, as_of: datetime | None, until: datetime | None
) -> bool:
    return (as_of is None or recorded_at <= as_of) and (until is None or occurred_at < until)


@router.get(
    "/cases",
    response_model=CaseList,
    responses=problem_responses(401, 422),
    summary="List cases, filtered",
)
async def list_cases(
    runtime: AppRuntime,
    principal: CurrentPrincipal,
    state: Annotated[str | None, Query(pattern=r"^[A-Z]{3}$", description="ISO alpha-3")] = None,
    scenario: Scenario | None = None,
    status: Status | None = None,
    opened_from: IsoDate | None = None,
    opened_to: IsoDate | None = None,
    cursor: Annotated[str | None, Query(pattern=r"^[0-9a-f-]{36}$")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    as_of: AsOf = None,
    on: On = None,
    consistent_with: Annotated[
        str | None,
        Query(
            # A stream version has at most 18 digits (a bigint); longer text is a 422 naming
            # the parameter, not a 500 from int() past Python's 4300-digit limit.
            pattern=r"^[0-9a-f-]{36}:[0-9]{1,18}$",
            description="<case_id>:<stream_version> from a command response: wait (up to "
            "5 s) until the list reflects it",
        ),
    ] = None,
) -> CaseList:
    consistent = True
    if consistent_with is not None:
        consistent = await _caught_up(runtime, principal, consistent_with)
    where = RegisterFilter(state, scenario, status, opened_from, opened_to)
    if as_of is None and on is None:
        rows = await runtime.register.list(clearance(principal), where, after=cursor, limit=limit)
        items = [CaseSummary(**dict(row)) for row in rows]
    else:
        views = await runtime.register.list_at(
            clearance(principal), where, as_of=as_of, on=on, after=cursor, limit=limit
        )
        items = [_summary(view) for view in views]
    return CaseList(
        items=items,
        next_cursor=items[-1].case_id if len(items) == limit else None,
        consistent=consistent,
    )


async def _caught_up(runtime: AppRuntime, principal: Principal, token: str) -> bool:
    """Read-your-writes without an oracle: only a case the reader may read is waited for, and
    at the version the reader was shown (``visible_sequence``); a hidden case and an unknown
    one are alike ``false`` at once (docs/adr/0023-refusals-never-disclose.md)."""
    waited_case, _, shown = token.partition(":")
    history = await runtime.store.load(case_stream(waited_case))
    if not _may_read_case(principal, waited_case, history):
        return False
    visible = [e for e in history if _readable(principal, e)]
    version = stream_version_for(visible, history, int(shown))
    if version is None:
        return False
    return await runtime.register.has_caught_up(waited_case, version, wait_seconds=5.0)


def _summary(view: CaseView) -> CaseSummary:
    state = view.requested_state
    return CaseSummary(
        case_id=view.case_id,
        requested_state_code=state.code if state else None,
        requested_state_name=state.name if state else None,
        scenario=view.scenario,
        status=view.status,
        opened_on=view.opened_on,
        updated_at=view.updated_at,
        version=view.version,
    )
