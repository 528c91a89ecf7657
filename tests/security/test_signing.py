"""The log secured like production, the signing part (ADR 0020).

Finding: the hash chain has no key, so anyone who reaches the broker can append an event that
continues a case's chain and every service believes it. The attacker here writes straight to the
topic (as in tests/system/test_poison_events.py), an event that closes a real case, with a valid
hash chain: unsigned, with a forged signature, or signed with a real key of the wrong service.
Every consumer of every service must send it to the dead-letter topic, no projection may show it,
and ``audit verify`` must name it.
"""

from __future__ import annotations

import asyncio
import base64
import io
import json
import os
from collections import defaultdict
from typing import Any

import pytest
from aiokafka import AIOKafkaProducer

from noncoop_shared.audit.__main__ import main as audit_main
from noncoop_shared.catalogue.base import meta_of
from noncoop_shared.catalogue.referrals import CaseClosed, ClosureReason
from noncoop_shared.envelope import Envelope, chain_hash
from noncoop_shared.ids import uuid7
from noncoop_shared.testing import court_decision_body, read_topic

pytestmark = pytest.mark.integration

FORGED_SIGNATURE = base64.urlsafe_b64encode(os.urandom(64)).rstrip(b"=").decode()


async def register(system: Any) -> str:
    response = await system.clients["referrals"].post(
        "/v1/court-referrals", json=court_decision_body(), headers=system.headers("court")
    )
    assert response.status_code == 201, response.text
    return str(response.json()["case_id"])


async def head_of_case_stream(system: Any, case_id: str) -> dict[str, Any]:
    """The newest event of the case's own stream as the relay published it (the attacker
    reads the topic: it needs no credentials today)."""
    deadline = asyncio.get_running_loop().time() + 20
    while True:
        records = await read_topic(system.kafka, system.topic, expect=10_000, timeout_s=2)
        mine = [json.loads(r.value) for r in records if r.key == case_id.encode()]
        streams = [e for e in mine if e["stream"] == f"case:{case_id}"]
        if streams:
            return max(streams, key=lambda e: e["streamversion"])
        assert asyncio.get_running_loop().time() < deadline, "the case never reached the log"


def closing_event(head: dict[str, Any], **signature: str) -> dict[str, Any]:
    """The next event of ``head``'s stream, closing the case, with a VALID hash chain link;
    ``signature`` gives ``signer`` / ``signature`` (none: unsigned)."""
    payload = CaseClosed(case_id=head["subject"], reason=ClosureReason.OTHER, note="injected")
    forged = {
        **head,
        "id": str(uuid7()),
        "type": meta_of(payload).type,
        "data": payload.model_dump(mode="json"),
        "streamversion": head["streamversion"] + 1,
        "prevhash": head["hash"],
        "rule": None,
    }
    forged.pop("signature", None)
    forged.pop("signer", None)
    if "signer" in signature:
        forged["signer"] = signature["signer"]
    draft = Envelope.model_validate(forged)
    hashed = draft.model_copy(update={"hash": chain_hash(head["hash"], draft.without_hash())})
    if "signature" in signature:
        hashed = hashed.model_copy(update={"signature": signature["signature"]})
    assert hashed.hash_is_valid()  # the chain holds: only a signature can tell it apart
    return hashed.model_dump(mode="json", exclude_none=True)


async def inject(system: Any, events: list[dict[str, Any]]) -> None:
    # Whoever holds write credentials to the topic (here the admin; a service's principal can
    # do the same) but not the writer's signing key.
    producer = AIOKafkaProducer(**system.kafka.client_kwargs())
    await producer.start()
    try:
        for event in events:
            body = Envelope.model_validate(event).to_bytes()
            await producer.send_and_wait(system.topic, value=body, key=event["subject"].encode())
    finally:
        await producer.stop()


def consumer_names(system: Any) -> set[str]:
    return {c.name for app in system.apps.values() for c in app.state.runtime.core.consumers}


async def dead_lettered_by(system: Any, event_ids: set[str]) -> dict[str, dict[str, str]]:
    """event id -> {consumer: reason}, once every consumer has dead-lettered every event (or
    the time is up: the assertion then shows who believed it)."""
    everyone = consumer_names(system)
    deadline = asyncio.get_running_loop().time() + 40
    while True:
        letters = await read_topic(system.kafka, f"{system.topic}.dlq", expect=10_000, timeout_s=2)
        found: dict[str, dict[str, str]] = defaultdict(dict)
        for letter in letters:
            event_id = json.loads(letter.value).get("id")
            if event_id in event_ids:
                headers = {k: v.decode() for k, v in letter.headers}
                found[event_id][headers["noncoop.dlq.consumer"]] = headers["noncoop.dlq.reason"]
        if all(set(found[e]) >= everyone for e in event_ids):
            return dict(found)
        if asyncio.get_running_loop().time() > deadline:
            return dict(found)
        await asyncio.sleep(0.5)


