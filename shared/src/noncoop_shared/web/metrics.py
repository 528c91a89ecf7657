"""Prometheus metrics: one registry per app, request latency, and the gauges §11 asks for.

What a scrape shows depends on who asks (ADR 0021): counts per route, or per kind of deadline,
tell who did what ("a good-offices contact was recorded at 10:02"), so those *revealing* series go
only to the roles that read restricted records of every case (Secretariat, President). Anyone
else, anonymous included where ``/metrics`` is open (development), gets the rest: backlog, lag,
positions. Outside development ``/metrics`` needs a token at all (``create_app``).

The registry belongs to the app (``app.state.metrics``), not to the process-wide default, so two
apps in one test process never share or collide on series. Other modules (outbox relay,
consumers, projections, deadline scheduler) take their collectors from the app's
:class:`Metrics` with the named helpers, so every service exposes the same names.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence

from fastapi import APIRouter, Request
from fastapi.routing import iter_route_contexts
from prometheus_client import (
    CONTENT_TYPE_PLAIN_0_0_4,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    ProcessCollector,
    generate_latest,
)
from prometheus_client.metrics_core import Metric
from prometheus_client.registry import Collector
from starlette.responses import Response
from starlette.routing import BaseRoute
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from noncoop_shared.auth.dependencies import OptionalPrincipal
from noncoop_shared.auth.roles import Role
from noncoop_shared.web.problems import PROBLEM_SCOPE_KEY

NAMESPACE = "noncoop"
#: Label for requests no route matched: the raw path would make one series per probed URL.
UNMATCHED_ROUTE = "unmatched"
_KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})

_Collector = Counter | Gauge | Histogram

#: Who sees the revealing series: the roles that read restricted records of every case.
REVEALING_SERIES_READERS = frozenset({Role.SECRETARIAT, Role.PRESIDENT})


class Metrics:
    """The app's registry and its collectors. Helpers are idempotent: same name, same object."""

    def __init__(self, service: str = "") -> None:
        self.service = service
        """The ``service`` label of the series that carry one (commands, refusals)."""
        self.registry = CollectorRegistry()
        self._collectors: dict[str, _Collector] = {}
        self._revealing: set[str] = set()
        self.request_duration = self.histogram(
            "http_request_duration_seconds",
            "HTTP request latency, by method, route template and status",
            ("method", "route", "status"),
            revealing=True,
        )
        # CPU, memory, open files, start time (process_*): the app's registry is not the
        # process-wide default one, which would have them already.
        ProcessCollector(registry=self.registry)
        # Declared up front, not on first use: a scrape lists every family from the start, so
        # a dashboard (deploy/grafana/noncoop.json) finds its series before the first refusal.
        for declare in (
            self.commands,
            self.refusals,
            self.outbox_backlog,
            self.outbox_dead_letters,
            self.consumer_lag,
            self.projection_position,
            self.deadlines,
        ):
            declare()

    def _get_or_create(
        self,
        kind: type[_Collector],
        name: str,
        documentation: str,
        labels: Sequence[str],
        revealing: bool = False,
    ) -> _Collector:
        existing = self._collectors.get(name)
        if existing is not None:
            if not isinstance(existing, kind):
                raise ValueError(f"metric {name} already exists as a {type(existing).__name__}")
            return existing
        collector = kind(name, documentation, labels, namespace=NAMESPACE, registry=self.registry)
        self._collectors[name] = collector
        if revealing:
            self._revealing.add(f"{NAMESPACE}_{name}")
        return collector

    def counter(
        self,
        name: str,
        documentation: str,
        labels: Sequence[str] = (),
        *,
        revealing: bool = False,
    ) -> Counter:
        """``revealing``: its series tell who did what (see the module docstring)."""
        collector = self._get_or_create(Counter, name, documentation, labels, revealing)
        assert isinstance(collector, Counter)
        return collector

    def gauge(
        self,
        name: str,
        documentation: str,
        labels: Sequence[str] = (),
        *,
        revealing: bool = False,
    ) -> Gauge:
        """``revealing``: its series tell who did what (see the module docstring)."""
        collector = self._get_or_create(Gauge, name, documentation, labels, revealing)
        assert isinstance(collector, Gauge)
        return collector

    def histogram(
        self,
        name: str,
        documentation: str,
        labels: Sequence[str] = (),
        *,
        revealing: bool = False,
    ) -> Histogram:
        """``revealing``: its series tell who did what (see the module docstring)."""
        collector = self._get_or_create(Histogram, name, documentation, labels, revealing)
        assert isinstance(collector, Histogram)
        return collector

    # The gauges of docs/architecture.md §11, named once here so the four services agree on them.

    def kafka_up(self) -> Gauge:
        """1 while the broker answers, 0 while it does not: the service is degraded (ADR 0030)."""
        return self.gauge("kafka_up", "1 while Kafka answers this service, 0 while degraded")

    def outbox_backlog(self) -> Gauge:
        """Outbox rows appended but not yet published to Kafka."""
        return self.gauge("outbox_backlog", "Outbox rows not yet published to Kafka")

    def outbox_dead_letters(self) -> Gauge:
        """Events the log refused for what they are, set aside by the relay (ADR 0022)."""
        return self.gauge(
            "outbox_dead_letters", "Events set aside by the relay: the log refused them"
        )

    def consumer_lag(self) -> Gauge:
        """Per consumer (group) and partition: messages between its position and the log end."""
        return self.gauge(
            "consumer_lag_messages",
            "Messages between the consumer's position and the end of the partition",
            ("consumer", "partition"),
        )

    def projection_position(self) -> Gauge:
        """Per projection and partition: the last Kafka offset applied."""
        return self.gauge(
            "projection_position",
            "Last Kafka offset applied by the projection",
            ("projection", "partition"),
        )

    def deadlines(self) -> Gauge:
        """Deadlines by kind (``open_letter_reply``...) and state (``pending``, ``overdue``)."""
        return self.gauge(
            "deadlines", "Deadlines by kind and state", ("kind", "state"), revealing=True
        )

    def commands(self) -> Counter:
        """Commands answered, by service, command (the route's handler name) and outcome
        (``recorded``, ``replayed``, a problem kind such as ``rule-violation``, ``rejected``
        for another 4xx, ``failed`` for a 5xx). Revealing: who did what, when."""
        return self.counter(
            "commands",
            "Commands answered, by service, command and outcome",
            ("service", "command", "outcome"),
            revealing=True,
        )

    def refusals(self) -> Counter:
        """Commands refused by a rule of the procedures, by service and rule id."""
        return self.counter(
            "refusals",
            "Commands refused by a rule of the procedures, by service and rule",
            ("service", "rule"),
            revealing=True,
        )

    def add_collector(self, collector: Collector, *, revealing: Iterable[str] = ()) -> None:
        """Register a collector of our own (``observe.RuntimeTallies``); ``revealing``: the
        names of its families that tell who did what (shown to the same roles as above)."""
        self.registry.register(collector)
        self._revealing.update(revealing)

    def exposition(self, *, revealing: bool = True) -> bytes:
        """The text format; without the revealing series unless ``revealing``."""
        return generate_latest(self.registry if revealing else _Unrevealing(self))


