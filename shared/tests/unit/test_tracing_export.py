"""Traces leave the process over OTLP/HTTP when an endpoint is configured (ADR 0029): a child
process configures tracing as a service does, with ``OTEL_EXPORTER_OTLP_ENDPOINT`` pointing at
a receiver of this test's own, opens a span and shuts down; the receiver gets the export.

A child process, because OpenTelemetry installs its tracer provider once per process and the
test session has its own (``testing.in_memory_spans``)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CHILD = """
from opentelemetry import trace
from noncoop_shared.tracing import configure_tracing, span
assert configure_tracing("referrals")
with span("command.transaction", {"noncoop.stream": "case:c-1"}):
    pass
trace.get_tracer_provider().shutdown()  # flushes the batch processor
"""


def test_with_an_otlp_endpoint_a_span_is_exported_over_http() -> None:
    received: list[tuple[str, str, bytes]] = []

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            received.append((self.path, self.headers.get("Content-Type", ""), body))
            self.send_response(200)
            self.send_header("Content-Type", "application/x-protobuf")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *_: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        environment = {
            key: value for key, value in os.environ.items() if not key.startswith("OTEL_")
        }
        environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = f"http://127.0.0.1:{server.server_port}"
        ran = subprocess.run(
            [sys.executable, "-c", CHILD],
            env=environment,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert ran.returncode == 0, ran.stderr[-3000:]
    finally:
        server.shutdown()
        server.server_close()
    assert received, "nothing was exported"
    path, content_type, body = received[0]
    assert path == "/v1/traces"
    assert content_type == "application/x-protobuf"
    assert b"command.transaction" in body and b"referrals" in body


def test_without_an_endpoint_nothing_is_configured() -> None:
    child = (
        "from noncoop_shared.tracing import configure_tracing, tracing_installed\n"
        "assert not configure_tracing('referrals') and not tracing_installed()\n"
    )
    environment = {key: value for key, value in os.environ.items() if not key.startswith("OTEL_")}
    ran = subprocess.run(
        [sys.executable, "-c", child], env=environment, capture_output=True, text=True, timeout=60
    )
    assert ran.returncode == 0, ran.stderr[-3000:]
