"""The raw-read ceiling reads as the services do (same broker, same principal, same isolation)
and decodes what ``Envelope`` decodes; both are checked here, without Kafka."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import msgspec
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import loggen
import rawread

from noncoop_shared.envelope import Envelope
from noncoop_shared.kafka import KafkaAccess

SECURED = KafkaAccess(
    "broker:9093",
    security_protocol="SASL_SSL",
    sasl_mechanism="SCRAM-SHA-512",
    username="admin",
    password="secret",
    ca_file="/run/ca.pem",
)


def _values(cases: int = 5) -> list[bytes]:
    return [value for case in range(cases) for _, value in loggen.case_records(case, 10)]


def test_the_librdkafka_reader_connects_as_the_aiokafka_clients_do() -> None:
    config = rawread.librdkafka_config(SECURED, group_id="bench-raw-x")

    assert config["bootstrap.servers"] == "broker:9093"
    assert config["security.protocol"] == "SASL_SSL"
    assert config["sasl.mechanism"] == "SCRAM-SHA-512"
    assert (config["sasl.username"], config["sasl.password"]) == ("admin", "secret")
    assert config["ssl.ca.location"] == "/run/ca.pem"
    assert config["isolation.level"] == "read_committed"
    assert config["enable.auto.commit"] is False


def test_the_librdkafka_reader_refuses_sasl_without_a_password_as_client_kwargs_does() -> None:
    with pytest.raises(ValueError, match="needs a user and a password"):
        rawread.librdkafka_config(SECURED.as_principal("admin", None), group_id="g")


def test_a_plaintext_broker_gets_no_tls_nor_sasl_settings() -> None:
    config = rawread.librdkafka_config(KafkaAccess("broker:9092"), group_id="g")

    assert not any(key.startswith(("ssl.", "sasl.")) for key in config)


def test_msgspec_decodes_every_record_of_the_synthetic_log_as_the_envelope_does() -> None:
    for value in _values():
        wire, envelope = rawread.decode(value), Envelope.from_bytes(value)
        assert (wire.id, wire.stream, wire.streamversion, wire.time, wire.data) == (
            envelope.id,
            envelope.stream,
            envelope.streamversion,
            envelope.time,
            envelope.data,
        )
        assert wire.classification is envelope.classification


@pytest.mark.parametrize(
    ("attribute", "value"),
    [("unknown", 1), ("streamversion", 0), ("time", "2026-01-01T00:00:00"), ("id", "x")],
)
def test_msgspec_refuses_what_the_envelope_refuses(attribute: str, value: object) -> None:
    record = json.loads(_values(1)[0]) | {attribute: value}
    raw = json.dumps(record).encode()

    with pytest.raises(msgspec.ValidationError):
        rawread.decode(raw)
    with pytest.raises(ValueError):
        Envelope.from_bytes(raw)


def test_decode_only_times_both_decoders_per_record() -> None:
    timings = rawread.decode_only(_values(2))

    assert set(timings) == {"pydantic", "msgspec"}
    assert all(us > 0 for us in timings.values())
