"""Every event signed by the service that wrote it (docs/architecture.md §8, ADR 0020).

The hash chain (ADR 0003) shows that a stream was not altered, but anyone can compute a hash:
a party with access to the broker could append an event that continues a case's chain. So the
store signs each event as it appends it, in the same transaction as its hash:

- ``signer``: the key id of the service's Ed25519 key (first 16 hex digits of SHA-256 over the
  raw public key, as for audit checkpoints). It is inside the hash, like every other attribute.
- ``signature``: Ed25519 over ``b"noncoop-event-signature-v1|" + hash`` (the hash's 32 bytes),
  unpadded base64url. It is the one attribute the hash does not cover (it is made from it); the
  hash covers ``signer`` and everything else, so the signature binds the whole event.

A reader checks an event against a :class:`TrustStore` (key id -> owning service, public key):
the key must be known, the signature must hold, and the key's service must own the event's type
(``noncoop.<service>.<name>.v<n>``, the catalogue says which service) and be its ``source``. So a
valid key of reporting cannot vouch for a referrals event.

Development keys are derived from the service name (like the keyring's development master key):
public knowledge, so a service refuses them outside development (``noncoop_shared.settings``).
Pure: no I/O.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol
from uuid import UUID

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from nacl.exceptions import BadSignatureError
from nacl.signing import VerifyKey

from noncoop_shared.catalogue import CATALOGUE
from noncoop_shared.envelope import Envelope

SEED_BYTES = 32
_VERDICTS_KEPT = 65_536
_SIGNED_PREFIX = b"noncoop-event-signature-v1|"
_DEVELOPMENT_SEED_PREFIX = b"noncoop development event signing key, not a secret|"


def _b64decode(text: str) -> bytes:
    """Standard or URL-safe base64, padded or not."""
    text = text.strip()
    padded = text + "=" * (-len(text) % 4)
    return base64.b64decode(padded.replace("-", "+").replace("_", "/"), validate=True)


def _b64encode(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def raw_public_key(public_key: Ed25519PublicKey) -> bytes:
    return public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_id_of(public_key: Ed25519PublicKey) -> str:
    """First 16 hex digits of SHA-256 over the raw 32-byte public key (the checkpoints' key id)."""
    return hashlib.sha256(raw_public_key(public_key)).hexdigest()[:16]


def development_seed(service: str) -> bytes:
    """The development signing key of ``service``: derived from its name, so not a secret."""
    return hashlib.sha256(_DEVELOPMENT_SEED_PREFIX + service.encode("utf-8")).digest()


def parse_seed(text: str) -> bytes:
    """A signing key as configured: the 32-byte Ed25519 seed in base64 (URL-safe or not)."""
    try:
        seed = _b64decode(text)
    except (ValueError, binascii.Error):
        raise ValueError("an event signing key is a 32-byte Ed25519 seed in base64") from None
    if len(seed) != SEED_BYTES:
        raise ValueError(f"an event signing key is {SEED_BYTES} bytes, got {len(seed)}")
    return seed


def owner_of(event_type: str) -> str | None:
    """The service that owns ``event_type``: the catalogue's, else the type's second segment."""
    if event_type in CATALOGUE:
        return CATALOGUE.meta(event_type).service
    parts = event_type.split(".")
    if len(parts) == 4 and parts[0] == "noncoop" and parts[1]:
        return parts[1]
    return None


def catalogue_services() -> list[str]:
    """Every service that owns an event type of the catalogue."""
    return sorted({meta.service for meta in CATALOGUE})


def _signed_bytes(event_hash: str) -> bytes:
    return _SIGNED_PREFIX + bytes.fromhex(event_hash)


class EventSigner:
    """A service's signing key: signs the hash of each event its store appends."""

    def __init__(self, service: str, seed: bytes) -> None:
        self.service = service
        self._key = Ed25519PrivateKey.from_private_bytes(seed)
        self.public_key = self._key.public_key()
        self.key_id = key_id_of(self.public_key)
        self.is_development = seed == development_seed(service)

    @classmethod
    def development(cls, service: str) -> EventSigner:
        return cls(service, development_seed(service))

    def sign(self, event_hash: str) -> str:
        return _b64encode(self._key.sign(_signed_bytes(event_hash)))

    def signed(self, envelope: Envelope) -> Envelope:
        """``envelope`` with its signature (its ``signer`` must be this key, its hash set)."""
        if envelope.signer != self.key_id:
            raise ValueError(f"the envelope names signer {envelope.signer}, not {self.key_id}")
        return envelope.model_copy(update={"signature": self.sign(envelope.hash)})


class SignedEvent(Protocol):
    """What a signature check reads of an event (an ``Envelope``, or a bulk reader's view)."""

    @property
    def id(self) -> UUID: ...
    @property
    def type(self) -> str: ...
    @property
    def source(self) -> str: ...
    @property
    def hash(self) -> str: ...
    @property
    def signer(self) -> str | None: ...
    @property
    def signature(self) -> str | None: ...


@dataclass(frozen=True)
class TrustedKey:
    service: str
    raw: bytes
    """The raw 32-byte Ed25519 public key."""


class TrustStore:
    """Which key ids may sign, for which service: what every reader of the log checks against."""

    def __init__(self, keys: Iterable[TrustedKey]) -> None:
        self._entries = tuple(keys)
        # Every consumer of a service reads every record: the first one verifies a signature
        # (~0.1 ms), the others find the verdict here. Bounded, oldest first out.
        self._verdicts: dict[tuple[str, ...], str | None] = {}
        self._by_id: dict[str, tuple[str, VerifyKey]] = {}
        for entry in self._entries:
            public = Ed25519PublicKey.from_public_bytes(entry.raw)
            # Verified through libsodium (the same Ed25519): about half OpenSSL's time here.
            self._by_id[key_id_of(public)] = (entry.service, VerifyKey(entry.raw))

    def __reduce__(self) -> tuple[Any, ...]:
        # Key objects do not pickle; a rebuild hands the store to worker processes.
        return (TrustStore, (self._entries,))

    @classmethod
    def development(cls, services: Iterable[str] | None = None) -> TrustStore:
        """The development keys of ``services`` (default: every service of the catalogue)."""
        names = catalogue_services() if services is None else services
        return cls(
            TrustedKey(name, raw_public_key(EventSigner.development(name).public_key))
            for name in names
        )

    @classmethod
    def parse(cls, text: str) -> TrustStore:
        """``service:base64 public key`` entries, separated by commas or white space; a service
        may have several (a rotation)."""
        keys: list[TrustedKey] = []
        for item in text.replace(",", " ").split():
            service, sep, encoded = item.partition(":")
            if not sep or not service:
                raise ValueError(f"trusted key {item[:40]!r} is not service:base64-public-key")
            try:
                raw = _b64decode(encoded)
            except (ValueError, binascii.Error):
                raise ValueError(f"the public key of {service} is not base64") from None
            if len(raw) != SEED_BYTES:
                raise ValueError(f"a public key of {service} is {len(raw)} bytes, not 32")
            keys.append(TrustedKey(service, raw))
        if not keys:
            raise ValueError("the trust store names no key")
        return cls(keys)

    def service_of(self, key_id: str) -> str | None:
        found = self._by_id.get(key_id)
        return found[0] if found is not None else None

    def key_ids(self) -> Mapping[str, str]:
        """key id -> service."""
        return {key_id: service for key_id, (service, _) in self._by_id.items()}

    def problem_with(self, envelope: Envelope) -> str | None:
        """Why ``envelope`` must not be believed (its hash already checked), or ``None``."""
        if envelope.signer is None or envelope.signature is None:
            return f"unsigned event {envelope.id}: it names no signer or carries no signature"
        seen = (
            str(envelope.id),
            envelope.hash,
            envelope.signer,
            envelope.signature,
            envelope.type,
            envelope.source,
        )
        if seen in self._verdicts:
            return self._verdicts[seen]
        verdict = self._judge(envelope)
        if len(self._verdicts) >= _VERDICTS_KEPT:
            del self._verdicts[next(iter(self._verdicts))]
        self._verdicts[seen] = verdict
        return verdict

    def _judge(self, envelope: Envelope) -> str | None:
        return self.claim_problem(envelope) or self.signature_problem(envelope)

    def claim_problem(self, envelope: SignedEvent) -> str | None:
        """What is wrong with what ``envelope`` claims of its signer, short of verifying the
        signature (cheap): no signer, an unknown key, a key of a service that does not own the
        type or is not the source. A bulk reader checks this on every record and the signature
        only where it decides something (``noncoop_shared.bulk_read``)."""
        if envelope.signer is None or envelope.signature is None:
            return f"unsigned event {envelope.id}: it names no signer or carries no signature"
        found = self._by_id.get(envelope.signer)
        if found is None:
            return f"event {envelope.id} is signed by unknown key {envelope.signer}"
        service = found[0]
        owner = owner_of(envelope.type)
        if owner != service:
            return (
                f"event {envelope.id} of type {envelope.type} (owner: {owner or 'none'}) is signed"
                f" by key {envelope.signer} of {service}, which does not own the type"
            )
        if envelope.source != f"noncoop/{service}":
            return (
                f"event {envelope.id} claims source {envelope.source} but is signed by key"
                f" {envelope.signer} of {service}"
            )
        return None

    def signature_problem(self, envelope: SignedEvent) -> str | None:
        """Whether the signature holds: made by the named key over the event's hash."""
        found = self._by_id.get(envelope.signer or "")
        if found is None or envelope.signature is None:
            return f"event {envelope.id} is signed by unknown key {envelope.signer}"
        service, public = found
        try:
            public.verify(_signed_bytes(envelope.hash), _b64decode(envelope.signature))
        except (BadSignatureError, ValueError, binascii.Error):
            return (
                f"invalid signature on event {envelope.id}: not made by key {envelope.signer}"
                f" ({service}) over this event"
            )
        return None


def public_key_text(service: str, public_key: Ed25519PublicKey) -> str:
    """One trust-store entry, as :meth:`TrustStore.parse` reads it."""
    return f"{service}:{_b64encode(raw_public_key(public_key))}"
