"""Figure 4: end-to-end lag, from a command accepted to its effect in the procedural state.

On a scratch topic, the four services run as processes (``system.running_system``), each on
its own scratch database, with one keyring database for all four, as deployed. An open-loop
generator puts ``rate`` commands a second on a queue at fixed, scheduled times (command *i* at
``start + i / rate``) for ``warmup_s`` and then ``duration_s``; ``connections`` workers, each
with its own keep-alive connection, send them, so a slow response holds up one worker, not the
schedule. Only the commands scheduled in the second window are measured. The mix (``lagmix``)
is new 7(a) and 7(b) cases and follow-ups on earlier cases, each with its own
``Idempotency-Key``. ``lagwatch`` polls reporting's ``procedural_state``
for each accepted command until its effect shows, and reads the topic to split the lag at the
relay; ``lagcost`` says what the load cost (CPU, transactions) and how busy the machine was.

All times are ``time.perf_counter()`` of this process: *scheduled* when the command was due,
*sent* just before the POST, *accepted* when its 2xx arrived, *on the topic* when the probe read
the event, *visible* at the start of the first poll that saw it.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import os
import secrets
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
from infra import Stack, scratch
from lagcost import CostMeter
from lagmix import CommandMix, Kind
from lagwatch import TopicProbe, Tracked, VisibilityPoller
from summary import latency_summary_ms
from system import running_system

from noncoop_shared.auth.tokens import mint_token

# The targets for "writes visible at once" (docs/benchmarks.md): a miss is printed, not a failure.
TARGET_P50_MS = 40.0
TARGET_P99_MS = 150.0
TARGET_CPU_MS_PER_COMMAND = 10.0
TARGET_TRANSACTIONS_PER_RECORD = 2.0


@dataclass(frozen=True)
class LagConfig:
    rate: float = 50.0
    duration_s: float = 60.0
    warmup_s: float = 10.0
    poll_ms: float = 5.0
    connections: int = 16
    drain_s: float = 30.0
    seed: int = 20261130


@dataclass
class Load:
    """What the generator sent and got back."""

    tracked: list[Tracked] = field(default_factory=list)
    sent_all: int = 0  # warm-up included
    sent: Counter[str] = field(default_factory=Counter)  # kind -> commands (measured only)
    errors: list[str] = field(default_factory=list)  # warm-up included
    sent_at: list[float] = field(default_factory=list)  # measured only
    late_s: list[float] = field(default_factory=list)  # sent - scheduled (measured only)
    http_s: list[float] = field(default_factory=list)  # accepted - sent (measured only)


class Generator:
    """Sends the mix at fixed times; hands every accepted command to the poller."""

    def __init__(self, config: LagConfig, url: str, secret: str, poller: VisibilityPoller) -> None:
        self._config = config
        self._url = url
        self._poller = poller
        self._mix = CommandMix(label=uuid.uuid4().hex[:8], seed=config.seed)
        self._tokens = {
            role: mint_token(secret, role=role, sub=f"bench-{role}", ttl=timedelta(hours=2))
            for role in ("court", "secretariat", "president")
        }
        self.load = Load()

    async def run(self) -> float:
        """Send everything; returns the measured window's length (seconds)."""
        config = self._config
        queue: asyncio.Queue[tuple[float, bool] | None] = asyncio.Queue()
        async with contextlib.AsyncExitStack() as exits:
            # One keep-alive connection per worker: a worker stuck on a slow response leaves
            # the others sending, and the queue (not a pool's waiting list) absorbs a backlog.
            https = [
                await exits.enter_async_context(httpx.AsyncClient(base_url=self._url, timeout=30))
                for _ in range(config.connections)
            ]
            workers = [asyncio.create_task(self._worker(http, queue)) for http in https]
            start = time.perf_counter() + 0.1
            measure_from = start + config.warmup_s
            end = measure_from + config.duration_s
            for i in itertools.count():
                scheduled = start + i / config.rate
                if scheduled >= end:
                    break
                await asyncio.sleep(max(0.0, scheduled - time.perf_counter()))
                queue.put_nowait((scheduled, scheduled >= measure_from))
            for _ in workers:
                queue.put_nowait(None)
            await asyncio.gather(*workers)
        return end - measure_from

    async def _worker(
        self, http: httpx.AsyncClient, queue: asyncio.Queue[tuple[float, bool] | None]
    ) -> None:
        while (job := await queue.get()) is not None:
            await self._send(http, *job)

    async def _send(self, http: httpx.AsyncClient, scheduled: float, measured: bool) -> None:
        command = self._mix.next()
        headers = {
            "Authorization": f"Bearer {self._tokens[command.role]}",
            "Idempotency-Key": str(uuid.uuid4()),
        }
        sent = time.perf_counter()
        self.load.sent_all += 1
        if measured:
            self.load.sent[command.kind] += 1
            self.load.sent_at.append(sent)
            self.load.late_s.append(sent - scheduled)
        try:
            response = await http.post(command.path, json=command.body, headers=headers)
        except httpx.HTTPError as error:
            self.load.errors.append(f"{command.kind}: {error!r}")
            return
        accepted, accepted_wall = time.perf_counter(), time.time()
        if measured:
            self.load.http_s.append(accepted - sent)
        if not response.is_success:
            self.load.errors.append(f"{command.kind}: {response.status_code} {response.text[:200]}")
            return
        answer = response.json()
        tracked = Tracked(
            command.kind,
            answer["case_id"],
            answer["events"][0]["id"],
            measured,
            scheduled,
            accepted,
            accepted_wall,
        )
        self.load.tracked.append(tracked)
        self._mix.accepted(command.kind, tracked.case_id, accepted)
        self._poller.watch(tracked)


