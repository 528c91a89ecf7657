"""The Bureau handlers: commands on the calendar, the meetings, and a case's formal response.

A formal-response command may depend on the calendar or the meetings (the next session, the
meeting of (c)): the handler reads both registries and hands them to ``decide()``, which
chooses the session or meeting the rule names; the route only passes what the caller said.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from uuid import UUID

from bureau.domain import calendar, meetings
from bureau.domain.commands import FormalResponseCommand, MarkDeadlineOverdue
from bureau.domain.decide import decide
from bureau.domain.facts import CaseFacts
from bureau.domain.state import FormalResponseState, fold
from bureau.projections.known_cases import KnownCases, read_known
from noncoop_shared.catalogue import CATALOGUE, EventPayload
from noncoop_shared.catalogue.bureau import (
    CALENDAR_STREAM,
    MEETINGS_STREAM,
    formal_response_stream,
)
from noncoop_shared.commands import (
    CommandContext,
    CommandResult,
    Decide,
    Respond,
    answer_recorded,
    execute,
    execute_in,
)
from noncoop_shared.deadlines import OnDue
from noncoop_shared.decisions import Decision
from noncoop_shared.envelope import Envelope
from noncoop_shared.store import DueDeadline, PostgresEventStore, StoreTransaction

SCHEDULER_ROLE = "system"
SCHEDULER_ID = "bureau-deadline-scheduler"


def payloads(history: list[Envelope]) -> Iterator[tuple[EventPayload, datetime]]:
    return ((CATALOGUE.decode(e.type, e.data), e.occurredat) for e in history)


def formal_response_state(case_id: str, history: list[Envelope]) -> FormalResponseState:
    return fold(payloads(history), case_id=case_id)


def respond(subject_name: str, subject: str, *, created: bool = False) -> Respond:
    return answer_recorded(201 if created else 200, **{subject_name: subject})


def decider(
    case_id: str,
    command: FormalResponseCommand,
    case: CaseFacts | None,
    calendar_state: calendar.CalendarState,
    meetings_state: meetings.MeetingsState,
    now: datetime,
) -> Decide:
    def decide_on(history: list[Envelope]) -> Decision:
        return decide(
            formal_response_state(case_id, history),
            command,
            case=case,
            now=now,
            sessions=calendar_state.parts,
            meetings=tuple(meetings_state.meetings.values()),
        )

    return decide_on


async def _registries(
    load: Callable[[str], object],
) -> tuple[calendar.CalendarState, meetings.MeetingsState]:
    calendar_history = await load(CALENDAR_STREAM)  # type: ignore[misc]
    meetings_history = await load(MEETINGS_STREAM)  # type: ignore[misc]
    return calendar.fold(payloads(calendar_history)), meetings.fold(payloads(meetings_history))


async def handle_case_command(
    store: PostgresEventStore,
    cases: KnownCases,
    case_id: str,
    command: FormalResponseCommand,
    ctx: CommandContext,
) -> CommandResult:
    case = await cases.facts(case_id)
    calendar_state, meetings_state = await _registries(store.load)
    return await execute(
        store,
        stream=formal_response_stream(case_id),
        subject=case_id,
        decide=decider(case_id, command, case, calendar_state, meetings_state, ctx.occurred_at),
        ctx=ctx,
        respond=respond("case_id", case_id),
    )


async def run_in(
    tx: StoreTransaction, case_id: str, command: FormalResponseCommand, ctx: CommandContext
) -> CommandResult:
    """A command inside a transaction someone else owns: a policy's, or the scheduler's."""
    known = await read_known(tx.conn, case_id)
    case = known.facts() if known is not None else None
    calendar_state, meetings_state = await _registries(tx.load)
    return await execute_in(
        tx,
        stream=formal_response_stream(case_id),
        subject=case_id,
        decide=decider(case_id, command, case, calendar_state, meetings_state, ctx.occurred_at),
        ctx=ctx,
        respond=respond("case_id", case_id),
    )


async def handle_calendar_command(
    store: PostgresEventStore, command: calendar.CalendarCommand, ctx: CommandContext
) -> CommandResult:
    def decide_on(history: list[Envelope]) -> Decision:
        return calendar.decide_calendar(calendar.fold(payloads(history)), command, ctx.occurred_at)

    return await execute(
        store,
        stream=CALENDAR_STREAM,
        subject=CALENDAR_STREAM,
        decide=decide_on,
        ctx=ctx,
        respond=respond("stream", CALENDAR_STREAM, created=True),
    )


async def handle_meetings_command(
    store: PostgresEventStore, command: meetings.MeetingsCommand, ctx: CommandContext
) -> CommandResult:
    def decide_on(history: list[Envelope]) -> Decision:
        return meetings.decide_meetings(meetings.fold(payloads(history)), command, ctx.occurred_at)

    return await execute(
        store,
        stream=MEETINGS_STREAM,
        subject=MEETINGS_STREAM,
        decide=decide_on,
        ctx=ctx,
        respond=respond("stream", MEETINGS_STREAM, created=True),
    )


def on_due() -> OnDue:
    """The deadline scheduler's callback: record ``..._overdue`` if still awaited, at the due
    instant as business time (ADR 0015, decision 3), whenever the scheduler gets to it."""

    async def fire(tx: StoreTransaction, deadline: DueDeadline) -> UUID | None:
        ctx = CommandContext(
            actor_role=SCHEDULER_ROLE,
            actor_id=SCHEDULER_ID,
            occurred_at=deadline.due_at,  # the overdue fact happens at the due instant
            correlation_id=f"deadline:{deadline.stream}:{deadline.kind}",
        )
        result = await run_in(tx, deadline.subject, MarkDeadlineOverdue(kind=deadline.kind), ctx)
        events = result.body["events"]
        return UUID(events[0]["id"]) if events else None

    return fire
