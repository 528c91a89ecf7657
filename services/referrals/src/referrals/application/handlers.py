"""The referrals command handlers: every command runs the shared write path on a case stream.

The flow is the same for each command (load, fold, decide, append), so one function serves all
of them; what differs lives in the pure domain (``referrals.domain.decide``), one function per
command there. Only the response differs: a command that opens a case answers 201.
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

import structlog

from noncoop_shared.catalogue import CATALOGUE
from noncoop_shared.catalogue.referrals import case_stream
from noncoop_shared.commands import (
    Admit,
    CommandContext,
    CommandResult,
    Decide,
    Respond,
    answer_recorded,
    execute,
    execute_in,
)
from noncoop_shared.deadlines import OnDue
from noncoop_shared.envelope import Envelope
from noncoop_shared.privacy import Keyring
from noncoop_shared.store import DueDeadline, PostgresEventStore, StoreTransaction
from referrals.domain.commands import (
    ErasePersonalData,
    MarkDeadlineOverdue,
    RecordCourtFindingForInformation,
    RecordCourtInformation,
    RegisterCourtReferral,
    ReportUrgentIncident,
)
from referrals.domain.decide import CaseCommand, ServiceLevels, decide
from referrals.domain.state import CaseState, fold

log = structlog.get_logger("referrals.handlers")

OPENING_COMMANDS = (
    RegisterCourtReferral,
    RecordCourtFindingForInformation,
    RecordCourtInformation,
    ReportUrgentIncident,
)

SCHEDULER_ROLE = "system"
SCHEDULER_ID = "referrals-deadline-scheduler"


def case_state(history: list[Envelope]) -> CaseState:
    return fold((CATALOGUE.decode(e.type, e.data), e.occurredat) for e in history)


def decider(command: CaseCommand, now: datetime, levels: ServiceLevels) -> Decide:
    return lambda history: decide(case_state(history), command, now, levels)


def respond_for(command: CaseCommand, case_id: str) -> Respond:
    return answer_recorded(201 if isinstance(command, OPENING_COMMANDS) else 200, case_id=case_id)


async def handle(
    store: PostgresEventStore,
    levels: ServiceLevels,
    case_id: str,
    command: CaseCommand,
    ctx: CommandContext,
    *,
    admit: Admit | None = None,
) -> CommandResult:
    """Run one command on the case ``case_id``; the business time is ``ctx.occurred_at``;
    ``admit``: checked on the case's history before anything else (``execute``)."""
    return await execute(
        store,
        stream=case_stream(case_id),
        subject=case_id,
        decide=decider(command, ctx.occurred_at, levels),
        ctx=ctx,
        respond=respond_for(command, case_id),
        admit=admit,
    )


async def erase_personal_data(
    store: PostgresEventStore,
    keyring: Keyring,
    levels: ServiceLevels,
    case_id: str,
    command: ErasePersonalData,
    ctx: CommandContext,
) -> CommandResult:
    """Delete the case's data key, then record the erasure (ADR 0011).

    The key goes first: if recording fails, the data is already unreadable and a retry records
    it (deleting again is a no-op). The other order could leave a recorded erasure with the key
    still there. A case that does not exist has no key: deleting nothing, then 404.
    """
    erased = await keyring.erase(case_id)
    log.info("privacy.case_key_erased", case_id=case_id, key_deleted=erased)
    return await handle(store, levels, case_id, command, ctx)


def on_due(levels: ServiceLevels) -> OnDue:
    """The deadline scheduler's callback: record ``..._overdue`` if the step is still pending.

    The overdue event's business time is the due instant (rule Time): it is the moment the
    step became overdue, whenever the scheduler gets to it."""

    async def fire(tx: StoreTransaction, deadline: DueDeadline) -> UUID | None:
        command = MarkDeadlineOverdue(kind=deadline.kind)
        ctx = CommandContext(
            actor_role=SCHEDULER_ROLE,
            actor_id=SCHEDULER_ID,
            occurred_at=deadline.due_at,  # the overdue fact happens at the due instant
            correlation_id=f"deadline:{deadline.stream}:{deadline.kind}",
        )
        result = await execute_in(
            tx,
            stream=deadline.stream,
            subject=deadline.subject,
            decide=decider(command, ctx.occurred_at, levels),
            ctx=ctx,
            respond=respond_for(command, deadline.subject),
        )
        events = result.body["events"]
        return UUID(events[0]["id"]) if events else None

    return fire
