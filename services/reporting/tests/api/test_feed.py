"""The feed through the log: every event a reader may read, each once, in log order, from a
sealed cursor; readers of different clearance get different feeds; long-polls wait for what
the reader may read."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from datetime import date
from typing import Any
from uuid import UUID

import asyncpg
import pytest

from noncoop_shared.testing import court_decision_body, urgent_incident_body

from .feed_support import logged, settled

pytestmark = pytest.mark.integration

Auth = Callable[..., dict[str, str]]

CLEARED = {
    "secretariat": {"public", "states_parties", "bureau", "restricted"},
    "bureau_member": {"public", "states_parties", "bureau"},
    "court": {"public", "states_parties"},
    "state_party": {"public", "states_parties"},
}
CLAIMS = {"state_party": {"state": "FRA"}}


async def populate(system: Any, auth: Auth, cases: int = 6) -> None:
    """Cases over several partitions with records of every class, and registry events (the
    calendar's are public, the Bureau's meetings are the Bureau's)."""
    for n in range(cases):
        opened = await system.referrals.post(
            "/v1/court-referrals", json=court_decision_body(), headers=auth("court")
        )
        assert opened.status_code == 201, opened.text
        if n % 2 == 0:
            await system.referrals.post(
                f"/v1/cases/{opened.json()['case_id']}/forwarding",
                json={"communication_reference": f"SP/{n}"},
                headers=auth("secretariat"),
            )
    for _ in range(2):
        urgent = await system.referrals.post(
            "/v1/urgent-incidents", json=urgent_incident_body(), headers=auth("president")
        )
        assert urgent.status_code == 201, urgent.text
    session = await system.bureau.post(
        "/v1/sessions",
        json={
            "session_id": "ASP-90",
            "number": 90,
            "kind": "regular",
            "starts_on": "2031-12-01",
            "ends_on": "2031-12-09",
            "venue": "The Hague",
        },
        headers=auth("secretariat"),
    )
    assert session.status_code in (200, 201), session.text
    meeting = await system.bureau.post(
        "/v1/bureau-meetings",
        json={"meeting_id": "B-90", "meets_on": date.today().isoformat()},
        headers=auth("secretariat"),
    )
    assert meeting.status_code in (200, 201), meeting.text


async def read_all(
    system: Any, headers: dict[str, str], limit: int, after: str = ""
) -> tuple[list[dict[str, Any]], str]:
    """Every page from ``after`` until an empty one; the events and the last cursor."""
    events: list[dict[str, Any]] = []
    for _ in range(1000):
        response = await system.reporting.get(
            "/v1/feed", params={"after": after, "limit": limit}, headers=headers
        )
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith("application/cloudevents-batch+json")
        cursor = response.headers["feed-cursor"]
        assert f"after={cursor}" in response.headers["link"]
        assert response.headers["link"].endswith('rel="next"')
        page = response.json()
        assert len(page) <= limit
        events.extend(page)
        after = cursor
        if not page:
            return events, after
    raise AssertionError("the feed never ended")


async def test_the_feed_pages_through_everything_without_gaps_or_repeats_in_log_order(
    feed_system: Any, auth: Auth
) -> None:
    await populate(feed_system, auth)
    await settled(feed_system.reporting_dsn, 12)
    events, cursor = await read_all(feed_system, auth("secretariat"), limit=3)
    snapshot = await logged(feed_system.reporting_dsn)
    later, _ = await read_all(feed_system, auth("secretariat"), limit=3, after=cursor)
    events += later
    ids = [e["id"] for e in events]
    assert len(ids) == len(set(ids)), "an event came twice"
    assert set(snapshot) <= set(ids), "an event was skipped"
    positions = await logged(feed_system.reporting_dsn)
    assert set(ids) <= set(positions)
    by_partition: dict[int, list[int]] = {}
    for event_id in ids:
        partition, offset, _ = positions[event_id]
        by_partition.setdefault(partition, []).append(offset)
    assert len(by_partition) > 1, "the cases should spread over partitions"
    for offsets in by_partition.values():
        assert offsets == sorted(offsets)
    assert any(e.get("stream") == "assembly-calendar" for e in events), "no registry event"
    # The Secretariat reads every class: the envelopes as the log holds them.
    assert all("prevhash" in e and "hash" in e for e in events)


async def test_readers_of_different_clearance_get_exactly_what_they_may_read(
    feed_system: Any, auth: Auth
) -> None:
    await populate(feed_system, auth, cases=3)
    snapshot = await settled(feed_system.reporting_dsn, 8)
    feeds: dict[str, list[dict[str, Any]]] = {}
    for role, cleared in CLEARED.items():
        events, _ = await read_all(feed_system, auth(role, **CLAIMS.get(role, {})), limit=7)
        feeds[role] = events
        final = await logged(feed_system.reporting_dsn)
        got = {e["id"] for e in events}
        assert {i for i, (_, _, c) in snapshot.items() if c in cleared} <= got, role
        assert got <= {i for i, (_, _, c) in final.items() if c in cleared}, role
        assert {e["classification"] for e in events} <= cleared
    assert len(feeds["state_party"]) < len(feeds["bureau_member"]) < len(feeds["secretariat"])
    assert {e["id"] for e in feeds["court"]} == {e["id"] for e in feeds["state_party"]}
    for role in ("state_party", "court", "bureau_member"):
        numbered: dict[str, list[int]] = {}
        for event in feeds[role]:
            # No hash of its own either: it covers the previous hash and the true version, so
            # two in a row would tell whether hidden events lie between them; nor a signature,
            # which covers the hash.
            bound = {"prevhash", "hash", "signer", "signature"} & set(event)
            assert not bound, f"{role}: {bound} shown"
            numbered.setdefault(event["stream"], []).append(event["streamversion"])
        # No gap tells a reader below full clearance that hidden events exist (ADR 0023).
        assert all(v == list(range(1, len(v) + 1)) for v in numbered.values()), role
    assert all({"hash", "signature"} <= set(e) for e in feeds["secretariat"])


async def test_a_reaction_to_an_event_the_reader_may_not_read_does_not_name_it(
    feed_system: Any, auth: Auth
) -> None:
    # The Bureau's policy opens a formal response when the Court's decision is received: its
    # event names the decision as its cause. Made restricted here (as a hidden cause would
    # be), the decision must not be named to a reader below that class, by the feed or the
    # audit trail: its id is a UUIDv7, which also tells when it happened.
    await populate(feed_system, auth, cases=1)
    await settled(feed_system.reporting_dsn, 4)
    everything, _ = await read_all(feed_system, auth("secretariat"), limit=50)
    reaction = next(e for e in everything if e.get("causationid"))
    cause = reaction["causationid"]
    db = await asyncpg.connect(feed_system.reporting_dsn)
    try:
        hidden = await db.execute(
            "UPDATE audit_trail SET classification = 'restricted' WHERE event_id = $1", UUID(cause)
        )
        assert hidden == "UPDATE 1"
    finally:
        await db.close()

    member = auth("bureau_member")
    seen, _ = await read_all(feed_system, member, limit=50)
    assert reaction["id"] in {e["id"] for e in seen}
    shown = next(e for e in seen if e["id"] == reaction["id"])
    assert "causationid" not in shown
    assert cause not in json.dumps(seen)
    trail = await feed_system.reporting.get(
        f"/v1/cases/{reaction['subject']}/audit-trail", headers=member
    )
    assert trail.status_code == 200, trail.text
    entries = trail.json()["entries"]
    assert [e["causation_id"] for e in entries if e["event_id"] == reaction["id"]] == [None]
    assert all(e["hash"] is None and e["prev_hash"] is None for e in entries)
    assert cause not in trail.text
    # The Secretariat reads both: the cause is named to it.
    full = await feed_system.reporting.get(
        f"/v1/cases/{reaction['subject']}/audit-trail", headers=auth("secretariat")
    )
    assert [
        e["causation_id"] for e in full.json()["entries"] if e["event_id"] == reaction["id"]
    ] == [cause]


async def test_a_malformed_or_altered_cursor_is_a_422_naming_after_and_anonymous_is_401(
    feed_system: Any, auth: Auth
) -> None:
    first = await feed_system.reporting.get("/v1/feed", headers=auth("court"))
    cursor = first.headers["feed-cursor"]
    altered = cursor[:-2] + ("AA" if not cursor.endswith("AA") else "BB")
    for after in ("not-a-cursor", altered, json.dumps({"0": 1}), "x" * 5000):
        response = await feed_system.reporting.get(
            "/v1/feed", params={"after": after}, headers=auth("court")
        )
        assert response.status_code == 422, (after, response.text)
        assert response.headers["content-type"].startswith("application/problem+json")
        assert response.json()["errors"][0]["field"] == "query.after"
    for params in ({"limit": 0}, {"limit": 501}, {"wait": 31}):
        response = await feed_system.reporting.get("/v1/feed", params=params, headers=auth("court"))
        assert response.status_code == 422, params
    anonymous = await feed_system.reporting.get("/v1/feed")
    assert anonymous.status_code == 401


async def test_a_caller_holds_at_most_four_long_polls_at_once_and_a_fifth_is_a_429(
    feed_system: Any, auth: Auth
) -> None:
    await populate(feed_system, auth, cases=1)
    await settled(feed_system.reporting_dsn, 3)
    reader, other = auth("state_party", state="FRA"), auth("court")
    _, cursor = await read_all(feed_system, reader, limit=50)

    def long_poll(headers: dict[str, str]) -> Any:
        return feed_system.reporting.get(
            "/v1/feed", params={"after": cursor, "wait": 20}, headers=headers, timeout=30
        )

    held = [asyncio.create_task(long_poll(reader)) for _ in range(4)]
    await asyncio.sleep(0.5)
    fifth = await long_poll(reader)
    assert fifth.status_code == 429
    assert fifth.headers["content-type"].startswith("application/problem+json")
    assert fifth.headers["retry-after"] == "1"
    assert "long-polls" in fifth.json()["detail"]
    # Another caller, and the same caller without a wait, are served.
    theirs = asyncio.create_task(long_poll(other))
    unwaited = await feed_system.reporting.get("/v1/feed", params={"after": cursor}, headers=reader)
    assert unwaited.status_code == 200
    assert not any(t.done() for t in held)
    shown = await feed_system.referrals.post(
        "/v1/court-referrals", json=court_decision_body(), headers=auth("court")
    )
    assert shown.status_code == 201
    answers = await asyncio.gather(*held, theirs)
    assert [a.status_code for a in answers] == [200] * 5
    assert all(a.json() for a in answers)


async def test_a_long_poll_answers_with_the_first_readable_event_not_a_hidden_one(
    feed_system: Any, auth: Auth
) -> None:
    await populate(feed_system, auth, cases=1)
    await settled(feed_system.reporting_dsn, 3)
    reader = auth("state_party", state="FRA")
    _, cursor = await read_all(feed_system, reader, limit=50)

    async def later() -> None:
        await asyncio.sleep(0.5)
        hidden = await feed_system.referrals.post(
            "/v1/urgent-incidents", json=urgent_incident_body(), headers=auth("president")
        )
        assert hidden.status_code == 201
        await asyncio.sleep(1.5)
        shown = await feed_system.referrals.post(
            "/v1/court-referrals", json=court_decision_body(), headers=auth("court")
        )
        assert shown.status_code == 201

    writer = asyncio.create_task(later())
    started = time.monotonic()
    response = await feed_system.reporting.get(
        "/v1/feed", params={"after": cursor, "wait": 15}, headers=reader, timeout=20
    )
    waited = time.monotonic() - started
    await writer
    assert response.status_code == 200
    events = response.json()
    assert events and {e["classification"] for e in events} <= {"public", "states_parties"}
    assert 1.5 < waited < 15, waited
