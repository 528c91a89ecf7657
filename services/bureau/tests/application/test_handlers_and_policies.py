"""The Bureau's handlers, register policies and deadline callback, run on the in-memory store
(P13: a Court decision opens the formal response; P14b: the open letter's reply deadline,
judged in business time, ADR 0015)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from bureau.application.handlers import handle_case_command, on_due
from bureau.application.policies import RegisterPolicies
from bureau.domain.commands import RecordOpenLetterReply, SendOpenLetter
from noncoop_shared.catalogue.bureau import formal_response_stream
from noncoop_shared.catalogue.common import (
    CooperationArticle,
    CourtDecision,
    CourtRequest,
    LegalBasis,
    RequestedState,
    StateStatus,
)
from noncoop_shared.catalogue.referrals import CourtDecisionReceived, case_stream
from noncoop_shared.clock import FixedClock
from noncoop_shared.commands import CommandContext
from noncoop_shared.deadlines import DeadlineScheduler
from noncoop_shared.envelope import Envelope
from noncoop_shared.store import InMemoryEventStore
from noncoop_shared.testing import record_facts

CASE = "NC-2017-002"
STREAM = formal_response_stream(CASE)
REFERRED_AT = datetime(2017, 7, 6, 14, 0, tzinfo=UTC)
LETTER_SENT_AT = datetime(2017, 7, 20, 10, 0, tzinfo=UTC)
REPLY_DUE_ON = date(2017, 8, 31)
REPLY_OVERDUE_AT = datetime.combine(REPLY_DUE_ON + timedelta(days=1), time(0), tzinfo=UTC)
GRACE = timedelta(hours=24)
OPENED = "noncoop.bureau.formal_response_opened.v1"
REPLY_OVERDUE = "noncoop.bureau.open_letter_reply_overdue.v1"


async def court_referral(register: InMemoryEventStore) -> list[Envelope]:
    """Referrals registers a Court decision addressed to the Assembly (7(a))."""
    return await record_facts(
        register,
        case_stream(CASE),
        CASE,
        (
            CourtDecisionReceived(
                case_id=CASE,
                requested_state=RequestedState(
                    name="Republic of Examplia", code="EXA", status=StateStatus.STATE_PARTY
                ),
                court_request=CourtRequest(
                    article=CooperationArticle.ARREST_AND_SURRENDER, reference="ICC-02/05-01/09-1"
                ),
                decision=CourtDecision(
                    reference="ICC-02/05-01/09-302",
                    date=date(2017, 7, 6),
                    chamber="Pre-Trial Chamber II",
                    legal_basis=LegalBasis.STATE_PARTY,
                    referred_to_assembly=True,
                    referred_to_security_council=False,
                ),
                forwarding_due_at=REFERRED_AT + timedelta(days=1),
                press_release_due_at=REFERRED_AT + timedelta(days=1),
            ),
            REFERRED_AT,
        ),
    )


async def deliver(store: InMemoryEventStore, envelopes: list[Envelope]) -> None:
    """What the consumer does with each envelope of the log: the policies, in its transaction."""
    policy = RegisterPolicies(store)
    for envelope in envelopes:
        async with store.transaction() as tx:
            await policy.apply(tx.conn, envelope)


def president(at: datetime) -> CommandContext:
    return CommandContext(
        actor_role="president", actor_id="president-1", occurred_at=at, correlation_id="c-b"
    )


async def send_open_letter(store: InMemoryEventStore, known_cases) -> None:
    await handle_case_command(
        store,
        known_cases,
        CASE,
        SendOpenLetter("ICC-ASP/16/PRES/7", REPLY_DUE_ON),
        president(LETTER_SENT_AT),
    )


async def test_when_court_decision_received_open_formal_response_at_its_business_time(
    store, register, known_cases
) -> None:
    await deliver(store, await court_referral(register))

    (opened,) = await store.load(STREAM)
    assert opened.type == OPENED
    assert (opened.actorrole, opened.rule) == ("system", "P13")
    assert opened.occurredat == REFERRED_AT
    assert str(opened.causationid) == str((await register.load(case_stream(CASE)))[0].id)


async def test_a_court_decision_delivered_twice_opens_the_formal_response_once(
    store, register, known_cases
) -> None:
    referral = await court_referral(register)

    await deliver(store, referral)
    await deliver(store, referral)

    assert [e.type for e in await store.load(STREAM)] == [OPENED]


async def test_p14b_an_open_letter_sets_the_reply_deadline_at_the_end_of_its_due_day(
    store, register, known_cases, clock: FixedClock
) -> None:
    await deliver(store, await court_referral(register))

    await send_open_letter(store, known_cases)

    letter = (await store.load(STREAM))[-1]
    assert letter.type == "noncoop.bureau.open_letter_sent.v1"
    assert letter.occurredat == LETTER_SENT_AT
    async with store.transaction() as tx:
        (deadline,) = await tx.claim_due_deadlines(clock.now(), 10)
    assert (deadline.kind, deadline.due_at) == (
        "open_letter_reply:ICC-ASP/16/PRES/7",
        REPLY_OVERDUE_AT,
    )


async def test_p14b_a_reply_overdue_in_a_late_history_is_recorded_after_the_grace_at_its_due_time(
    store, register, known_cases, clock: FixedClock
) -> None:
    await deliver(store, await court_referral(register))
    await send_open_letter(store, known_cases)
    scheduler = DeadlineScheduler(store, on_due(), clock=clock, late_entry_grace=GRACE)

    assert await scheduler.fire_due() == 0
    clock.advance(GRACE)
    assert await scheduler.fire_due() == 1

    overdue = (await store.load(STREAM))[-1]
    assert overdue.type == REPLY_OVERDUE
    assert overdue.occurredat == REPLY_OVERDUE_AT
    assert overdue.time == clock.now()


async def test_p14b_a_reply_dated_in_time_and_entered_within_the_grace_is_never_overdue(
    store, register, known_cases, clock: FixedClock
) -> None:
    await deliver(store, await court_referral(register))
    await send_open_letter(store, known_cases)
    scheduler = DeadlineScheduler(store, on_due(), clock=clock, late_entry_grace=GRACE)
    clock.advance(timedelta(hours=6))
    assert await scheduler.fire_due() == 0  # the due day is long past, but within the grace
    await handle_case_command(
        store,
        known_cases,
        CASE,
        RecordOpenLetterReply(date(2017, 8, 30)),
        president(datetime(2017, 8, 30, 16, 0, tzinfo=UTC)),
    )

    clock.advance(GRACE)
    assert await scheduler.fire_due() == 0

    assert REPLY_OVERDUE not in [e.type for e in await store.load(STREAM)]
