"""The event catalogue: every event type, its versions, and how old versions are read.

Each payload is a frozen pydantic model registered with ``@event(...)``, which fixes its wire type
(``noncoop.<service>.<name>.v<version>``), its default classification (docs/procedures.md,
Confidentiality) and the rule it fulfils. Contracts in ``contracts/`` are generated from this
registry. Evolution (docs/architecture.md §10): within a version only optional fields are added; a
breaking change is a new version plus an ``@upcaster`` from the previous one, and the log is never
rewritten: a replay reads a v1 record through the upcasters up to the newest version.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar, get_args, get_origin

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    ValidatorFunctionWrapHandler,
    WrapValidator,
)

from noncoop_shared.access import Classification


class _PersonalDataMarker:
    """Marks a field holding personal data (docs/architecture.md §7).

    Marked fields are strings on the wire: the store seals them per case and field before hashing
    (``enc:v2:...``, ADR 0022), and ciphertext is a string too. A view marks the fields it may
    open the same way; no other field is ever opened.
    """

    def __repr__(self) -> str:
        return "PersonalData"


class SealedText(str):
    """A sealed value read back from the service's own store or the log.

    Only ``Catalogue.decode`` makes one (``STORED`` validation context), so a value a client sent
    is never one, whatever it looks like: the store re-seals it as the plaintext it is, and the
    field's length limits apply to it as text (ADR 0022)."""

    __slots__ = ()


STORED = "noncoop.stored"
"""Validation context key: the data was read back from a store or the log (may hold ciphertext)."""

#: Kept equal to ``noncoop_shared.privacy.sealing`` (a test checks it); the catalogue does not
#: import the cipher.
_SEALED_PREFIXES = ("enc:v2:", "enc:v1:")
_MAX_SEALED_CHARS = 1911


def _plain_or_sealed(
    value: Any, validate_plaintext: ValidatorFunctionWrapHandler, info: ValidationInfo
) -> Any:
    """Plaintext with the field's limits; ciphertext only as read back from a store or the log,
    and no longer than the longest plaintext's ciphertext."""
    if isinstance(value, SealedText):
        return value  # copied by the domain from an event it read back
    stored = isinstance(info.context, dict) and info.context.get(STORED) is True
    if (
        stored
        and isinstance(value, str)
        and value.startswith(_SEALED_PREFIXES)
        and len(value) <= _MAX_SEALED_CHARS
    ):
        return SealedText(value)
    return validate_plaintext(value)


def _personal_data_schema(schema: dict[str, Any]) -> None:
    schema["x-personal-data"] = True
    # On the log the value is sealed, longer than the plaintext's limit.
    if "maxLength" in schema:
        schema["x-plaintext-max-length"] = schema.pop("maxLength")


PERSONAL = _PersonalDataMarker()
PersonalData = Annotated[
    str,
    PERSONAL,
    WrapValidator(_plain_or_sealed),
    Field(json_schema_extra=_personal_data_schema),
]
"""A string field whose value is personal data: names of persons, officials' contact details.
The plaintext (with the field's limits), or, read back from a store, its sealed form
``enc:v2:<case>:<field>:<base64>``."""


