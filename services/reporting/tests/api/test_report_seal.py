"""A submitted report is frozen on the log position its data reflect and sealed by a checkpoint
at that position (ADR 0011): the checkpoint verifies with only the public key and the log, the
report is exactly what the log below its position gives, even when reporting lagged, and its
submission is on the log, where the procedural state folds it as P15."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import pytest

from noncoop_shared.audit import Checkpoint, load_public_key, verify_checkpoint
from noncoop_shared.audit.verify_log import LogRecord, read_log
from noncoop_shared.envelope import Envelope
from noncoop_shared.kafka import KafkaAccess
from noncoop_shared.testing import court_decision_body
from reporting.domain.calendar import Session
from reporting.domain.checkpoints import leaves_from_log
from reporting.domain.procedural import is_case_stream
from reporting.domain.report.content import REPORT_CLASSES, ReportSeal, build_content
from reporting.domain.report.render import to_html, to_markdown
from reporting.projections.report_store import calendar_session

pytestmark = pytest.mark.integration

Auth = Callable[..., dict[str, str]]
SESSION = {"session_id": "ASP-98", "starts_on": "2026-12-01", "ends_on": "2026-12-09"}


async def open_case(system: Any, auth: Auth, reference: str) -> str:
    opened = await system.referrals.post(
        "/v1/court-referrals",
        json=court_decision_body(reference=reference),
        headers=auth("court", sub="icc-registry"),
    )
    assert opened.status_code == 201, opened.text
    return str(opened.json()["case_id"])


def below(log: list[LogRecord], position: dict[str, int]) -> list[Envelope]:
    """The report's events as anyone holding the log finds them: first copies of case events of
    the report's classes below ``position``, in (partition, offset) order."""
    seen: set[str] = set()
    found: list[Envelope] = []
    for coordinates, content in sorted(log, key=lambda r: (r[0].partition, r[0].offset)):
        if coordinates.offset >= position.get(str(coordinates.partition), 0):
            continue
        if not isinstance(content, Envelope) or str(content.id) in seen:
            continue
        seen.add(str(content.id))
        if content.classification in REPORT_CLASSES and is_case_stream(content.stream):
            found.append(content)
    return found


