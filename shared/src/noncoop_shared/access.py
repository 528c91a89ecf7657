"""Who may read what: the classification of records and each role's clearance.

Pure (no IO, no FastAPI): every read path filters with :func:`can_read`, or with
:func:`readable_classifications` to put the filter in SQL. The rules come from docs/procedures.md
"Confidentiality" (the informal dimension is "entirely informal", para 11); each choice below
cites the row it implements. docs/adr/0002-authentication-and-read-access.md explains the two
places where the table needed interpreting (the Court, and focal points).
"""

from __future__ import annotations

from enum import StrEnum

from noncoop_shared.auth.principal import Principal
from noncoop_shared.auth.roles import Role


class Classification(StrEnum):
    """A record's classification, ordered from the widest audience to the narrowest.

    Comparisons (``<``, ``<=``...) follow :attr:`rank`, not the alphabet, and refuse to compare
    with anything but a ``Classification`` (a plain string would compare alphabetically).
    """

    PUBLIC = "public"
    """Everyone: the Court decision as published, press releases, public NYWG meetings, the
    report as submitted."""
    STATES_PARTIES = "states_parties"
    """States Parties' representatives and above: forwarded decisions, open letters and their
    copies, announcements of Bureau meetings and decisions."""
    BUREAU = "bureau"
    """Bureau members, President, Secretariat: meeting records, the President's reports."""
    RESTRICTED = "restricted"
    """President, the focal points assigned to the case, Secretariat: good offices contacts,
    travel information, verification."""

    @property
    def rank(self) -> int:
        """0 for public up to 3 for restricted."""
        return _RANKS[self]

    def _rank_of(self, other: object) -> int:
        if not isinstance(other, Classification):
            raise TypeError(f"cannot compare a Classification with {type(other).__name__}")
        return other.rank

    def __lt__(self, other: str) -> bool:
        return self.rank < self._rank_of(other)

    def __le__(self, other: str) -> bool:
        return self.rank <= self._rank_of(other)

    def __gt__(self, other: str) -> bool:
        return self.rank > self._rank_of(other)

    def __ge__(self, other: str) -> bool:
        return self.rank >= self._rank_of(other)


_RANKS = {classification: rank for rank, classification in enumerate(Classification)}

# The highest class each role reads outright, on every case.
_CLEARANCE: dict[Role, Classification] = {
    # "public: everyone"; nothing more without a token.
    Role.PUBLIC: Classification.PUBLIC,
    # "states_parties: States Parties' representatives and above". A requested State is a
    # State Party (or an ad hoc State, S4) and reads the same: the letters addressed to it.
    Role.STATE_PARTY: Classification.STATES_PARTIES,
    # "The Court reads ... what concerns its own requests". Every case concerns one specific
    # Court request (S4), and what States Parties receive (the forwarded decision, open letters,
    # announcements) is about it. Not the bureau class: the Bureau's deliberations are its own.
    Role.COURT: Classification.STATES_PARTIES,
    # Focal points are not in the bureau row; they read restricted records only of the cases
    # they are assigned to (see can_read), and otherwise what States Parties read.
    Role.FOCAL_POINT: Classification.STATES_PARTIES,
    # "bureau: Bureau members, President, Secretariat".
    Role.BUREAU_MEMBER: Classification.BUREAU,
    # "restricted: President, ..., Secretariat": both read everything.
    Role.PRESIDENT: Classification.RESTRICTED,
    Role.SECRETARIAT: Classification.RESTRICTED,
}


def clearance(principal: Principal) -> Classification:
    """The highest classification ``principal`` may read on any case, whatever the case."""
    return _CLEARANCE[principal.role]


def readable_classifications(
    principal: Principal, *, assigned_focal_point: bool = False
) -> frozenset[Classification]:
    """Every classification ``principal`` may read on one case, for a SQL ``= ANY(...)`` filter.

    ``assigned_focal_point``: the principal is a focal point assigned to this case (the service
    that keeps the roster decides). Records the principal submitted itself are readable whatever
    their class: filter on the author as well (see :func:`can_read`).
    """
    readable = {c for c in Classification if c <= clearance(principal)}
    if assigned_focal_point and principal.role is Role.FOCAL_POINT:
        # "restricted: ... the focal points assigned to the case". Only restricted: the bureau
        # row does not list focal points, assigned or not.
        readable.add(Classification.RESTRICTED)
    return frozenset(readable)


def can_read(
    principal: Principal,
    classification: Classification,
    *,
    assigned_focal_point: bool = False,
    submitted_by_principal: bool = False,
) -> bool:
    """Whether ``principal`` may read one record of ``classification``.

    - ``assigned_focal_point``: the principal is a focal point assigned to the record's case;
      grants restricted records (not bureau ones). Ignored for other roles.
    - ``submitted_by_principal``: the principal is the record's author. "The Court reads what it
      submitted": an author is never hidden its own record, whatever its class (it knows the
      content already). Ignored for the anonymous public, who authors nothing.
    """
    if submitted_by_principal and not principal.is_anonymous:
        return True
    return classification in readable_classifications(
        principal, assigned_focal_point=assigned_focal_point
    )