class EventPayload(BaseModel):
    """Base of every event payload: immutable, no unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    # Set by @event; a class without it is not an event.
    __event__: EventMeta


@dataclass(frozen=True)
class EventMeta:
    service: str
    name: str
    version: int
    classification: Classification
    rule: str | None
    payload: type[EventPayload]

    @property
    def base_type(self) -> str:
        return f"noncoop.{self.service}.{self.name}"

    @property
    def type(self) -> str:
        return f"{self.base_type}.v{self.version}"


Upcaster = Callable[[dict[str, Any]], dict[str, Any]]
P = TypeVar("P", bound=type[EventPayload])


class Catalogue:
    """Registry of event types by wire type, with the upcasters between versions."""

    def __init__(self) -> None:
        self._by_type: dict[str, EventMeta] = {}
        self._latest: dict[str, int] = {}
        self._upcasters: dict[tuple[str, int], Upcaster] = {}

    def register(self, meta: EventMeta) -> None:
        if meta.type in self._by_type:
            raise ValueError(f"event type {meta.type} is registered twice")
        self._by_type[meta.type] = meta
        self._latest[meta.base_type] = max(meta.version, self._latest.get(meta.base_type, 0))

    def register_upcaster(self, base_type: str, from_version: int, upcast: Upcaster) -> None:
        self._upcasters[(base_type, from_version)] = upcast

    def meta(self, wire_type: str) -> EventMeta:
        try:
            return self._by_type[wire_type]
        except KeyError:
            raise UnknownEventTypeError(wire_type) from None

    def __contains__(self, wire_type: str) -> bool:
        return wire_type in self._by_type

    def __iter__(self) -> Iterator[EventMeta]:
        return iter(sorted(self._by_type.values(), key=lambda m: m.type))

    def decode(self, wire_type: str, data: dict[str, Any]) -> EventPayload:
        """Read a payload of any recorded version as the newest version of its type."""
        meta = self.meta(wire_type)
        latest = self._latest[meta.base_type]
        version = meta.version
        while version < latest:
            upcast = self._upcasters.get((meta.base_type, version))
            if upcast is None:
                raise UnknownEventTypeError(
                    f"{meta.base_type}.v{version} has no upcaster to v{version + 1}"
                )
            data = upcast(data)
            version += 1
        payload = self.meta(f"{meta.base_type}.v{latest}").payload
        return payload.model_validate(data, context={STORED: True})


class UnknownEventTypeError(ValueError):
    """The log holds a type this code does not know (a poison event for a consumer)."""


CATALOGUE = Catalogue()


def event(
    *,
    service: str,
    name: str,
    version: int,
    classification: Classification,
    rule: str | None = None,
) -> Callable[[P], P]:
    """Register a payload class as an event type of the shared catalogue."""

    def decorate(cls: P) -> P:
        meta = EventMeta(service, name, version, classification, rule, cls)
        cls.__event__ = meta
        CATALOGUE.register(meta)
        return cls

    return decorate


def upcaster(base_type: str, *, from_version: int) -> Callable[[Upcaster], Upcaster]:
    """Register how a payload of ``from_version`` becomes one of ``from_version + 1``."""

    def decorate(upcast: Upcaster) -> Upcaster:
        CATALOGUE.register_upcaster(base_type, from_version, upcast)
        return upcast

    return decorate


def meta_of(payload: EventPayload | type[EventPayload]) -> EventMeta:
    cls = payload if isinstance(payload, type) else type(payload)
    meta: EventMeta | None = getattr(cls, "__event__", None)
    if meta is None:
        raise TypeError(f"{cls.__name__} is not a registered event (missing @event)")
    return meta


def personal_data_paths(model: type[BaseModel], prefix: str = "") -> list[str]:
    """Dotted paths of every personal-data field of a payload (``[]`` marks list items)."""
    paths: list[str] = []
    for name, field in model.model_fields.items():
        path = f"{prefix}{name}"
        if PERSONAL in field.metadata:
            paths.append(path)
            continue
        paths.extend(_nested_paths(field.annotation, path))
    return paths


def _nested_paths(annotation: Any, path: str) -> list[str]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return personal_data_paths(annotation, prefix=f"{path}.")
    origin = get_origin(annotation)
    args = get_args(annotation)
    if origin in (list, tuple, frozenset, set) and args:
        item = args[0]
        if get_origin(item) is Annotated and PERSONAL in get_args(item)[1:]:
            return [f"{path}[]"]
        return _nested_paths(item, f"{path}[]")
    if args:  # Optional / Union: look into each member
        found: list[str] = []
        for arg in args:
            found.extend(_nested_paths(arg, path))
        return found
    return []
