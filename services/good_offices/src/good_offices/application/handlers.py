"""The good offices handlers: commands on a case's good offices stream and on the roster.

Every command runs the shared write path (load, fold, decide, append in one transaction). What
the pure ``decide`` needs besides the stream, the application gathers: the register's facts on
the case (a projection of referrals' events) and the regions the roster covers today.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from uuid import UUID

from good_offices.domain import roster, travel
from good_offices.domain.commands import GoodOfficesCommand, MarkDeadlineOverdue
from good_offices.domain.decide import ServiceLevels, decide
from good_offices.domain.facts import CaseFacts
from good_offices.domain.state import GoodOfficesState, fold
from good_offices.projections.known_cases import KnownCases, read_facts
from noncoop_shared.catalogue import CATALOGUE, EventPayload
from noncoop_shared.catalogue.good_offices import (
    ROSTER_STREAM,
    TRAVEL_STREAM_PREFIX,
    good_offices_stream,
    travel_stream,
)
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
from noncoop_shared.decisions import Decision
from noncoop_shared.envelope import Envelope
from noncoop_shared.errors import NotFoundError
from noncoop_shared.ids import uuid7_time
from noncoop_shared.store import DueDeadline, PostgresEventStore, StoreTransaction

SCHEDULER_ROLE = "system"
SCHEDULER_ID = "good-offices-deadline-scheduler"
REGISTER_WAIT_SECONDS = 2.0
"""How long a command waits for the register to reach this service (the log is asynchronous)."""
IN_FLIGHT = timedelta(seconds=60)
"""How recent a case id must be for its register to be possibly still on its way here."""
CLOCK_SKEW = timedelta(seconds=5)


def register_wait_seconds(case_id: str, now: datetime) -> float:
    """How long to wait for the register of ``case_id``: only a case referrals made a moment ago
    (its ids are UUIDv7, which carry their making time) may still be on its way through the log;
    any other unknown case is a 404 at once. Waiting on every unknown id made each such request
    hold a connection for two seconds, a cheap way to tie the service up."""
    made = uuid7_time(case_id)
    if made is None or not now - IN_FLIGHT <= made <= now + CLOCK_SKEW:
        return 0.0
    return REGISTER_WAIT_SECONDS


def payloads(history: list[Envelope]) -> Iterator[tuple[EventPayload, datetime]]:
    return ((CATALOGUE.decode(e.type, e.data), e.occurredat) for e in history)


def good_offices_state(case_id: str, history: list[Envelope]) -> GoodOfficesState:
    return fold(payloads(history), case_id=case_id)


def roster_state(history: list[Envelope]) -> roster.RosterState:
    return roster.fold(payloads(history))


def travel_records(history: list[Envelope]) -> travel.TravelRecords:
    """The travel information on a stream of its own (no case), folded."""
    records: travel.TravelRecords = {}
    for payload, occurred_at in payloads(history):
        records = travel.evolve_travel(records, payload, occurred_at)
    return records


def serving_focal_point(
    roster_history: list[Envelope], focal_point_id: str, on: date
) -> roster.FocalPointEntry | None:
    """P17-access: the focal point ``focal_point_id`` if it is on the roster on ``on``; the
    region a token claims grants nothing by itself."""
    return roster.serving(roster_state(roster_history), focal_point_id, on)


def acting_focal_point(
    roster_history: list[Envelope], focal_point_id: str, on: date, today: date, *, vouched: bool
) -> roster.FocalPointEntry | None:
    """P17-access: the focal point ``focal_point_id`` acting on a record of business date
    ``on``: on the roster that day and, unless a history import ``vouched`` for the past, today
    (``roster.acting``)."""
    return roster.acting(roster_state(roster_history), focal_point_id, on, today, vouched=vouched)


def respond(case_id: str, *, created: bool = False) -> Respond:
    return answer_recorded(201 if created else 200, case_id=case_id)


def decider(
    case_id: str,
    command: GoodOfficesCommand,
    ctx: CommandContext,
    case: CaseFacts | None,
    roster_history: list[Envelope],
    levels: ServiceLevels,
) -> Decide:
    on = ctx.occurred_at.date()  # the roster as it stood on the command's business date
    on_roster = roster.roster_as_of(roster_state(roster_history), on)
    regions = frozenset(e.region for e in on_roster)
    focal_points = {e.focal_point_id: e.region for e in on_roster if not e.ex_officio_president}
    return lambda history: decide(
        good_offices_state(case_id, history),
        command,
        case=case,
        roster_regions=regions,
        roster_focal_points=focal_points,
        now=ctx.occurred_at,
        levels=levels,
    )


async def handle_case_command(
    store: PostgresEventStore,
    cases: KnownCases,
    levels: ServiceLevels,
    case_id: str,
    command: GoodOfficesCommand,
    ctx: CommandContext,
    roster_history: list[Envelope] | None = None,
    *,
    admit: Admit | None = None,
) -> CommandResult:
    """A command on a case's good offices; ``roster_history``: the roster as the caller already
    read it (else read here). ``admit``: checked on the case's good-offices history before
    anything else, the register's 404 included (``execute``); the register is then not waited
    on: a caller it admits was asked to assist, which only a command the register allowed
    recorded (docs/adr/0023-refusals-never-disclose.md)."""
    # The wall clock, not the store's: the id was made by referrals' wall clock (uuid7).
    wait = 0.0 if admit is not None else register_wait_seconds(case_id, datetime.now(UTC))
    case = await cases.facts(case_id, wait_seconds=wait)
    unknown = NotFoundError(f"no case {case_id} is registered (referrals has not recorded it)")
    if case is None and admit is None:
        raise unknown
    if roster_history is None:
        roster_history = await store.load(ROSTER_STREAM)

    checked: Admit | None = None
    if admit is not None:
        gate = admit

        def checked(history: list[Envelope]) -> None:
            gate(history)
            if case is None:
                raise unknown

    return await execute(
        store,
        stream=good_offices_stream(case_id),
        subject=case_id,
        decide=decider(case_id, command, ctx, case, roster_history, levels),
        ctx=ctx,
        respond=respond(case_id),
        admit=checked,
    )


async def handle_travel_command(
    store: PostgresEventStore,
    levels: ServiceLevels,
    travel_id: str,
    command: travel.TravelCommand,
    ctx: CommandContext,
    *,
    admit: Admit | None = None,
) -> CommandResult:
    """Res. 35: travel information linked to no case, on its own stream; ``admit``: checked on
    the record's history before anything else (``execute``)."""

    def decide_on(history: list[Envelope]) -> Decision:
        return travel.decide_travel(
            travel_records(history),
            command,
            case_id=None,
            now=ctx.occurred_at,
            sharing_level=levels.travel_sharing,
        )

    return await execute(
        store,
        stream=travel_stream(travel_id),
        subject=travel_id,
        decide=decide_on,
        ctx=ctx,
        respond=answer_recorded(201, travel_id=travel_id),
        admit=admit,
    )


