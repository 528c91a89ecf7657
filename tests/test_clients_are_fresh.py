"""clients/python/ is generated from contracts/openapi/ (ADR 0036); a stale copy fails here, and
the generated client speaks to a service as its document says."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
from tests.test_openapi_for_integrators import production_app

from noncoop_client.referrals import AuthenticatedClient, Client
from noncoop_client.referrals.api.cases import register_court_referral
from noncoop_client.referrals.api.health import check_liveness
from noncoop_client.referrals.models import CourtDecisionSubmission, Liveness, Problem
from noncoop_shared.contracts.clients import CONTRACTS, PACKAGE, generate, stale


def test_the_committed_client_is_what_the_committed_documents_generate() -> None:
    problems = stale()
    assert problems == [], f"stale client (run `make contracts`): {problems}"


def test_stale_detection_notices_a_changed_document(tmp_path: Path) -> None:
    contracts = tmp_path / "openapi"
    contracts.mkdir()
    for document in CONTRACTS.glob("*.json"):
        (contracts / document.name).write_text(document.read_text())
    referrals = json.loads((contracts / "referrals.json").read_text())
    referrals["paths"]["/v1/court-referrals"]["post"]["operationId"] = "register_referral"
    (contracts / "referrals.json").write_text(json.dumps(referrals))

    problems = stale(PACKAGE, contracts)

    assert "referrals/api/cases/register_referral.py" in problems
    assert "referrals/api/cases/register_court_referral.py" in problems
    generate(tmp_path / "client", contracts)
    assert (tmp_path / "client" / "referrals" / "api" / "cases" / "register_referral.py").exists()


async def test_the_generated_client_reads_answers_and_problems_of_the_service() -> None:
    app = production_app("referrals")
    document = app.openapi()
    body = document["components"]["schemas"]["CourtDecisionSubmission"]["examples"][0]
    transport = httpx.ASGITransport(app=app)

    anonymous = Client(base_url="http://referrals")
    anonymous.set_async_httpx_client(
        httpx.AsyncClient(transport=transport, base_url="http://referrals")
    )
    assert await check_liveness.asyncio(client=anonymous) == Liveness(live=True)

    stranger = AuthenticatedClient(base_url="http://referrals", token="not-a-jwt")
    stranger.set_async_httpx_client(
        httpx.AsyncClient(
            transport=transport,
            base_url="http://referrals",
            headers={"Authorization": "Bearer not-a-jwt"},
        )
    )
    refused = await register_court_referral.asyncio_detailed(
        client=stranger, body=CourtDecisionSubmission.from_dict(body)
    )
    assert refused.status_code == 401
    assert isinstance(refused.parsed, Problem)
    assert refused.parsed.status == 401
