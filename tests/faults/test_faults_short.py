"""The short fault run inside `make test`: the suite's runner as a process (it starts its own
Kafka and PostgreSQL, never the shared ones), and its figures read back from what it prints."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.integration, pytest.mark.e2e]

RUNNER = Path(__file__).with_name("run.py")


def figure(output: str, label: str) -> str:
    found = re.search(rf"^{re.escape(label)}\s+(.+)$", output, re.MULTILINE)
    assert found, f"no figure {label!r} in:\n{output[-4000:]}"
    return found.group(1).strip()


def test_the_short_fault_run_loses_nothing_and_duplicates_no_effect() -> None:
    done = subprocess.run(
        [sys.executable, str(RUNNER), "--short"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    # The runner's figures and verdict (stdout) last: a failure's message is the output's tail,
    # and the services' logs (stderr) would otherwise fill it.
    output = done.stderr + done.stdout
    assert done.returncode == 0, output[-6000:]
    sent = int(figure(output, "commands sent"))
    acknowledged = int(figure(output, "commands acknowledged (2xx)"))
    assert sent > 100 and acknowledged > 0, output[-3000:]
    assert figure(output, "lost (acknowledged, not in the log)") == "0"
    assert figure(output, "duplicated effects") == "0"
    assert figure(output, "half-done commands") == "0"
    assert "OK: no event altered" in figure(output, "audit verify")
    scenarios = re.findall(r"^(kill -9 \w+|restart \w+|redeliver \S+) ", output, re.MULTILINE)
    assert {
        "kill -9 referrals",
        "kill -9 good_offices",
        "kill -9 bureau",
        "kill -9 reporting",
        "restart kafka",
        "restart postgres",
    } <= set(scenarios), output[-3000:]
    assert any(s.startswith("redeliver") for s in scenarios)
