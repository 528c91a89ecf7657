"""The HTTP edge under attack (issue 11; ADR 0021): what a caller reaches before it is known.

Each test reproduces one finding of the attack on ``make run`` against the four real services and
fails if the control that stops it is removed.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable

import httpx
import pytest

from noncoop_shared.testing import court_decision_body
from tests.system.conftest import FourServices

pytestmark = pytest.mark.integration

PROBLEM = "application/problem+json"


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
    four_services: FourServices, service: str, path: str
) -> None:
    for headers in ({}, {"Authorization": "Bearer not-a-jwt"}):
        body = RecordingBody()
        response = await four_services.clients[service].post(
            path, content=body, headers={"Content-Type": "application/json", **headers}
        )
        assert response.status_code == 401, response.text
        assert response.headers["content-type"] == PROBLEM
        assert body.read is False, f"{service} {path} read the body of an unauthenticated request"


async def test_the_public_register_still_answers_anonymous_callers_and_refuses_bad_tokens(
    four_services: FourServices, auth: Callable[..., dict[str, str]]
) -> None:
    client = four_services.clients["reporting"]
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
