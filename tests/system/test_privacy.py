"""Personal data across the four services (docs/architecture.md §7, ADR 0011): sealed per case
before hashing, shown to those cleared, erased by the Secretariat in one act, after which every API
shows ``[erased]`` while the log's hash chain and a checkpoint sealed before still verify; and
no log line of the whole run holds a name or a bearer token."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest

from noncoop_shared.audit import Checkpoint, load_public_key, verify_checkpoint
from noncoop_shared.audit.verify_log import read_log, verify_events
from noncoop_shared.kafka import KafkaAccess
from noncoop_shared.privacy import ERASED, SEALED_PREFIX
from noncoop_shared.testing import court_decision_body
from reporting.domain.checkpoints import leaves_from_log

pytestmark = pytest.mark.integration

PERSON = "Jane Q. Warrantee"
OFFICIAL = "Minister Olabode Contactperson"
TRAVELLER = "Traveller Mx. Ximena Example"
PERSONAL_DATA = (PERSON, OFFICIAL, TRAVELLER)

NOT_ALLOWED_TO_ERASE: list[tuple[str, dict[str, str]]] = [
    ("court", {}),
    ("president", {}),
    ("bureau_member", {}),
    ("focal_point", {"region": "african"}),
    ("state_party", {"state": "EXA"}),
]


class Tokens:
    """Headers for each call, remembering every token handed out, to look for them in logs."""

    def __init__(self, system: Any) -> None:
        self.system = system
        self.used: set[str] = set()

    def __call__(self, role: str, **claims: str) -> dict[str, str]:
        headers: dict[str, str] = self.system.headers(role, **claims)
        self.used.add(headers["Authorization"].removeprefix("Bearer "))
        return headers


async def until(probe: Any, timeout_s: float = 20.0) -> Any:
    """The first truthy result of ``probe()``, polled (the services talk through the log)."""
    deadline = asyncio.get_running_loop().time() + timeout_s
    while True:
        result = await probe()
        if result:
            return result
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("the condition never held")
        await asyncio.sleep(0.1)


async def test_personal_data_is_sealed_shown_erased_and_never_logged(
    capsys: pytest.CaptureFixture[str], four_services: Any
) -> None:
    system, auth = four_services, Tokens(four_services)
    referrals, good_offices = system.clients["referrals"], system.clients["good_offices"]
    reporting = system.clients["reporting"]

    body = court_decision_body() | {"persons_concerned": [{"name": PERSON}]}
    opened = await referrals.post("/v1/court-referrals", json=body, headers=auth("court"))
    assert opened.status_code == 201, opened.text
    case_id = opened.json()["case_id"]
    go = f"/v1/cases/{case_id}/good-offices"

    async def activated() -> bool:
        response = await good_offices.post(
            f"{go}/own-initiative-activation",
            json={
                "court_consulted_on": "2026-03-31",
                "opportunity_assessment": "The person leaves on 2 April; the Bureau cannot meet.",
            },
            headers=auth("president"),
        )
        return response.status_code == 200

    await until(activated)
    contact = {
        "counterpart_kind": "requested_state_official",
        "counterpart": OFFICIAL,
        "summary": "Call on 1 April",
    }
    recorded = await good_offices.post(f"{go}/contacts", json=contact, headers=auth("president"))
    assert recorded.status_code == 200, recorded.text
    travel = {
        "travel_id": "T-1",
        "person": TRAVELLER,
        "destination_state": "OTH",
        "travel_from": "2026-04-02",
        "status": "confirmed",
        "warrant_reference": "ICC-01/99-W1",
    }
    travel_url = f"/v1/cases/{case_id}/travel-information"
    recorded = await good_offices.post(travel_url, json=travel, headers=auth("secretariat"))
    assert recorded.status_code == 200, recorded.text

    # Sealed on the log and in every store: the plaintext is nowhere at rest.
    log_before = await read_log(system.kafka, system.topic)
    raw_log = "".join(content.to_bytes().decode() for _, content in log_before)
    assert SEALED_PREFIX in raw_log
    assert not [name for name in PERSONAL_DATA if name in raw_log]

    # Shown, opened, to readers cleared for the records.
    async def reads() -> dict[str, Any]:
        case = await referrals.get(f"/v1/cases/{case_id}", headers=auth("secretariat"))
        view = await good_offices.get(go, headers=auth("president"))
        trips = await good_offices.get(travel_url, headers=auth("secretariat"))
        return {"case": case.json(), "view": view.json(), "travel": trips.json()}

    shown = await reads()
    assert shown["case"]["persons_concerned"][0]["name"] == PERSON
    assert shown["travel"][0]["person"] == TRAVELLER
    assert OFFICIAL in json.dumps(shown["view"])
    assert SEALED_PREFIX not in json.dumps(shown)

    # A checkpoint sealed before the erasure, over every event so far.
    async def checkpoint() -> dict[str, Any] | None:
        sealed = await reporting.post("/v1/checkpoints", headers=auth("secretariat"))
        assert sealed.status_code == 201, sealed.text
        count = sealed.json()["checkpoint"]["event_count"]
        return dict(sealed.json()) if count >= len(log_before) else None

    sealed = await until(checkpoint)

    # Only the Secretariat erases.
    erasure = {"reason": "Request DP-2026-7 of the person concerned"}
    erase_url = f"/v1/cases/{case_id}/personal-data-erasure"
    for role, claims in NOT_ALLOWED_TO_ERASE:
        refused = await referrals.post(erase_url, json=erasure, headers=auth(role, **claims))
        assert refused.status_code == 403, (role, refused.text)
    unknown = f"/v1/cases/{'0' * 8}-0000-7000-8000-{'0' * 12}/personal-data-erasure"
    assert (
        await referrals.post(unknown, json=erasure, headers=auth("secretariat"))
    ).status_code == 404
    erased = await referrals.post(erase_url, json=erasure, headers=auth("secretariat"))
    assert erased.status_code == 200, erased.text
    assert [e["type"] for e in erased.json()["events"]] == [
        "noncoop.referrals.case_personal_data_erased.v1"
    ]
    assert erased.json()["events"][0]["classification"] == "restricted"

    # Everywhere at once: every read still answers, with the marker in place of each value.
    after = await reads()
    assert after["case"]["persons_concerned"][0]["name"] == ERASED
    assert after["travel"][0]["person"] == ERASED
    assert ERASED in json.dumps(after["view"])
    assert not [name for name in PERSONAL_DATA if name in json.dumps(after)]
    for _ in range(100):  # reporting learns of the erasure from the log
        trail = await reporting.get(f"/v1/cases/{case_id}/audit-trail", headers=auth("secretariat"))
        assert trail.status_code == 200
        if "case_personal_data_erased" in trail.text:
            break
        await asyncio.sleep(0.1)
    assert "case_personal_data_erased" in trail.text

    # The log is as it was: the chain and the earlier checkpoint still verify.
    log_after = await until(lambda: _log_longer_than(system.kafka, system.topic, len(log_before)))
    assert verify_events(log_after) == []
    key = await reporting.get("/v1/checkpoints/public-key", headers=auth("court"))
    point = Checkpoint.model_validate(sealed["checkpoint"])
    leaves = leaves_from_log(log_after, point.position)
    verdict = verify_checkpoint(point, load_public_key(key.json()["public_key_pem"]), leaves)
    assert verdict.ok, verdict.message

    # No log line of the run (structlog and standard logging both write to stdout) holds a
    # name or a token; the run did log (so the scan looked at something).
    output = capsys.readouterr()
    logs = output.out + output.err
    assert '"event": "command.recorded"' in logs
    leaked = [value for value in (*PERSONAL_DATA, *auth.used) if value in logs]
    assert leaked == []


async def _log_longer_than(kafka: KafkaAccess, topic: str, count: int) -> list[Any] | None:
    records = await read_log(kafka, topic)
    return records if len(records) > count else None