async def test_a_report_submitted_while_reporting_lags_is_sealed_and_reproducible_from_the_log(
    system: Any, auth: Auth, fresh_topic: str, kafka_access: KafkaAccess
) -> None:
    first = await open_case(system, auth, "ICC-1")
    await system.caught_up(1, "reporting-procedural-state")
    await system.caught_up(1, "reporting-audit-trail")
    draft = await system.reporting.post("/v1/reports", json=SESSION, headers=auth("secretariat"))
    assert draft.status_code == 201, draft.text
    report_id = draft.json()["report_id"]
    assert "Draft, not sealed" in draft.json()["markdown"]

    # more cases are recorded, and the report is submitted at once, without waiting for
    # reporting's consumers: whatever they had applied is what the report holds
    late = [await open_case(system, auth, f"ICC-L{n}") for n in range(3)]
    submitted = await system.reporting.post(
        f"/v1/reports/{report_id}/submission", headers=auth("bureau_member", sub="bm-1")
    )
    assert submitted.status_code == 200, submitted.text
    frozen = submitted.json()
    position = frozen["log_position"]
    seal = frozen["checkpoint"]
    assert seal["position"] == position
    assert first in frozen["markdown"]
    footer = (
        f"Sealed by checkpoint {seal['checkpoint_id']}, Merkle root {seal['merkle_root']}, "
        "up to log position "
    )
    assert footer in frozen["markdown"]

    # the checkpoint verifies with only the public key and the log
    served = await system.reporting.get(
        f"/v1/checkpoints/{seal['checkpoint_id']}", headers=auth("court")
    )
    checkpoint = Checkpoint.model_validate(served.json()["checkpoint"])
    assert (checkpoint.position, checkpoint.merkle_root) == (position, seal["merkle_root"])
    key = (await system.reporting.get("/v1/checkpoints/public-key", headers=auth("court"))).json()
    log = await read_log(kafka_access, fresh_topic)
    leaves = leaves_from_log(log, checkpoint.position)
    verdict = verify_checkpoint(checkpoint, load_public_key(key["public_key_pem"]), leaves)
    assert verdict.ok, verdict.message
    assert checkpoint.event_count == len(leaves) >= 1

    # the report is exactly what the log below its position gives, byte for byte
    content = build_content(
        below(log, position),
        calendar_session(Session(SESSION["session_id"], date(2026, 12, 1), date(2026, 12, 9))),
        [],  # the calendar frozen with the report: this test schedules no session
        datetime.fromisoformat(frozen["as_of"]),
        "",
        log_position=position,
        seal=ReportSeal(checkpoint_id=seal["checkpoint_id"], merkle_root=seal["merkle_root"]),
    )
    assert to_markdown(content) == frozen["markdown"]
    md = await system.reporting.get(f"/v1/reports/{report_id}.md", headers=auth("court"))
    html = await system.reporting.get(f"/v1/reports/{report_id}.html", headers=auth("court"))
    assert md.text == frozen["markdown"]
    assert html.text == to_html(content)
    assert f"Merkle root {seal['merkle_root']}" in html.text

    # once every case has reached reporting, and more events arrived, it reads the same
    await open_case(system, auth, "ICC-AFTER")
    await system.caught_up(1 + len(late) + 1, "reporting-procedural-state")
    await system.caught_up(1 + len(late) + 1, "reporting-audit-trail")
    md_later = await system.reporting.get(f"/v1/reports/{report_id}.md", headers=auth("court"))
    html_later = await system.reporting.get(f"/v1/reports/{report_id}.html", headers=auth("court"))
    assert (md_later.content, html_later.content) == (md.content, html.content)
    assert md_later.headers["etag"] == f'"{frozen["sha256_markdown"]}"'


async def test_submitting_the_report_records_p15_done_for_each_case_it_covers(
    system: Any, auth: Auth
) -> None:
    case_id = await open_case(system, auth, "ICC-P15")
    await system.caught_up(1, "reporting-procedural-state")
    await system.caught_up(1, "reporting-audit-trail")
    before = await system.reporting.get(
        f"/v1/cases/{case_id}/procedural-state", headers=auth("secretariat")
    )
    p15 = next(r for r in before.json()["rules"] if r["rule"] == "P15")
    assert (p15["state"], p15["due_at"]) == ("pending", None)
    assert "no session after the decision's date is on the calendar" in p15["why"]

    draft = await system.reporting.post("/v1/reports", json=SESSION, headers=auth("secretariat"))
    report_id = draft.json()["report_id"]
    submitted = await system.reporting.post(
        f"/v1/reports/{report_id}/submission", headers=auth("bureau_member", sub="bm-1")
    )
    assert submitted.status_code == 200, submitted.text

    for _ in range(150):
        state = await system.reporting.get(
            f"/v1/cases/{case_id}/procedural-state", headers=auth("state_party", state="FRA")
        )
        p15 = next(r for r in state.json()["rules"] if r["rule"] == "P15")
        if p15["state"] == "done":
            break
        await asyncio.sleep(0.1)
    assert (p15["state"], p15["actor"], p15["ref"], p15["count"]) == (
        "done",
        "bureau_member:bm-1",
        report_id,
        1,
    )
    assert f"report {report_id} to session ASP-98" in p15["why"]
    assert datetime.fromisoformat(p15["done_at"]) == datetime.fromisoformat(
        submitted.json()["submitted_at"]
    )
    trail = await system.reporting.get(
        f"/v1/cases/{case_id}/audit-trail", headers=auth("state_party", state="FRA")
    )
    submissions = [e for e in trail.json()["entries"] if e["rule"] == "P15"]
    assert [(e["type"], e["source"], e["actor_id"]) for e in submissions] == [
        ("noncoop.reporting.bureau_report_submitted.v1", "noncoop/reporting", "bm-1")
    ]