async def assert_not_believed(system: Any, case_id: str, event_id: str) -> None:
    reader = system.headers("secretariat")
    trail = await system.clients["reporting"].get(
        f"/v1/cases/{case_id}/audit-trail", headers=reader
    )
    assert trail.status_code == 200, trail.text
    assert event_id not in {e["event_id"] for e in trail.json()["entries"]}
    state = await system.clients["reporting"].get(
        f"/v1/cases/{case_id}/procedural-state", headers=reader
    )
    assert state.status_code == 200, state.text
    assert state.json()["status"] != "closed", state.json()
    case = await system.clients["referrals"].get(f"/v1/cases/{case_id}", headers=reader)
    assert case.status_code == 200, case.text
    assert case.json()["status"] != "closed", case.json()


async def run_audit_verify(system: Any) -> tuple[int, str]:
    out = io.StringIO()
    argv = ["verify", "--bootstrap-servers", system.bootstrap_servers, "--topic", system.topic]
    status = await asyncio.to_thread(audit_main, argv, out=out)
    return status, out.getvalue()


async def test_an_injected_event_with_a_valid_chain_but_no_or_a_forged_signature_is_rejected(
    four_services: Any,
) -> None:
    system = four_services
    unsigned_case, forged_case = await register(system), await register(system)
    unsigned = closing_event(await head_of_case_stream(system, unsigned_case))
    real_head = await head_of_case_stream(system, forged_case)
    # The real referrals key id, and 64 random bytes for its signature.
    forged = closing_event(real_head, signer=real_head["signer"], signature=FORGED_SIGNATURE)
    await inject(system, [unsigned, forged])

    letters = await dead_lettered_by(system, {unsigned["id"], forged["id"]})
    everyone = consumer_names(system)
    assert set(letters.get(unsigned["id"], {})) >= everyone, letters
    assert set(letters.get(forged["id"], {})) >= everyone, letters
    assert all("unsigned event" in r for r in letters[unsigned["id"]].values())
    assert all("invalid signature" in r for r in letters[forged["id"]].values())
    await assert_not_believed(system, unsigned_case, unsigned["id"])
    await assert_not_believed(system, forged_case, forged["id"])

    status, report = await run_audit_verify(system)
    assert status == 1, report
    assert f"event {unsigned['id']}" in report and "unsigned event" in report, report
    assert f"event {forged['id']}" in report and "invalid signature" in report, report
    # And only those: every genuine event of the four services is believed (each signs only
    # the types it owns), by every consumer and by audit verify.
    letters_all = await read_topic(system.kafka, f"{system.topic}.dlq", expect=10_000, timeout_s=2)
    assert {json.loads(letter.value)["id"] for letter in letters_all} == {
        unsigned["id"],
        forged["id"],
    }
    assert report.count("untrusted signer") == 2, report


async def test_a_referrals_event_signed_with_reportings_valid_key_is_rejected(
    four_services: Any,
) -> None:
    from noncoop_shared.signing import EventSigner

    system = four_services
    case_id = await register(system)
    # Reporting's own key, as the running reporting service has it (a compromised reporting
    # replica, or anyone holding its key): valid, but reporting does not own referrals' types.
    reporting_signer: EventSigner = system.apps["reporting"].state.runtime.core.store.signer
    head = await head_of_case_stream(system, case_id)
    draft = closing_event(head, signer=reporting_signer.key_id)
    wrong_owner = reporting_signer.signed(Envelope.model_validate(draft)).model_dump(
        mode="json", exclude_none=True
    )
    await inject(system, [wrong_owner])

    letters = await dead_lettered_by(system, {wrong_owner["id"]})
    assert set(letters.get(wrong_owner["id"], {})) >= consumer_names(system), letters
    assert all("does not own the type" in r for r in letters[wrong_owner["id"]].values())
    await assert_not_believed(system, case_id, wrong_owner["id"])

    status, report = await run_audit_verify(system)
    assert status == 1, report
    assert f"event {wrong_owner['id']}" in report and "does not own the type" in report, report
