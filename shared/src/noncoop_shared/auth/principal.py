"""The authenticated caller, as every handler and read path sees it."""

from __future__ import annotations

from dataclasses import dataclass

from noncoop_shared.auth.roles import RegionalGroup, Role

#: Subject of the anonymous principal. Only the anonymous principal has role ``public``: the
#: token verifier refuses tokens claiming it, so "public" and "anonymous" are the same thing.
ANONYMOUS_SUBJECT = "anonymous"


@dataclass(frozen=True, slots=True, kw_only=True)
class Principal:
    """A role, a subject id, and what the role needs to be placed.

    Invariants (checked at construction, so a ``Principal`` in hand is always coherent):

    - a ``focal_point`` has a ``region``: one focal point per regional group (para 17);
    - a ``president`` may have a ``region``: the President is ex officio focal point for the
      President's own region (Res. 31);
    - a ``state_party`` has a ``state`` (the State it represents; may be the requested State);
    - no other role carries a region or a state.

    Raises ``ValueError`` when an invariant does not hold.
    """

    role: Role
    subject: str
    region: RegionalGroup | None = None
    state: str | None = None

    def __post_init__(self) -> None:
        # Coerce plain strings (from a token, a CLI flag) so comparisons below are by member, and
        # an unknown role or region fails here rather than deep in a read path.
        object.__setattr__(self, "role", Role(self.role))
        if self.region is not None:
            object.__setattr__(self, "region", RegionalGroup(self.region))
        if not self.subject:
            raise ValueError("a principal needs a subject id")
        if self.role is Role.FOCAL_POINT and self.region is None:
            raise ValueError("a focal_point principal needs a region")
        if self.region is not None and self.role not in (Role.FOCAL_POINT, Role.PRESIDENT):
            raise ValueError(f"a {self.role} principal has no region")
        if self.role is Role.STATE_PARTY and not self.state:
            raise ValueError("a state_party principal needs a state")
        if self.state is not None and self.role is not Role.STATE_PARTY:
            raise ValueError(f"a {self.role} principal has no state")

    @classmethod
    def anonymous(cls) -> Principal:
        """The caller without a token: role ``public`` (the public register, health)."""
        return cls(role=Role.PUBLIC, subject=ANONYMOUS_SUBJECT)

    @property
    def is_anonymous(self) -> bool:
        return self.role is Role.PUBLIC
