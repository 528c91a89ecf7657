"""The HTTP edge under attack (ADR 0021): what a caller reaches before it is known.

Each test reproduces one finding of the attack on ``make run`` against the four real services and
fails if the control that stops it is removed.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable

import httpx
import jwt
import pytest
from tests.system.bad_tokens import BAD_CREDENTIALS, EDGE_CREDENTIALS
from tests.system.conftest import SECRET, FourServices

from noncoop_shared.settings import DEFAULT_JWT_AUDIENCE, DEFAULT_JWT_ISSUER
from noncoop_shared.testing import ProductionKeys, court_decision_body
from referrals.main import build_app as build_referrals
from referrals.settings import ReferralsSettings

pytestmark = pytest.mark.integration

PROBLEM = "application/problem+json"


#: Production refuses HS256 and the development keys (ADR 0020): its tokens are RS256.
PRODUCTION = ProductionKeys.generate("referrals")


@pytest.fixture
async def production_referrals() -> AsyncIterator[httpx.AsyncClient]:
    """The referrals app as configured in production, not started: its edge needs no store."""
    settings = ReferralsSettings(
        database_url="postgresql://noncoop@127.0.0.1:1/unused",
        kafka_bootstrap_servers="127.0.0.1:1",
        **PRODUCTION.settings,  # type: ignore[arg-type]  # the settings' own names
    )
    transport = httpx.ASGITransport(app=build_referrals(settings))
    async with httpx.AsyncClient(transport=transport, base_url="http://referrals") as client:
        yield client


class RecordingBody:
    """A streamed request body that records whether the server asked for any of it."""

    def __init__(self, size: int = 1_000_000) -> None:
        self.size = size
        self.read = False

    async def __aiter__(self) -> AsyncIterator[bytes]:
        self.read = True
        yield b'{"note": "' + b"x" * self.size + b'"}'


@pytest.mark.parametrize(
    "service, path",
    [
        ("referrals", "/v1/court-referrals"),
        ("referrals", "/v1/history-imports"),
        (
            "good_offices",
            "/v1/cases/01900000-0000-7000-8000-000000000000/good-offices/own-initiative-activation",
        ),
        ("reporting", "/v1/reports"),
    ],
)
async def test_an_unauthenticated_command_is_refused_before_its_body_is_read(
    module_four_services: FourServices, service: str, path: str
) -> None:
    for headers in ({}, {"Authorization": "Bearer not-a-jwt"}):
        body = RecordingBody()
        response = await module_four_services.clients[service].post(
            path, content=body, headers={"Content-Type": "application/json", **headers}
        )
        assert response.status_code == 401, response.text
        assert response.headers["content-type"] == PROBLEM
        assert body.read is False, f"{service} {path} read the body of an unauthenticated request"


async def test_the_public_register_still_answers_anonymous_callers_and_refuses_bad_tokens(
    module_four_services: FourServices, auth: Callable[..., dict[str, str]]
) -> None:
    client = module_four_services.clients["reporting"]
    assert (await client.get("/v1/public/cases")).status_code == 200
    refused = await client.get("/v1/public/cases", headers={"Authorization": "Bearer x.y.z"})
    assert refused.status_code == 401
    assert (
        await client.get("/health/live", headers={"Authorization": "Bearer x"})
    ).status_code == 200


async def test_an_authenticated_command_still_reads_its_body(
    four_services: FourServices, auth: Callable[..., dict[str, str]]
) -> None:
    response = await four_services.clients["referrals"].post(
        "/v1/court-referrals", json=court_decision_body(), headers=auth("court")
    )
    assert response.status_code == 201, response.text


# --- JSON bounds (finding: 80,000 unknown keys give a 7 MB error and block a service) ----------


@pytest.mark.parametrize(
    "body, limit",
    [
        (
            b"{" + b",".join(b'"k%d": 1' % i for i in range(80_000)) + b"}",
            "max_json_object_keys",
        ),
        (b'{"occurred_at": null, "x": ' + b"[" * 200 + b"]" * 200 + b"}", "max_json_depth"),
        (b'{"x": [' + b",".join(b"0" for _ in range(200_000)) + b"]}", "max_json_array_items"),
    ],
    ids=["80,000 keys", "200 deep", "200,000 items"],
)
async def test_an_oversized_json_structure_is_refused_by_a_small_problem_naming_the_limit(
    module_four_services: FourServices, auth: Callable[..., dict[str, str]], body: bytes, limit: str
) -> None:
    response = await module_four_services.clients["referrals"].post(
        "/v1/court-referrals",
        content=body,
        headers={"Content-Type": "application/json", **auth("court")},
    )

    assert response.status_code == 422, response.text[:500]
    assert response.headers["content-type"] == PROBLEM
    assert len(response.content) < 2_000
    assert response.json()["limit"] == limit


async def test_a_body_with_many_invalid_fields_gets_a_bounded_error_list(
    module_four_services: FourServices, auth: Callable[..., dict[str, str]]
) -> None:
    """200 unknown keys (under the key limit) are 200 pydantic errors: the problem lists the first
    few and counts the rest, and never echoes an attacker's key at length."""
    body = {f"{'k' * 1000}{i}": 1 for i in range(200)}

    response = await module_four_services.clients["referrals"].post(
        "/v1/court-referrals", json=body, headers=auth("court")
    )

    assert response.status_code == 422
    problem = response.json()
    assert len(problem["errors"]) <= 20
    assert problem["error_count"] > 200
    assert len(response.content) < 20_000


# --- Idempotency-Keys per caller (finding: one writer can pre-empt another's predictable key) --


