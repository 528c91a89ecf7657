"""Every projection of the reporting service: its tables, their migrations, its handler.

What a rebuild (``reporting.rebuild``) needs to know of each: which tables to create in the new
schema and swap in, and which handler folds the log into them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from noncoop_shared.consumer import EventHandler
from reporting.projections import (
    assembly_sessions,
    audit_trail,
    procedural_store,
    public_register,
    registry_events,
)


@dataclass(frozen=True)
class Projection:
    name: str
    tables: tuple[str, ...]
    migrations: list[tuple[int, str]]
    handler: Callable[[], EventHandler]


PROJECTIONS: dict[str, Projection] = {
    "audit_trail": Projection(
        "audit_trail", ("audit_trail",), audit_trail.MIGRATIONS, audit_trail.AuditTrailProjection
    ),
    "public_register": Projection(
        "public_register",
        ("public_register",),
        public_register.MIGRATIONS,
        public_register.PublicRegisterProjection,
    ),
    "procedural_state": Projection(
        "procedural_state",
        ("case_events", "procedural_state", "procedural_facts"),
        procedural_store.MIGRATIONS,
        procedural_store.ProceduralStateProjection,
    ),
    "assembly_sessions": Projection(
        "assembly_sessions",
        ("assembly_sessions",),
        assembly_sessions.MIGRATIONS,
        assembly_sessions.SessionsProjection,
    ),
    "registry_events": Projection(
        "registry_events",
        ("registry_events",),
        registry_events.MIGRATIONS,
        registry_events.RegistryEventsProjection,
    ),
}
