"""What the logs keep (finding: refusal details with restricted state logged at INFO, log files
world-readable; ADR 0021)."""

from __future__ import annotations

import os
import stat
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.system.conftest import FourServices

from noncoop_shared.testing import court_decision_body

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.integration
async def test_a_refusal_is_logged_by_rule_and_status_never_with_its_detail(
    four_services: FourServices,
    auth: Callable[..., dict[str, str]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    client = four_services.clients["referrals"]
    created = await client.post(
        "/v1/court-referrals", json=court_decision_body(), headers=auth("court")
    )
    case_id = created.json()["case_id"]
    forwarding = {"communication_reference": "C-1"}
    path = f"/v1/cases/{case_id}/forwarding"
    assert (await client.post(path, json=forwarding, headers=auth("secretariat"))).is_success
    capsys.readouterr()

    refused = await client.post(path, json=forwarding, headers=auth("secretariat"))

    assert refused.status_code == 409, refused.text
    detail = refused.json()["detail"]
    logged = capsys.readouterr().out
    assert '"http.domain_error"' in logged
    assert '"status": 409' in logged
    assert detail not in logged
    assert "C-1" not in logged


def test_the_log_files_of_make_run_are_readable_by_their_owner_only(tmp_path: Path) -> None:
    log = tmp_path / ".run" / "logs" / "referrals.log"
    log.parent.mkdir(parents=True)
    log.write_text("an earlier run's lines\n")
    os.chmod(log.parent, 0o755)  # noqa: S103 (as an earlier run left them)
    os.chmod(log, 0o644)

    subprocess.run([ROOT / "deploy" / "local" / "private-log", log], check=True, umask=0o022)
    fresh = tmp_path / ".run" / "logs" / "bureau.log"
    subprocess.run([ROOT / "deploy" / "local" / "private-log", fresh], check=True, umask=0o022)

    assert stat.S_IMODE(log.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o600
    assert log.read_text() == "an earlier run's lines\n"


def test_make_run_creates_everything_under_a_private_umask() -> None:
    script = (ROOT / "deploy" / "local" / "run").read_text()
    before_anything = script.split("# --- stopping", 1)[0]

    assert "\numask 077\n" in before_anything
    assert 'deploy/local/private-log "$RUN/logs/$name.log"' in script
