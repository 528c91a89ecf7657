"""Rendered reports kept, so that reading a report again costs no pass over the log.

Drawing a report folds every case event below its log position; doing it on every read let any
writer keep the service busy with cheap GETs. A rendering depends only on what its key names:

- a submitted report: nothing but itself (ADR 0012: frozen, ``on`` and ``as_of`` change nothing),
  so it is rendered once, when submitted or first read, and kept;
- a draft: the log position it is drawn at, the calendar, the business date ``on`` and the record
  time ``as_of`` when the reader gives one. A new event moves the position, so the next read
  draws the draft again; no event, no new drawing. A draft read without ``as_of`` says the
  moment it was drawn at this position (what was known then is what is known now).

Reports are the same for every reader allowed to read them (drafts: their writers; submitted:
everyone), so the reader is not part of the key. Bounded (least recently used out first): a
draft's keys grow with the log.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable
from typing import Generic, TypeVar

V = TypeVar("V")

CAPACITY = 256


class RenderCache(Generic[V]):
    """A small least-recently-used map from a rendering's key to the rendering."""

    def __init__(self, capacity: int = CAPACITY) -> None:
        self._capacity = capacity
        self._items: OrderedDict[Hashable, V] = OrderedDict()

    def get(self, key: Hashable) -> V | None:
        value = self._items.get(key)
        if value is not None:
            self._items.move_to_end(key)
        return value

    def put(self, key: Hashable, value: V) -> V:
        self._items[key] = value
        self._items.move_to_end(key)
        while len(self._items) > self._capacity:
            self._items.popitem(last=False)
        return value

    def __len__(self) -> int:
        return len(self._items)
