"""Good offices' handlers and register policies, run on the in-memory store (P18-own-7b,
P18-notify; docs/architecture.md §2: a case must be registered before anything is recorded on
it)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from good_offices.application.handlers import handle_case_command
from good_offices.application.policies import RegisterPolicies
from good_offices.domain.commands import ActivateOnOwnInitiative
from good_offices.domain.decide import ServiceLevels
from noncoop_shared.catalogue.common import (
    CooperationArticle,
    CourtRequest,
    RequestedState,
    StateStatus,
)
from noncoop_shared.catalogue.good_offices import good_offices_stream
from noncoop_shared.catalogue.referrals import (
    CaseClosed,
    ClosureReason,
    Urgency,
    UrgentIncidentReported,
    case_stream,
)
from noncoop_shared.commands import CommandContext
from noncoop_shared.envelope import Envelope
from noncoop_shared.store import InMemoryEventStore
from noncoop_shared.testing import record_facts

CASE = "NC-2016-004"
STREAM = good_offices_stream(CASE)
REPORTED_AT = datetime(2016, 5, 10, 10, 0, tzinfo=UTC)
ACTIVATED_AT = datetime(2016, 5, 11, 16, 0, tzinfo=UTC)
CLOSED_AT = datetime(2016, 9, 1, 12, 0, tzinfo=UTC)


def president(at: datetime) -> CommandContext:
    return CommandContext(
        actor_role="president", actor_id="president-1", occurred_at=at, correlation_id="c-go"
    )


async def urgent_incident(register: InMemoryEventStore) -> list[Envelope]:
    """Referrals registers a 7(b) case."""
    return await record_facts(
        register,
        case_stream(CASE),
        CASE,
        (
            UrgentIncidentReported(
                case_id=CASE,
                requested_state=RequestedState(
                    name="Republic of Examplia", code="EXA", status=StateStatus.STATE_PARTY
                ),
                court_request=CourtRequest(
                    article=CooperationArticle.ARREST_AND_SURRENDER, reference="ICC-02/11-01/15-2"
                ),
                urgency=Urgency.IMMINENT,
                urgency_reason="The person is expected at a summit in Examplia on 12 May.",
            ),
            REPORTED_AT,
        ),
        actor_role="president",
    )


async def closure(register: InMemoryEventStore) -> list[Envelope]:
    return await record_facts(
        register,
        case_stream(CASE),
        CASE,
        (CaseClosed(case_id=CASE, reason=ClosureReason.OTHER), CLOSED_AT),
        actor_role="secretariat",
    )


async def deliver(
    store: InMemoryEventStore, levels: ServiceLevels, envelopes: list[Envelope]
) -> None:
    """What the consumer does with each envelope of the log: the policies, in its transaction."""
    policy = RegisterPolicies(store, levels)
    for envelope in envelopes:
        async with store.transaction() as tx:
            await policy.apply(tx.conn, envelope)


async def activate(store: InMemoryEventStore, known_cases, levels: ServiceLevels) -> None:
    await handle_case_command(
        store,
        known_cases,
        levels,
        CASE,
        ActivateOnOwnInitiative(court_consulted_on=date(2016, 5, 11)),
        president(ACTIVATED_AT),
    )


async def test_the_register_policy_makes_a_reported_case_known(
    store, register, known_cases, levels
) -> None:
    await deliver(store, levels, await urgent_incident(register))

    assert CASE in known_cases.rows
    assert await store.load(STREAM) == []  # knowing a case records nothing of good offices


async def test_p18_own_7b_activation_is_recorded_with_the_bureau_notification_due(
    store, register, known_cases, levels
) -> None:
    await deliver(store, levels, await urgent_incident(register))

    await activate(store, known_cases, levels)

    (activated,) = await store.load(STREAM)
    assert activated.type == "noncoop.good_offices.good_offices_activated.v1"
    assert activated.occurredat == ACTIVATED_AT
    assert activated.data["bureau_notification_due_at"] is not None
    assert store.deadline_states() == {(STREAM, "bureau_notification"): "pending"}


async def test_when_case_closed_conclude_good_offices_at_the_closure_business_time(
    store, register, known_cases, levels
) -> None:
    await deliver(store, levels, await urgent_incident(register))
    await activate(store, known_cases, levels)

    await deliver(store, levels, await closure(register))

    concluded = (await store.load(STREAM))[-1]
    assert concluded.type == "noncoop.good_offices.good_offices_concluded.v1"
    assert concluded.occurredat == CLOSED_AT
    assert concluded.actorrole == "system"
    assert store.deadline_states() == {(STREAM, "bureau_notification"): "settled"}


async def test_a_closure_where_the_president_never_became_active_records_nothing(
    store, register, known_cases, levels
) -> None:
    await deliver(store, levels, await urgent_incident(register))

    await deliver(store, levels, await closure(register))

    assert await store.load(STREAM) == []
