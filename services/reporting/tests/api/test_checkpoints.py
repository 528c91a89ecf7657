"""Audit checkpoints (docs/architecture.md §7): sealed on demand by reporting, verified by someone
holding only the public key and the log."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest

from noncoop_shared.audit import Checkpoint, load_public_key, verify_checkpoint
from noncoop_shared.audit.verify_log import read_log
from noncoop_shared.kafka import KafkaAccess
from noncoop_shared.testing import court_decision_body
from reporting.domain.checkpoints import leaves_from_log

pytestmark = pytest.mark.integration

Auth = Callable[..., dict[str, str]]


async def sealed_after(system: Any, auth: Auth, events: int) -> dict[str, Any]:
    """A checkpoint sealed once the audit trail has read ``events`` events of the log."""
    for _ in range(100):
        sealed = await system.reporting.post("/v1/checkpoints", headers=auth("secretariat"))
        assert sealed.status_code == 201, sealed.text
        if sealed.json()["checkpoint"]["event_count"] >= events:
            return dict(sealed.json())
        await asyncio.sleep(0.1)
    raise AssertionError("the audit trail never read the events")


async def test_a_checkpoint_verifies_with_only_the_public_key_and_the_log(
    system: Any, auth: Auth, fresh_topic: str, kafka_access: KafkaAccess
) -> None:
    for reference in ("ICC-1", "ICC-2", "ICC-3"):
        response = await system.referrals.post(
            "/v1/court-referrals",
            json=court_decision_body(reference=reference),
            headers=auth("court"),
        )
        assert response.status_code == 201
    sealed = await sealed_after(system, auth, 3)
    checkpoint = Checkpoint.model_validate(sealed["checkpoint"])
    key = (await system.reporting.get("/v1/checkpoints/public-key", headers=auth("court"))).json()
    assert key["key_id"] == checkpoint.key_id

    log = await read_log(kafka_access, fresh_topic)
    leaves = leaves_from_log(log, checkpoint.position)
    verdict = verify_checkpoint(checkpoint, load_public_key(key["public_key_pem"]), leaves)
    assert verdict.ok, verdict.message
    again = await system.reporting.get(
        f"/v1/checkpoints/{sealed['checkpoint_id']}", headers=auth("state_party", state="FRA")
    )
    assert again.json()["checkpoint"] == sealed["checkpoint"]

    altered = [*leaves[:1], "0" * 64, *leaves[2:]]
    refused = verify_checkpoint(checkpoint, load_public_key(key["public_key_pem"]), altered)
    assert not refused.ok and "does not match the sealed root" in refused.message


async def test_only_the_secretariat_the_president_or_bureau_members_seal(
    system: Any, auth: Auth
) -> None:
    for role, claims in [("court", {}), ("state_party", {"state": "FRA"})]:
        response = await system.reporting.post("/v1/checkpoints", headers=auth(role, **claims))
        assert response.status_code == 403
    assert (await system.reporting.post("/v1/checkpoints")).status_code == 401


async def test_an_id_or_offset_past_what_the_database_holds_is_a_422_not_a_500(
    system: Any, auth: Auth
) -> None:
    """Found by fuzzing: 9223372036854775808 overflowed PostgreSQL's bigint (a 500)."""
    too_big = system.reporting.get("/v1/checkpoints/9223372036854775808", headers=auth("court"))
    assert (await too_big).status_code == 422
    past = await system.reporting.get("/v1/public/cases", params={"offset": 2**63})
    assert past.status_code == 422
