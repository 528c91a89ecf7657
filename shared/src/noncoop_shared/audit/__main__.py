"""``python -m noncoop_shared.audit verify``: replay the log (and optionally the services' stores)
and report every event altered, removed, inserted or reordered (docs/architecture.md §7), or not
signed by a trusted key of the service that owns its type (ADR 0020): the trust store is
``--public-keys`` or ``$NONCOOP_EVENT_SIGNING_PUBLIC_KEYS``, else the development keys.

Exit status: 0 when everything verifies, 1 when there is any finding, 2 when the log or a store
could not be read.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import Sequence
from typing import TextIO
from urllib.parse import urlsplit, urlunsplit

import asyncpg
from aiokafka.errors import KafkaError

from noncoop_shared.audit.verify_log import (
    Finding,
    StoreRow,
    Unparseable,
    compare_store_with_log,
    read_log,
    read_store,
    verify_events,
    verify_store,
)
from noncoop_shared.kafka import AUDITOR, KafkaAccess
from noncoop_shared.signing import TrustStore


def _parser(prog: str | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=prog or "python -m noncoop_shared.audit")
    commands = parser.add_subparsers(dest="command", required=True)
    verify = commands.add_parser(
        "verify", help="verify the log's hash chains, and compare it with the stores given"
    )
    verify.add_argument(
        "--bootstrap-servers",
        default=os.environ.get("NONCOOP_KAFKA_BOOTSTRAP_SERVERS"),
        help="Kafka brokers (default: $NONCOOP_KAFKA_BOOTSTRAP_SERVERS)",
    )
    verify.add_argument(
        "--kafka-user",
        default=AUDITOR,
        help="the principal that reads the log (default: auditor, which may only read); its"
        " password from $NONCOOP_KAFKA_AUDITOR_PASSWORD (or $<SERVICE>_KAFKA_PASSWORD), the"
        " protocol and CA from $NONCOOP_KAFKA_SECURITY_PROTOCOL and $NONCOOP_KAFKA_CA_FILE",
    )
    verify.add_argument("--topic", default="noncoop.events.v1", help="the log topic")
    verify.add_argument(
        "--public-keys",
        default=os.environ.get("NONCOOP_EVENT_SIGNING_PUBLIC_KEYS"),
        metavar="TRUST",
        help="service:base64-public-key,... whose event signatures to believe "
        "(default: $NONCOOP_EVENT_SIGNING_PUBLIC_KEYS, else the development keys)",
    )
    verify.add_argument(
        "--database-url",
        action="append",
        default=[],
        metavar="DSN",
        help="a service's database; repeat for several services",
    )
    return parser


def _redact(dsn: str) -> str:
    parts = urlsplit(dsn)
    if parts.password is None:
        return dsn
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
    return urlunsplit(parts._replace(netloc=netloc))


async def _verify(args: argparse.Namespace, out: TextIO) -> int:
    if args.public_keys:
        trust = TrustStore.parse(args.public_keys)
    else:
        trust = TrustStore.development()
        print("signatures: checked against the development keys (no --public-keys)", file=out)
    kafka = KafkaAccess.from_environ(args.kafka_user, bootstrap_servers=args.bootstrap_servers)
    records = await read_log(kafka, args.topic)
    envelopes = [r.content for r in records if not isinstance(r.content, Unparseable)]
    unparseable = len(records) - len(envelopes)
    distinct = {e.id for e in envelopes}
    print(
        f"log {args.topic}: {len(records)} records, {len(distinct)} distinct events, "
        f"{len(envelopes) - len(distinct)} copies, {unparseable} unparseable, "
        f"{len({e.stream for e in envelopes})} streams",
        file=out,
    )
    findings: list[tuple[str, Finding]] = [("log", f) for f in verify_events(records, trust)]
    all_rows: list[StoreRow] = []
    for dsn in args.database_url:
        rows = await read_store(dsn)
        all_rows.extend(rows)
        label = f"store {_redact(dsn)}"
        print(
            f"{label}: {len(rows)} events, {len({r.stream for r in rows})} streams, "
            f"{sum(r.outbox == 'pending' for r in rows)} not yet published",
            file=out,
        )
        findings.extend((label, f) for f in verify_store(rows, trust))
    if args.database_url:
        findings.extend(("store vs log", f) for f in compare_store_with_log(all_rows, records))
    if not findings:
        print(
            "OK: no event altered, removed, inserted or reordered; every one signed by its owner",
            file=out,
        )
        return 0
    print(f"FAILED: {len(findings)} finding(s)", file=out)
    for where, finding in findings:
        print(f"  [{where}] {finding}", file=out)
    return 1


def main(
    argv: Sequence[str] | None = None, *, out: TextIO | None = None, prog: str | None = None
) -> int:
    args = _parser(prog).parse_args(argv)
    stream = out if out is not None else sys.stdout
    if not args.bootstrap_servers:
        print("error: --bootstrap-servers is required", file=sys.stderr)
        return 2
    if args.public_keys:
        try:
            TrustStore.parse(args.public_keys)
        except ValueError as error:
            print(f"error: --public-keys: {error}", file=sys.stderr)
            return 2
    try:
        return asyncio.run(_verify(args, stream))
    except (OSError, LookupError, ValueError, KafkaError, asyncpg.PostgresError) as error:
        print(f"error: could not read the log or a store: {error!r}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
