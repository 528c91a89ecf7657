"""Who may issue each command (DESIGN.md §8): every command endpoint x every role."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import httpx
import pytest

from noncoop_shared.auth.tokens import mint_token
from noncoop_shared.testing import ROLE_CLAIMS

pytestmark = pytest.mark.integration

Auth = Callable[..., dict[str, str]]

ROLES: dict[str, dict[str, str]] = ROLE_CLAIMS | {"focal_point": {"region": "asia_pacific"}}

CASE = "{case}"
# endpoint -> (roles allowed, body builder)
COMMANDS: dict[str, tuple[set[str], Callable[[Any], dict[str, Any]]]] = {
    "/v1/court-referrals": ({"court"}, lambda b: b.court_decision()),
    "/v1/court-findings": (
        {"court"},
        lambda b: b.court_decision(referred_to_assembly=False, referred_to_security_council=True),
    ),
    "/v1/court-information": (
        {"court"},
        lambda b: {
            "reference": "ICC-02/05-01/09-266",
            "date": "2026-03-30",
            "chamber": "Pre-Trial Chamber II",
            "addressees": ["assembly", "security_council"],
            "subject": "A visit of a person subject to a warrant",
        },
    ),
    "/v1/urgent-incidents": ({"president", "secretariat"}, lambda b: b.urgent_incident()),
    f"/v1/cases/{CASE}/court-decision-without-finding": (
        {"court"},
        lambda b: {"reference": "D-1", "date": "2026-03-30", "chamber": "Pre-Trial Chamber I"},
    ),
    f"/v1/cases/{CASE}/court-referral": (
        {"court"},
        lambda b: {"decision": b.court_decision()["decision"]},
    ),
    f"/v1/cases/{CASE}/court-decision-changes": (
        {"court"},
        lambda b: {
            "kind": "amended",
            "decision_reference": "ICC-01/99-01/26-123",
            "change_reference": "A-1",
            "change_date": "2026-04-02",
        },
    ),
    f"/v1/cases/{CASE}/forwarding": ({"secretariat"}, lambda b: {"communication_reference": "X"}),
    f"/v1/cases/{CASE}/press-release": (
        {"president", "secretariat"},
        lambda b: {"reference": "PR-1", "title": "Press release"},
    ),
    f"/v1/cases/{CASE}/closure": ({"president", "secretariat"}, lambda b: {"reason": "other"}),
}


async def test_every_command_refuses_every_role_it_does_not_name_and_anonymous_callers(
    client: httpx.AsyncClient, auth: Auth, bodies: Any
) -> None:
    opened = await client.post(
        "/v1/court-referrals", json=bodies.court_decision(), headers=auth("court")
    )
    case_id = opened.json()["case_id"]
    checked = 0
    for template, (allowed, body_of) in COMMANDS.items():
        url = template.replace(CASE, case_id)
        anonymous = await client.post(url, json=body_of(bodies))
        assert anonymous.status_code == 401, (url, anonymous.text)
        for role, claims in ROLES.items():
            response = await client.post(url, json=body_of(bodies), headers=auth(role, **claims))
            # Refused exactly when the role is not named; never a server error.
            assert (response.status_code == 403) == (role not in allowed), (
                url,
                role,
                response.text,
            )
            assert response.status_code < 500, (url, role, response.text)
            named = set(response.json().get("allowed_roles", allowed))
            assert named == allowed, (url, role, named)
            checked += 1
    print(
        f"access matrix: {len(COMMANDS)} commands x {len(ROLES)} roles + anonymous = "
        f"{checked + len(COMMANDS)} checks"
    )
    assert checked == len(COMMANDS) * len(ROLES)


@pytest.mark.parametrize(
    "claims",
    [
        {"role": "court", "sub": "x", "ttl_seconds": -60},
        {"role": "court", "sub": "x", "secret": "another-secret-of-enough-length-0123456789"},
        {"role": "court", "sub": "x", "audience": "someone-else"},
    ],
    ids=["expired", "badly-signed", "wrong-audience"],
)
async def test_tokens_that_are_expired_badly_signed_or_for_another_audience_are_401(
    client: httpx.AsyncClient, bodies: Any, claims: dict[str, Any]
) -> None:
    secret = claims.pop("secret", "referrals-api-tests-secret-" + "s" * 32)
    ttl = timedelta(seconds=claims.pop("ttl_seconds", 600))
    token = mint_token(secret, ttl=ttl, **claims)
    response = await client.post(
        "/v1/court-referrals",
        json=bodies.court_decision(),
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 401


async def test_an_unsigned_token_with_alg_none_is_401(
    client: httpx.AsyncClient, bodies: Any
) -> None:
    def part(data: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

    token = f"{part({'alg': 'none', 'typ': 'JWT'})}.{part({'sub': 'x', 'role': 'court'})}."
    response = await client.post(
        "/v1/court-referrals",
        json=bodies.court_decision(),
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 401