async def lag_round(
    stack: Stack, config: LagConfig, *, log_dir: Path, progress: Callable[[str], None]
) -> dict[str, Any]:
    """One run of the figure on a fresh topic, databases and service processes."""
    secret = secrets.token_hex(32)
    load_before = os.getloadavg()
    async with (
        scratch(stack) as where,
        running_system(stack, where, jwt_secret=secret, log_dir=log_dir / "lag") as system,
    ):
        services = system.services
        progress(f"lag: 4 services ready; {config.warmup_s + config.duration_s:.0f} s of load")
        poller = VisibilityPoller(services["reporting"].database_url, config.poll_ms / 1000)
        probe = TopicProbe(stack.kafka, where.topic)
        await poller.start()
        await probe.start()
        meter = CostMeter(stack, services, system.databases())
        generator = Generator(config, services["referrals"].url, secret, poller)
        await meter.start(
            records=await probe.appended(), polls=len(poller.stats.queries_s), commands=0
        )
        try:
            window_s = await generator.run()
            cost = await meter.stop(
                records=await probe.appended(),
                polls=len(poller.stats.queries_s),
                commands=generator.load.sent_all,
            )
            drain_started = time.perf_counter()
            await poller.drained(config.drain_s)
            drained_s = time.perf_counter() - drain_started
            exited = [name for name, s in services.items() if s.process.returncode is not None]
        finally:
            await poller.stop()
            await probe.stop()
    figures = _figures(config, generator.load, window_s, poller, probe)
    figures["drain_after_load_s"] = round(drained_s, 3)
    figures["services_exited"] = exited
    figures.update(cost)
    figures["load_average"] = {
        "before": [round(x, 2) for x in load_before],
        "after": [round(x, 2) for x in os.getloadavg()],
    }
    return figures


