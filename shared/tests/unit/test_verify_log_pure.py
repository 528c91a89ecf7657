"""The pure core of the verify command: findings from envelopes already read."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from noncoop_shared.audit.verify_log import (
    Finding,
    LogRecord,
    RecordCoordinates,
    StoreRow,
    compare_store_with_log,
    parse,
    verify_events,
    verify_store,
)
from noncoop_shared.envelope import GENESIS_HASH, Envelope, chain_hash
from noncoop_shared.ids import uuid7

AT = datetime(2026, 3, 31, 22, 0, tzinfo=UTC)


def sealed(stream: str, version: int, prev_hash: str, note: str = "", **extra: Any) -> Envelope:
    fields: dict[str, Any] = {
        "id": str(uuid7()),
        "type": "noncoop.testing.noted.v1",
        "source": "noncoop/testing",
        "subject": stream.removeprefix("case:"),
        "time": AT,
        "data": {"note": note or f"{stream} v{version}"},
        "stream": stream,
        "streamversion": version,
        "occurredat": AT,
        "actorrole": "secretariat",
        "actorid": "sec-1",
        "classification": "public",
        "correlationid": "corr-1",
        "schemaversion": 1,
        "prevhash": prev_hash,
        "hash": GENESIS_HASH,
        **extra,
    }
    draft = Envelope.model_validate(fields)
    return draft.model_copy(update={"hash": chain_hash(prev_hash, draft.without_hash())})


def chain(stream: str, count: int) -> list[Envelope]:
    events: list[Envelope] = []
    prev = GENESIS_HASH
    for version in range(1, count + 1):
        events.append(sealed(stream, version, prev))
        prev = events[-1].hash
    return events


def altered(envelope: Envelope, note: str = "doctored") -> Envelope:
    return envelope.model_copy(update={"data": {"note": note}})


def interleave(*streams: list[Envelope]) -> list[Envelope]:
    out: list[Envelope] = []
    for group in zip(*streams, strict=True):
        out.extend(group)
    return out


def only(findings: list[Finding]) -> Finding:
    assert len(findings) == 1, findings
    return findings[0]


def test_clean_log_with_several_streams_has_no_findings() -> None:
    assert verify_events(interleave(chain("case:a", 4), chain("case:b", 4))) == []
    assert verify_events([]) == []


def test_an_altered_event_is_named() -> None:
    a, b = chain("case:a", 4), chain("case:b", 4)
    a[1] = altered(a[1])
    finding = only(verify_events(interleave(a, b)))
    assert (finding.stream, finding.event_id) == ("case:a", str(a[1].id))
    assert "altered" in finding.problem


def test_a_removed_event_names_the_one_after_it() -> None:
    a, b = chain("case:a", 4), chain("case:b", 4)
    log = interleave(a, b)
    log.remove(a[1])
    finding = only(verify_events(log))
    assert finding.event_id == str(a[2].id)
    assert "version 3 where 2 was expected" in finding.problem


def test_an_inserted_event_that_does_not_link_is_named() -> None:
    a = chain("case:a", 3)
    forged = sealed("case:a", 2, GENESIS_HASH, note="forged")  # its own hash is valid
    assert forged.hash_is_valid()
    finding = only(verify_events([a[0], forged, a[1], a[2]]))
    assert finding.event_id == str(forged.id)


def test_an_inserted_event_that_links_is_named_because_the_chain_continues_from_the_other() -> None:
    a = chain("case:a", 3)
    forged = sealed("case:a", 2, a[0].hash, note="forged")  # a perfect link to version 1
    finding = only(verify_events([a[0], forged, a[1], a[2]]))
    assert finding.event_id == str(forged.id)
    assert "inserted" in finding.problem
    # ... also when it comes after the genuine one.
    finding = only(verify_events([a[0], a[1], forged, a[2]]))
    assert finding.event_id == str(forged.id)


def test_reordered_events_name_the_first_out_of_place() -> None:
    a, b = chain("case:a", 4), chain("case:b", 2)
    finding = only(verify_events([a[0], a[2], b[0], a[1], b[1], a[3]]))
    assert finding.event_id == str(a[2].id)
    assert "version 3 where 2 was expected" in finding.problem


def test_one_finding_per_broken_stream_sorted_by_stream() -> None:
    a, b, c = chain("case:a", 3), chain("case:b", 3), chain("case:c", 3)
    b[2] = altered(b[2])
    a[0] = altered(a[0])
    findings = verify_events(interleave(c, b, a))
    assert [(f.stream, f.event_id) for f in findings] == [
        ("case:a", str(a[0].id)),
        ("case:b", str(b[2].id)),
    ]


def test_exact_copies_published_twice_are_ignored() -> None:
    a = chain("case:a", 3)
    # The relay crashed after sending and before marking: the batch went out again.
    assert verify_events([a[0], a[1], a[2], a[0], a[1], a[2]]) == []
    assert verify_events([a[0], a[1], a[1], a[2]]) == []


def test_a_copy_with_other_content_is_an_altered_copy() -> None:
    a = chain("case:a", 3)
    copy = altered(a[1])
    records = [
        LogRecord(RecordCoordinates("t", 0, offset), envelope)
        for offset, envelope in enumerate([a[0], a[1], a[2], copy])
    ]
    finding = only(verify_events(records))
    assert finding.event_id == str(a[1].id)
    assert finding.problem.startswith("altered copy")
    assert finding.position_description == "log partition 0 offset 3"
    assert "log partition 0 offset 1" in finding.problem


def test_log_records_are_located_by_partition_and_offset() -> None:
    a = chain("case:a", 2)
    records = [
        LogRecord(RecordCoordinates("t", 7, 40), a[0]),
        LogRecord(RecordCoordinates("t", 7, 41), altered(a[1])),
    ]
    finding = only(verify_events(records))
    assert finding.position_description == "log partition 7 offset 41"
    assert str(finding).startswith(f"stream case:a, event {a[1].id} at log partition 7 offset 41")


def test_unparseable_records_are_findings_with_their_coordinates() -> None:
    a = chain("case:a", 2)
    broken = a[1].to_bytes().replace(b'"streamversion":2', b'"streamversion":"two"')
    records = [
        LogRecord(RecordCoordinates("t", 3, 0), a[0]),
        LogRecord(RecordCoordinates("t", 3, 1), parse(broken)),
        LogRecord(RecordCoordinates("t", 3, 2), parse(b"not json at all")),
    ]
    findings = verify_events(records)
    assert len(findings) == 2
    by_position = {f.position_description: f for f in findings}
    first = by_position["log partition 3 offset 1"]
    assert (first.stream, first.event_id) == ("case:a", str(a[1].id))
    assert first.problem.startswith("unparseable record")
    second = by_position["log partition 3 offset 2"]
    assert (second.stream, second.event_id) == ("(unknown)", "(unknown)")


def row(envelope: Envelope, position: int, **override: Any) -> StoreRow:
    fields: dict[str, Any] = {
        "position": position,
        "id": str(envelope.id),
        "stream": envelope.stream,
        "version": envelope.streamversion,
        "subject": envelope.subject,
        "type": envelope.type,
        "hash": envelope.hash,
        "content": envelope,
        "outbox": "published",
        **override,
    }
    return StoreRow(**fields)


def test_store_clean_and_version_column_swap_names_the_event_out_of_place() -> None:
    a = chain("case:a", 3)
    assert verify_store([row(e, n) for n, e in enumerate(a, 1)]) == []
    swapped = [row(a[0], 1), row(a[1], 2, version=3), row(a[2], 3, version=2)]
    finding = only(verify_store(swapped))
    assert finding.event_id == str(a[2].id)


def test_store_column_that_disagrees_with_the_envelope_is_named() -> None:
    a = chain("case:a", 2)
    finding = only(verify_store([row(a[0], 1), row(a[1], 2, type="noncoop.other.v1")]))
    assert finding.event_id == str(a[1].id)
    assert "type column" in finding.problem


def test_compare_store_with_log() -> None:
    a = chain("case:a", 4)
    other_service = sealed("case:z", 1, GENESIS_HASH, source="noncoop/elsewhere")
    store = [
        row(a[0], 1),
        row(a[1], 2, outbox="published"),
        row(a[2], 3, outbox="pending"),
        row(altered(a[3]), 4),
    ]
    forged = sealed("case:a", 5, a[3].hash)
    log = [a[0], a[3], forged, other_service]
    findings = {f.event_id: f.problem for f in compare_store_with_log(store, log)}
    assert set(findings) == {str(a[1].id), str(a[2].id), str(a[3].id), str(forged.id)}
    assert "removed from the log" in findings[str(a[1].id)]
    assert "not published yet" in findings[str(a[2].id)]
    assert "altered in the store" in findings[str(a[3].id)]
    assert "inserted into the log" in findings[str(forged.id)]
    # A perfect forgery appended to the store has no outbox row.
    lone = compare_store_with_log([row(a[0], 1, outbox="none")], [])
    assert "inserted into the store" in only(lone).problem
    # Plain envelopes: no outbox to tell.
    assert "or not published yet" in only(compare_store_with_log([a[0]], [])).problem
    assert isinstance(UUID(only(lone).event_id), UUID)
