"""Policies on the register's events, through the log (docs/architecture.md §2, §5): a 7(b) case
continued as 7(a) continues its good offices; a closed case concludes them; redelivery and a failure
in the middle of a policy change nothing and lose nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from good_offices.application import policies
from noncoop_shared.testing import court_decision_body, read_topic

pytestmark = pytest.mark.integration

Auth = Callable[..., dict[str, str]]


async def active_urgent_case(system: Any, auth: Auth) -> str:
    case_id = await system.registered(urgent=True)
    response = await system.good_offices.post(
        f"/v1/cases/{case_id}/good-offices/own-initiative-activation",
        json={"court_consulted_on": "2026-03-31"},
        headers=auth("president"),
    )
    assert response.status_code == 200, response.text
    return case_id


async def continue_as_7a(system: Any, auth: Auth, case_id: str) -> None:
    response = await system.referrals.post(
        f"/v1/cases/{case_id}/court-referral",
        json={"decision": court_decision_body()["decision"]},
        headers=auth("court"),
    )
    assert response.status_code == 200, response.text


async def test_when_referrals_continues_a_7b_case_as_7a_the_good_offices_continue(
    system: Any, auth: Auth
) -> None:
    case_id = await active_urgent_case(system, auth)
    await continue_as_7a(system, auth, case_id)
    view = await system.eventually(case_id, lambda v: v["continued_under_7a"])
    (entry,) = [e for e in view["timeline"] if "continued_under_7a" in e["type"]]
    assert (entry["actor_role"], entry["rule"]) == ("system", "S7b-to-7a")
    assert view["active"] is True


async def test_when_a_case_is_closed_its_good_offices_are_concluded(
    system: Any, auth: Auth
) -> None:
    case_id = await active_urgent_case(system, auth)
    closed = await system.referrals.post(
        f"/v1/cases/{case_id}/closure",
        json={"reason": "cooperation_obtained"},
        headers=auth("secretariat"),
    )
    assert closed.status_code == 200, closed.text
    view = await system.eventually(case_id, lambda v: v["outcome"] == "case_closed")
    assert view["active"] is False
    late = await system.good_offices.post(
        f"/v1/cases/{case_id}/good-offices/contacts",
        headers=auth("president"),
        json={"counterpart_kind": "other_stakeholder", "counterpart": "x", "summary": "y"},
    )
    assert late.status_code == 409


async def test_a_failure_in_the_middle_of_a_policy_rolls_back_and_the_retry_applies_it_once(
    system: Any, auth: Auth, monkeypatch: pytest.MonkeyPatch
) -> None:
    case_id = await active_urgent_case(system, auth)
    original = policies.RegisterPolicies._react
    failures = {"left": 2}

    async def crash_after_reacting(self: Any, conn: Any, cause: Any, command: Any) -> None:
        await original(self, conn, cause, command)  # the reaction is appended...
        if failures["left"] > 0:
            failures["left"] -= 1
            raise OSError("connection lost before commit")  # ...and the batch dies

    monkeypatch.setattr(policies.RegisterPolicies, "_react", crash_after_reacting)
    await continue_as_7a(system, auth, case_id)
    view = await system.eventually(case_id, lambda v: v["continued_under_7a"])
    assert failures["left"] == 0  # it did fail twice first
    continued = [e for e in view["timeline"] if "continued_under_7a" in e["type"]]
    assert len(continued) == 1


async def test_redelivering_the_whole_log_to_the_policies_changes_nothing(
    system: Any, auth: Auth
) -> None:
    case_id = await active_urgent_case(system, auth)
    await continue_as_7a(system, auth, case_id)
    before = await system.eventually(case_id, lambda v: v["continued_under_7a"])
    runtime = system.good_offices_app.state.runtime
    consumer = runtime.core.consumers[0]
    # Forget every position and every stream version: the consumer reads the log from offset 0.
    await runtime.core.pool.execute("DELETE FROM consumer_positions")
    await runtime.core.pool.execute("DELETE FROM consumer_streams")
    # urgent incident + continuation (referrals), activation + continuation (good offices)
    records = await read_topic(consumer.kafka, consumer.topic, expect=4, timeout_s=10)
    assert len(records) == 4
    by_partition: dict[int, list[Any]] = {}
    for record in records:
        by_partition.setdefault(record.partition, []).append(record)
    for partition, batch in by_partition.items():
        await consumer.process(partition, sorted(batch, key=lambda r: r.offset))
    after = await system.good_offices_view(case_id)
    assert after["version"] == before["version"]
    assert after["timeline"] == before["timeline"]


async def test_a_continuation_published_while_good_offices_is_down_is_applied_once_on_restart(
    system: Any, auth: Auth
) -> None:
    case_id = await active_urgent_case(system, auth)
    await system.stop_good_offices()
    await continue_as_7a(system, auth, case_id)  # referrals goes on; the log keeps the event
    await system.start_good_offices()
    view = await system.eventually(case_id, lambda v: v["continued_under_7a"])
    await system.stop_good_offices()
    await system.start_good_offices()  # and once more: nothing is applied twice
    again = await system.good_offices_view(case_id)
    assert again["timeline"] == view["timeline"]
    assert len([e for e in view["timeline"] if "continued_under_7a" in e["type"]]) == 1