async def test_two_callers_sending_the_same_idempotency_key_each_get_their_own_result(
    four_services: FourServices, auth: Callable[..., dict[str, str]]
) -> None:
    client = four_services.clients["referrals"]
    key = {"Idempotency-Key": "referral-2026-03-30"}  # predictable: the date of the decision
    squatter = await client.post(
        "/v1/court-referrals",
        json=court_decision_body(reference="ICC-01/99-01/26-900"),
        headers={**auth("court", "squatter"), **key},
    )
    victim = await client.post(
        "/v1/court-referrals",
        json=court_decision_body(),
        headers={**auth("court", "icc-registry"), **key},
    )
    retried = await client.post(
        "/v1/court-referrals",
        json=court_decision_body(),
        headers={**auth("court", "icc-registry"), **key},
    )

    assert squatter.status_code == 201, squatter.text
    assert victim.status_code == 201, victim.text
    assert "Idempotent-Replayed" not in victim.headers
    assert victim.json()["case_id"] != squatter.json()["case_id"]
    assert retried.headers["Idempotent-Replayed"] == "true"
    assert retried.json() == victim.json()


# --- /metrics and the API docs (finding: anonymous /metrics counts restricted actions) ----------


async def test_an_anonymous_scrape_does_not_count_what_was_done_where(
    four_services: FourServices, auth: Callable[..., dict[str, str]]
) -> None:
    client = four_services.clients["referrals"]
    created = await client.post(
        "/v1/court-referrals", json=court_decision_body(), headers=auth("court")
    )
    assert created.status_code == 201

    anonymous = await client.get("/metrics")
    operator = await client.get("/metrics", headers=auth("secretariat", "prometheus"))

    assert anonymous.status_code == 200
    assert "/v1/court-referrals" not in anonymous.text
    assert "noncoop_http_request_duration_seconds" not in anonymous.text
    assert 'route="/v1/court-referrals"' in operator.text


@pytest.mark.parametrize("path", ["/metrics", "/docs", "/redoc", "/openapi.json"])
async def test_outside_development_metrics_and_docs_need_a_token(
    production_referrals: httpx.AsyncClient, path: str
) -> None:
    refused = await production_referrals.get(path)
    allowed = await production_referrals.get(
        path, headers=PRODUCTION.headers("secretariat", "prometheus")
    )

    assert refused.status_code == 401
    assert refused.headers["content-type"] == PROBLEM
    assert allowed.status_code == 200


# --- security headers (finding: no CSP, no nosniff) ---------------------------------------------


async def test_every_answer_carries_the_security_headers(
    four_services: FourServices, auth: Callable[..., dict[str, str]]
) -> None:
    client = four_services.clients["referrals"]
    created = await client.post(
        "/v1/court-referrals", json=court_decision_body(), headers=auth("court")
    )
    answers = {
        "authenticated command": created,
        "anonymous refusal": await client.post("/v1/court-referrals", json={}),
        "docs page": await client.get("/docs"),
        "health": await client.get("/health/live"),
    }

    for what, response in answers.items():
        headers = response.headers
        assert headers.get("x-content-type-options") == "nosniff", what
        assert headers.get("x-frame-options") == "DENY", what
        assert headers.get("referrer-policy") == "no-referrer", what
        policy = headers.get("content-security-policy", "")
        assert "frame-ancestors 'none'" in policy, what
        assert policy.startswith("default-src 'none'"), what
    assert created.headers["cache-control"] == "no-store"
    assert "script-src" not in answers["authenticated command"].headers["content-security-policy"]


# --- tokens (findings: a non-Latin-1 alg is a 500; no limit on sub length or token lifetime) ---


@pytest.mark.parametrize("name", EDGE_CREDENTIALS)
@pytest.mark.parametrize(
    "service, method, path",
    [
        ("referrals", "POST", "/v1/court-referrals"),
        ("referrals", "GET", "/v1/cases"),
        ("reporting", "GET", "/v1/public/cases"),
    ],
)
async def test_a_token_past_the_bounds_is_a_401_problem(
    module_four_services: FourServices, name: str, service: str, method: str, path: str
) -> None:
    headers = BAD_CREDENTIALS[name](SECRET, "court", "icc-registry", {})

    response = await module_four_services.clients[service].request(
        method, path, json=court_decision_body() if method == "POST" else None, headers=headers
    )

    assert response.status_code == 401, response.text
    assert response.headers["content-type"] == PROBLEM
    assert response.headers["www-authenticate"].isascii()


@pytest.mark.parametrize(
    ("role", "claims"),
    [
        ("court", {"sub": "icc\x00registry"}),
        ("court", {"sub": "icc-\ud800"}),
        ("state_party", {"sub": "mission-1", "state": "EX\x00A"}),
        ("state_party", {"sub": "mission-1", "state": "\udfffEXA"}),
    ],
)
async def test_a_token_whose_subject_or_state_no_record_may_hold_is_a_401(
    module_four_services: FourServices, role: str, claims: dict[str, str]
) -> None:
    """Finding "token claims reach storage unchecked": a signed token whose ``sub`` or
    ``state`` (an event's actor) holds NUL or a lone surrogate was a 500 at append; it is a
    token like any refused one, before the body is read or anything recorded."""
    token = jwt.encode(
        {
            "role": role,
            "aud": DEFAULT_JWT_AUDIENCE,
            "iss": DEFAULT_JWT_ISSUER,
            "iat": int(time.time()),
            "exp": int(time.time()) + 600,
            **claims,
        },
        SECRET,
        algorithm="HS256",
    )

    response = await module_four_services.clients["referrals"].post(
        "/v1/urgent-incidents" if role == "state_party" else "/v1/court-referrals",
        json=court_decision_body(),
        headers={"Authorization": f"Bearer {token}"},
    )

    assert response.status_code == 401, response.text
    assert response.headers["content-type"] == PROBLEM
