"""The mark an in-process request of a history import carries, read by authentication and by the
command context (ADR 0017).

It lives in the ASGI scope under a key no HTTP client can set (a server builds the scope from the
wire: method, path, headers; never this key), so only the import itself can act as an entry's
actor. Kept free of web imports: ``auth`` and ``web`` both read it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from noncoop_shared.auth.principal import Principal
from noncoop_shared.errors import NotFoundError

SCOPE_KEY = "noncoop.history_import"


@dataclass(frozen=True)
class ImportedEntry:
    """``actor``: who did it in the world (the entry's actor, recorded as the event's actor);
    ``causation_id``: names the import and the importer, recorded as the events' causation;
    ``importer``: who sent the import, whose answer it is (ADR 0045)."""

    actor: Principal
    causation_id: str
    importer: Principal | None = None
    unseen_by_importer: list[NotFoundError] = field(default_factory=list)
    """Filled by a route whose command went through on a record the importer may not read
    (the Court's acts on a 7(b) case, ``acts_unseen``): the 404 that record's read answers the
    importer. A later refusal of the import is then answered with it (ADR 0045)."""

    def acted_unseen(self, hidden: NotFoundError) -> None:
        """The entry's command was recorded on a record the importer may not read; ``hidden``:
        the 404 the importer gets for that record."""
        self.unseen_by_importer.append(hidden)


def imported_entry(scope: Mapping[str, Any]) -> ImportedEntry | None:
    """The mark of an in-process import request, or None for any request from the wire."""
    entry = scope.get(SCOPE_KEY)
    return entry if isinstance(entry, ImportedEntry) else None


def import_causation(importer: Principal) -> str:
    """The causation every event of an import carries: who imported it (ADR 0017)."""
    return f"history-import:{importer.role.value}:{importer.subject}"
