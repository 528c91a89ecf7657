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
    make_app: AppFactory, client_for: ClientFactory
) -> None:
    client = client_for(make_app(router))
    await client.get("/cases/c-1")
    await client.get("/cases/c-2")

    response = await client.get("/metrics")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    counts = samples(response.text, "noncoop_http_request_duration_seconds_count")
    assert ({"method": "GET", "route": "/cases/{case_id}", "status": "200"}, 2.0) in counts
    assert not [labels for labels, _ in counts if "c-1" in labels["route"]]


async def test_the_template_includes_the_prefixes_given_when_including_routers(
    make_app: AppFactory, client_for: ClientFactory
) -> None:
    outer = APIRouter()
    outer.include_router(router, prefix="/v1")
    client = client_for(make_app(outer))
    await client.get("/v1/cases/c-1")

    counts = samples(
        (await client.get("/metrics")).text, "noncoop_http_request_duration_seconds_count"
    )

    assert ({"method": "GET", "route": "/v1/cases/{case_id}", "status": "200"}, 1.0) in counts


async def test_unmatched_paths_share_one_series(
    make_app: AppFactory, client_for: ClientFactory
) -> None:
    client = client_for(make_app(router))
    await client.get("/probe/one")
    await client.get("/probe/two")

    counts = samples(
        (await client.get("/metrics")).text, "noncoop_http_request_duration_seconds_count"
    )

    assert ({"method": "GET", "route": "unmatched", "status": "404"}, 2.0) in counts


async def test_metrics_need_no_token(make_app: AppFactory, client_for: ClientFactory) -> None:
    response = await client_for(make_app()).get("/metrics")

    assert response.status_code == 200


async def test_gauges_registered_on_the_app_metrics_are_exposed(
    make_app: AppFactory, client_for: ClientFactory
) -> None:
    app = make_app()
    metrics: Metrics = app.state.metrics
    metrics.outbox_backlog().set(7)
    metrics.consumer_lag().labels(consumer="bureau-policies", partition="3").set(42)
    metrics.projection_position().labels(projection="case_state", partition="3").set(1200)
    metrics.deadlines().labels(kind="open_letter_reply", state="overdue").set(2)

    text = (await client_for(app).get("/metrics")).text

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
