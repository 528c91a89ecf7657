"""Through the API: a focal point's or a Bureau member's step on a case's good offices is judged
asked (P17-access, P20, P22) inside the step's own transaction, on the good-offices history the
step is decided on; a caller not asked gets the read's 404 before any rule or key is looked at
(docs/adr/0023-refusals-never-disclose.md). The roster is another stream, read before."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from services.good_offices.tests.api.builders import appoint, racing, reads_outside_transactions

from good_offices.application.handlers import handle_case_command
from good_offices.domain import commands as cmd
from noncoop_shared.auth.roles import RegionalGroup
from noncoop_shared.catalogue.good_offices import (
    ROSTER_STREAM,
    Assistant,
    good_offices_stream,
)
from noncoop_shared.commands import CommandContext
from noncoop_shared.ids import uuid7
from noncoop_shared.store import PostgresEventStore
from noncoop_shared.testing import utc_today

pytestmark = pytest.mark.integration

Auth = Callable[..., dict[str, str]]

FOCAL_POINT = ("fp-af", "african")
MEMBER = "bm-1"


def url(case_id: str, step: str) -> str:
    return f"/v1/cases/{case_id}/good-offices/{step}"


def store_of(system: Any) -> PostgresEventStore:
    store: PostgresEventStore = system.good_offices_app.state.runtime.store
    return store


def as_focal_point(auth: Auth) -> dict[str, str]:
    sub, region = FOCAL_POINT
    return auth("focal_point", sub=sub, region=region)


async def active_case(system: Any, auth: Auth, *, on_roster: bool = True) -> str:
    """A 7(b) case with active good offices, the Bureau notified, the African focal point on
    the roster (``on_roster``: appointed now) and nobody asked to assist yet."""
    case_id = await system.registered(urgent=True)
    go = system.good_offices
    if on_roster:
        await appoint(system, auth, *FOCAL_POINT, term_start=utc_today() - timedelta(days=30))
    for step, body in (
        ("own-initiative-activation", {"court_consulted_on": utc_today().isoformat()}),
        ("bureau-notification", {"means": "e-mail"}),
    ):
        response = await go.post(url(case_id, step), json=body, headers=auth("president"))
        assert response.status_code == 200, (step, response.text)
    return case_id


ASK_FOCAL_POINT = {"assistant": "focal_point", "region": "african", "summary": "Please engage"}
ASK_MEMBER = {"assistant": "bureau_member", "bureau_member": MEMBER, "summary": "Please engage"}


@pytest.mark.parametrize(
    ("who", "ask"), [("focal_point", ASK_FOCAL_POINT), ("bureau_member", ASK_MEMBER)]
)
async def test_an_asked_callers_step_reads_the_good_offices_stream_only_in_its_transaction(
    system: Any, auth: Auth, monkeypatch: pytest.MonkeyPatch, who: str, ask: dict[str, str]
) -> None:
    """One read of the case's good-offices stream a step: the one in its transaction (none of
    its own before it, as the former gate made)."""
    go, store = system.good_offices, store_of(system)
    case_id = await active_case(system, auth)
    asked = await go.post(url(case_id, "assistance-requests"), json=ask, headers=auth("president"))
    assert asked.status_code == 200, asked.text
    headers = as_focal_point(auth) if who == "focal_point" else auth(who, sub=MEMBER)
    read_outside = reads_outside_transactions(monkeypatch, store)
    engaged = await go.post(
        url(case_id, "assistance-engagements"), json={"summary": "Met"}, headers=headers
    )
    assert engaged.status_code == 200, engaged.text
    assert good_offices_stream(case_id) not in read_outside
    assert read_outside.count(ROSTER_STREAM) == 1  # the roster: another stream, read once


@pytest.mark.parametrize(
    ("who", "ask"),
    [
        ("focal_point", cmd.RequestAssistance(Assistant.FOCAL_POINT, RegionalGroup.AFRICAN)),
        ("bureau_member", cmd.RequestAssistance(Assistant.BUREAU_MEMBER, bureau_member=MEMBER)),
    ],
)
async def test_the_step_is_judged_asked_on_the_history_it_is_decided_on(
    system: Any,
    auth: Auth,
    monkeypatch: pytest.MonkeyPatch,
    who: str,
    ask: cmd.RequestAssistance,
) -> None:
    """The President asks the caller to assist at the very moment the caller's engagement step
    begins its transaction (committed first). The step is decided on the history with the
    request, so it must be judged asked on that history too: recorded, not 404. The former
    gate, on a read of the stream of its own before the transaction, saw no request: 404."""
    go, store = system.good_offices, store_of(system)
    case_id = await active_case(system, auth)
    runtime = system.good_offices_app.state.runtime
    asked_at = datetime.now(UTC)  # after the activation, before the step (dated when sent)

    async def ask_as_the_president() -> None:
        ctx = CommandContext(
            actor_role="president",
            actor_id="president",
            occurred_at=asked_at,
            correlation_id="racing-request",
        )
        result = await handle_case_command(store, runtime.cases, runtime.levels, case_id, ask, ctx)
        assert result.status_code == 200, result.body

    headers = as_focal_point(auth) if who == "focal_point" else auth(who, sub=MEMBER)
    async with racing(monkeypatch, store, ask_as_the_president):
        engaged = await go.post(
            url(case_id, "assistance-engagements"), json={"summary": "Met"}, headers=headers
        )
    assert engaged.status_code == 200, engaged.text
    history = await store.load(good_offices_stream(case_id))
    assert [e.type.split(".")[2] for e in history][-2:] == [
        "assistance_requested",
        "assistance_engagement_recorded",
    ]
    assert engaged.json()["stream_version"] == len(history)


@pytest.mark.parametrize(
    ("who", "ask", "others"),
    [("focal_point", ASK_FOCAL_POINT, ASK_MEMBER), ("bureau_member", ASK_MEMBER, ASK_FOCAL_POINT)],
)
async def test_a_caller_not_asked_gets_the_reads_404_for_every_step_and_nothing_is_recorded(
    system: Any, auth: Auth, who: str, ask: dict[str, str], others: dict[str, str]
) -> None:
    """Someone else was asked. The caller gets the read's 404 (same body) for a step a reader
    hears refused (409: the good offices were concluded) and for one whose Idempotency-Key it
    already used on a case it was asked to assist; nothing is recorded."""
    go, store = system.good_offices, store_of(system)
    president = auth("president")
    headers = as_focal_point(auth) if who == "focal_point" else auth(who, sub=MEMBER)
    keyed = headers | {"Idempotency-Key": "key-used-before"}
    own_case = await active_case(system, auth)
    asked = await go.post(url(own_case, "assistance-requests"), json=ask, headers=president)
    assert asked.status_code == 200, asked.text
    own = await go.post(
        url(own_case, "assistance-engagements"), json={"summary": "x"}, headers=keyed
    )
    assert own.status_code == 200, own.text

    case_id = await active_case(system, auth, on_roster=False)
    asked = await go.post(url(case_id, "assistance-requests"), json=others, headers=president)
    assert asked.status_code == 200, asked.text
    concluded = await go.post(
        url(case_id, "conclusion"), json={"outcome": "cooperation_obtained"}, headers=president
    )
    assert concluded.status_code == 200, concluded.text
    refused = await go.post(
        url(case_id, "contacts"),
        json={"counterpart_kind": "other_stakeholder", "counterpart": "x", "summary": "late"},
        headers=president,
    )
    assert refused.status_code == 409, refused.text  # what a reader hears
    # The read's 404 on good offices this caller may not read (a Bureau member reads the
    # Bureau's records of any case, so the read of a case no one knows of, in its own words).
    unknown = "00000000-0000-4000-8000-000000000000"
    read = await go.get(f"/v1/cases/{unknown}/good-offices", headers=headers)
    assert read.status_code == 404, read.text
    expected = read.text.replace(unknown, case_id)
    before = await store.load(good_offices_stream(case_id))
    for sent in (headers, keyed):
        response = await go.post(
            url(case_id, "assistance-engagements"), json={"summary": "y"}, headers=sent
        )
        assert response.status_code == 404, response.text
        assert response.headers["content-type"] == read.headers["content-type"]
        assert response.text == expected
    after = await store.load(good_offices_stream(case_id))
    assert [e.id for e in after] == [e.id for e in before]


@pytest.mark.parametrize(
    ("who", "ask"), [("focal_point", ASK_FOCAL_POINT), ("bureau_member", ASK_MEMBER)]
)
async def test_a_step_dated_before_the_caller_was_asked_gets_the_rules_refusal_not_the_404(
    system: Any, auth: Auth, who: str, ask: dict[str, str]
) -> None:
    """The gate asks whether the caller may know of the case's good offices at all: it was
    asked (the request is recorded), so it reads them, and a 404 would hide nothing. Whether it
    may act at the step's business time is the rules' question (P22, Time): an engagement dated
    before the request it answers is refused, 422 naming Time, and nothing is recorded."""
    go, store = system.good_offices, store_of(system)
    case_id = await active_case(system, auth)
    between = datetime.now(UTC)  # after the activation, before the request (dated when sent)
    asked = await go.post(url(case_id, "assistance-requests"), json=ask, headers=auth("president"))
    assert asked.status_code == 200, asked.text
    headers = as_focal_point(auth) if who == "focal_point" else auth(who, sub=MEMBER)
    read = await go.get(f"/v1/cases/{case_id}/good-offices", headers=headers)
    assert read.status_code == 200, read.text  # the caller knows of them

    before = await store.load(good_offices_stream(case_id))
    early = {"summary": "Met", "occurred_at": between.isoformat()}
    refused = await go.post(url(case_id, "assistance-engagements"), json=early, headers=headers)
    assert refused.status_code == 422, refused.text
    assert refused.json()["rule"] == "Time"
    assert "an engagement answers the request" in refused.json()["detail"]
    after = await store.load(good_offices_stream(case_id))
    assert [e.id for e in after] == [e.id for e in before]

    engaged = await go.post(
        url(case_id, "assistance-engagements"), json={"summary": "Met"}, headers=headers
    )
    assert engaged.status_code == 200, engaged.text


@pytest.mark.parametrize("who", ["focal_point", "bureau_member"])
async def test_on_a_case_the_register_does_not_know_the_caller_gets_the_reads_404_first(
    system: Any, auth: Auth, who: str
) -> None:
    """The gate comes before the register's own 404 (which would tell that no case exists):
    a focal point or a Bureau member hears of an unknown case what it hears of a hidden one."""
    await appoint(system, auth, *FOCAL_POINT, term_start=utc_today() - timedelta(days=30))
    headers = as_focal_point(auth) if who == "focal_point" else auth(who, sub=MEMBER)
    unknown = str(uuid7())  # made now: the register might still be on its way
    read = await system.good_offices.get(f"/v1/cases/{unknown}/good-offices", headers=headers)
    assert read.status_code == 404, read.text
    response = await system.good_offices.post(
        url(unknown, "assistance-engagements"), json={"summary": "y"}, headers=headers
    )
    assert response.status_code == 404, response.text
    assert response.text == read.text
