"""Each app exposes its own Prometheus registry: request latency and the shared gauges."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest
from fastapi import APIRouter, FastAPI
from prometheus_client.parser import text_string_to_metric_families

from noncoop_shared.auth.dependencies import OptionalPrincipal
from noncoop_shared.web.metrics import Metrics

AppFactory = Callable[..., FastAPI]
ClientFactory = Callable[[FastAPI], httpx.AsyncClient]

router = APIRouter()
TokenFor = Callable[..., dict[str, str]]


@pytest.fixture
def operator(token_for: TokenFor) -> dict[str, str]:
    """The Secretariat scrapes everything; see the test of what others see below."""
    return token_for("secretariat", "prometheus")


@router.get("/cases/{case_id}")
async def get_case(case_id: str, principal: OptionalPrincipal) -> dict[str, str]:
    return {"case_id": case_id}


def samples(exposition: str, name: str) -> list[tuple[dict[str, str], float]]:
    return [
        (sample.labels, sample.value)
        for family in text_string_to_metric_families(exposition)
        for sample in family.samples
        if sample.name == name
    ]


async def test_request_latency_is_labelled_by_route_template_not_raw_path(
    make_app: AppFactory, client_for: ClientFactory, operator: dict[str, str]
) -> None:
    client = client_for(make_app(router))
    await client.get("/cases/c-1")
    await client.get("/cases/c-2")

    response = await client.get("/metrics", headers=operator)

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    counts = samples(response.text, "noncoop_http_request_duration_seconds_count")
    assert ({"method": "GET", "route": "/cases/{case_id}", "status": "200"}, 2.0) in counts
    assert not [labels for labels, _ in counts if "c-1" in labels["route"]]


async def test_the_template_includes_the_prefixes_given_when_including_routers(
    make_app: AppFactory, client_for: ClientFactory, operator: dict[str, str]
) -> None:
    outer = APIRouter()
    outer.include_router(router, prefix="/v1")
    client = client_for(make_app(outer))
    await client.get("/v1/cases/c-1")

    counts = samples(
        (await client.get("/metrics", headers=operator)).text,
        "noncoop_http_request_duration_seconds_count",
    )

    assert ({"method": "GET", "route": "/v1/cases/{case_id}", "status": "200"}, 1.0) in counts


async def test_unmatched_paths_share_one_series(
    make_app: AppFactory, client_for: ClientFactory, operator: dict[str, str]
) -> None:
    client = client_for(make_app(router))
    await client.get("/probe/one")
    await client.get("/probe/two")

    counts = samples(
        (await client.get("/metrics", headers=operator)).text,
        "noncoop_http_request_duration_seconds_count",
    )

    # Anonymous: the 401 comes before any route is looked for.
    assert ({"method": "GET", "route": "unmatched", "status": "401"}, 2.0) in counts


async def test_metrics_need_no_token(make_app: AppFactory, client_for: ClientFactory) -> None:
    response = await client_for(make_app()).get("/metrics")

    assert response.status_code == 200


async def test_gauges_registered_on_the_app_metrics_are_exposed(
    make_app: AppFactory, client_for: ClientFactory, operator: dict[str, str]
) -> None:
    app = make_app()
    metrics: Metrics = app.state.metrics
    metrics.outbox_backlog().set(7)
    metrics.consumer_lag().labels(consumer="bureau-policies", partition="3").set(42)
    metrics.projection_position().labels(projection="case_state", partition="3").set(1200)
    metrics.deadlines().labels(kind="open_letter_reply", state="overdue").set(2)

    text = (await client_for(app).get("/metrics", headers=operator)).text

    assert samples(text, "noncoop_outbox_backlog") == [({}, 7.0)]
    assert samples(text, "noncoop_consumer_lag_messages") == [
        ({"consumer": "bureau-policies", "partition": "3"}, 42.0)
    ]
    assert samples(text, "noncoop_projection_position") == [
        ({"projection": "case_state", "partition": "3"}, 1200.0)
    ]
    assert samples(text, "noncoop_deadlines") == [
        ({"kind": "open_letter_reply", "state": "overdue"}, 2.0)
    ]


def test_asking_twice_for_a_collector_gives_the_same_one() -> None:
    metrics = Metrics()

    assert metrics.outbox_backlog() is metrics.outbox_backlog()
    assert metrics.counter("relay_published", "Events published") is metrics.counter(
        "relay_published", "Events published"
    )


def test_a_name_cannot_be_reused_for_another_kind_of_collector() -> None:
    metrics = Metrics()
    metrics.gauge("things", "Things")

    with pytest.raises(ValueError, match="already exists as a Gauge"):
        metrics.counter("things", "Things")


def test_two_apps_do_not_share_series() -> None:
    first, second = Metrics(), Metrics()
    first.outbox_backlog().set(5)
    second.outbox_backlog()

    assert samples(second.exposition().decode(), "noncoop_outbox_backlog") == [({}, 0.0)]


async def test_an_anonymous_scrape_shows_no_series_that_tell_who_did_what(
    make_app: AppFactory, client_for: ClientFactory, token_for: TokenFor
) -> None:
    app = make_app(router)
    client = client_for(app)
    app.state.metrics.deadlines().labels(kind="travel_information", state="pending").set(1)
    app.state.metrics.outbox_backlog().set(3)
    await client.get("/cases/c-1")

    for headers in ({}, token_for("state_party", state="EXA")):
        text = (await client.get("/metrics", headers=headers)).text
        assert samples(text, "noncoop_http_request_duration_seconds_count") == []
        assert samples(text, "noncoop_deadlines") == []
        assert samples(text, "noncoop_outbox_backlog") == [({}, 3.0)]
