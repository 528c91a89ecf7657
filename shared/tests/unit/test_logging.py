"""JSON log lines on stdout, with the service, the time and the bound ids, and no credentials."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest
import structlog

from noncoop_shared.logging import (
    REDACTED,
    bind_request_context,
    bound_causation_id,
    bound_correlation_id,
    configure_logging,
    request_context,
)

log = structlog.get_logger("tests.logging")


@pytest.fixture(autouse=True)
def clean_state() -> Iterator[None]:
    """Each test starts with an empty context and leaves the root logger as it found it."""
    structlog.contextvars.clear_contextvars()
    root = logging.getLogger()
    level, handlers = root.level, root.handlers[:]
    yield
    root.setLevel(level)
    root.handlers[:] = handlers
    structlog.contextvars.clear_contextvars()


def lines(capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_a_log_line_is_one_json_object_with_the_standard_fields(
    capsys: pytest.CaptureFixture[str],
) -> None:
    configure_logging("referrals", "INFO")

    log.info("outbox.published", event_id="e-1")

    [line] = lines(capsys)
    assert line["event"] == "outbox.published"
    assert line["event_id"] == "e-1"
    assert line["service"] == "referrals"
    assert line["level"] == "info"
    assert line["logger"] == "tests.logging"
    assert datetime.fromisoformat(line["timestamp"]).utcoffset() is not None


def test_bound_ids_are_merged_into_every_line(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging("bureau", "INFO")
    bind_request_context("corr-1", causation_id="evt-9", case_id="case-3")

    log.info("policy.applied")

    [line] = lines(capsys)
    assert (line["correlation_id"], line["causation_id"], line["case_id"]) == (
        "corr-1",
        "evt-9",
        "case-3",
    )


def test_lines_below_the_level_are_dropped(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging("reporting", "WARNING")

    log.info("projection.batch")
    log.warning("projection.lagging")

    assert [line["event"] for line in lines(capsys)] == ["projection.lagging"]


def test_standard_library_loggers_are_rendered_as_json_too(
    capsys: pytest.CaptureFixture[str],
) -> None:
    configure_logging("referrals", "INFO")
    bind_request_context("corr-2")

    logging.getLogger("aiokafka").warning("broker %s unreachable", "k1")

    [line] = lines(capsys)
    assert line["event"] == "broker k1 unreachable"
    assert line["service"] == "referrals"
    assert line["correlation_id"] == "corr-2"


def test_configuring_twice_does_not_duplicate_lines(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging("referrals", "INFO")
    configure_logging("referrals", "INFO")

    log.info("once")

    assert len(lines(capsys)) == 1


def test_an_unknown_level_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown log level 'LOUD'"):
        configure_logging("referrals", "LOUD")


def test_credentials_are_redacted_by_field_name_and_by_bearer_value(
    capsys: pytest.CaptureFixture[str],
) -> None:
    configure_logging("referrals", "INFO")

    log.info(
        "http.request",
        authorization="Bearer abc.def.ghi",
        token="abc.def.ghi",
        jwt_secret="s3cr3t",
        note="bearer abc.def.ghi",
        headers={"Authorization": "Basic dXNlcjpwYXNz", "accept": "application/json"},
        path="/cases",
    )

    [line] = lines(capsys)
    assert line["authorization"] == REDACTED
    assert line["token"] == REDACTED
    assert line["jwt_secret"] == REDACTED
    assert line["note"] == REDACTED
    assert line["headers"] == {"Authorization": REDACTED, "accept": "application/json"}
    assert line["path"] == "/cases"


def test_exceptions_are_rendered_with_their_stack(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging("referrals", "INFO")

    try:
        raise ValueError("boom")
    except ValueError:
        log.exception("relay.failed")

    [line] = lines(capsys)
    assert "Traceback" in line["exception"]
    assert "ValueError: boom" in line["exception"]


def test_request_context_restores_the_context_exactly() -> None:
    bind_request_context("outer", case_id="case-1")

    with request_context("inner", causation_id="evt-1"):
        structlog.contextvars.bind_contextvars(case_id="case-2", extra="x")
        assert bound_correlation_id() == "inner"
        assert bound_causation_id() == "evt-1"

    assert structlog.contextvars.get_contextvars() == {
        "correlation_id": "outer",
        "case_id": "case-1",
    }


def test_request_context_restores_even_when_the_block_raises() -> None:
    with pytest.raises(RuntimeError), request_context("inner"):
        raise RuntimeError("handler failed")

    assert bound_correlation_id() is None


def test_nothing_bound_reads_as_none() -> None:
    assert bound_correlation_id() is None
    assert bound_causation_id() is None
