"""Reading the log in bulk, for a rebuild: the live consumer's checks at a fraction of the cost
(docs/adr/0025-rebuild-at-the-speed-of-the-log.md).

The live consumer (``noncoop_shared.consumer``) reads each record with pydantic and verifies
each signature (Ed25519, ~0.15 ms on this machine, most of a rebuild's time). A rebuild reads
every record of the log once, in windows of a partition, and gives each the same verdict for
less:

- **decode** with msgspec into :class:`EnvelopeView`, a frozen struct with the envelope's
  attributes and its constraints (patterns, bounds, time zones, no unknown field); a record
  msgspec refuses is read again by the live ``_read``, so no record is refused here that the
  live consumer would take, and the reason given is the live one;
- **the hash, the key, the signer's claims** (a trusted key, of the service that owns the type
  and is the source) are checked per record, as live;
- **the signature** is verified where it decides something. An event's hash covers its
  ``prevhash``, that is its predecessor's hash, so a valid signature on an event vouches for the
  whole stream before it: as in git, a signed head authenticates its history. Within a window,
  each stream is walked from its last record back: a record is believed without its own
  verification only when the next record of its stream that was believed (verified or vouched)
  names its hash as ``prevhash``, is signed for the same service, and its (stream, version)
  occurs once in the window. Every other record (the last of each stream in the window, every
  copy of a repeated version, anything after a break in the chain) is verified, and refused if
  the signature does not hold.

Why the verdict is the live one. The relay publishes a stream's events in order, so the
genuine copy of a record precedes any record chained after it. A copy with a forged signature
over genuine content can only be made from a record already visible, which puts the genuine
copy in the same window (its version then occurs twice, and both copies are verified) or the
forged copy last in its stream (verified). A forged event with new content breaks the chain
for everything before it, or is the head; either way it is verified. What stays unverified is
exactly what a verified signature has already bound.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any, Literal

import msgspec
from aiokafka import ConsumerRecord

from noncoop_shared.access import Classification
from noncoop_shared.consumer import ReadRecord, read_records
from noncoop_shared.envelope import MAX_VERSION, Envelope
from noncoop_shared.signing import TrustStore

_Aware = Annotated[datetime, msgspec.Meta(tz=True)]
_Version = Annotated[int, msgspec.Meta(ge=1, le=MAX_VERSION)]
# The patterns of ``hash``, ``prevhash``, ``signer`` and ``signature`` are checked by
# ``_well_formed``: msgspec's patterns go through ``re`` and were most of the decode's time.
_HEX = "0123456789abcdef"
_BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


class EnvelopeView(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """An envelope as msgspec reads it: :class:`~noncoop_shared.envelope.Envelope`'s
    attributes, types and constraints, without pydantic's cost. Read-only, like it."""

    specversion: Literal["1.0"] = "1.0"
    id: uuid.UUID
    type: str
    source: str
    subject: str
    time: _Aware
    datacontenttype: Literal["application/json"] = "application/json"
    dataschema: str | None = None
    data: dict[str, Any]
    stream: str
    streamversion: _Version
    occurredat: _Aware
    actorrole: str
    actorid: str
    classification: Classification
    correlationid: str
    causationid: str | None = None
    schemaversion: _Version
    rule: str | None = None
    prevhash: str
    hash: str
    signer: str | None = None
    signature: str | None = None

    @property
    def case_id(self) -> str:
        return self.subject


EventView = Envelope | EnvelopeView
"""What a bulk reader hands on: a view, or (rarely) the pydantic envelope of a record msgspec
could not read but pydantic could."""

_DECODER = msgspec.json.Decoder(EnvelopeView)


@dataclass(frozen=True, slots=True)
class BulkRecord:
    """One record of the log and its verdict: ``envelope`` when it is to be believed, else
    ``None`` and ``reason`` (why the live consumer sends it to the dead-letter topic)."""

    record: ConsumerRecord[bytes, bytes]
    envelope: EventView | None
    reason: str = ""


def read_window(
    records: Sequence[ConsumerRecord[bytes, bytes]], trust: TrustStore
) -> list[BulkRecord]:
    """Decode and check one window of a partition's records, in log order (see the module
    docstring). A window is as long as the caller likes: the longer, the fewer signatures."""
    return _verify_signatures([_check(record, trust) for record in records], trust)


class _Pending:
    """A record whose checks passed but whose signature is still to be decided."""

    __slots__ = ("believed", "envelope", "reason", "record", "service")

    def __init__(self, record: ConsumerRecord[bytes, bytes], envelope: EventView, service: str):
        self.record = record
        self.envelope = envelope
        self.service = service
        self.believed = False
        self.reason = ""


