"""Who may act: the roles of docs/procedures.md "Actors" and the five regional groups.

Values are the strings carried in the ``role`` and ``region`` token claims and in the ``actor`` of
every event envelope; renaming one is a breaking change of the tokens and of the log.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """A principal's role. The requested State acts as a ``state_party`` (docs/procedures.md S4)."""

    COURT = "court"
    SECRETARIAT = "secretariat"
    PRESIDENT = "president"
    BUREAU_MEMBER = "bureau_member"
    FOCAL_POINT = "focal_point"
    STATE_PARTY = "state_party"
    PUBLIC = "public"


class RegionalGroup(StrEnum):
    """The regional groups of equitable geographical representation (para 17; Res. 31)."""

    AFRICAN = "african"
    ASIA_PACIFIC = "asia_pacific"
    EASTERN_EUROPEAN = "eastern_european"
    LATIN_AMERICAN_CARIBBEAN = "latin_american_caribbean"
    WESTERN_EUROPEAN_OTHER = "western_european_other"