def _figures(
    config: LagConfig,
    load: Load,
    window_s: float,
    poller: VisibilityPoller,
    probe: TopicProbe,
) -> dict[str, Any]:
    measured = [t for t in load.tracked if t.measured]
    visible = [t for t in measured if t.visible is not None]
    on_topic = [t for t in measured if t.event_id in probe.first_seen]
    per_kind = {
        kind.value: latency_summary_ms(
            [t.visible - t.accepted for t in visible if t.kind is kind and t.visible]
        )
        for kind in Kind
    }
    return {
        "config": asdict(config),
        "sent": sum(load.sent.values()),
        "sent_by_kind": dict(load.sent),
        "scheduled_per_s": round(sum(load.sent.values()) / window_s, 2),
        # What the workers managed: below the schedule when the service could not keep up.
        "commands_per_s": round(_rate(load.sent_at), 2),
        "accepted": len(measured),
        "accepted_per_s": round(len(measured) / window_s, 2),
        "errors": len(load.errors),
        "error_samples": load.errors[:5],
        "visible": len(visible),
        "never_visible_samples": [
            f"{t.kind} {t.case_id}" for t in load.tracked if t.visible is None
        ][:5],
        "never_visible": len(measured)
        - len(visible)
        + sum(1 for t in load.tracked if not t.measured and t.visible is None),
        "lag_ms": latency_summary_ms([t.visible - t.accepted for t in visible if t.visible]),
        "sent_to_visible_ms": latency_summary_ms(
            [t.visible - t.scheduled for t in visible if t.visible]
        ),
        "http_ms": latency_summary_ms(load.http_s),
        "send_late_ms": latency_summary_ms(load.late_s),
        "accepted_to_topic_ms": latency_summary_ms(
            [probe.first_seen[t.event_id] - t.accepted for t in on_topic]
        ),
        "accepted_to_relay_send_ms": latency_summary_ms(
            [probe.created_wall[t.event_id] - t.accepted_wall for t in on_topic]
        ),
        "topic_to_visible_ms": latency_summary_ms(
            [t.visible - probe.first_seen[t.event_id] for t in on_topic if t.visible]
        ),
        "seen_on_topic": len(on_topic),
        "lag_by_kind_ms": per_kind,
        "poll_period_ms": latency_summary_ms(poller.stats.periods_s),
        "poll_query_ms": latency_summary_ms(poller.stats.queries_s),
        "polls": len(poller.stats.queries_s),
        "records_on_topic": probe.records,
        "target_p50_ms": TARGET_P50_MS,
        "target_p99_ms": TARGET_P99_MS,
        "target_cpu_ms_per_command": TARGET_CPU_MS_PER_COMMAND,
        "target_transactions_per_record": TARGET_TRANSACTIONS_PER_RECORD,
    }


def _rate(times: list[float]) -> float:
    return (len(times) - 1) / (max(times) - min(times)) if len(times) > 1 else 0.0


def lag_problems(figures: dict[str, Any]) -> list[str]:
    """What must hold for the lag figure to mean anything (missing the target is not one)."""
    problems = []
    if figures["errors"]:
        problems.append(
            f"lag: {figures['errors']} failed commands (e.g. {figures['error_samples']})"
        )
    if figures["services_exited"]:
        problems.append(f"lag: services exited during the run: {figures['services_exited']}")
    if figures["never_visible"]:
        problems.append(
            f"lag: {figures['never_visible']} accepted commands never became visible"
            f" (e.g. {figures['never_visible_samples']})"
        )
    return problems


