"""Drafting and submitting a report with an Idempotency-Key (ADR 0039), and the list of reports,
on real PostgreSQL: a retry is answered with the first answer and does nothing twice; a key is
its sender's own (another caller's same key replays nothing of the first); the list shows drafts
to their readers only."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import asyncpg
import pytest

pytestmark = pytest.mark.integration

Auth = Callable[..., dict[str, str]]
SESSION = {"session_id": "ASP-98", "starts_on": "2026-12-01", "ends_on": "2026-12-09"}
OTHER_SESSION = {"session_id": "ASP-97", "starts_on": "2025-12-01", "ends_on": "2025-12-09"}


def keyed(headers: dict[str, str], key: str) -> dict[str, str]:
    return headers | {"Idempotency-Key": key}


async def reports_in_the_database(system: Any) -> int:
    conn = await asyncpg.connect(system.reporting_dsn)
    try:
        return int(await conn.fetchval("SELECT count(*) FROM reports"))
    finally:
        await conn.close()


async def test_a_draft_sent_again_with_its_key_is_the_first_draft_and_no_other(
    system: Any, auth: Auth
) -> None:
    sec = auth("secretariat", sub="sec-1")
    body = SESSION | {"recommendations": "The Assembly should act."}
    first = await system.reporting.post("/v1/reports", json=body, headers=keyed(sec, "draft-1"))
    assert first.status_code == 201, first.text
    assert "idempotent-replayed" not in first.headers
    again = await system.reporting.post("/v1/reports", json=body, headers=keyed(sec, "draft-1"))
    assert again.status_code == 201, again.text
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json()
    assert await reports_in_the_database(system) == 1

    # The same key with another body (or query) is refused, as the other services refuse it.
    changed = await system.reporting.post(
        "/v1/reports", json=body | {"recommendations": "other"}, headers=keyed(sec, "draft-1")
    )
    assert changed.status_code == 422, changed.text
    assert changed.headers["content-type"].startswith("application/problem+json")
    assert [e["field"] for e in changed.json()["errors"]] == ["header.Idempotency-Key"]
    on_another_day = await system.reporting.post(
        "/v1/reports", json=body, params={"on": "2026-11-01"}, headers=keyed(sec, "draft-1")
    )
    assert on_another_day.status_code == 422, on_another_day.text
    assert await reports_in_the_database(system) == 1

    # Without a key, every draft is a new one.
    for _ in range(2):
        plain = await system.reporting.post("/v1/reports", json=body, headers=sec)
        assert plain.status_code == 201, plain.text
    assert await reports_in_the_database(system) == 3


async def test_another_callers_same_key_replays_nothing_of_the_first_draft(
    system: Any, auth: Auth
) -> None:
    """An attacker who learns (or guesses) a victim's key and body gets a draft of its own,
    never the victim's: its id, its Markdown and who drafted it stay the victim's."""
    body = SESSION | {"recommendations": "Confidential: the Bureau's own recommendations."}
    victim = await system.reporting.post(
        "/v1/reports", json=body, headers=keyed(auth("secretariat", sub="sec-1"), "shared-key")
    )
    assert victim.status_code == 201, victim.text
    for attacker in (auth("secretariat", sub="sec-2"), auth("bureau_member", sub="sec-1")):
        own = await system.reporting.post(
            "/v1/reports", json=body, headers=keyed(attacker, "shared-key")
        )
        assert own.status_code == 201, own.text
        assert "idempotent-replayed" not in own.headers
        assert own.json()["report_id"] != victim.json()["report_id"]
        assert victim.json()["report_id"] not in own.text
    # A reader who may not write gets what it gets without a key: a 403, nothing replayed.
    court = await system.reporting.post(
        "/v1/reports", json=body, headers=keyed(auth("court", sub="sec-1"), "shared-key")
    )
    assert court.status_code == 403
    assert victim.json()["report_id"] not in court.text
    assert await reports_in_the_database(system) == 3


async def test_twins_sent_at_once_with_one_key_make_one_draft(system: Any, auth: Auth) -> None:
    sec = keyed(auth("secretariat", sub="sec-1"), "twins")
    body = SESSION | {"recommendations": "r"}
    answers = await asyncio.gather(
        *(system.reporting.post("/v1/reports", json=body, headers=sec) for _ in range(4))
    )
    assert {a.status_code for a in answers} == {201}, [a.text for a in answers]
    assert len({a.json()["report_id"] for a in answers}) == 1
    assert await reports_in_the_database(system) == 1


async def test_a_submission_sent_again_with_its_key_is_the_first_answer_not_a_conflict(
    system: Any, auth: Auth
) -> None:
    sec = auth("secretariat", sub="sec-1")
    draft = await system.reporting.post(
        "/v1/reports", json=SESSION | {"recommendations": "r"}, headers=sec
    )
    report_id = draft.json()["report_id"]
    path = f"/v1/reports/{report_id}/submission"
    first = await system.reporting.post(path, headers=keyed(sec, "submit-1"))
    assert first.status_code == 200, first.text
    assert first.json()["status"] == "submitted"
    again = await system.reporting.post(path, headers=keyed(sec, "submit-1"))
    assert again.status_code == 200, again.text
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json()

    # The same key with a body the first did not have: refused; without a key: the conflict.
    changed = await system.reporting.post(
        path, json={"occurred_at": "2026-11-20T10:00:00Z"}, headers=keyed(sec, "submit-1")
    )
    assert changed.status_code == 422, changed.text
    assert [e["field"] for e in changed.json()["errors"]] == ["header.Idempotency-Key"]
    twice = await system.reporting.post(path, headers=sec)
    assert twice.status_code == 409
    # Another caller with the same key is not answered with the first submission: a conflict.
    other = await system.reporting.post(
        path, headers=keyed(auth("bureau_member", sub="bm-1"), "submit-1")
    )
    assert other.status_code == 409, other.text
    assert first.json()["sha256_markdown"] not in other.text

    # A key already used to draft is refused for a submission (another route).
    second = await system.reporting.post(
        "/v1/reports", json=SESSION | {"recommendations": "s"}, headers=keyed(sec, "used")
    )
    reused = await system.reporting.post(
        f"/v1/reports/{second.json()['report_id']}/submission", headers=keyed(sec, "used")
    )
    assert reused.status_code == 422, reused.text
    read = await system.reporting.get(f"/v1/reports/{second.json()['report_id']}", headers=sec)
    assert read.json()["status"] == "draft"


async def test_the_list_of_reports_newest_first_filtered_and_paged(system: Any, auth: Auth) -> None:
    sec = auth("secretariat", sub="sec-1")
    made = []
    for session in (SESSION, OTHER_SESSION, SESSION):
        draft = await system.reporting.post(
            "/v1/reports", json=session | {"recommendations": "r"}, headers=sec
        )
        assert draft.status_code == 201, draft.text
        made.append(draft.json()["report_id"])
    submitted = await system.reporting.post(f"/v1/reports/{made[0]}/submission", headers=sec)
    assert submitted.status_code == 200, submitted.text

    listed = await system.reporting.get("/v1/reports", headers=auth("bureau_member"))
    assert listed.status_code == 200, listed.text
    items = listed.json()["items"]
    assert [i["report_id"] for i in items] == made[::-1]
    assert [i["status"] for i in items] == ["draft", "draft", "submitted"]
    assert {i["drafted_by"] for i in items} == {"secretariat:sec-1"}
    assert items[2]["submitted_at"] == submitted.json()["submitted_at"]
    assert listed.json()["next_cursor"] is None

    def ids(response: Any) -> list[str]:
        assert response.status_code == 200, response.text
        return [i["report_id"] for i in response.json()["items"]]

    of_session = await system.reporting.get(
        "/v1/reports", params={"session_id": "ASP-98"}, headers=sec
    )
    assert ids(of_session) == [made[2], made[0]]
    drafts = await system.reporting.get("/v1/reports", params={"status": "draft"}, headers=sec)
    assert ids(drafts) == [made[2], made[1]]
    page = await system.reporting.get("/v1/reports", params={"limit": 2}, headers=sec)
    assert ids(page) == [made[2], made[1]]
    rest = await system.reporting.get(
        "/v1/reports", params={"limit": 2, "cursor": page.json()["next_cursor"]}, headers=sec
    )
    assert ids(rest) == [made[0]]
    assert rest.json()["next_cursor"] is None
    bad = await system.reporting.get("/v1/reports", params={"status": "sealed"}, headers=sec)
    assert bad.status_code == 422


@pytest.mark.parametrize(
    ("role", "claims"),
    [("state_party", {"state": "FRA"}), ("court", {}), ("focal_point", {"region": "african"})],
)
async def test_a_reader_of_submitted_reports_only_never_sees_a_draft_in_the_list(
    system: Any, auth: Auth, role: str, claims: dict[str, str]
) -> None:
    sec = auth("secretariat", sub="sec-1")
    made = []
    for _ in range(2):
        draft = await system.reporting.post(
            "/v1/reports", json=SESSION | {"recommendations": "r"}, headers=sec
        )
        made.append(draft.json()["report_id"])
    await system.reporting.post(f"/v1/reports/{made[0]}/submission", headers=sec)
    reader = auth(role, **claims)

    listed = await system.reporting.get("/v1/reports", headers=reader)
    assert listed.status_code == 200, listed.text
    assert [(i["report_id"], i["status"]) for i in listed.json()["items"]] == [
        (made[0], "submitted")
    ]
    assert listed.json()["items"][0]["drafted_by"] is None  # who drafted: the Bureau's to know
    assert made[1] not in listed.text and "sec-1" not in listed.text
    # as a read of the draft is a 404 for it, drafts are not there whatever it asks
    assert (await system.reporting.get(f"/v1/reports/{made[1]}", headers=reader)).status_code == 404
    drafts = await system.reporting.get("/v1/reports", params={"status": "draft"}, headers=reader)
    assert drafts.json()["items"] == []
    # a draft's id as the cursor tells nothing of it: the same empty page as an unknown id
    for cursor in (made[1], "0196a1b2-0000-7000-8000-000000000000"):
        after = await system.reporting.get("/v1/reports", params={"cursor": cursor}, headers=reader)
        assert after.status_code == 200
        assert after.json() == {"items": [], "next_cursor": None}
    assert (await system.reporting.get("/v1/reports")).status_code == 401
