"""The Bureau's policies on the register's events, through the log (docs/architecture.md §2, §5): a
Court decision opens the formal response (P13); a reversal, or a closed case, stops it. A failure in
the middle of a policy, a redelivery of the whole log, and a restart while events are published
change nothing and lose nothing."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest

from bureau.application import policies
from noncoop_shared.catalogue.bureau import formal_response_stream
from noncoop_shared.testing import read_topic

pytestmark = pytest.mark.integration

Auth = Callable[..., dict[str, str]]
OPENED = "noncoop.bureau.formal_response_opened.v1"
STOPPED = "noncoop.bureau.formal_response_stopped.v1"


def of_type(view: dict[str, Any], event_type: str) -> list[dict[str, Any]]:
    return [entry for entry in view["timeline"] if entry["type"] == event_type]


async def reverse(system: Any, auth: Auth, case_id: str) -> None:
    response = await system.referrals.post(
        f"/v1/cases/{case_id}/court-decision-changes",
        json={
            "kind": "reversed",
            "decision_reference": "ICC-01/99-01/26-123",
            "change_reference": "ICC-01/99-01/26-200-AC",
            "change_date": "2026-06-01",
        },
        headers=auth("court"),
    )
    assert response.status_code == 200, response.text


async def test_a_failure_in_the_middle_of_the_open_policy_rolls_back_and_the_retry_opens_once(
    system: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = policies.RegisterPolicies._react
    failures = {"left": 2}
    # What another connection sees of the case's formal response when each attempt starts.
    committed_before_attempt: list[int] = []

    async def crash_after_reacting(self: Any, conn: Any, cause: Any, command: Any) -> None:
        store = system.bureau_app.state.runtime.store
        committed_before_attempt.append(
            len(await store.load(formal_response_stream(cause.subject)))
        )
        await original(self, conn, cause, command)  # the formal response is opened...
        if failures["left"] > 0:
            failures["left"] -= 1
            raise OSError("connection lost before commit")  # ...and the batch dies

    monkeypatch.setattr(policies.RegisterPolicies, "_react", crash_after_reacting)
    case_id = await system.referred()
    for _ in range(50):  # a leaked commit would show the view before the retries are done
        if len(committed_before_attempt) >= 3:
            break
        await asyncio.sleep(0.1)
    view = await system.formal_response(case_id)
    assert failures["left"] == 0  # it did fail twice first
    # Nothing of a failed attempt was committed: each retry started from an empty stream.
    assert committed_before_attempt == [0, 0, 0]
    (opened,) = of_type(view, OPENED)
    assert (opened["actor_role"], opened["rule"], opened["stream_version"]) == ("system", "P13", 1)
    assert view["version"] == 1


async def test_redelivering_the_whole_log_to_the_policies_changes_nothing(
    system: Any, auth: Auth
) -> None:
    case_id = await system.referred()
    await reverse(system, auth, case_id)
    before = await system.formal_response(case_id, lambda v: v["stopped"])
    runtime = system.bureau_app.state.runtime
    consumer = runtime.core.consumers[0]
    # Forget every position and every stream version: the consumer reads the log from offset 0.
    await runtime.core.pool.execute("DELETE FROM consumer_positions")
    await runtime.core.pool.execute("DELETE FROM consumer_streams")
    # decision received + reversed (referrals), formal response opened + stopped (bureau)
    records = await read_topic(consumer.kafka, consumer.topic, expect=4, timeout_s=10)
    assert len(records) == 4
    by_partition: dict[int, list[Any]] = {}
    for record in records:
        by_partition.setdefault(record.partition, []).append(record)
    for partition, batch in by_partition.items():
        await consumer.process(partition, sorted(batch, key=lambda r: r.offset))
    # The records were all processed again (the positions are back)...
    positions = await consumer.stored_positions()
    assert positions == {p: max(r.offset for r in b) + 1 for p, b in by_partition.items()}
    # ...and nothing changed.
    after = await system.formal_response(case_id)
    assert after == before
    assert len(of_type(after, OPENED)) == len(of_type(after, STOPPED)) == 1


async def test_a_reversal_published_while_the_bureau_is_down_stops_it_once_after_restart(
    system: Any, auth: Auth
) -> None:
    case_id = await system.referred()
    await system.stop_bureau()
    await reverse(system, auth, case_id)  # referrals goes on; the log keeps the event
    await system.start_bureau()
    view = await system.formal_response(case_id, lambda v: v["stopped"])
    assert view["stopped"] == "decision_reversed"
    (stopped,) = of_type(view, STOPPED)
    assert (stopped["actor_role"], stopped["stream_version"]) == ("system", 2)
    await system.stop_bureau()
    await system.start_bureau()  # and once more: nothing is applied twice
    # A later case opened after the second restart: the consumer has caught up with the log.
    await system.referred()
    await asyncio.sleep(0.5)
    again = await system.formal_response(case_id)
    assert again == view


async def test_a_case_closed_through_referrals_stops_its_formal_response(
    system: Any, auth: Auth
) -> None:
    case_id = await system.referred()
    closed = await system.referrals.post(
        f"/v1/cases/{case_id}/closure",
        json={"reason": "cooperation_obtained"},
        headers=auth("secretariat"),
    )
    assert closed.status_code == 200, closed.text
    view = await system.formal_response(case_id, lambda v: v["stopped"])
    assert view["stopped"] == "case_closed"
    (stopped,) = of_type(view, STOPPED)
    assert stopped["actor_role"] == "system"
    assert "P14b" in view["remaining_steps_at_stop"]
    late = await system.post(
        f"/v1/cases/{case_id}/formal-response/open-letter",
        {"letter_reference": "L-1", "reply_due_on": "2099-01-01"},
        role="president",
    )
    assert late.status_code == 409, late.text