class _Unrevealing:
    """The app's registry without its revealing families (a collector ``generate_latest`` reads)."""

    def __init__(self, metrics: Metrics) -> None:
        self._metrics = metrics

    def collect(self) -> Iterator[Metric]:
        hidden = self._metrics._revealing
        return (family for family in self._metrics.registry.collect() if family.name not in hidden)


def route_templates(routes: Sequence[BaseRoute]) -> dict[int, str]:
    """The full path template of each route (by ``id``), prefixes of included routers and all.

    FastAPI keeps an included router whole and puts the *original* route in ``scope["route"]``,
    whose own template lacks the prefixes given to ``include_router``. A route included twice
    under different prefixes has no single template and is left out.
    """
    templates: dict[int, str] = {}
    ambiguous: set[int] = set()
    for context in iter_route_contexts(routes):
        key, template = id(context.original_route), context.path_format
        if template is not None and templates.setdefault(key, template) != template:
            ambiguous.add(key)
    return {key: template for key, template in templates.items() if key not in ambiguous}


class RouteTemplates:
    """The route template a request matched (``/v1/cases/{case_id}``), or ``unmatched``."""

    def __init__(self) -> None:
        self._templates: dict[int, str] | None = None

    def __call__(self, scope: Scope) -> str:
        # One series per route template (/cases/{case_id}), never per raw path: per case, or per
        # URL a scanner probes, the series would grow without bound.
        route = scope.get("route")
        if route is None:
            return UNMATCHED_ROUTE
        if self._templates is None:
            # Lazily, on the first request: by then every router has been included.
            self._templates = route_templates(getattr(scope.get("app"), "routes", []))
        template = self._templates.get(id(route), getattr(route, "path_format", None))
        return template if isinstance(template, str) else UNMATCHED_ROUTE


_COMMAND_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def command_outcome(scope: Scope, status: int, replayed: bool) -> str:
    """How a command ended, in a few words (a bounded label)."""
    if 200 <= status < 300:
        return "replayed" if replayed else "recorded"
    problem = scope.get(PROBLEM_SCOPE_KEY)
    if isinstance(problem, str):
        return problem
    return "failed" if status >= 500 else "rejected"


class RequestMetricsMiddleware:
    """Observes every HTTP request's duration into ``metrics.request_duration``, and counts
    each command (a matched route of a writing method) into ``metrics.commands()``."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics
        self._route_template = RouteTemplates()
        self._commands = metrics.commands()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started_at = time.perf_counter()
        status = 500  # if the app raises before responding, the server answers 500
        replayed = False

        async def send_and_note_status(message: Message) -> None:
            nonlocal status, replayed
            if message["type"] == "http.response.start":
                status = message["status"]
                replayed = any(
                    name.lower() == b"idempotent-replayed" for name, _ in message.get("headers", ())
                )
            await send(message)

        try:
            await self.app(scope, receive, send_and_note_status)
        finally:
            method = scope["method"] if scope["method"] in _KNOWN_METHODS else "OTHER"
            self.metrics.request_duration.labels(
                method, self._route_template(scope), str(status)
            ).observe(time.perf_counter() - started_at)
            route = scope.get("route")
            if method in _COMMAND_METHODS and route is not None:
                self._commands.labels(
                    self.metrics.service,
                    getattr(route, "name", None) or UNMATCHED_ROUTE,
                    command_outcome(scope, status, replayed),
                ).inc()


def metrics_router() -> APIRouter:
    """``GET /metrics``: the app's registry in the Prometheus text format; the revealing series
    only for :data:`REVEALING_SERIES_READERS`."""
    router = APIRouter()

    @router.get("/metrics", include_in_schema=False)
    async def metrics(request: Request, principal: OptionalPrincipal) -> Response:
        app_metrics: Metrics = request.app.state.metrics
        revealing = principal.role in REVEALING_SERIES_READERS
        return Response(
            app_metrics.exposition(revealing=revealing), media_type=CONTENT_TYPE_PLAIN_0_0_4
        )

    return router
