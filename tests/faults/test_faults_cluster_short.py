"""The short cluster fault run inside `make test`: three brokers and two replicas of every
service (tests/faults/run_cluster.py, its own cluster and PostgreSQL, never the shared ones),
its figures read back from what it prints."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.integration, pytest.mark.e2e]

RUNNER = Path(__file__).with_name("run_cluster.py")
SUMMARY = re.compile(
    r"^faults-cluster: commands=(\d+) acknowledged=(\d+) lost=(\d+) duplicated=(\d+)"
    r" half_done=(\d+)$",
    re.MULTILINE,
)


def test_brokers_and_replicas_killed_under_load_lose_nothing_and_duplicate_nothing() -> None:
    done = subprocess.run(
        [sys.executable, str(RUNNER), "--short"],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    # The runner's figures and verdict (stdout) last: a failure's message is the output's tail,
    # and the services' logs (stderr) would otherwise fill it.
    output = done.stderr + done.stdout
    assert done.returncode == 0, output[-6000:]
    (summary,) = SUMMARY.findall(output)
    commands, acknowledged, lost, duplicated, half_done = map(int, summary)
    assert commands > 300 and acknowledged > 300, output[-3000:]
    assert (lost, duplicated, half_done) == (0, 0, 0)
    assert "OK: no event altered" in output
    # Two different brokers killed, and writes went on (acks=all, two in-sync replicas left).
    brokers = re.findall(
        r"^kill -9 broker (\d) .* while down: (\d+) acknowledged, log \+(\d+)", output, re.MULTILINE
    )
    assert len({node for node, _, _ in brokers}) == 2, output[-3000:]
    assert all(int(acks) > 0 and int(grown) > 0 for _, acks, grown in brokers), brokers
    # One replica of every service killed while its twin went on.
    replicas = set(re.findall(r"^kill -9 (\w+)#[12] ", output, re.MULTILINE))
    assert replicas == {"referrals", "good_offices", "bureau", "reporting"}, output[-3000:]
    assert re.search(
        r"^projection reporting\.audit_trail vs rebuild: rows differing\s+0$", output, re.MULTILINE
    )
