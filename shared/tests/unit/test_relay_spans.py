"""The relay's send spans when the producer fails as a whole (not one record): every span the
batch opened is ended, with the error, so none is lost (ADR 0029)."""

from __future__ import annotations

from typing import Any, cast

import asyncpg
from aiokafka import AIOKafkaProducer
from aiokafka.errors import KafkaConnectionError
from opentelemetry.trace import StatusCode

from noncoop_shared.relay import OutboxRelay
from noncoop_shared.testing import in_memory_spans

TRACED = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"


class BrokenProducer:
    """A producer whose connection is gone: every send fails, not for its record."""

    async def send(self, topic: str, **_: Any) -> Any:
        raise KafkaConnectionError("the broker went away")


async def test_a_producer_failing_as_a_whole_ends_every_send_span_with_its_error() -> None:
    spans = in_memory_spans()
    spans.clear()
    relay = OutboxRelay(
        cast(asyncpg.Pool, None), cast(AIOKafkaProducer, BrokenProducer()), topic="t"
    )
    rows = [
        {"traceparent": TRACED, "envelope": "{}", "subject": f"case-{n}", "position": n}
        for n in range(3)
    ]
    try:
        await relay._send_all(cast(list[asyncpg.Record], rows))
    except KafkaConnectionError:
        pass
    else:
        raise AssertionError("the producer's failure must reach the relay's retry loop")
    finished = [s for s in spans.get_finished_spans() if s.name == "publish t"]
    assert len(finished) == 3
    assert all(s.status.status_code is StatusCode.ERROR for s in finished)
    assert all(s.context.trace_id == int(TRACED.split("-")[1], 16) for s in finished)
    spans.clear()
