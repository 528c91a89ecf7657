"""The audit log's C2SP checkpoints and a case's audit bundle (docs/architecture.md §7, ADR 0033):
leaves are the records' bytes as they sit on the log, appended at each seal; a bundle written
by ``python -m reporting.bundle`` is checked by ``tools/verify_bundle.py`` alone."""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import asyncpg
import pytest
from aiokafka import AIOKafkaProducer
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from noncoop_shared.audit.merkle import (
    consistency_proof_of_hashes,
    extend_frontier,
    root_of_hashes,
    verify_consistency,
)
from noncoop_shared.audit.signed_note import open_note, parse_vkey, vkey_of
from noncoop_shared.audit.tlog_checkpoint import parse_checkpoint_text
from noncoop_shared.kafka import KafkaAccess
from noncoop_shared.testing import court_decision_body, topic_values
from noncoop_shared.web.problems import PROBLEM_MEDIA_TYPE, problem_type

pytestmark = pytest.mark.integration

Auth = Callable[..., dict[str, str]]
TOOL = Path(__file__).resolve().parents[4] / "tools" / "verify_bundle.py"


def event_id(value: bytes) -> str:
    return str(json.loads(value)["id"])


def subject(value: bytes) -> str:
    return str(json.loads(value)["subject"])


async def open_case(system: Any, auth: Auth, reference: str) -> str:
    response = await system.referrals.post(
        "/v1/court-referrals", json=court_decision_body(reference=reference), headers=auth("court")
    )
    assert response.status_code == 201, response.text
    return str(response.json()["case_id"])


async def forward(system: Any, auth: Auth, case_id: str) -> None:
    response = await system.referrals.post(
        f"/v1/cases/{case_id}/forwarding",
        json={"communication_reference": "SP/1"},
        headers=auth("secretariat"),
    )
    assert response.status_code == 200, response.text


async def press_release(system: Any, auth: Auth, case_id: str) -> None:
    response = await system.referrals.post(
        f"/v1/cases/{case_id}/press-release",
        json={"reference": "PR/1", "title": "Non-cooperation referred"},
        headers=auth("president"),
    )
    assert response.status_code == 200, response.text


async def trail_holds(system: Any, auth: Auth, case_id: str, count: int) -> None:
    """Wait until reporting's audit trail holds ``count`` events of the case."""
    for _ in range(200):
        response = await system.reporting.get(
            f"/v1/cases/{case_id}/audit-trail", headers=auth("secretariat")
        )
        if response.status_code == 200 and len(response.json()["entries"]) >= count:
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"the audit trail never held {count} events of {case_id}")


async def seal(system: Any, auth: Auth) -> dict[str, Any]:
    sealed = await system.reporting.post("/v1/checkpoints", headers=auth("secretariat"))
    assert sealed.status_code == 201, sealed.text
    return dict(sealed.json())


