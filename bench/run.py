"""The noncoop benchmark (``make bench``): not a test, a measurement. See docs/benchmarks.md.

1. case registration over HTTP at N concurrent clients against ``python -m referrals``;
2. (a) the relay's lag from a 201 to the record on Kafka under that load, (b) the outbox relay's
   raw throughput on a pre-filled outbox;
3. only with ``--rebuild-events N``: a full rebuild of every reporting projection from a log of
   N events, against the raw-read ceiling of the same topic (the faster of aiokafka and
   confluent-kafka reading and decoding it; once, not ``--repeat`` times);
4. the end-to-end lag, command accepted -> visible in reporting's procedural state, at a steady
   ``--lag-rate`` commands/s against all four services (once, not ``--repeat`` times).

Each figure is measured ``--repeat`` times, every round on a fresh database and topic pair (and
service process), and the median is reported. The table goes to stdout, the figures to
``.bench/results.json``. Exits 1 if a request failed or an event went missing.

Needs ``NONCOOP_POSTGRES_DSN`` and ``NONCOOP_KAFKA_BOOTSTRAP_SERVERS`` (``deploy/local/stack env``).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import sys
from typing import Any

from infra import ROOT, Stack
from lagbench import LagConfig, lag_problems, lag_round, render_lag
from rebuildbench import (
    EVENTS_PER_CASE,
    RebuildConfig,
    rebuild_problems,
    rebuild_round,
    render_rebuild,
)
from registration import RegistrationConfig, registration_round
from relaybench import RelayConfig, relay_round
from report import (
    LAG_ROWS,
    REGISTRATION_ROWS,
    RELAY_ROWS,
    machine_info,
    medians,
    render,
    write_json,
)

from noncoop_shared.logging import configure_logging

OUTPUT = ROOT / ".bench" / "results.json"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=3000, help="measured POSTs per round")
    parser.add_argument("--clients", type=int, default=16, help="concurrent HTTP clients")
    parser.add_argument("--warmup", type=int, default=100, help="unmeasured POSTs first")
    parser.add_argument("--relay-events", type=int, default=50_000, help="events in the outbox")
    parser.add_argument("--relay-streams", type=int, default=5_000, help="streams they span")
    parser.add_argument("--repeat", type=int, default=3, help="rounds; the median is reported")
    parser.add_argument(
        "--rebuild-events",
        type=int,
        default=0,
        help="events in the log of the rebuild figure (one round; 0: skipped)",
    )
    parser.add_argument(
        "--rebuild-cases",
        type=int,
        default=0,
        help=f"cases those events belong to (default: events / {EVENTS_PER_CASE})",
    )
    parser.add_argument(
        "--rebuild-only", action="store_true", help="only the rebuild figure, not 1 and 2"
    )
    parser.add_argument(
        "--rebuild-rounds",
        type=int,
        default=1,
        help="raw reads and rebuilds of the one generated log (the median is given)",
    )
    lag = parser.add_argument_group("figure 4, end-to-end lag (one round)")
    lag.add_argument("--lag-rate", type=float, default=50.0, help="commands/s, open loop")
    lag.add_argument(
        "--lag-duration", type=float, default=60.0, help="measured seconds (0: skipped)"
    )
    lag.add_argument("--lag-warmup", type=float, default=10.0, help="seconds sent first")
    lag.add_argument("--lag-poll-ms", type=float, default=5.0, help="procedural state poll")
    lag.add_argument("--lag-only", action="store_true", help="only the lag figure")
    args = parser.parse_args(argv)
    if args.lag_only and args.rebuild_only:
        parser.error("--lag-only and --rebuild-only exclude each other")
    if args.lag_only and not args.lag_duration:
        parser.error("--lag-only needs a --lag-duration above 0")
    if args.lag_rate <= 0 or args.lag_duration < 0 or args.lag_warmup < 0 or args.lag_poll_ms <= 0:
        parser.error("--lag-rate and --lag-poll-ms must be above 0, the durations not negative")
    if args.rebuild_events < 0 or args.rebuild_cases < 0:
        parser.error("--rebuild-events and --rebuild-cases must not be negative")
    if args.rebuild_only and not args.rebuild_events:
        parser.error("--rebuild-only needs --rebuild-events")
    for name in ("requests", "clients", "relay_events", "relay_streams", "repeat"):
        if getattr(args, name) < 1:
            parser.error(f"--{name.replace('_', '-')} must be at least 1")
    return args


def progress(message: str) -> None:
    print(f"  .. {message}", file=sys.stderr, flush=True)


async def run(args: argparse.Namespace) -> dict[str, Any]:
    stack = Stack.from_env()
    machine = await machine_info(stack.postgres_dsn)
    registration_config = RegistrationConfig(args.requests, args.clients, args.warmup)
    relay_config = RelayConfig(args.relay_events, args.relay_streams)

    rounds = 0 if args.rebuild_only or args.lag_only else args.repeat
    registrations = []
    for n in range(1, rounds + 1):
        figures = await registration_round(
            stack, registration_config, round_no=n, log_dir=OUTPUT.parent
        )
        progress(f"registration round {n}: {figures['commands_per_s']} commands/s")
        registrations.append(figures)
    relays = []
    for n in range(1, rounds + 1):
        figures = await relay_round(stack, relay_config)
        progress(f"relay round {n}: {figures['events_per_s']} events/s")
        relays.append(figures)
    rebuilt = None
    if args.rebuild_events and not args.lag_only:
        cases = args.rebuild_cases or max(1, args.rebuild_events // EVENTS_PER_CASE)
        rebuilt = await rebuild_round(
            stack,
            RebuildConfig(args.rebuild_events, cases, rounds=args.rebuild_rounds),
            progress,
        )

    lagged = None
    if args.lag_duration and not args.rebuild_only:
        lag_config = LagConfig(
            rate=args.lag_rate,
            duration_s=args.lag_duration,
            warmup_s=args.lag_warmup,
            poll_ms=args.lag_poll_ms,
        )
        lagged = await lag_round(stack, lag_config, log_dir=OUTPUT.parent, progress=progress)
        progress(f"lag: p99 {lagged['lag_ms']['p99']} ms")

    machine["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    problems = checks(registrations, relays, args)
    if rebuilt is not None:
        problems += rebuild_problems(rebuilt)
    if lagged is not None:
        problems += lag_problems(lagged)
    results = {
        "config": vars(args),
        "machine": machine,
        "registration": {
            "rounds": registrations,
            "median": medians(registrations, REGISTRATION_ROWS + LAG_ROWS) if rounds else {},
        },
        "relay": {"rounds": relays, "median": medians(relays, RELAY_ROWS) if rounds else {}},
        "ok": not problems,
        "problems": problems,
    }
    if rebuilt is not None:
        results["rebuild"] = rebuilt
    if lagged is not None:
        results["lag"] = lagged
    return results


def checks(
    registrations: list[dict[str, Any]], relays: list[dict[str, Any]], args: argparse.Namespace
) -> list[str]:
    """What must hold for the figures to mean anything: no failed request, nothing lost."""
    problems = []
    errors = sum(r["errors"] for r in registrations)
    if errors:
        samples = [s for r in registrations for s in r["error_samples"]][:3]
        problems.append(f"{errors} non-201 responses (e.g. {samples})")
    missing = sum(r["accepted"] - r["lag_arrived"] for r in registrations)
    if missing:
        problems.append(f"{missing} registered cases never reached the topic")
    for n, relay in enumerate(relays, start=1):
        if relay["records_on_topic"] != args.relay_events or relay["backlog_after"] != 0:
            problems.append(
                f"relay round {n}: {relay['records_on_topic']} records on the topic and "
                f"{relay['backlog_after']} left in the outbox, expected {args.relay_events} and 0"
            )
    return problems


async def run_until_terminated(args: argparse.Namespace) -> dict[str, Any]:
    """:func:`run`, cancelled by SIGTERM as Ctrl-C cancels it: the cancellation unwinds through
    the context managers that spawned the services, which stop them. Without this, SIGTERM
    ended the benchmark at once and left its services running, holding ports and CPU."""
    main_task = asyncio.current_task()
    assert main_task is not None  # a coroutine run by asyncio.run is a task
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, main_task.cancel)
    return await run(args)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    # NONCOOP_BENCH_LOG_LEVEL=INFO shows what the code under test logs, such as the rebuild's
    # seconds per phase (``rebuild.loaded``): docs/benchmarks.md, figure 3's profile.
    configure_logging("bench", os.environ.get("NONCOOP_BENCH_LOG_LEVEL", "WARNING"))
    try:
        results = asyncio.run(run_until_terminated(args))
    except asyncio.CancelledError:
        progress("terminated (SIGTERM): the services it started are stopped, no figures written")
        return 128 + signal.SIGTERM
    output = OUTPUT
    if args.rebuild_only:
        output = OUTPUT.with_name("rebuild.json")  # keeps the full run's figures
    elif args.lag_only:
        output = OUTPUT.with_name("lag.json")
    else:
        print(render(results))
    if "rebuild" in results:
        print(render_rebuild(results["rebuild"]))
    if "lag" in results:
        print(render_lag(results["lag"]))
        if args.lag_only and not results["ok"]:
            print("checks: FAILED: " + "; ".join(results["problems"]))
    write_json(results, output)
    print(f"figures written to {output.relative_to(ROOT)}")
    return 0 if results["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
