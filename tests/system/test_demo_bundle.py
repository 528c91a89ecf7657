"""The audit bundle of a case loaded by ``make demo`` checks with the repository's stand-alone
verifier (``tools/verify_bundle.py``), and a tampered copy does not (docs/adr/0033).

The demo (``deploy/demo/demo.py``) runs here as it runs under ``make demo``: every call through
the generated client (``noncoop_client``), against the four services on one fresh topic of the
real Kafka, each with its own PostgreSQL database; only the transport differs (in process).
It seals the audit log twice, before and after the Bureau report's submission, so the bundle
carries a consistency proof between two checkpoints. The bundle is written by the operator's
command line (``noncoop audit bundle``), as an operator would.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from tests.system.conftest import SERVICE_NAMES, FourServices

from noncoop_shared.audit.signed_note import parse_vkey, vkey_of
from noncoop_shared.testing import topic_values

pytestmark = [pytest.mark.integration, pytest.mark.e2e]

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "deploy" / "demo" / "demo.py"
VERIFIER = REPO / "tools" / "verify_bundle.py"
BUNDLE = ("audit", "bundle")


def demo_module() -> ModuleType:
    """``deploy/demo/demo.py`` is a script, not a package: load it from its file."""
    spec = importlib.util.spec_from_file_location("noncoop_demo", DEMO)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while being made
    spec.loader.exec_module(module)
    return module


async def run_demo(system: FourServices) -> Any:
    demo = demo_module().Demo(
        system.secret,
        urls={name: f"http://{name}" for name in SERVICE_NAMES},
        transports={name: httpx.ASGITransport(app=system.apps[name]) for name in SERVICE_NAMES},
    )
    try:
        run = await demo.load()
        demo.links(run)  # what the demo prints last: it must not fail either
        return run
    finally:
        await demo.close()


def noncoop_audit_bundle(system: FourServices, case_id: str, out: Path) -> str:
    """``noncoop audit bundle`` with the environment reporting runs in (its database, the
    broker, the topic; the checkpoint key is the development key the in-process service has)."""
    env = {
        **os.environ,
        "REPORTING_DATABASE_URL": system.dsns["reporting"],
        "REPORTING_KAFKA_BOOTSTRAP_SERVERS": system.bootstrap_servers,
        "REPORTING_EVENTS_TOPIC": system.topic,
        "NONCOOP_JWT_SECRET": system.secret,
    }
    result = subprocess.run(
        [sys.executable, "-m", "noncoop_shared.cli", *BUNDLE, "--case", case_id, "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def verify(bundle: Path) -> subprocess.CompletedProcess[str]:
    """The verifier as an auditor runs it: a copy outside the repository, with the system's
    Python (it needs only the standard library and ``cryptography``)."""
    return subprocess.run(
        [sys.executable, "-I", str(VERIFIER), str(bundle)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        cwd=bundle.parent,
    )


def rejected(bundle: Path) -> str:
    result = verify(bundle)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout + result.stderr


async def record_values_of(system: FourServices, case_id: str) -> list[bytes]:
    """The values of the case's records as the broker holds them, in (partition, offset) order."""
    log = await topic_values(system.kafka, system.topic)
    return [value for _, _, value in log if json.loads(value)["subject"] == case_id]


async def test_the_bundle_of_a_demo_case_verifies_and_tampered_copies_do_not(
    four_services: FourServices, tmp_path: Path
) -> None:
    run = await run_demo(four_services)
    referral = run.cases[1]  # case 2: a 7(a) referral through every step of P14
    auditor = tmp_path / "auditor"
    auditor.mkdir()
    bundle = auditor / "bundle"
    written = noncoop_audit_bundle(four_services, referral.case_id, bundle)
    assert "consistent with the checkpoint of size" in written

    # The honest bundle verifies, with its consistency proof across the demo's two seals.
    result = verify(bundle)
    assert result.returncode == 0, result.stdout + result.stderr
    events = (bundle / "events.jsonl").read_bytes().splitlines()
    tree_size = int((bundle / "checkpoint.note").read_text().splitlines()[1])
    assert f"OK: {len(events)} events in " in result.stdout
    assert f"at size {tree_size}" in result.stdout
    consistency = json.loads((bundle / "consistency.json").read_text())
    assert f"consistent with {consistency['old_checkpoint']}" in result.stdout
    # Every event the demo sent for the case, each line exactly a record's value on the log.
    assert referral.event_ids <= {json.loads(line)["id"] for line in events}
    assert events == await record_values_of(four_services, referral.case_id)

    flipped = shutil.copytree(bundle, auditor / "flipped")
    text = bytearray((flipped / "events.jsonl").read_bytes())
    text[len(events[0]) // 2] ^= 0x01
    (flipped / "events.jsonl").write_bytes(bytes(text))
    assert "events.jsonl line 1: not included" in rejected(flipped)

    swapped = shutil.copytree(bundle, auditor / "swapped")
    lines = (swapped / "proofs.jsonl").read_text().splitlines()
    proof = json.loads(lines[-1])
    assert len(proof["inclusion"]) >= 2, proof
    proof["inclusion"][0], proof["inclusion"][1] = proof["inclusion"][1], proof["inclusion"][0]
    (swapped / "proofs.jsonl").write_text("\n".join([*lines[:-1], json.dumps(proof)]) + "\n")
    assert "not included at leaf" in rejected(swapped)

    impostor = shutil.copytree(bundle, auditor / "impostor")
    name = parse_vkey((bundle / "vkey.txt").read_text()).name
    (impostor / "vkey.txt").write_text(vkey_of(name, Ed25519PrivateKey.generate().public_key()))
    assert "no signature by" in rejected(impostor)

    forked = shutil.copytree(bundle, auditor / "forked")
    claim = json.loads((forked / "consistency.json").read_text())
    first = claim["proof"][0]
    claim["proof"][0] = ("0" if first[0] != "0" else "1") + first[1:]
    (forked / "consistency.json").write_text(json.dumps(claim))
    assert "consistency.json" in rejected(forked)