def render_lag(figures: dict[str, Any]) -> str:
    config = figures["config"]
    lag = figures["lag_ms"]
    verdict = (
        "met"
        if lag["p50"] <= figures["target_p50_ms"] and lag["p99"] <= figures["target_p99_ms"]
        else "MISSED"
    )
    cpu = figures["cpu_ms_per_command"].get("whole machine")
    cpu_verdict = (
        "n/a" if cpu is None else "met" if cpu <= figures["target_cpu_ms_per_command"] else "MISSED"
    )
    worst = max(figures["commits_per_record"].values(), default=0.0)
    commits_verdict = "met" if worst <= figures["target_transactions_per_record"] else "MISSED"
    lines = [
        f"4. end-to-end lag: {config['rate']:g} commands/s open loop, {config['duration_s']:g} s"
        f" measured after {config['warmup_s']:g} s warm-up, 4 services; visible = reporting's"
        f" procedural_state (DB poll every {config['poll_ms']:g} ms)",
        _row(
            "commands/s scheduled / sent (achieved)",
            f"{figures['scheduled_per_s']:,.1f} / {figures['commands_per_s']:,.1f}",
        ),
        _row(
            "accepted (2xx) / errors (warm-up included)",
            f"{figures['accepted']:,} / {figures['errors']}",
        ),
        _row("accepted -> visible p50 / p95 / p99 (ms)", _triple(lag)),
        _row("accepted -> visible max (ms)", lag["max"]),
        _row(
            f"target p50 <= {figures['target_p50_ms']:g} ms,"
            f" p99 <= {figures['target_p99_ms']:g} ms",
            verdict,
        ),
        _row("scheduled send -> visible p50 / p99 (ms)", _pair(figures["sent_to_visible_ms"])),
        _row("  sent -> accepted (HTTP) p50 / p99 (ms)", _pair(figures["http_ms"])),
        _row("  accepted -> on the topic p50 / p99 (ms)", _pair(figures["accepted_to_topic_ms"])),
        _row(
            "    accepted -> relay's send (CreateTime) p50 / p99",
            _pair(figures["accepted_to_relay_send_ms"]),
        ),
        _row("  on the topic -> visible p50 / p99 (ms)", _pair(figures["topic_to_visible_ms"])),
        *(
            _row(f"  {kind} p50 / p99 (ms)", _pair(summary))
            for kind, summary in figures["lag_by_kind_ms"].items()
        ),
        _row("visible / never visible", f"{figures['visible']:,} / {figures['never_visible']}"),
        _row("poll period p50 / p99 (ms)", _pair(figures["poll_period_ms"])),
        _row(
            "send lateness (sent - scheduled) p99 / max (ms)", _pair(figures["send_late_ms"], "max")
        ),
        _row(
            "cost window: s / commands sent / records appended",
            f"{figures['cost_window_s']:,.1f} / {figures['commands_in_window']:,}"
            f" / {figures['records_appended_in_window']:,}",
        ),
        _row("transactions per record appended, per database:", ""),
        *(_row(f"  {name}", f"{n:g}") for name, n in figures["commits_per_record"].items()),
        _row(
            f"target <= {figures['target_transactions_per_record']:g} transactions per record",
            commits_verdict,
        ),
        _row("CPU during the load: % of one core / ms per command", ""),
        *(
            _row(f"  {name}", f"{percent:g} / {figures['cpu_ms_per_command'][name]:g}")
            for name, percent in figures["cpu_percent_of_a_core"].items()
        ),
        _row(
            f"target whole machine <= {figures['target_cpu_ms_per_command']:g} ms per command",
            cpu_verdict,
        ),
        _row(
            "CPU pressure (some task waiting for a CPU), % of time",
            figures.get("cpu_pressure_percent", "n/a"),
        ),
        _row(
            "load average before / after",
            f"{figures['load_average']['before'][0]} / {figures['load_average']['after'][0]}",
        ),
    ]
    return "\n".join(lines)


def _row(label: str, value: object) -> str:
    text = f"{value:,.1f}" if isinstance(value, float) else str(value)
    return f"   {label:<52}{text:>30}"


def _pair(summary: dict[str, float], high: str = "p99") -> str:
    first = "p99" if high == "max" else "p50"
    return f"{summary[first]:,.1f} / {summary[high]:,.1f}"


def _triple(summary: dict[str, float]) -> str:
    return f"{summary['p50']:,.1f} / {summary['p95']:,.1f} / {summary['p99']:,.1f}"