def _check(record: ConsumerRecord[bytes, bytes], trust: TrustStore) -> _Pending | BulkRecord:
    value = record.value
    if value is None:
        return BulkRecord(record, None, "empty record value")
    try:
        envelope: EventView = _DECODER.decode(value)
    except (msgspec.DecodeError, msgspec.ValidationError):
        return _as_live(record, trust)
    if not _well_formed(envelope) or not _hash_holds(envelope, value):
        return _as_live(record, trust)
    claim = trust.claim_problem(envelope)
    if claim is not None:
        return BulkRecord(record, None, f"untrusted signer: {claim}")
    if b"\\u0000" in value:
        return _as_live(record, trust)  # rare: the live reader names the field
    if record.key is not None and record.key.decode("utf-8", "replace") != envelope.subject:
        return BulkRecord(
            record, None, f"record key does not match the event subject {envelope.subject}"
        )
    service = trust.service_of(envelope.signer or "") or ""
    return _Pending(record, envelope, service)


def _as_live(record: ConsumerRecord[bytes, bytes], trust: TrustStore) -> BulkRecord:
    """The live consumer's own verdict (and reason), for the rare record the fast path does not
    settle: msgspec refuses it, its hash is not over its bytes as sent, or it holds ``\\u0000``."""
    read: ReadRecord = read_records([record], trust)[0]
    return BulkRecord(record, read.envelope, read.reason)


def _well_formed(envelope: EventView) -> bool:
    """The envelope's patterns: hashes of 64 lower-case hex digits, a key id of 16, a signature
    of 86 base64url characters (``str.strip`` of the alphabet leaves nothing)."""
    signer, signature = envelope.signer, envelope.signature
    return (
        len(envelope.hash) == 64
        and not envelope.hash.strip(_HEX)
        and len(envelope.prevhash) == 64
        and not envelope.prevhash.strip(_HEX)
        and (signer is None or (len(signer) == 16 and not signer.strip(_HEX)))
        and (signature is None or (len(signature) == 86 and not signature.strip(_BASE64URL)))
    )


def _hash_holds(envelope: EventView, raw: bytes) -> bool:
    """:meth:`Envelope.hash_is_valid_for`'s fast path: the hash is over ``raw`` less its
    ``hash`` and ``signature`` members. ``False`` sends the record to the live reader, which
    also tries the re-encoded form."""
    members = [b',"hash":"' + envelope.hash.encode("ascii") + b'"']
    if envelope.signature is not None:
        members.append(b',"signature":"' + envelope.signature.encode("ascii") + b'"')
    hashed = raw
    for member in members:
        if hashed.count(member) != 1:
            return False
        hashed = hashed.replace(member, b"", 1)
    digest = hashlib.sha256(bytes.fromhex(envelope.prevhash))
    digest.update(hashed)
    return digest.hexdigest() == envelope.hash


def _verify_signatures(checked: list[_Pending | BulkRecord], trust: TrustStore) -> list[BulkRecord]:
    """Settle every pending record's signature (module docstring)."""
    pending = [item for item in checked if isinstance(item, _Pending)]
    copies: dict[tuple[str, int], int] = {}
    for item in pending:
        key = (item.envelope.stream, item.envelope.streamversion)
        copies[key] = copies.get(key, 0) + 1
    # Per stream: the prevhash the nearest believed later record vouches for, and its service.
    vouched: dict[str, tuple[str, str]] = {}
    for item in reversed(pending):
        envelope = item.envelope
        voucher = vouched.get(envelope.stream)
        if (
            voucher is not None
            and voucher == (envelope.hash, item.service)
            and copies[(envelope.stream, envelope.streamversion)] == 1
        ):
            item.believed = True
        else:
            problem = trust.signature_problem(envelope)
            item.believed = problem is None
            item.reason = f"untrusted signer: {problem}" if problem else ""
        if item.believed:
            vouched[envelope.stream] = (envelope.prevhash, item.service)
        else:
            vouched.pop(envelope.stream, None)
    return [
        BulkRecord(item.record, item.envelope if item.believed else None, item.reason)
        if isinstance(item, _Pending)
        else item
        for item in checked
    ]


def as_envelope(view: EventView) -> Envelope:
    """The pydantic envelope of a view, for code that needs one (the live handlers)."""
    if isinstance(view, Envelope):
        return view
    return Envelope.model_construct(**{name: getattr(view, name) for name in _FIELDS})


_FIELDS = EnvelopeView.__struct_fields__


def verdicts(window: list[BulkRecord]) -> list[tuple[int, bool]]:
    """(offset, believed) per record: what tests compare with the live reader's verdicts."""
    return [(item.record.offset, item.envelope is not None) for item in window]


__all__ = ["BulkRecord", "EnvelopeView", "EventView", "as_envelope", "read_window", "verdicts"]
