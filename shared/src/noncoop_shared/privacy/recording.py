"""What the store records of a payload's personal data: every value sealed for the event's subject
and its field (ADR 0022).

A value the service read back from its own store (a ``SealedText``, which only decoding a stored
event makes) and copies into a new event is opened with the key of the scope it was sealed for and
re-sealed for this one, unless it already belongs here. Every other value is plaintext, whatever it
looks like: a client cannot hand in ciphertext, so it cannot make the store open anything.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from pydantic import BaseModel

from noncoop_shared.catalogue.base import EventPayload, SealedText, personal_data_paths
from noncoop_shared.privacy.sealing import ERASED, open_sealed, parse_sealed, seal_payload


class DataKeys(Protocol):
    async def data_key(self, scope: str) -> bytes: ...

    async def data_keys(self, scopes: Iterable[str]) -> dict[str, bytes]: ...


async def recorded_payload(
    payload: EventPayload, subject: str, keyring: DataKeys | None
) -> dict[str, Any]:
    """The payload's JSON as recorded: personal data sealed with the subject's key."""
    return (await recorded_payloads([payload], subject, keyring))[0]


async def recorded_payloads(
    payloads: Sequence[EventPayload], subject: str, keyring: DataKeys | None
) -> list[dict[str, Any]]:
    """The JSON of a command's payloads (all of one subject) as recorded: personal data sealed
    with the subject's key. The keyring is asked once per command, not once per event or field:
    the subject's key once, the keys of values read back from other scopes in one query."""
    datas = [payload.model_dump(mode="json") for payload in payloads]
    paths = [personal_data_paths(type(payload)) for payload in payloads]
    if keyring is None or not any(paths):
        return datas
    read_back: dict[str, Any] = {}
    for payload, personal in zip(payloads, paths, strict=True):
        if personal:
            read_back.update(_read_back(payload))
    scopes = sorted({p.scope for p in read_back.values() if p})
    keys = await keyring.data_keys(scopes) if scopes else {}
    opened: dict[str, str] = {}
    for value, parts in read_back.items():
        if parts is None:
            continue
        field = parts.field or ""
        plain = open_sealed(keys.get(parts.scope), value, scope=parts.scope, field=field)
        opened[value] = ERASED if plain is None else plain
    key = await keyring.data_key(subject)
    return [
        seal_payload(data, personal, key, subject, opened) if personal else data
        for data, personal in zip(datas, paths, strict=True)
    ]


def _read_back(node: Any) -> dict[str, Any]:
    """Every ``SealedText`` in a payload, with its parsed labels."""
    found: dict[str, Any] = {}
    if isinstance(node, SealedText):
        found[str(node)] = parse_sealed(str(node))
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            found.update(_read_back(getattr(node, name)))
    elif isinstance(node, list | tuple | set | frozenset):
        for item in node:
            found.update(_read_back(item))
    return found