async def handle_roster_command(
    store: PostgresEventStore, command: roster.RosterCommand, ctx: CommandContext
) -> CommandResult:
    def decide_on(history: list[Envelope]) -> Decision:
        return roster.decide_roster(roster_state(history), command, ctx.occurred_at)

    return await execute(
        store,
        stream=ROSTER_STREAM,
        subject=ROSTER_STREAM,
        decide=decide_on,
        ctx=ctx,
        respond=answer_recorded(201),
    )


async def run_in(
    tx: StoreTransaction,
    case_id: str,
    command: GoodOfficesCommand,
    ctx: CommandContext,
    levels: ServiceLevels,
) -> CommandResult:
    """A command inside a transaction someone else owns: a policy's, or the scheduler's."""
    case = await read_facts(tx.conn, case_id)
    roster_history = await tx.load(ROSTER_STREAM)
    return await execute_in(
        tx,
        stream=good_offices_stream(case_id),
        subject=case_id,
        decide=decider(case_id, command, ctx, case, roster_history, levels),
        ctx=ctx,
        respond=respond(case_id),
    )


def on_due(levels: ServiceLevels) -> OnDue:
    """The deadline scheduler's callback: record ``..._overdue`` if the step is still pending."""

    async def fire(tx: StoreTransaction, deadline: DueDeadline) -> UUID | None:
        # The overdue record carries the due instant as its business time (Time).
        ctx = CommandContext(
            actor_role=SCHEDULER_ROLE,
            actor_id=SCHEDULER_ID,
            occurred_at=deadline.due_at,  # the overdue fact happens at the due instant
            correlation_id=f"deadline:{deadline.stream}:{deadline.kind}",
        )
        if deadline.stream.startswith(TRAVEL_STREAM_PREFIX):
            result = await _mark_travel_overdue(tx, deadline, ctx)
        else:
            result = await run_in(
                tx, deadline.subject, MarkDeadlineOverdue(kind=deadline.kind), ctx, levels
            )
        events = result.body["events"]
        return UUID(events[0]["id"]) if events else None

    return fire


async def _mark_travel_overdue(
    tx: StoreTransaction, deadline: DueDeadline, ctx: CommandContext
) -> CommandResult:
    def decide_on(history: list[Envelope]) -> Decision:
        return travel.mark_sharing_overdue(
            travel_records(history), deadline.kind, case_id=None, now=ctx.occurred_at
        )

    return await execute_in(
        tx,
        stream=deadline.stream,
        subject=deadline.subject,
        decide=decide_on,
        ctx=ctx,
        respond=answer_recorded(200, travel_id=deadline.subject),
    )
