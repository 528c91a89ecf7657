"""Traces across the write path and the log (docs/adr/0029-traces-at-our-own-seams.md).

One trace follows a command: the HTTP request, the command's transaction, the append (whose
W3C ``traceparent`` is stored on the outbox row, because the relay sends the record later, in
another task), the relay's send (which puts its own ``traceparent`` in the Kafka record's
**headers**, never in the envelope: that is hashed and signed), then each consumer's read of the
record and its handlers' apply.

Spans are opened with the OpenTelemetry API only. Until :func:`configure_tracing` installs the
SDK (an OTLP endpoint is configured), every span is the API's non-recording one and nothing is
stored or sent: no ``traceparent`` on the outbox row, no header on the record.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Mapping, Sequence
from contextlib import AbstractContextManager

import structlog
from opentelemetry import context as otel_context
from opentelemetry import trace
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

log = structlog.get_logger("noncoop.tracing")

TRACEPARENT = "traceparent"
"""The W3C trace-context header: on HTTP requests, on Kafka records, and in ``outbox``."""

tracer = trace.get_tracer("noncoop")
"""A proxy: it opens non-recording spans until a provider is installed, then real ones."""

# W3C trace context only, not the global composite (which adds baggage): what we read from a
# caller or a record is a trace position, never data.
_PROPAGATOR = TraceContextTextMapPropagator()

_ENDPOINT_VARIABLES = ("OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")


def configure_tracing(service_name: str) -> bool:
    """Install the SDK with an OTLP/HTTP exporter when an endpoint is configured (the standard
    ``OTEL_EXPORTER_OTLP_*`` variables, read by the exporter itself) and ``OTEL_SDK_DISABLED``
    is not ``true``. Returns whether traces are exported. Once per process: a second call, or a
    provider someone installed before (a test), is left as it is."""
    if not any(os.environ.get(name) for name in _ENDPOINT_VARIABLES):
        return False
    if os.environ.get("OTEL_SDK_DISABLED", "").lower() == "true":
        return False
    if not isinstance(trace.get_tracer_provider(), trace.ProxyTracerProvider):
        return True
    # Imported here: a process that exports nothing never loads the SDK nor protobuf.
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    from opentelemetry.sdk.resources import OTELResourceDetector, Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor

    # OTEL_SERVICE_NAME / OTEL_RESOURCE_ATTRIBUTES, when set, win over the service's own name.
    resource = Resource.create({"service.name": service_name}).merge(
        OTELResourceDetector().detect()
    )
    provider = TracerProvider(resource=resource)
    provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
    trace.set_tracer_provider(provider)
    log.info("tracing.configured", service=service_name)
    return True


_NO_SPAN = contextlib.nullcontext()


def tracing_installed() -> bool:
    """Whether a tracer provider is installed (by :func:`configure_tracing`, or a test)."""
    return not isinstance(trace.get_tracer_provider(), trace.ProxyTracerProvider)


def span(name: str, attributes: Mapping[str, str | int]) -> AbstractContextManager[object]:
    """An internal span of the write path, current while the block runs. Without a provider,
    nothing at all: the API's non-recording spans cost ~10 us per command on this path (two
    spans and a traceparent lookup), this check ~0.3 us (ADR 0029). A refusal or a lost race
    raised through it is an answer, not a failure: the span is not marked as an error."""
    if not tracing_installed():
        return _NO_SPAN
    return tracer.start_as_current_span(
        name, attributes=dict(attributes), set_status_on_exception=False
    )


def current_traceparent() -> str | None:
    """The ``traceparent`` of the current span, ``None`` when it records nothing."""
    if not tracing_installed():
        return None
    span_context = trace.get_current_span().get_span_context()
    if not span_context.is_valid:
        return None
    carrier: dict[str, str] = {}
    _PROPAGATOR.inject(carrier)
    return carrier.get(TRACEPARENT)


def traceparent_of(span: trace.Span) -> str | None:
    """The ``traceparent`` naming ``span`` as the parent, ``None`` for an invalid span."""
    if not span.get_span_context().is_valid:
        return None
    carrier: dict[str, str] = {}
    _PROPAGATOR.inject(carrier, context=trace.set_span_in_context(span))
    return carrier.get(TRACEPARENT)


def parent_context(traceparent: str | None) -> otel_context.Context | None:
    """The context a ``traceparent`` names (a remote parent), ``None`` for none or a bad one."""
    if not traceparent:
        return None
    extracted = _PROPAGATOR.extract({TRACEPARENT: traceparent})
    if not trace.get_current_span(extracted).get_span_context().is_valid:
        return None
    return extracted


def record_traceparent(headers: Iterable[tuple[str, bytes]] | None) -> str | None:
    """The ``traceparent`` header of a Kafka record, if it has one."""
    for key, value in headers or ():
        if key == TRACEPARENT:
            return value.decode("ascii", "replace")
    return None


def record_headers(traceparent: str | None) -> Sequence[tuple[str, bytes]] | None:
    """The headers of a record sent with ``traceparent`` (``None``: no headers at all)."""
    return [(TRACEPARENT, traceparent.encode("ascii"))] if traceparent else None
