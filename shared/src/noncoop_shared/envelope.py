"""The event envelope: CloudEvents 1.0 attributes plus noncoop's extensions
(docs/architecture.md §3).

CloudEvents allows extension names of lower-case letters and digits only, so the design's
``stream_version`` is ``streamversion`` on the wire, ``prev_hash`` is ``prevhash`` and so on
(docs/adr/0003-event-envelope-and-hash-chain.md). One envelope is one Kafka record value and one
row of a service's event table; its canonical JSON is what the hash chain covers.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, field_validator

from noncoop_shared.access import Classification
from noncoop_shared.canonical import canonical_json

MAX_VERSION = 2**31 - 1
"""The largest stream or schema version (PostgreSQL's INTEGER, as every table keeps them)."""

GENESIS_HASH = "0" * 64
"""``prevhash`` of the first event of every stream."""


_OPTIONAL_MEMBERS = ("dataschema", "signer", "signature")
"""Attributes left out of the JSON (not written as null) when they are ``None``."""


def dataschema_of(event_type: str) -> str:
    """The ``dataschema`` of an event type: its JSON Schema's ``$id`` (contracts/events/)."""
    return f"urn:noncoop:event:{event_type}"


class Envelope(BaseModel):
    """One recorded event. Immutable: the store creates it, nobody edits it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    specversion: Literal["1.0"] = "1.0"
    id: UUID = Field(description="UUIDv7, unique across the whole log")
    type: str = Field(description="e.g. noncoop.referrals.court_decision_received.v1")
    source: str = Field(description="the service that wrote it, e.g. noncoop/referrals")
    subject: str = Field(description="the case id (or the registry stream id); the Kafka key")
    time: datetime = Field(description="record time, set by the store when appending")
    datacontenttype: Literal["application/json"] = "application/json"
    # CloudEvents' dataschema: the $id of the payload's JSON Schema in contracts/events/. Absent
    # (not null) from the events recorded before it existed, whose hashes cover no such member.
    dataschema: str | None = Field(
        default=None,
        description="the JSON Schema of data: urn:noncoop:event:<type>, the $id of "
        "contracts/events/<type>.schema.json",
    )
    data: dict[str, Any] = Field(description="the payload, as the catalogue model dumps it")
    stream: str = Field(description="the aggregate's stream, e.g. case:<case id>")
    # Bounded as the stores and projections keep them (PostgreSQL INTEGER): a larger value,
    # which no store can write, is refused on reading, not by a consumer's table mid-batch.
    streamversion: int = Field(
        ge=1, le=MAX_VERSION, description="1 for the first event of the stream"
    )
    occurredat: datetime = Field(description="business time, given by the actor")
    actorrole: str
    actorid: str
    classification: Classification
    correlationid: str
    causationid: str | None = None
    schemaversion: int = Field(ge=1, le=MAX_VERSION)
    rule: str | None = Field(
        default=None, description="the rule the event fulfils (its id in docs/procedures.md)"
    )
    prevhash: str = Field(pattern=r"^[0-9a-f]{64}$")
    hash: str = Field(pattern=r"^[0-9a-f]{64}$")
    # ADR 0020: the key id of the service that wrote it (covered by the hash), and its Ed25519
    # signature over the hash (the one attribute the hash does not cover). ``None`` only in
    # envelopes recorded before signing existed, which every reader refuses, and in tests.
    signer: str | None = Field(default=None, pattern=r"^[0-9a-f]{16}$")
    signature: str | None = Field(default=None, pattern=r"^[A-Za-z0-9_-]{86}$")

    @field_validator("time", "occurredat")
    @classmethod
    def _aware(cls, value: datetime) -> datetime:
        if value.tzinfo is None:
            raise ValueError("timestamps must carry a timezone")
        return value

    @property
    def case_id(self) -> str:
        return self.subject

    def _dump(self, exclude: set[str]) -> dict[str, Any]:
        # An unsigned envelope has no signature attributes at all (not nulls), and one recorded
        # before dataschema existed has none: its hash and bytes are those it was recorded with.
        absent = {name for name in _OPTIONAL_MEMBERS if getattr(self, name) is None}
        return self.model_dump(mode="json", exclude=exclude | absent)

    def without_hash(self) -> dict[str, Any]:
        """The JSON form that the hash covers: every attribute but ``hash`` and ``signature``
        (made from the hash, ADR 0020)."""
        return self._dump({"hash", "signature"})

    def to_bytes(self) -> bytes:
        """Canonical JSON, as written to Kafka."""
        return canonical_json(self._dump(set()))

    @classmethod
    def from_bytes(cls, raw: bytes) -> Envelope:
        return cls.model_validate_json(raw)

    def hash_is_valid(self) -> bool:
        try:
            return chain_hash(self.prevhash, self.without_hash()) == self.hash
        except (TypeError, ValueError):
            # No canonical form (an integer past 2**53 - 1 in a record from outside): no hash
            # can be valid for it, and a consumer must not stop on it.
            return False

    def hash_is_valid_for(self, raw: bytes) -> bool:
        """``hash_is_valid`` for this envelope as parsed from ``raw``, without re-encoding it
        when ``raw`` is the canonical JSON the relay sends: the hashed bytes are then ``raw``
        less its ``"hash"`` and ``"signature"`` members (keys sorted, so neither is the first).
        Any other form of the same envelope falls back to re-encoding. Every consumer checks
        every record, so this is on the hot path of a rebuild."""
        members = [b',"hash":"' + self.hash.encode("ascii") + b'"']
        if self.signature is not None:
            members.append(b',"signature":"' + self.signature.encode("ascii") + b'"')
        if all(raw.count(member) == 1 for member in members):
            hashed = raw
            for member in members:
                hashed = hashed.replace(member, b"", 1)
            digest = hashlib.sha256(bytes.fromhex(self.prevhash))
            digest.update(hashed)
            if digest.hexdigest() == self.hash:
                return True
        return self.hash_is_valid()


def chain_hash(prev_hash: str, unhashed: dict[str, Any]) -> str:
    """``SHA-256(prev_hash || canonical(event without hash))`` (docs/architecture.md §7)."""
    digest = hashlib.sha256()
    digest.update(bytes.fromhex(prev_hash))
    digest.update(canonical_json(unhashed))
    return digest.hexdigest()
