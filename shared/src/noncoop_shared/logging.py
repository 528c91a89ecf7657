"""Structured logs: one JSON object per line on stdout, with the request's ids in every line.

Every line carries ``timestamp`` (ISO 8601, UTC), ``level``, ``logger``, ``service``, ``event``
(a dotted name: ``outbox.published``) and whatever is bound in the context: ``correlation_id``,
``causation_id``, ``case_id``. The correlation middleware binds the request's ids; a consumer
binds the ids of the event it handles (correlation of the event, causation = its id).

Credentials never reach the output: :func:`redact_secrets` blanks any field named like one
(``authorization``, ``token``, ``secret``...) and any string that starts with ``Bearer ``. Code must
still not log tokens or headers on purpose; this is the safety net.

Standard-library loggers (uvicorn, aiokafka, asyncpg) go through the same renderer, so the whole
output is JSON; run uvicorn with ``log_config=None`` so it does not install its own handlers.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator, Mapping, MutableMapping
from contextlib import contextmanager
from typing import Any

import structlog
from structlog.types import EventDict, Processor, WrappedLogger

REDACTED = "[redacted]"
_SECRET_FIELDS = frozenset(
    {
        "authorization",
        "proxy-authorization",
        "cookie",
        "set-cookie",
        "token",
        "access_token",
        "refresh_token",
        "bearer",
        "jwt",
        "jwt_secret",
        "secret",
        "password",
    }
)


def _redact(mapping: MutableMapping[str, Any]) -> None:
    for key, value in mapping.items():
        is_bearer = isinstance(value, str) and value[:7].lower() == "bearer "
        if is_bearer or key.lower() in _SECRET_FIELDS:
            mapping[key] = REDACTED
        elif isinstance(value, MutableMapping):
            _redact(value)
        elif isinstance(value, Mapping):
            copy = dict(value)
            _redact(copy)
            mapping[key] = copy


def redact_secrets(logger: WrappedLogger, method_name: str, event_dict: EventDict) -> EventDict:
    """Processor blanking credentials, at any depth of nested mappings (e.g. ``headers=``)."""
    _redact(event_dict)
    return event_dict


def _add_service(service: str) -> Processor:
    def add_service(logger: WrappedLogger, method_name: str, event_dict: EventDict) -> EventDict:
        event_dict.setdefault("service", service)
        return event_dict

    return add_service


class _StdoutHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to ``sys.stdout`` as it is when a line is written, not when logging was configured.

    So a replaced stdout (pytest's capture, a supervisor's redirect) is followed, never a stale
    or closed stream. Its class also marks the handler this module installed, so configuring
    again replaces it instead of adding a second one.
    """

    def __init__(self) -> None:
        super().__init__()

    @property
    def stream(self) -> Any:
        return sys.stdout

    @stream.setter
    def stream(self, value: Any) -> None:
        """Ignored: the stream is always the current ``sys.stdout``."""


def configure_logging(service: str, level: str = "INFO") -> None:
    """Send structlog and standard-library logs, as JSON, to stdout. Idempotent.

    ``level`` is a standard level name (``DEBUG``, ``INFO``...); raises ``ValueError`` otherwise.
    """
    numeric_level = logging.getLevelNamesMapping().get(level.upper())
    if numeric_level is None:
        raise ValueError(f"unknown log level {level!r}")

    shared: list[Processor] = [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        _add_service(service),
        redact_secrets,
    ]
    structlog.configure(
        processors=[
            structlog.stdlib.filter_by_level,
            *shared,
            structlog.processors.StackInfoRenderer(),
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        # Not cached: tests (structlog.testing.capture_logs) and a second configure_logging must
        # reach loggers created at import time; the lookup it saves is negligible next to IO.
        cache_logger_on_first_use=False,
    )

    handler = _StdoutHandler()
    handler.setFormatter(
        structlog.stdlib.ProcessorFormatter(
            foreign_pre_chain=shared,
            processors=[
                structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                structlog.processors.format_exc_info,
                structlog.processors.JSONRenderer(),
            ],
        )
    )
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h, _StdoutHandler)]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(numeric_level)


def bind_request_context(
    correlation_id: str, causation_id: str | None = None, case_id: str | None = None
) -> None:
    """Bind ids into the current context: every later log line of this task carries them.

    ``None`` leaves a key as it is, so a handler can add ``case_id`` once it knows it.
    """
    given = {"correlation_id": correlation_id, "causation_id": causation_id, "case_id": case_id}
    structlog.contextvars.bind_contextvars(**{k: v for k, v in given.items() if v is not None})


@contextmanager
def request_context(
    correlation_id: str, causation_id: str | None = None, case_id: str | None = None
) -> Iterator[None]:
    """Bind ids for the duration of a block, then restore the context exactly as it was.

    Restores everything, including what code inside the block bound itself (a ``case_id``), so
    nothing of one request or one consumed event leaks into the next one handled by the task.
    """
    before = structlog.contextvars.get_contextvars()
    bind_request_context(correlation_id, causation_id, case_id)
    try:
        yield
    finally:
        structlog.contextvars.clear_contextvars()
        structlog.contextvars.bind_contextvars(**before)


def bound_correlation_id() -> str | None:
    """The correlation id bound in the current context, if any."""
    value = structlog.contextvars.get_contextvars().get("correlation_id")
    return value if isinstance(value, str) else None


def bound_causation_id() -> str | None:
    """The causation id bound in the current context, if any."""
    value = structlog.contextvars.get_contextvars().get("causation_id")
    return value if isinstance(value, str) else None
