"""The background loops' counters are read from their tallies at each scrape (observe.py)."""

from __future__ import annotations

from collections import Counter
from typing import Any, cast

from prometheus_client.parser import text_string_to_metric_families

from noncoop_shared.observe import RuntimeTallies
from noncoop_shared.web.metrics import Metrics


class Tally:
    def __init__(self, **fields: Any) -> None:
        self.__dict__.update(fields)


def exposed(metrics: Metrics, *, revealing: bool) -> dict[tuple[str, str], float]:
    return {
        (sample.name, ",".join(f"{k}={v}" for k, v in sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(
            metrics.exposition(revealing=revealing).decode()
        )
        for sample in family.samples
    }


def test_relay_consumer_and_scheduler_tallies_become_counters() -> None:
    relay = Tally(published_total=0, set_aside_total=0)
    consumer = Tally(name="register", dead_lettered_total=0)
    scheduler = Tally(fired_by_kind=Counter[str]())
    metrics = Metrics()
    metrics.add_collector(
        RuntimeTallies(cast(Any, relay), [cast(Any, consumer)], cast(Any, scheduler)),
        revealing=RuntimeTallies.REVEALING,
    )

    relay.published_total += 3
    relay.set_aside_total += 1
    consumer.dead_lettered_total += 2
    scheduler.fired_by_kind["open_letter_reply"] += 1
    seen = exposed(metrics, revealing=True)

    assert seen[("noncoop_relay_published_total", "")] == 3
    assert seen[("noncoop_relay_set_aside_total", "")] == 1
    assert seen[("noncoop_consumer_dead_letters_total", "consumer=register")] == 2
    assert seen[("noncoop_overdue_events_total", "kind=open_letter_reply")] == 1


def test_overdue_events_by_kind_are_revealing() -> None:
    scheduler = Tally(fired_by_kind=Counter({"open_letter_reply": 1}))
    metrics = Metrics()
    metrics.add_collector(
        RuntimeTallies(
            cast(Any, Tally(published_total=0, set_aside_total=0)), [], cast(Any, scheduler)
        ),
        revealing=RuntimeTallies.REVEALING,
    )

    names = {name for name, _ in exposed(metrics, revealing=False)}

    assert "noncoop_relay_published_total" in names
    assert "noncoop_overdue_events_total" not in names
