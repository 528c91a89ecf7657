"""Authentication before the body (ADR 0021): which routes need a token, decided from the app's
own dependencies, and a refused request whose body is never read."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import APIRouter, FastAPI

from noncoop_shared.auth.dependencies import CurrentPrincipal, OptionalPrincipal
from noncoop_shared.auth.middleware import (
    MAX_AUTHORIZATION_BYTES,
    Access,
    RouteAccessTable,
    bearer_token,
)
from noncoop_shared.auth.tokens import mint_token
from noncoop_shared.settings import ServiceSettings
from noncoop_shared.testing import ProductionKeys
from noncoop_shared.web.app import create_app
from noncoop_shared.web.problems import ProblemError

SECRET = "auth-tests-secret-0123456789abcdef0123"

router = APIRouter()


@router.post("/things")
async def make_thing(principal: CurrentPrincipal, body: dict[str, str]) -> dict[str, str]:
    return {"by": principal.subject, **body}


@router.get("/register")
async def register(principal: OptionalPrincipal) -> dict[str, str]:
    return {"role": principal.role}


#: Production refuses HS256 and the development keys (ADR 0020): its tokens are RS256.
PRODUCTION = ProductionKeys.generate("auth-tests")


def app_in(environment: str) -> FastAPI:
    keys: dict[str, str] = (
        PRODUCTION.settings if environment == "production" else {"NONCOOP_JWT_SECRET": SECRET}
    )
    settings = ServiceSettings(
        service_name="auth-tests",
        port=8000,
        database_url="postgresql://noncoop@localhost/auth_tests",
        kafka_bootstrap_servers="localhost:9092",
        **keys,  # type: ignore[arg-type]  # the settings' own names
    )
    return create_app(settings, title="auth tests", version="0", routers=[router])


def caller_headers(environment: str, role: str, sub: str) -> dict[str, str]:
    if environment == "production":
        return PRODUCTION.headers(role, sub)
    return {"Authorization": f"Bearer {mint_token(SECRET, role=role, sub=sub)}"}


@pytest.fixture(params=["development", "production"])
def environment(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
async def client(environment: str) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app_in(environment))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client


class Body:
    def __init__(self) -> None:
        self.read = False

    async def __aiter__(self) -> AsyncIterator[bytes]:
        self.read = True
        yield b'{"name": "x"}'


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer x"}, {"Authorization": "x"}])
async def test_a_refused_command_is_answered_without_reading_its_body(
    client: httpx.AsyncClient, headers: dict[str, str]
) -> None:
    body = Body()

    response = await client.post(
        "/things", content=body, headers={"content-type": "application/json", **headers}
    )

    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith('Bearer realm="noncoop"')
    assert body.read is False


async def test_an_authenticated_command_reads_its_body_and_knows_its_caller(
    client: httpx.AsyncClient, environment: str
) -> None:
    response = await client.post(
        "/things", json={"name": "x"}, headers=caller_headers(environment, "court", "icc")
    )

    assert response.json() == {"by": "icc", "name": "x"}


async def test_the_public_register_and_health_need_no_token_in_any_environment(
    client: httpx.AsyncClient,
) -> None:
    assert (await client.get("/register")).status_code == 200
    assert (await client.get("/health/live")).status_code == 200
    assert (await client.get("/register", headers={"Authorization": "Bearer x"})).status_code == 401


async def test_an_unknown_path_needs_a_token_before_it_is_a_404(client: httpx.AsyncClient) -> None:
    assert (await client.get("/nowhere")).status_code == 401


async def test_the_docs_are_open_in_development_only() -> None:
    for environment, status in (("development", 200), ("production", 401)):
        transport = httpx.ASGITransport(app=app_in(environment))
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            assert (await client.get("/openapi.json")).status_code == status, environment
            assert (await client.get("/metrics")).status_code == status, environment


def test_the_first_matching_route_decides() -> None:
    table = RouteAccessTable.of(
        [
            ("/cases/{case_id}", {"GET"}, Access.OPTIONAL),
            ("/cases/{case_id}", None, Access.REQUIRED),
            ("/health/live", {"GET"}, Access.OPEN),
        ]
    )

    assert table.access("GET", "/cases/c-1") is Access.OPTIONAL
    assert table.access("POST", "/cases/c-1") is Access.REQUIRED
    assert table.access("GET", "/health/live") is Access.OPEN
    assert table.access("GET", "/health/live/x") is Access.REQUIRED


@pytest.mark.parametrize(
    "header", ["Basic abc", "Bearer", "Bearer ", "x" * (MAX_AUTHORIZATION_BYTES + 1)]
)
def test_an_authorization_header_that_is_not_a_short_bearer_is_refused(header: str) -> None:
    with pytest.raises(ProblemError) as refused:
        bearer_token(header)

    assert refused.value.status_code == 401


def test_a_bearer_header_gives_its_token_whatever_the_scheme_case() -> None:
    assert bearer_token("bearer abc.def.ghi") == "abc.def.ghi"
