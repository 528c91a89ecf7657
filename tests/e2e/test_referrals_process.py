"""End to end: the referrals service as a real process, a Court decision sent over HTTP through
the generated client (``noncoop_client``, as the Court's IT systems would send it), and the event
read back from Kafka with the right key and envelope."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import httpx
import pytest

from noncoop_client.referrals import AuthenticatedClient, Client
from noncoop_client.referrals.api.cases import register_court_referral
from noncoop_client.referrals.api.health import check_readiness
from noncoop_client.referrals.models import CommandAccepted, CourtDecisionSubmission
from noncoop_shared.auth.tokens import mint_token
from noncoop_shared.envelope import Envelope
from noncoop_shared.kafka import KafkaAccess
from noncoop_shared.testing import read_topic

pytestmark = [pytest.mark.integration, pytest.mark.e2e]

SECRET = "e2e-secret-" + "e" * 40
CORRELATION_ID = "0b9e5c1a-8f7d-4c2b-9a51-3d2e1f0a9b8c"
REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
async def referrals_url(
    fresh_database: str, fresh_topic: str, kafka_bootstrap_servers: str, tmp_path: Path
) -> AsyncIterator[str]:
    port = free_port()
    env = os.environ | {
        "REFERRALS_DATABASE_URL": fresh_database,
        "REFERRALS_KAFKA_BOOTSTRAP_SERVERS": kafka_bootstrap_servers,
        "REFERRALS_EVENTS_TOPIC": fresh_topic,
        "REFERRALS_DEAD_LETTER_TOPIC": f"{fresh_topic}.dlq",
        "REFERRALS_PORT": str(port),
        "NONCOOP_JWT_SECRET": SECRET,
    }
    log_path = tmp_path / "referrals.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "referrals"],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=REPO,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            await wait_ready(url, process, log_path)
            yield url
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
    # uvicorn re-raises the signal after a graceful shutdown, so -SIGTERM is a clean exit here.
    output = log_path.read_text()
    assert process.returncode in (0, -signal.SIGTERM), output[-3000:]
    assert "Application shutdown complete" in output


async def wait_ready(url: str, process: subprocess.Popen[bytes], log_path: Path) -> None:
    async with Client(base_url=url) as anonymous:
        for _ in range(300):
            if process.poll() is not None:
                raise AssertionError(f"referrals exited early:\n{log_path.read_text()[-3000:]}")
            try:
                ready = await check_readiness.asyncio_detailed(client=anonymous)
                if ready.status_code == 200 and json.loads(ready.content)["state"] == "ok":
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.1)
    raise AssertionError(f"referrals never became ready:\n{log_path.read_text()[-3000:]}")


async def test_a_court_decision_posted_over_http_reaches_kafka_keyed_by_case_with_its_envelope(
    referrals_url: str, kafka_access: KafkaAccess, fresh_topic: str
) -> None:
    token = mint_token(SECRET, role="court", sub="icc-registry", ttl=timedelta(minutes=5))
    body = {
        "decision": {
            "reference": "ICC-01/99-01/26-555",
            "date": "2026-03-30",
            "chamber": "Pre-Trial Chamber II",
            "legal_basis": "87(7)",
            "referred_to_assembly": True,
            "referred_to_security_council": True,
        },
        "requested_state": {"name": "Republic of Examplia", "code": "EXA", "status": "state_party"},
        "court_request": {"article": "89", "reference": "ICC-01/99-01/26-8"},
    }
    court = AuthenticatedClient(
        base_url=referrals_url, token=token, headers={"X-Correlation-Id": CORRELATION_ID}
    )
    async with court:
        response = await register_court_referral.asyncio_detailed(
            client=court, body=CourtDecisionSubmission.from_dict(body)
        )
        assert response.status_code == 201, response.content
        assert isinstance(response.parsed, CommandAccepted)
        case_id = str(response.parsed.case_id)
        # What the OpenAPI does not describe: the docs page and the metrics.
        http = court.get_async_httpx_client()
        docs = await http.get("/docs")
        assert docs.status_code == 200
        # Latency per route is the Secretariat's to see (ADR 0021); anonymous scrapes get the rest.
        operator = mint_token(SECRET, role="secretariat", sub="prometheus")
        metrics = await http.get("/metrics", headers={"Authorization": f"Bearer {operator}"})
        assert "noncoop_http_request_duration_seconds" in metrics.text
        assert "noncoop_outbox_backlog" in metrics.text

    records = await read_topic(kafka_access, fresh_topic, expect=1, timeout_s=20)
    assert len(records) == 1
    record = records[0]
    assert record.key == case_id.encode()
    envelope = Envelope.from_bytes(record.value)
    assert envelope.type == "noncoop.referrals.court_decision_received.v1"
    assert (envelope.subject, envelope.stream) == (case_id, f"case:{case_id}")
    assert (envelope.source, envelope.specversion) == ("noncoop/referrals", "1.0")
    assert (envelope.actorrole, envelope.actorid) == ("court", "icc-registry")
    assert envelope.correlationid == CORRELATION_ID
    assert envelope.classification == "public" and envelope.rule == "P13"
    assert envelope.streamversion == 1 and envelope.hash_is_valid()
    assert envelope.data["decision"]["referred_to_security_council"] is True
