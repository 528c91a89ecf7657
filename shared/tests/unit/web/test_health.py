"""Liveness always answers; readiness runs the service's named checks, and reports the
degradable ones (Kafka, ADR 0030) as a degraded state, never as unready."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import httpx
import pytest
from fastapi import FastAPI

from noncoop_shared.web.health import health_router, run_checks
from noncoop_shared.web.problems import PROBLEM_MEDIA_TYPE, problem_type

AppFactory = Callable[..., FastAPI]
ClientFactory = Callable[[FastAPI], httpx.AsyncClient]


async def passing() -> bool:
    return True


async def failing() -> bool:
    return False


async def raising() -> bool:
    raise ConnectionRefusedError("postgres is down")


async def hanging() -> bool:
    await asyncio.sleep(10)
    return True


async def test_live_answers_200_whatever_the_dependencies(
    make_app: AppFactory, client_for: ClientFactory
) -> None:
    app = make_app(readiness_checks={"postgres": failing})

    response = await client_for(app).get("/health/live")

    assert response.status_code == 200
    assert response.json() == {"live": True}


async def test_ready_is_200_when_every_check_passes(
    make_app: AppFactory, client_for: ClientFactory
) -> None:
    app = make_app(readiness_checks={"postgres": passing}, degraded_checks={"kafka": passing})

    response = await client_for(app).get("/health/ready")

    assert response.status_code == 200
    assert response.json() == {
        "ready": True,
        "state": "ok",
        "checks": {"postgres": True, "kafka": True},
        "degraded": [],
    }


async def test_a_failing_degraded_check_leaves_it_ready_but_degraded(
    make_app: AppFactory, client_for: ClientFactory
) -> None:
    app = make_app(readiness_checks={"postgres": passing}, degraded_checks={"kafka": raising})

    response = await client_for(app).get("/health/ready")

    assert response.status_code == 200
    assert response.json() == {
        "ready": True,
        "state": "degraded",
        "checks": {"postgres": True, "kafka": False},
        "degraded": ["kafka"],
    }


async def test_unready_also_names_what_is_degraded(
    make_app: AppFactory, client_for: ClientFactory
) -> None:
    app = make_app(readiness_checks={"postgres": failing}, degraded_checks={"kafka": failing})

    response = await client_for(app).get("/health/ready")

    assert response.status_code == 503
    body = response.json()
    assert body["failing"] == ["postgres"]
    assert body["degraded"] == ["kafka"]
    assert body["state"] == "degraded"


def test_a_check_is_needed_or_degradable_not_both() -> None:
    with pytest.raises(ValueError, match="kafka"):
        health_router({"kafka": passing}, {"kafka": passing})


async def test_ready_is_503_naming_the_failing_checks(
    make_app: AppFactory, client_for: ClientFactory
) -> None:
    app = make_app(readiness_checks={"postgres": passing, "kafka": failing, "relay": raising})

    response = await client_for(app).get("/health/ready")

    assert response.status_code == 503
    assert response.headers["content-type"] == PROBLEM_MEDIA_TYPE
    body = response.json()
    assert body["type"] == problem_type("not-ready")
    assert body["ready"] is False
    assert body["checks"] == {"postgres": True, "kafka": False, "relay": False}
    assert body["failing"] == ["kafka", "relay"]
    assert body["detail"] == "not ready: kafka, relay failing"


async def test_ready_needs_no_token(make_app: AppFactory, client_for: ClientFactory) -> None:
    response = await client_for(make_app()).get("/health/ready")

    assert response.status_code == 200


async def test_a_check_that_hangs_counts_as_failing_after_the_timeout() -> None:
    results = await run_checks({"kafka": hanging, "postgres": passing}, limit_seconds=0.05)

    assert results == {"kafka": False, "postgres": True}


async def test_checks_run_concurrently() -> None:
    async def slow() -> bool:
        await asyncio.sleep(0.2)
        return True

    loop = asyncio.get_running_loop()
    started = loop.time()
    results = await run_checks({"a": slow, "b": slow, "c": slow}, limit_seconds=1)

    assert results == {"a": True, "b": True, "c": True}
    assert loop.time() - started < 0.5


async def test_the_router_uses_its_own_timeout() -> None:
    app = FastAPI()
    app.include_router(health_router({"consumers": hanging}, check_timeout_seconds=0.05))

    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver"
    ) as client:
        response = await client.get("/health/ready")

    assert response.status_code == 503
    assert response.json()["failing"] == ["consumers"]
