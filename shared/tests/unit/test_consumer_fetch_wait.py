"""The consumer asks the broker to hold an idle fetch as long as it was told, no longer: that
wait is also how long its stop takes (ServiceSettings.consumer_fetch_max_wait_ms)."""

from __future__ import annotations

from typing import Any

import pytest

import noncoop_shared.consumer as consumer_module
from noncoop_shared.consumer import LogConsumer
from noncoop_shared.kafka import KafkaAccess
from noncoop_shared.signing import TrustStore


class _StartRefusedError(Exception):
    pass


class _RecordingConsumer:
    """Stands in for aiokafka's consumer: notes how it was made, then refuses to start."""

    made: dict[str, Any] = {}

    def __init__(self, *topics: str, **config: Any) -> None:
        _RecordingConsumer.made = config

    def subscribe(self, topics: list[str], listener: Any) -> None:
        return None

    async def start(self) -> None:
        raise _StartRefusedError

    async def stop(self) -> None:
        return None


class _Handler:
    name = "recording"


def _consumer(**fetch_wait: int) -> LogConsumer:
    return LogConsumer(
        pool=None,  # type: ignore[arg-type] # never reached: the start is refused first
        handler=_Handler(),  # type: ignore[arg-type]
        kafka=KafkaAccess(bootstrap_servers="127.0.0.1:9"),
        topic="noncoop.events.test-fetch-wait",
        dead_letter_topic="noncoop.events.test-fetch-wait.dlq",
        dead_letter_producer=None,
        trust=TrustStore.development(),
        **fetch_wait,  # type: ignore[arg-type] # fetch_max_wait_ms or nothing
    )


@pytest.mark.parametrize(("given", "asked"), [({}, 500), ({"fetch_max_wait_ms": 100}, 100)])
async def test_the_broker_is_asked_to_hold_an_idle_fetch_as_long_as_configured(
    monkeypatch: pytest.MonkeyPatch, given: dict[str, int], asked: int
) -> None:
    monkeypatch.setattr(consumer_module, "AIOKafkaConsumer", _RecordingConsumer)
    with pytest.raises(_StartRefusedError):
        await _consumer(**given).run()
    assert _RecordingConsumer.made["fetch_max_wait_ms"] == asked