def write_bundle(system: Any, case_id: str, out: Path) -> subprocess.CompletedProcess[str]:
    """``python -m reporting.bundle`` in the environment the service runs in."""
    env = {
        **os.environ,
        "REPORTING_DATABASE_URL": system.reporting_dsn,
        "REPORTING_KAFKA_BOOTSTRAP_SERVERS": system.bootstrap_servers,
        "REPORTING_EVENTS_TOPIC": system.topic,
        # The settings are the service's, which want a token key (as for a rebuild).
        "NONCOOP_JWT_SECRET": "reporting-bundle-tests-secret-" + "b" * 32,
    }
    return subprocess.run(
        [sys.executable, "-m", "reporting.bundle", "--case", case_id, "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env=env,
    )


def verify(bundle: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(TOOL), str(bundle)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def rejected(bundle: Path) -> str:
    result = verify(bundle)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout


async def leaves(system: Any) -> list[asyncpg.Record]:
    conn = await asyncpg.connect(system.reporting_dsn)
    try:
        return await conn.fetch("SELECT * FROM tlog_leaves ORDER BY leaf_index")
    finally:
        await conn.close()


async def test_a_cases_bundle_holds_its_events_only_and_checks_across_two_seals(
    system: Any, auth: Auth, tmp_path: Path
) -> None:
    first, other = await open_case(system, auth, "ICC-A"), await open_case(system, auth, "ICC-B")
    await forward(system, auth, first)
    await trail_holds(system, auth, first, 2)
    await trail_holds(system, auth, other, 1)
    older = await seal(system, auth)
    await forward(system, auth, other)
    await open_case(system, auth, "ICC-C")
    await trail_holds(system, auth, other, 2)
    await press_release(system, auth, first)
    await trail_holds(system, auth, first, 3)
    newer = await seal(system, auth)
    assert 0 < older["tree_size"] < newer["tree_size"]

    bundle = tmp_path / "bundle"
    written = write_bundle(system, first, bundle)
    assert written.returncode == 0, written.stdout + written.stderr
    result = verify(bundle)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"OK: 3 events in noncoop.local/audit-log at size {newer['tree_size']}" in result.stdout
    assert f"consistent with checkpoint-{older['tree_size']}.note" in result.stdout

    log = await topic_values(system.kafka, system.topic)
    ours = [value for _, _, value in log if subject(value) == first]
    assert (bundle / "events.jsonl").read_bytes() == b"".join(v + b"\n" for v in ours)
    assert (bundle / "checkpoint.note").read_text() == newer["note"]
    assert (bundle / f"checkpoint-{older['tree_size']}.note").read_text() == older["note"]


async def test_a_flipped_byte_swapped_proof_hashes_or_another_key_of_the_same_name_are_rejected(
    system: Any, auth: Auth, tmp_path: Path
) -> None:
    case_id = await open_case(system, auth, "ICC-A")
    for reference in ("ICC-B", "ICC-C", "ICC-D"):
        await open_case(system, auth, reference)
    await forward(system, auth, case_id)
    await trail_holds(system, auth, case_id, 2)
    await seal(system, auth)
    bundle = tmp_path / "bundle"
    assert write_bundle(system, case_id, bundle).returncode == 0
    assert verify(bundle).returncode == 0

    flipped = shutil.copytree(bundle, tmp_path / "flipped")
    events = bytearray((flipped / "events.jsonl").read_bytes())
    events[10] ^= 0x01
    (flipped / "events.jsonl").write_bytes(bytes(events))
    assert "events.jsonl line 1: not included" in rejected(flipped)

    swapped = shutil.copytree(bundle, tmp_path / "swapped")
    lines = (swapped / "proofs.jsonl").read_text().splitlines()
    proof = json.loads(lines[0])
    assert len(proof["inclusion"]) >= 2
    proof["inclusion"][0], proof["inclusion"][1] = proof["inclusion"][1], proof["inclusion"][0]
    (swapped / "proofs.jsonl").write_text("\n".join([json.dumps(proof), *lines[1:]]) + "\n")
    assert "not included at leaf" in rejected(swapped)

    impostor = shutil.copytree(bundle, tmp_path / "impostor")
    name = parse_vkey((bundle / "vkey.txt").read_text()).name
    other = vkey_of(name, Ed25519PrivateKey.generate().public_key())
    (impostor / "vkey.txt").write_text(other + "\n")
    assert "no signature by" in rejected(impostor)


async def test_after_two_seals_the_leaves_are_the_records_bytes_read_from_the_topic(
    system: Any, auth: Auth
) -> None:
    first = await open_case(system, auth, "ICC-A")
    await trail_holds(system, auth, first, 1)
    await seal(system, auth)
    second = await open_case(system, auth, "ICC-B")
    await forward(system, auth, first)
    await trail_holds(system, auth, first, 2)
    await trail_holds(system, auth, second, 1)
    newer = await seal(system, auth)

    log = {(p, o): value for p, o, value in await topic_values(system.kafka, system.topic)}
    rows = await leaves(system)
    assert [row["leaf_index"] for row in rows] == list(range(newer["tree_size"]))
    for row in rows:
        value = log[(row["log_partition"], row["log_offset"])]
        assert bytes(row["leaf_hash"]) == hashlib.sha256(b"\x00" + value).digest()
        assert (str(row["event_id"]), row["subject"]) == (event_id(value), subject(value))
    assert {r["subject"] for r in rows} >= {first, second}


async def test_the_published_checkpoint_opens_with_the_published_verifier_key(
    system: Any, auth: Auth
) -> None:
    missing = await system.reporting.get("/v1/audit-log/checkpoint", headers=auth("court"))
    assert missing.status_code == 404
    assert missing.headers["content-type"].startswith("application/problem+json")
    case_id = await open_case(system, auth, "ICC-A")
    await trail_holds(system, auth, case_id, 1)
    sealed = await seal(system, auth)

    reader = auth("state_party", state="FRA")
    latest = await system.reporting.get("/v1/audit-log/checkpoint", headers=reader)
    assert latest.status_code == 200
    assert latest.headers["content-type"] == "text/plain; charset=utf-8"
    assert latest.text == sealed["note"]
    vkey = await system.reporting.get("/v1/audit-log/vkey", headers=reader)
    assert vkey.text.startswith("noncoop.local/audit-log+") and vkey.text.endswith("\n")
    checkpoint = parse_checkpoint_text(open_note(latest.text, vkey.text.strip()))
    assert (checkpoint.origin, checkpoint.size) == ("noncoop.local/audit-log", sealed["tree_size"])

    sized = f"/v1/audit-log/checkpoints/{sealed['tree_size']}"
    assert (await system.reporting.get(sized, headers=reader)).text == sealed["note"]
    unknown = await system.reporting.get("/v1/audit-log/checkpoints/999", headers=reader)
    assert unknown.status_code == 404
    assert (await system.reporting.get("/v1/audit-log/vkey")).status_code == 401


async def test_an_event_the_relay_published_twice_is_one_leaf(system: Any, auth: Auth) -> None:
    case_id = await open_case(system, auth, "ICC-A")
    await trail_holds(system, auth, case_id, 1)
    once = await seal(system, auth)
    [(partition, offset, value)] = await topic_values(system.kafka, system.topic)
    producer = AIOKafkaProducer(**system.kafka.client_kwargs())
    await producer.start()
    try:
        copy = await producer.send_and_wait(
            system.topic, value=value, key=case_id.encode(), partition=partition
        )
    finally:
        await producer.stop()
    assert copy.offset > offset
    await forward(system, auth, case_id)
    await trail_holds(system, auth, case_id, 2)
    await system.caught_up(3, "reporting-audit-trail")
    twice = await seal(system, auth)

    assert twice["tree_size"] == once["tree_size"] + 1
    rows = await leaves(system)
    assert [str(r["event_id"]) for r in rows].count(event_id(value)) == 1
    assert (rows[0]["log_partition"], rows[0]["log_offset"]) == (partition, offset)


async def test_two_seals_at_once_give_one_tree(system: Any, auth: Auth) -> None:
    for reference in ("ICC-A", "ICC-B", "ICC-C"):
        case_id = await open_case(system, auth, reference)
        await trail_holds(system, auth, case_id, 1)
    sealed = await asyncio.gather(*(seal(system, auth) for _ in range(4)))
    assert {s["tree_size"] for s in sealed} == {3}
    assert len({s["note"] for s in sealed}) == 1
    assert [r["leaf_index"] for r in await leaves(system)] == [0, 1, 2]


async def test_no_bundle_for_a_case_with_no_sealed_event(
    system: Any, auth: Auth, tmp_path: Path
) -> None:
    case_id = await open_case(system, auth, "ICC-A")
    nothing_sealed = write_bundle(system, case_id, tmp_path / "a")
    assert nothing_sealed.returncode == 1, nothing_sealed.stderr
    assert "no audit log checkpoint" in nothing_sealed.stderr
    await trail_holds(system, auth, case_id, 1)
    await seal(system, auth)
    unknown = write_bundle(system, "no-such-case", tmp_path / "b")
    assert unknown.returncode == 1, unknown.stderr
    assert "case no-such-case is unknown or has no event sealed" in unknown.stderr
    assert not (tmp_path / "b").exists()


def closed_port() -> int:
    """A port of this machine nothing listens on: a broker address that refuses connections."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def sealed_rows(system: Any) -> dict[str, list[asyncpg.Record]]:
    conn = await asyncpg.connect(system.reporting_dsn)
    try:
        return {
            table: await conn.fetch(f"SELECT * FROM {table} ORDER BY 1")  # noqa: S608
            for table in ("tlog_leaves", "tlog_checkpoints", "checkpoints")
        }
    finally:
        await conn.close()


async def test_sealing_while_the_log_is_unreachable_is_a_503_to_retry_and_seals_nothing(
    system: Any, auth: Auth
) -> None:
    case_id = await open_case(system, auth, "ICC-A")
    await trail_holds(system, auth, case_id, 1)
    first = await seal(system, auth)
    other = await open_case(system, auth, "ICC-B")
    await trail_holds(system, auth, other, 1)
    before = await sealed_rows(system)
    runtime = system.reporting_app.state.runtime
    reachable = runtime.audit_log
    unreachable = f"127.0.0.1:{closed_port()}"
    # Only the sealing reader reads from the dead address: the service's consumer goes on.
    runtime.audit_log = replace(reachable, kafka=KafkaAccess(unreachable))
    try:
        refused = await system.reporting.post("/v1/checkpoints", headers=auth("secretariat"))
    finally:
        runtime.audit_log = reachable

    assert refused.status_code == 503, refused.text
    assert refused.headers["content-type"] == PROBLEM_MEDIA_TYPE
    assert int(refused.headers["retry-after"]) > 0
    problem = refused.json()
    assert problem["type"] == problem_type("audit-log-unavailable")
    assert problem["status"] == 503
    assert "nothing was sealed" in problem["detail"]
    assert unreachable not in refused.text  # where the broker is stays inside
    assert await sealed_rows(system) == before
    again = await seal(system, auth)
    assert (first["tree_size"], again["tree_size"]) == (1, 2)


async def sql(system: Any, query: str, *args: Any) -> list[asyncpg.Record]:
    conn = await asyncpg.connect(system.reporting_dsn)
    try:
        return await conn.fetch(query, *args)
    finally:
        await conn.close()


async def root_of_note(system: Any, auth: Auth, note: str) -> bytes:
    vkey = await system.reporting.get("/v1/audit-log/vkey", headers=auth("court"))
    return parse_checkpoint_text(open_note(note, vkey.text.strip())).root


async def sealed_cases(system: Any, auth: Auth, *references: str) -> dict[str, Any]:
    for reference in references:
        await trail_holds(system, auth, await open_case(system, auth, reference), 1)
    return await seal(system, auth)


async def test_a_seal_extends_the_kept_frontier_so_a_leaf_row_altered_later_changes_no_root(
    system: Any, auth: Auth
) -> None:
    await sealed_cases(system, auth, "ICC-A")
    three = await sealed_cases(system, auth, "ICC-B", "ICC-C")
    true_hashes = [bytes(r["leaf_hash"]) for r in await leaves(system)]
    [kept] = await sql(system, "SELECT frontier FROM tlog_checkpoints WHERE tree_size = 3")
    # 3 = 2 + 1: the subtree of the first two leaves, then the third leaf.
    assert bytes(kept["frontier"]) == b"".join(extend_frontier([], 0, true_hashes))
    assert len(kept["frontier"]) == 2 * 32
    # A sealed leaf's row altered afterwards: the next seal must not read it (it reads only the
    # kept frontier and the new leaves), so its tree still extends the published one.
    await sql(
        system,
        "UPDATE tlog_leaves SET leaf_hash = $1 WHERE leaf_index = 0",
        hashlib.sha256(b"altered").digest(),
    )
    four = await sealed_cases(system, auth, "ICC-D")

    new_hash = bytes((await leaves(system))[3]["leaf_hash"])
    root3 = await root_of_note(system, auth, three["note"])
    root4 = await root_of_note(system, auth, four["note"])
    assert root4 == root_of_hashes([*true_hashes, new_hash])
    proof = consistency_proof_of_hashes([*true_hashes, new_hash], 3)
    assert verify_consistency(3, 4, root3, root4, proof)


async def test_a_checkpoint_without_a_good_frontier_gets_one_from_its_leaves_once(
    system: Any, auth: Auth
) -> None:
    await sealed_cases(system, auth, "ICC-A", "ICC-B", "ICC-C")
    # As sealed before frontiers were kept (the migration adds the column empty).
    await sql(system, "UPDATE tlog_checkpoints SET frontier = NULL")
    four = await sealed_cases(system, auth, "ICC-D")
    hashes = [bytes(r["leaf_hash"]) for r in await leaves(system)]
    assert await root_of_note(system, auth, four["note"]) == root_of_hashes(hashes)
    [kept] = await sql(system, "SELECT frontier FROM tlog_checkpoints WHERE tree_size = 4")
    assert bytes(kept["frontier"]) == b"".join(extend_frontier([], 0, hashes))
    # A kept frontier that does not give the root its note signs is not trusted either.
    await sql(system, "UPDATE tlog_checkpoints SET frontier = $1 WHERE tree_size = 4", b"\x07" * 32)
    five = await sealed_cases(system, auth, "ICC-E")
    hashes = [bytes(r["leaf_hash"]) for r in await leaves(system)]
    assert await root_of_note(system, auth, five["note"]) == root_of_hashes(hashes)
    # Neither a good frontier nor leaves that give the signed root: no seal, rather than a tree
    # that does not extend the published one.
    await sql(system, "UPDATE tlog_checkpoints SET frontier = NULL WHERE tree_size = 5")
    await sql(
        system,
        "UPDATE tlog_leaves SET leaf_hash = $1 WHERE leaf_index = 0",
        hashlib.sha256(b"altered").digest(),
    )
    before = await sealed_rows(system)
    await trail_holds(system, auth, await open_case(system, auth, "ICC-F"), 1)
    refused = await system.reporting.post("/v1/checkpoints", headers=auth("secretariat"))
    assert refused.status_code == 500
    assert await sealed_rows(system) == before
