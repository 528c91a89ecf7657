"""Webhooks to a real receiving server: each event once, signed as Standard Webhooks says, as
its owner may read it, in feed order; a receiver that was down gets the events when back; an
event that keeps failing is dead-lettered, the next ones go on, and redelivery sends it; a
subscription is its owner's alone."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import asyncpg
import pytest

from noncoop_shared.testing import court_decision_body, urgent_incident_body

from .feed_support import logged, settled
from .webhook_receiver import Receiver, serving, verify

pytestmark = pytest.mark.integration

Auth = Callable[..., dict[str, str]]
HOOKS = "/v1/webhook-subscriptions"


async def subscribe(system: Any, headers: dict[str, str], url: str, **body: Any) -> dict[str, Any]:
    response = await system.reporting.post(HOOKS, json={"url": url, **body}, headers=headers)
    assert response.status_code == 201, response.text
    return dict(response.json())


async def until(check: Callable[[], bool], seconds: float = 30.0) -> None:
    for _ in range(int(seconds / 0.1)):
        if check():
            return
        await asyncio.sleep(0.1)
    raise AssertionError("never happened")


async def some_cases(system: Any, auth: Auth, n: int = 3) -> None:
    for i in range(n):
        opened = await system.referrals.post(
            "/v1/court-referrals", json=court_decision_body(), headers=auth("court")
        )
        assert opened.status_code == 201
        if i == 0:
            await system.referrals.post(
                f"/v1/cases/{opened.json()['case_id']}/forwarding",
                json={"communication_reference": "SP/1"},
                headers=auth("secretariat"),
            )
    urgent = await system.referrals.post(
        "/v1/urgent-incidents", json=urgent_incident_body(), headers=auth("president")
    )
    assert urgent.status_code == 201


def ids_at(receiver: Receiver, path: str) -> set[str]:
    return {r.headers["webhook-id"] for r in receiver.taken_at(path)}


def in_feed_order(ids: list[str], positions: dict[str, tuple[int, int, str]]) -> bool:
    last: dict[int, int] = {}
    for event_id in ids:
        partition, offset, _ = positions[event_id]
        if offset <= last.get(partition, -1):
            return False
        last[partition] = offset
    return True


async def test_each_event_reaches_its_receiver_once_signed_and_as_its_owner_may_read_it(
    feed_system: Any, auth: Auth
) -> None:
    async with serving(Receiver()) as receiver:
        everything = await subscribe(feed_system, auth("secretariat"), f"{receiver.base}/sec")
        party = await subscribe(
            feed_system, auth("state_party", state="FRA"), f"{receiver.base}/sp"
        )
        court_types = await subscribe(
            feed_system,
            auth("court"),
            f"{receiver.base}/court",
            event_types=["noncoop.referrals.court_decision_received.v1"],
        )
        assert everything["secret"] != party["secret"]
        await some_cases(feed_system, auth)
        snapshot = await settled(feed_system.reporting_dsn, 5)
        cleared = {
            "/sec": {"public", "states_parties", "bureau", "restricted"},
            "/sp": {"public", "states_parties"},
        }
        for path, classes in cleared.items():
            expected = {i for i, (_, _, c) in snapshot.items() if c in classes}
            await until(lambda: ids_at(receiver, path) >= expected)  # noqa: B023 - awaited here
        await asyncio.sleep(0.5)  # nothing more may come
        for path, subscription in (("/sec", everything), ("/sp", party)):
            got = receiver.taken_at(path)
            ids = [r.headers["webhook-id"] for r in got]
            assert len(ids) == len(set(ids)), f"{path}: an event twice"
            final = await logged(feed_system.reporting_dsn)
            assert set(ids) <= {i for i, (_, _, c) in final.items() if c in cleared[path]}
            assert in_feed_order(ids, final)
            for received in got:
                verify(subscription["secret"], received)
                event = json.loads(received.body)
                assert event["id"] == received.headers["webhook-id"]
                assert received.headers["content-type"] == "application/cloudevents+json"
        assert all("prevhash" not in json.loads(r.body) for r in receiver.taken_at("/sp"))
        await until(lambda: len(receiver.taken_at("/court")) >= 3)
        court = receiver.taken_at("/court")
        assert len(court) == 3
        assert {json.loads(r.body)["type"] for r in court} == {
            "noncoop.referrals.court_decision_received.v1"
        }
        for received in court:
            verify(court_types["secret"], received)


@pytest.mark.parametrize(
    "feed_system",
    [{"webhook_max_attempts": 100, "webhook_backoff_cap_seconds": 0.3}],
    indirect=True,
)
async def test_a_receiver_that_was_down_gets_the_events_when_it_is_back_in_order(
    feed_system: Any, auth: Auth
) -> None:
    async with serving(Receiver()) as receiver:
        port = receiver.port
        created = await subscribe(feed_system, auth("bureau_member"), f"{receiver.base}/b")
    # The server is stopped: every attempt is a refused connection.
    await some_cases(feed_system, auth)
    snapshot = await settled(feed_system.reporting_dsn, 5)
    await asyncio.sleep(1.0)
    async with serving(Receiver(port=port)) as back:
        expected = {i for i, (_, _, c) in snapshot.items() if c != "restricted"}
        await until(lambda: {r.headers["webhook-id"] for r in back.taken} >= expected)
        ids = [r.headers["webhook-id"] for r in back.taken]
        assert len(ids) == len(set(ids))
        assert in_feed_order(ids, await logged(feed_system.reporting_dsn))
        for received in back.taken:
            verify(created["secret"], received)
    dead = await feed_system.reporting.get(
        f"{HOOKS}/{created['id']}/deliveries",
        params={"state": "dead"},
        headers=auth("bureau_member"),
    )
    assert dead.json()["deliveries"] == []


async def test_an_event_failing_n_times_is_dead_lettered_the_next_go_on_and_redelivery_sends_it(
    feed_system: Any, auth: Auth
) -> None:
    owner = auth("secretariat", sub="sec-hooks")
    async with serving(Receiver(poison_first=True)) as receiver:
        created = await subscribe(feed_system, owner, f"{receiver.base}/s")
        await some_cases(feed_system, auth)
        snapshot = await settled(feed_system.reporting_dsn, 5)
        await until(
            lambda: (
                {r.headers["webhook-id"] for r in receiver.taken}
                >= set(snapshot) - {receiver.poisoned}
            )
        )
        poisoned = receiver.poisoned
        assert poisoned is not None
        assert [r.headers["webhook-id"] for r in receiver.refused] == [poisoned] * 3
        dead_url = f"{HOOKS}/{created['id']}/deliveries"
        dead = (
            await feed_system.reporting.get(dead_url, params={"state": "dead"}, headers=owner)
        ).json()
        assert [(d["event_id"], d["attempts"], d["last_error"]) for d in dead["deliveries"]] == [
            (poisoned, 3, "answered 503")
        ]
        for _ in range(120):  # sampled every 5 s
            scraped = await feed_system.reporting.get("/metrics", headers=owner)
            if 'noncoop_webhook_deliveries{state="dead"} 1.0' in scraped.text:
                break
            await asyncio.sleep(0.1)
        else:
            raise AssertionError("the dead letter never showed in /metrics")
        receiver.poisoned = "healed"
        redelivered = await feed_system.reporting.post(
            f"{HOOKS}/{created['id']}/dead-letters/redeliver", json={}, headers=owner
        )
        assert redelivered.status_code == 202
        assert redelivered.json() == {"requeued": 1}
        await until(lambda: poisoned in {r.headers["webhook-id"] for r in receiver.taken})
        ids = [r.headers["webhook-id"] for r in receiver.taken]
        assert len(ids) == len(set(ids)) and set(ids) >= set(snapshot)
        for received in receiver.taken:
            verify(created["secret"], received)
        after = (
            await feed_system.reporting.get(dead_url, params={"state": "dead"}, headers=owner)
        ).json()
        assert after["deliveries"] == []
        unknown = await feed_system.reporting.post(
            f"{HOOKS}/{created['id']}/dead-letters/redeliver",
            json={"event_id": poisoned},
            headers=owner,
        )
        assert unknown.status_code == 404


async def test_a_subscription_is_its_owners_alone_and_unsafe_urls_are_refused(
    feed_system: Any, auth: Auth
) -> None:
    mine = auth("secretariat", sub="sec-a")
    other = auth("secretariat", sub="sec-b")
    created = await subscribe(feed_system, mine, "https://hooks.example.org/noncoop")
    one = f"{HOOKS}/{created['id']}"
    assert (await feed_system.reporting.get(one, headers=mine)).json() == {
        k: created[k] for k in ("id", "url", "event_types", "created_at", "expires_at")
    }
    nobody = f"{HOOKS}/00000000-0000-4000-8000-000000000000"
    for headers in (other, auth("bureau_member", sub="sec-a")):
        for method, url in (
            ("GET", one),
            ("GET", f"{one}/deliveries"),
            ("POST", f"{one}/dead-letters/redeliver"),
            ("DELETE", one),
        ):
            theirs = await feed_system.reporting.request(method, url, headers=headers)
            unknown = await feed_system.reporting.request(
                method, url.replace(one, nobody), headers=headers
            )
            assert theirs.status_code == unknown.status_code == 404, (method, url)
            assert theirs.json()["detail"].replace(created["id"], "?") == unknown.json()[
                "detail"
            ].replace(nobody.rsplit("/", 1)[1], "?")
        listed = await feed_system.reporting.get(HOOKS, headers=headers)
        assert listed.json() == {"subscriptions": []}
    assert [
        s["id"]
        for s in (await feed_system.reporting.get(HOOKS, headers=mine)).json()["subscriptions"]
    ] == [created["id"]]
    assert (await feed_system.reporting.delete(one, headers=mine)).status_code == 204
    assert (await feed_system.reporting.get(one, headers=mine)).status_code == 404
    for url in (
        "http://hooks.example.org/plain",
        "https://169.254.169.254/latest/meta-data",
        "https://[::1]/x",
        "https://127.0.0.2:8104/v1/feed",
        "https://metadata.google.internal/",
        "https://user:pw@hooks.example.org/",
        "ftp://hooks.example.org/",
        "https://[zz/",
    ):
        refused = await feed_system.reporting.post(HOOKS, json={"url": url}, headers=mine)
        assert refused.status_code == 422, url
        assert refused.json()["errors"][0]["field"] == "body.url"
    anonymous = await feed_system.reporting.post(HOOKS, json={"url": "https://a.example/"})
    assert anonymous.status_code == 401


@pytest.mark.parametrize("feed_system", [{"webhook_max_subscriptions_per_owner": 2}], indirect=True)
async def test_a_caller_has_at_most_the_subscriptions_the_deployment_allows_even_at_once(
    feed_system: Any, auth: Auth
) -> None:
    url = "https://hooks.example.org/noncoop"
    mine, other = auth("secretariat", sub="sec-many"), auth("secretariat", sub="sec-few")
    made = await asyncio.gather(
        *(feed_system.reporting.post(HOOKS, json={"url": url}, headers=mine) for _ in range(6))
    )
    assert sorted(r.status_code for r in made) == [201, 201, 409, 409, 409, 409]
    refused = next(r for r in made if r.status_code == 409)
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert "the most one caller may have (2)" in refused.json()["detail"]
    listed = (await feed_system.reporting.get(HOOKS, headers=mine)).json()["subscriptions"]
    assert len(listed) == 2
    assert (
        await feed_system.reporting.post(HOOKS, json={"url": url}, headers=other)
    ).status_code == 201
    deleted = await feed_system.reporting.delete(f"{HOOKS}/{listed[0]['id']}", headers=mine)
    assert deleted.status_code == 204
    assert (
        await feed_system.reporting.post(HOOKS, json={"url": url}, headers=mine)
    ).status_code == 201


@pytest.mark.parametrize("feed_system", [{"webhook_subscription_days": 3}], indirect=True)
async def test_an_expired_subscription_sends_nothing_until_its_owner_renews_it(
    feed_system: Any, auth: Auth
) -> None:
    owner = auth("state_party", sub="fra-it", state="FRA")
    async with serving(Receiver()) as receiver:
        lapsing = await subscribe(feed_system, owner, f"{receiver.base}/lapsing")
        await subscribe(feed_system, owner, f"{receiver.base}/lasting")
        made = datetime.fromisoformat(lapsing["created_at"])
        assert datetime.fromisoformat(lapsing["expires_at"]) - made == timedelta(days=3)
        db = await asyncpg.connect(feed_system.reporting_dsn)
        try:
            await db.execute(
                "UPDATE webhook_subscriptions SET expires_at = now() - interval '1 second'"
                " WHERE id = $1",
                uuid.UUID(lapsing["id"]),
            )
        finally:
            await db.close()
        await some_cases(feed_system, auth)
        snapshot = await settled(feed_system.reporting_dsn, 5)
        readable = {i for i, (_, _, c) in snapshot.items() if c in {"public", "states_parties"}}
        await until(lambda: ids_at(receiver, "/lasting") >= readable)
        await asyncio.sleep(1.0)  # the workers looked at the expired one meanwhile
        assert receiver.taken_at("/lapsing") == []

        # Only the owner renews it; anyone else is told what an unknown id tells.
        renewal = f"{HOOKS}/{lapsing['id']}/renewal"
        for stranger in (
            auth("state_party", sub="deu-it", state="DEU"),
            auth("court", sub="fra-it"),
        ):
            theirs = await feed_system.reporting.post(renewal, headers=stranger)
            assert theirs.status_code == 404
        renewed = await feed_system.reporting.post(renewal, headers=owner)
        assert renewed.status_code == 200, renewed.text
        assert datetime.fromisoformat(renewed.json()["expires_at"]) > datetime.now(UTC) + timedelta(
            days=2
        )
        await until(lambda: ids_at(receiver, "/lapsing") >= readable)
        got = [r.headers["webhook-id"] for r in receiver.taken_at("/lapsing")]
        assert len(got) == len(set(got))
        assert in_feed_order(got, await logged(feed_system.reporting_dsn))


async def test_a_name_pointing_at_the_machine_itself_is_never_connected_to(
    feed_system: Any, auth: Auth
) -> None:
    # "localhost" is a name, so the subscription is made; at delivery it resolves to loopback,
    # which only the trusted host 127.0.0.1 may reach, as named: no connection is made, and the
    # owner is not told where the name points.
    connections: list[object] = []

    async def count(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        connections.append(writer.get_extra_info("peername"))
        writer.close()

    server = await asyncio.start_server(count, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    owner = auth("secretariat", sub="sec-rebind")
    async with server:
        created = await subscribe(feed_system, owner, f"https://localhost:{port}/hook")
        await some_cases(feed_system, auth, 1)
        pending: list[dict[str, Any]] = []
        for _ in range(300):
            pending = (
                await feed_system.reporting.get(
                    f"{HOOKS}/{created['id']}/deliveries", headers=owner
                )
            ).json()["deliveries"]
            if any(d["attempts"] >= 2 for d in pending):
                break
            await asyncio.sleep(0.1)
        else:
            raise AssertionError(f"no attempt was made: {pending}")
    assert connections == []
    assert {d["last_error"] for d in pending if d["attempts"]} == {
        "refused: resolves to an address no webhook may reach"
    }


async def _dead_letter(dsn: str, subscription_id: str) -> str:
    """A dead letter in ``subscription_id``, written as the worker leaves one (no wait for three
    failing attempts: what is tested here is who may send it again)."""
    event_id = str(uuid.uuid4())
    conn = await asyncpg.connect(dsn)
    try:
        await conn.execute(
            "INSERT INTO webhook_deliveries (subscription_id, event_id, type, body, state,"
            " attempts, last_error) VALUES ($1, $2, 'noncoop.referrals.case_opened.v1', '{}',"
            " 'dead', 3, 'answered 503')",
            uuid.UUID(subscription_id),
            uuid.UUID(event_id),
        )
    finally:
        await conn.close()
    return event_id


def _masked(response: Any, *ids: str) -> tuple[int, str, dict[str, Any]]:
    """A refusal as a caller sees it, with the ids the caller itself sent blanked out."""
    body = response.text
    for value in ids:
        body = body.replace(value, "?")
    problem = json.loads(body)
    problem.pop("correlation_id", None)  # differs per request, whatever the answer
    return response.status_code, response.headers["content-type"], problem


async def test_redelivering_a_dead_letter_of_another_subscription_answers_as_an_unknown_one(
    feed_system: Any, auth: Auth
) -> None:
    victim = auth("secretariat", sub="sec-victim")
    attacker = auth("secretariat", sub="sec-attacker")
    theirs = await subscribe(feed_system, victim, "https://hooks.example.org/victim")
    their_other = await subscribe(feed_system, victim, "https://hooks.example.org/victim-2")
    mine = await subscribe(feed_system, attacker, "https://hooks.example.org/attacker")
    dead = await _dead_letter(feed_system.reporting_dsn, theirs["id"])
    nobody = "00000000-0000-4000-8000-000000000000"
    never = "00000000-0000-4000-8000-0000000000ff"

    def redeliver(subscription: str, headers: dict[str, str], event: str | None) -> Any:
        return feed_system.reporting.post(
            f"{HOOKS}/{subscription}/dead-letters/redeliver",
            json={} if event is None else {"event_id": event},
            headers=headers,
        )

    # Through the attacker's own subscription, the victim's dead letter is an unknown event.
    probe = await redeliver(mine["id"], attacker, dead)
    control = await redeliver(mine["id"], attacker, never)
    assert probe.status_code == 404
    assert _masked(probe, dead) == _masked(control, never)
    # The same from the victim's other subscription: a dead letter belongs to one subscription.
    probe = await redeliver(their_other["id"], victim, dead)
    control = await redeliver(their_other["id"], victim, never)
    assert probe.status_code == 404
    assert _masked(probe, dead, their_other["id"]) == _masked(control, never, their_other["id"])
    # Through the victim's subscription, named outright: an unknown subscription, with or
    # without the dead letter's id, and whether that id is a dead letter there or not.
    for event, other_event in ((dead, never), (None, None), (never, dead)):
        probe = await redeliver(theirs["id"], attacker, event)
        control = await redeliver(nobody, attacker, other_event)
        assert probe.status_code == 404, event
        masks = [v for v in (dead, never) if v is not None]
        assert _masked(probe, theirs["id"], *masks) == _masked(control, nobody, *masks), event
    # Nothing moved: the victim's dead letter is still dead, untouched.
    left = await feed_system.reporting.get(
        f"{HOOKS}/{theirs['id']}/deliveries", params={"state": "dead"}, headers=victim
    )
    assert [(d["event_id"], d["state"], d["attempts"]) for d in left.json()["deliveries"]] == [
        (dead, "dead", 3)
    ]
    # And its owner can send it again: the refusals above were about who asked, not the letter.
    sent = await redeliver(theirs["id"], victim, dead)
    assert sent.status_code == 202 and sent.json() == {"requeued": 1}
