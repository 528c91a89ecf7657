"""Through the API: a step on travel information linked to no case (Res. 35) is answered 404,
the read's own 404, to a caller who may not read the record, before any rule or key is looked
at; that is decided inside the step's transaction, on the history the step is decided on
(docs/adr/0023-refusals-never-disclose.md)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from services.good_offices.tests.api.builders import appoint, racing, reads_outside_transactions

from good_offices.application.handlers import handle_travel_command
from good_offices.domain import travel
from noncoop_shared.catalogue.good_offices import TravelStatus, travel_stream
from noncoop_shared.commands import CommandContext
from noncoop_shared.store import PostgresEventStore
from noncoop_shared.testing import utc_today

pytestmark = pytest.mark.integration

Auth = Callable[..., dict[str, str]]

AUTHOR = ("fp-af", "african")
OTHER = ("fp-ap", "asia_pacific")


def record_body(travel_id: str) -> dict[str, Any]:
    return {
        "travel_id": travel_id,
        "person": "A. Person",
        "destination_state": "OTH",
        "travel_from": (utc_today() + timedelta(days=30)).isoformat(),
        "status": "confirmed",
        "warrant_reference": "ICC-01/99-W1",
    }


def as_focal_point(auth: Auth, focal_point: tuple[str, str]) -> dict[str, str]:
    sub, region = focal_point
    return auth("focal_point", sub=sub, region=region)


async def on_roster(system: Any, auth: Auth, *focal_points: tuple[str, str]) -> None:
    for focal_point_id, region in focal_points:
        term_start = utc_today() - timedelta(days=30)
        await appoint(system, auth, focal_point_id, region, term_start=term_start)


def store_of(system: Any) -> PostgresEventStore:
    store: PostgresEventStore = system.good_offices_app.state.runtime.store
    return store


async def test_a_focal_point_who_may_not_read_a_travel_record_gets_the_reads_404_for_a_step(
    system: Any, auth: Auth
) -> None:
    """Another focal point on the roster (not the record's author) reads 404 on the record; each
    step it sends on it gets that same 404, also a step a reader hears refused (409) and one
    whose Idempotency-Key it already used (422 to a reader), and nothing is recorded."""
    go = system.good_offices
    await on_roster(system, auth, AUTHOR, OTHER)
    author, other = as_focal_point(auth, AUTHOR), as_focal_point(auth, OTHER)
    for travel_id, headers in (("T-1", author), ("T-OWN", other)):
        recorded = await go.post(
            "/v1/travel-information", json=record_body(travel_id), headers=headers
        )
        assert recorded.status_code == 201, recorded.text
    path = "/v1/travel-information/T-1"
    read = await go.get(path, headers=other)
    assert read.status_code == 404, read.text
    confirmation = {"travel_from": (utc_today() + timedelta(days=31)).isoformat()}
    # The author hears the rule that refuses a confirmation of confirmed travel (Res. 35).
    refused = await go.post(f"{path}/confirmation", json=confirmation, headers=author)
    assert refused.status_code == 409, refused.text
    # The other focal point uses a key on its own record, then the same key on the hidden one.
    keyed = other | {"Idempotency-Key": "key-used-before"}
    own = await go.post(
        "/v1/travel-information/T-OWN/sharing", json={"channel": "secure line"}, headers=keyed
    )
    assert own.status_code == 201, own.text
    store = store_of(system)
    before = await store.load(travel_stream("T-1"))
    steps = [
        ("sharing", {"channel": "secure line"}, other),
        ("sharing", {"channel": "another line"}, keyed),
        ("confirmation", confirmation, other),
        ("cancellation", {"details": "called off"}, other),
    ]
    for step, body, headers in steps:
        response = await go.post(f"{path}/{step}", json=body, headers=headers)
        assert response.status_code == 404, (step, response.text)
        assert response.headers["content-type"] == read.headers["content-type"], step
        assert response.json() == read.json(), step
    after = await store.load(travel_stream("T-1"))
    assert [e.id for e in after] == [e.id for e in before]
    assert len(after) == 1


async def test_the_step_is_judged_readable_on_the_history_it_is_decided_on(
    system: Any, auth: Auth, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The author records the travel at the very moment its step's transaction begins (a
    second request of its own, committed first). The step is decided on the history with the
    record, so it must be judged readable on that history too: recorded, not 404. A check on a
    read of the stream of its own, before the transaction, saw no record and answered 404."""
    go, store = system.good_offices, store_of(system)
    await on_roster(system, auth, AUTHOR)
    levels = system.good_offices_app.state.runtime.levels

    async def record_as_the_author() -> None:
        command = travel.RecordTravelInformation(
            travel_id="T-RACE",
            person="A. Person",
            destination_state="OTH",
            travel_from=utc_today() + timedelta(days=30),
            travel_to=None,
            status=TravelStatus.CONFIRMED,
            warrant_reference="ICC-01/99-W1",
        )
        ctx = CommandContext(
            actor_role="focal_point",
            actor_id=AUTHOR[0],
            occurred_at=datetime.now(UTC) - timedelta(minutes=1),  # before the step
            correlation_id="racing-record",
        )
        result = await handle_travel_command(store, levels, "T-RACE", command, ctx)
        assert result.status_code == 201, result.body

    async with racing(monkeypatch, store, record_as_the_author):
        shared = await go.post(
            "/v1/travel-information/T-RACE/sharing",
            json={"channel": "secure line"},
            headers=as_focal_point(auth, AUTHOR),
        )
    assert shared.status_code == 201, shared.text
    history = await store.load(travel_stream("T-RACE"))
    assert [e.type for e in history] == [
        "noncoop.good_offices.travel_information_recorded.v2",
        "noncoop.good_offices.travel_information_shared_with_court.v2",
    ]
    assert shared.json()["stream_version"] == 2


async def test_a_step_reads_the_travel_stream_only_in_its_transaction(
    system: Any, auth: Auth, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One read of the stream a step: the one in its transaction (none of its own before it)."""
    go, store = system.good_offices, store_of(system)
    recorded = await go.post(
        "/v1/travel-information", json=record_body("T-ONCE"), headers=auth("secretariat")
    )
    assert recorded.status_code == 201, recorded.text
    read_outside = reads_outside_transactions(monkeypatch, store)
    shared = await go.post(
        "/v1/travel-information/T-ONCE/sharing",
        json={"channel": "secure line"},
        headers=auth("secretariat"),
    )
    assert shared.status_code == 201, shared.text
    assert travel_stream("T-ONCE") not in read_outside


async def test_a_travel_id_another_focal_point_took_is_refused_without_a_word_of_its_record(
    system: Any, auth: Auth
) -> None:
    """The id is taken, which the refusal cannot hide; when and by whom the record holding it was
    received, and what it says, the caller may not read (ADR 0023)."""
    go = system.good_offices
    await on_roster(system, auth, AUTHOR, OTHER)
    author, other = as_focal_point(auth, AUTHOR), as_focal_point(auth, OTHER)
    recorded = await go.post("/v1/travel-information", json=record_body("T-1"), headers=author)
    assert recorded.status_code == 201, recorded.text
    before = await store_of(system).load(travel_stream("T-1"))

    body = record_body("T-1") | {"person": "B. Other", "destination_state": "EXA"}
    refused = await go.post("/v1/travel-information", json=body, headers=other)

    assert refused.status_code == 409, refused.text
    detail = refused.json()["detail"]
    assert "T-1 is already taken" in detail
    assert not re.search(r"\d{4}-\d{2}-\d{2}", detail), detail
    assert AUTHOR[0] not in refused.text and "A. Person" not in refused.text
    assert await store_of(system).load(travel_stream("T-1")) == before
