"""The FastAPI dependencies: 401 without a valid token, 403 for a role that may not act."""

from __future__ import annotations

import base64
from collections.abc import AsyncIterator
from typing import Annotated

import httpx
import pytest
from fastapi import APIRouter, Depends, FastAPI

from noncoop_shared.auth.dependencies import (
    CurrentPrincipal,
    OptionalPrincipal,
    require_roles,
)
from noncoop_shared.auth.principal import Principal
from noncoop_shared.auth.roles import Role
from noncoop_shared.auth.tokens import TokenVerifier, mint_token
from noncoop_shared.settings import ServiceSettings
from noncoop_shared.web.app import create_app
from noncoop_shared.web.problems import PROBLEM_MEDIA_TYPE, problem_type

SECRET = "auth-tests-secret-0123456789abcdef0123"

router = APIRouter()


@router.get("/me")
async def me(principal: CurrentPrincipal) -> dict[str, str | None]:
    return {"role": principal.role, "sub": principal.subject, "region": principal.region}


@router.post("/referrals")
async def refer(
    principal: Annotated[Principal, Depends(require_roles(Role.COURT, Role.SECRETARIAT))],
) -> dict[str, str]:
    return {"by": principal.subject}


@router.get("/register")
async def register(principal: OptionalPrincipal) -> dict[str, str]:
    return {"role": principal.role, "sub": principal.subject}


def bearer(role: str, **claims: str) -> dict[str, str]:
    token = mint_token(SECRET, role=role, sub=claims.pop("sub", f"{role}-1"), **claims)  # type: ignore[arg-type]
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def app() -> FastAPI:
    settings = ServiceSettings(
        service_name="auth-tests",
        port=8000,
        database_url="postgresql://noncoop@localhost/auth_tests",
        kafka_bootstrap_servers="localhost:9092",
        jwt_algorithm="HS256",
        jwt_audience="noncoop",
        jwt_issuer="noncoop-dev",
        NONCOOP_JWT_SECRET=SECRET,
    )
    return create_app(settings, title="auth tests", version="0", routers=[router])


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver"
    ) as client:
        yield client


async def test_a_valid_token_reaches_the_route_as_a_principal(client: httpx.AsyncClient) -> None:
    response = await client.get("/me", headers=bearer("focal_point", region="african"))

    assert response.status_code == 200
    assert response.json() == {"role": "focal_point", "sub": "focal_point-1", "region": "african"}


async def test_no_token_is_a_401_problem_with_a_bearer_challenge(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get("/me")

    assert response.status_code == 401
    assert response.headers["content-type"] == PROBLEM_MEDIA_TYPE
    assert response.headers["www-authenticate"] == 'Bearer realm="noncoop"'
    body = response.json()
    assert body["type"] == problem_type("unauthenticated")
    assert body["detail"] == "this endpoint needs a bearer token"


async def test_an_invalid_token_is_a_401_saying_why(client: httpx.AsyncClient) -> None:
    token = mint_token("some-other-secret-0123456789abcdef01", role="court", sub="icc")

    response = await client.get("/me", headers={"Authorization": f"Bearer {token}"})

    assert response.status_code == 401
    assert response.json()["detail"] == "the token signature does not verify"
    assert response.headers["www-authenticate"] == (
        'Bearer realm="noncoop", error="invalid_token", '
        'error_description="the token signature does not verify"'
    )


async def test_another_authorization_scheme_is_a_401(client: httpx.AsyncClient) -> None:
    response = await client.get("/me", headers={"Authorization": "Basic dXNlcjpwYXNz"})

    assert response.status_code == 401
    assert 'error="invalid_request"' in response.headers["www-authenticate"]


async def test_an_allowed_role_may_act(client: httpx.AsyncClient) -> None:
    response = await client.post("/referrals", headers=bearer("secretariat", sub="sec-7"))

    assert response.status_code == 200
    assert response.json() == {"by": "sec-7"}


async def test_another_role_gets_a_403_naming_the_allowed_roles(
    client: httpx.AsyncClient,
) -> None:
    response = await client.post("/referrals", headers=bearer("state_party", state="KEN"))

    assert response.status_code == 403
    assert response.headers["content-type"] == PROBLEM_MEDIA_TYPE
    body = response.json()
    assert body["type"] == problem_type("forbidden")
    assert body["allowed_roles"] == ["court", "secretariat"]
    assert body["detail"] == (
        "only these roles may do this: court, secretariat; the caller is state_party"
    )


async def test_a_role_restricted_route_without_a_token_is_401_not_403(
    client: httpx.AsyncClient,
) -> None:
    response = await client.post("/referrals")

    assert response.status_code == 401


async def test_the_optional_principal_is_anonymous_without_a_token(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get("/register")

    assert response.status_code == 200
    assert response.json() == {"role": "public", "sub": "anonymous"}


async def test_the_optional_principal_is_the_token_holder_with_one(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get("/register", headers=bearer("bureau_member", sub="bm-2"))

    assert response.json() == {"role": "bureau_member", "sub": "bm-2"}


async def test_a_bad_token_on_an_optional_route_is_still_a_401(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get("/register", headers={"Authorization": "Bearer not-a-jwt"})

    assert response.status_code == 401


async def test_an_unreachable_key_set_is_a_503_not_a_401(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    app.state.token_verifier = TokenVerifier(
        algorithm="RS256", jwks_url="http://127.0.0.1:9/jwks.json"
    )
    # Any RS256-headed token reaches the key lookup; its signature is never checked.
    header = base64.urlsafe_b64encode(b'{"alg":"RS256","typ":"JWT","kid":"k1"}').rstrip(b"=")
    payload = mint_token(SECRET, role="court", sub="icc").split(".", 1)[1]

    response = await client.get(
        "/me", headers={"Authorization": f"Bearer {header.decode()}.{payload}"}
    )

    assert response.status_code == 503
    assert response.json()["type"] == problem_type("auth-keys-unavailable")


def test_require_roles_needs_at_least_one_role() -> None:
    with pytest.raises(ValueError, match="at least one role"):
        require_roles()


async def test_the_token_is_not_logged(
    client: httpx.AsyncClient, capsys: pytest.CaptureFixture[str]
) -> None:
    headers = bearer("court")
    token = headers["Authorization"].removeprefix("Bearer ")

    await client.get("/me", headers=headers)
    await client.get("/me", headers={"Authorization": f"Bearer {token}x"})

    output = capsys.readouterr()
    assert token not in output.out + output.err
