"""``python -m reporting.bundle --case <case id> --out <dir>``: write a case's audit bundle, which
``tools/verify_bundle.py`` checks with only Python and ``cryptography`` (ADR 0033).

The shell around ``reporting.domain.bundle.bundle_files``: it reads the latest checkpoint, the
tree's leaf hashes and the case's leaves from reporting's database, reads the case's records
back from the log by (partition, offset), and writes the files. Settings come from the same
``REPORTING_*`` / ``NONCOOP_*`` environment as ``python -m reporting.rebuild``.

Exit status: 0 written; 1 no bundle (unknown case, nothing sealed, the sources disagree); 2 the
database or the log could not be read.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import asyncpg
from aiokafka.errors import KafkaError

from noncoop_shared.audit.signed_note import NoteError, open_note, vkey_of
from noncoop_shared.kafka import KafkaAccess
from noncoop_shared.settings import settings_or_exit
from reporting.domain.bundle import BundleError, BundleSource, bundle_files
from reporting.log_values import LogReadError, by_partition, read_values
from reporting.projections import tlog_store


@dataclass(frozen=True)
class BundleWritten:
    case_id: str
    events: int
    tree_size: int
    consistent_with: int | None
    files: tuple[str, ...]


async def write_bundle(
    case_id: str,
    out: Path,
    *,
    database_url: str,
    kafka: KafkaAccess,
    topic: str,
    vkey: str,
) -> BundleWritten:
    """Write the bundle of ``case_id`` at the latest checkpoint into ``out`` (made if missing;
    refused if it holds anything). ``BundleError`` when there is nothing to bundle."""
    _check_empty(out)
    source = await _source(case_id, database_url, kafka, topic, vkey)
    files = bundle_files(source)
    _write(out, files)
    previous = source.previous
    return BundleWritten(
        case_id,
        len(source.events),
        source.checkpoint.tree_size,
        previous.tree_size if previous is not None and "consistency.json" in files else None,
        tuple(sorted(files)),
    )


def _check_empty(out: Path) -> None:
    """Refused before any reading: a file left from another bundle would be checked as ours."""
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise BundleError(f"{out} is not an empty directory")


def _write(out: Path, files: dict[str, bytes]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (out / name).write_bytes(content)


async def _source(
    case_id: str, database_url: str, kafka: KafkaAccess, topic: str, vkey: str
) -> BundleSource:
    conn = await asyncpg.connect(database_url)
    try:
        checkpoint = await tlog_store.latest(conn)
        if checkpoint is None:
            raise BundleError("no audit log checkpoint has been sealed yet")
        try:
            open_note(checkpoint.note, vkey)
        except NoteError as error:
            raise BundleError(
                f"the latest checkpoint does not open with {vkey}: {error}"
            ) from error
        size = checkpoint.tree_size
        leaves = await tlog_store.leaves_of(conn, case_id, size)
        if not leaves:
            raise BundleError(f"case {case_id} is unknown or has no event sealed in the audit log")
        hashes = await tlog_store.leaf_hashes(conn, size)
        previous = await tlog_store.latest_below(conn, size)
    finally:
        await conn.close()
    values = await read_values(kafka, topic, by_partition((x.partition, x.offset) for x in leaves))
    events = []
    for leaf in leaves:
        value = values.get((leaf.partition, leaf.offset))
        if value is None:
            raise BundleError(f"no record at partition {leaf.partition} offset {leaf.offset}")
        events.append((leaf, value))
    return BundleSource(case_id, vkey, checkpoint, previous, hashes, events)


def _parser(prog: str | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog or "python -m reporting.bundle",
        description="Write a case's audit bundle (check it with tools/verify_bundle.py).",
    )
    parser.add_argument("--case", required=True, help="the case id")
    parser.add_argument("--out", required=True, type=Path, help="a new or empty directory")
    return parser


def main(argv: Sequence[str] | None = None, *, prog: str | None = None) -> int:
    from reporting.settings import ReportingSettings

    args = _parser(prog).parse_args(argv)
    settings = settings_or_exit(ReportingSettings)
    key = settings.checkpoint_signing_key()
    try:
        written = asyncio.run(
            write_bundle(
                args.case,
                args.out,
                database_url=settings.database_url,
                kafka=settings.kafka_access(),
                topic=settings.events_topic,
                vkey=vkey_of(settings.tlog_origin, key.public_key()),
            )
        )
    except BundleError as error:
        print(f"no bundle: {error}", file=sys.stderr)
        return 1
    except (OSError, LogReadError, KafkaError, asyncpg.PostgresError) as error:
        print(f"error: could not read the database or the log: {error!r}", file=sys.stderr)
        return 2
    consistent = (
        f", consistent with the checkpoint of size {written.consistent_with}"
        if written.consistent_with is not None
        else ""
    )
    print(
        f"{written.events} events of case {written.case_id} at tree size {written.tree_size}"
        f"{consistent}, in {args.out}; check: python tools/verify_bundle.py {args.out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
