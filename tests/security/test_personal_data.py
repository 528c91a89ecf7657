"""Personal data and the relay, attacked (ADR 0022; docs/architecture.md §7, §8).

- A name that looks sealed skipped the length limit: a ~1 MB name, sealed to ~1.4 MB, was refused
  by Kafka and the relay retried it for ever, stopping its lane, the lanes after it and readiness.
- The responses opened any sealed value anywhere: a sealed name read off the topic, copied into
  a free-text field of a new case, showed in clear in the anonymous public register.
- A writer could make a name read ``[erased]`` by submitting text that looks sealed.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import uuid
from typing import Any

import asyncpg
import pytest

from noncoop_shared.audit.verify_log import read_log
from noncoop_shared.envelope import Envelope
from noncoop_shared.privacy import ERASED
from noncoop_shared.testing import court_decision_body
from referrals.settings import ReferralsSettings

pytestmark = pytest.mark.integration

NAME = "Jane Q. Warrantee"
LANES = ReferralsSettings.model_fields["outbox_lanes"].default


async def until(probe: Any, timeout_s: float = 30.0) -> Any:
    """The first truthy result of ``probe()``, polled (the services talk through the log)."""
    deadline = asyncio.get_running_loop().time() + timeout_s
    while True:
        result = await probe()
        if result:
            return result
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("the condition never held")
        await asyncio.sleep(0.2)


async def open_case(system: Any, auth: Any, body: dict[str, Any]) -> str:
    opened = await system.clients["referrals"].post(
        "/v1/court-referrals", json=body, headers=auth("court")
    )
    assert opened.status_code == 201, opened.text
    return str(opened.json()["case_id"])


async def on_the_log(system: Any, case_id: str) -> list[Envelope]:
    records = await read_log(system.kafka, system.topic)
    return [c for _, c in records if isinstance(c, Envelope) and c.subject == case_id]


async def test_a_name_that_looks_sealed_is_held_to_the_plaintext_limit(
    four_services: Any, auth: Any
) -> None:
    body = court_decision_body() | {"persons_concerned": [{"name": "enc:v1:" + "A" * 1_000_000}]}
    refused = await four_services.clients["referrals"].post(
        "/v1/court-referrals", json=body, headers=auth("court")
    )
    assert refused.status_code == 422, refused.text[:300]
    fields = [e["field"] for e in refused.json()["errors"]]
    assert any("persons_concerned" in f and f.endswith("name") for f in fields), fields


async def test_a_record_the_log_refuses_is_set_aside_and_every_lane_goes_on(
    four_services: Any, auth: Any
) -> None:
    system = four_services
    conn = await asyncpg.connect(system.dsns["referrals"])
    try:
        # One record Kafka can never take at the head of every lane (as the oversized sealed
        # name made one): every case's events now queue behind one.
        for lane in range(LANES):
            position = await conn.fetchval(
                "INSERT INTO events (id, stream, version, subject, type, recorded_at, hash,"
                " envelope) VALUES ($1, $2, 1, $2, 'noncoop.referrals.probe.v1', $3, $4, $5)"
                " RETURNING position",
                uuid.uuid4(),
                f"attack-{lane}",
                dt.datetime.now(dt.UTC),
                "0" * 64,
                "x" * 1_500_000,
            )
            await conn.execute(
                "INSERT INTO outbox (position, lane) VALUES ($1, $2)", position, lane
            )
        await conn.execute("NOTIFY noncoop_outbox")

        # Later events of the same and the other lanes still reach the log.
        cases = [await open_case(system, auth, court_decision_body()) for _ in range(4)]
        for case_id in cases:
            await until(lambda case_id=case_id: on_the_log(system, case_id))

        set_aside = await conn.fetch("SELECT position, error FROM outbox_dead_letters")
        assert len(set_aside) == LANES
        assert all("TooLarge" in row["error"] for row in set_aside)
        backlog = await conn.fetchval("SELECT count(*) FROM outbox WHERE published_at IS NULL")
        assert backlog == 0
    finally:
        await conn.close()

    ready = await system.clients["referrals"].get("/health/ready")
    assert ready.status_code == 200, ready.text

    async def gauge() -> bool:
        metrics = await system.clients["referrals"].get("/metrics", headers=auth("secretariat"))
        return f"noncoop_outbox_dead_letters {LANES}.0" in metrics.text

    await until(gauge, timeout_s=15.0)


async def test_a_sealed_name_copied_from_the_topic_is_never_opened_elsewhere(
    four_services: Any, auth: Any
) -> None:
    system = four_services
    referrals, reporting = system.clients["referrals"], system.clients["reporting"]
    victim = await open_case(
        system, auth, court_decision_body() | {"persons_concerned": [{"name": NAME}]}
    )

    # The attacker reads the sealed name as it is on the topic.
    (opening, *_) = await until(lambda: on_the_log(system, victim))
    sealed = opening.data["persons_concerned"][0]["name"]
    assert NAME not in sealed and sealed.startswith("enc:")

    # ... and copies it into the free text and the personal field of a new, public case.
    attack = court_decision_body(chamber=sealed) | {
        "persons_concerned": [{"name": sealed, "warrant_reference": sealed[:200]}],
    }
    attack["court_request"] = {"article": "89", "reference": sealed[:200]}
    copy = await open_case(system, auth, attack)

    async def public_case() -> dict[str, Any] | None:
        response = await reporting.get(f"/v1/public/cases/{copy}")
        return response.json() if response.status_code == 200 else None

    public = await until(public_case)
    listed = (await reporting.get("/v1/public/cases")).json()
    for reader in ("secretariat", "court", "president"):
        view = (await referrals.get(f"/v1/cases/{copy}", headers=auth(reader))).json()
        assert NAME not in json.dumps(view), reader
        # What looks sealed outside its own record is text, shown as it is.
        assert view["decision"]["chamber"] == sealed
        assert view["persons_concerned"][0]["name"] == sealed
    assert NAME not in json.dumps(public) and NAME not in json.dumps(listed)

    # The victim's own case still shows the name, opened, to a cleared reader.
    own = (await referrals.get(f"/v1/cases/{victim}", headers=auth("secretariat"))).json()
    assert own["persons_concerned"][0]["name"] == NAME


async def test_a_name_submitted_as_sealed_looking_text_reads_back_verbatim_until_erased(
    four_services: Any, auth: Any
) -> None:
    system = four_services
    referrals = system.clients["referrals"]
    looks_sealed = "enc:v1:0196a3d2-0000-7000-8000-000000000001:AAAAbbbbCCCC"
    case_id = await open_case(
        system, auth, court_decision_body() | {"persons_concerned": [{"name": looks_sealed}]}
    )
    view = (await referrals.get(f"/v1/cases/{case_id}", headers=auth("secretariat"))).json()
    assert view["persons_concerned"][0]["name"] == looks_sealed

    erased = await referrals.post(
        f"/v1/cases/{case_id}/personal-data-erasure",
        json={"reason": "Request DP-2026-9 of the person concerned"},
        headers=auth("secretariat"),
    )
    assert erased.status_code == 200, erased.text
    view = (await referrals.get(f"/v1/cases/{case_id}", headers=auth("secretariat"))).json()
    assert view["persons_concerned"][0]["name"] == ERASED
