"""Opening personal data for a reader: only in the fields a view declares personal, only with the
key of the case the record belongs to (ADR 0022).

A view (a response model) marks its personal fields with the catalogue's ``PersonalData``, named
as the event field they come from (the name is part of the associated data). The route that
answers knows which case (or registry stream) each record belongs to, and opens the view with
that scope's key; a value sealed for another case or field, or text that merely looks sealed,
is shown verbatim. Nothing else in a response is ever opened.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Annotated, Any, Protocol, TypeVar, get_args, get_origin

from pydantic import BaseModel

from noncoop_shared.catalogue.base import PERSONAL
from noncoop_shared.privacy.sealing import open_declared

M = TypeVar("M", bound=BaseModel)


class ReadKeys(Protocol):
    """The keyring as a reader uses it: existing keys only (an erased scope is absent)."""

    async def data_keys(self, scopes: Iterable[str]) -> dict[str, bytes]: ...


async def open_personal_data(view: M, scope: str, keyring: ReadKeys | None) -> M:
    """``view`` with its declared personal fields opened with ``scope``'s key."""
    keys = await keyring.data_keys([scope]) if keyring is not None else {}
    return opened_view(view, scope, keys)


def opened_view(view: M, scope: str, keys: Mapping[str, bytes]) -> M:
    """Pure: ``view`` with each declared personal field (nested models and lists included)
    opened as that field of a record of ``scope``."""
    updates: dict[str, Any] = {}
    for name, field in type(view).model_fields.items():
        value = getattr(view, name)
        personal = PERSONAL in field.metadata or _declares_personal(field.annotation)
        opened = _open(value, name, scope, keys) if personal else _open_nested(value, scope, keys)
        if opened is not value:
            updates[name] = opened
    return view.model_copy(update=updates) if updates else view


def _open(value: Any, field: str, scope: str, keys: Mapping[str, bytes]) -> Any:
    if isinstance(value, str):
        return open_declared(value, scope=scope, field=field, keys=keys)
    if isinstance(value, list):
        return [_open(item, field, scope, keys) for item in value]
    return value


def _open_nested(value: Any, scope: str, keys: Mapping[str, bytes]) -> Any:
    if isinstance(value, BaseModel):
        return opened_view(value, scope, keys)
    if isinstance(value, list) and any(isinstance(item, BaseModel) for item in value):
        return [_open_nested(item, scope, keys) for item in value]
    return value


def _declares_personal(annotation: Any) -> bool:
    """``PersonalData | None``, ``list[PersonalData]``: the marker sits inside the type."""
    if get_origin(annotation) is Annotated:
        return PERSONAL in get_args(annotation)[1:]
    return any(_declares_personal(arg) for arg in get_args(annotation))
