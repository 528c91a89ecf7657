"""An app built by create_app, and an HTTP client that talks to it in-process."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable, Iterator, Mapping

import httpx
import pytest
from fastapi import APIRouter, FastAPI

from noncoop_shared.settings import ServiceSettings
from noncoop_shared.testing import bearer_headers
from noncoop_shared.web.app import create_app
from noncoop_shared.web.health import ReadinessCheck

SECRET = "web-tests-secret-0123456789abcdef0123"
MAX_BODY_BYTES = 1024


@pytest.fixture
def settings() -> ServiceSettings:
    return ServiceSettings(
        service_name="web-tests",
        port=8000,
        database_url="postgresql://noncoop@localhost/web_tests",
        kafka_bootstrap_servers="localhost:9092",
        max_body_bytes=MAX_BODY_BYTES,
        jwt_algorithm="HS256",
        jwt_audience="noncoop",
        jwt_issuer="noncoop-dev",
        NONCOOP_JWT_SECRET=SECRET,
    )


@pytest.fixture
def token_for() -> Callable[..., dict[str, str]]:
    """Authorization headers for a role, signed with the apps' secret."""

    def headers(role: str = "court", sub: str | None = None, **claims: str) -> dict[str, str]:
        return bearer_headers(SECRET, role, sub, **claims)

    return headers


AppFactory = Callable[..., FastAPI]


@pytest.fixture
def make_app(settings: ServiceSettings) -> AppFactory:
    def make(
        *routers: APIRouter,
        readiness_checks: Mapping[str, ReadinessCheck] | None = None,
        degraded_checks: Mapping[str, ReadinessCheck] | None = None,
    ) -> FastAPI:
        return create_app(
            settings,
            title="web tests",
            version="0.0.1",
            routers=routers,
            readiness_checks=readiness_checks,
            degraded_checks=degraded_checks,
        )

    return make


ClientFactory = Callable[[FastAPI], httpx.AsyncClient]


@pytest.fixture
async def client_for() -> AsyncIterator[ClientFactory]:
    clients: list[httpx.AsyncClient] = []

    def make(app: FastAPI) -> httpx.AsyncClient:
        client = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://testserver"
        )
        clients.append(client)
        return client

    yield make
    for client in clients:
        await client.aclose()


@pytest.fixture(autouse=True)
def restore_root_logger() -> Iterator[None]:
    """create_app configures logging process-wide: leave the root logger as it was found."""
    root = logging.getLogger()
    level, handlers = root.level, root.handlers[:]
    yield
    root.setLevel(level)
    root.handlers[:] = handlers
