"""A Principal in hand is always coherent: its role has what it needs, and nothing else."""

from __future__ import annotations

import pytest

from noncoop_shared.auth.principal import Principal
from noncoop_shared.auth.roles import RegionalGroup, Role


def test_the_anonymous_principal_is_the_public_role() -> None:
    anonymous = Principal.anonymous()

    assert anonymous.role is Role.PUBLIC
    assert anonymous.is_anonymous
    assert not Principal(role=Role.COURT, subject="icc").is_anonymous


def test_plain_strings_are_coerced_to_members() -> None:
    principal = Principal(role="focal_point", subject="fp", region="african")  # type: ignore[arg-type]

    assert principal.role is Role.FOCAL_POINT
    assert principal.region is RegionalGroup.AFRICAN


def test_the_president_may_carry_the_presidents_region() -> None:
    president = Principal(role=Role.PRESIDENT, subject="p", region=RegionalGroup.AFRICAN)

    assert president.region is RegionalGroup.AFRICAN


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"role": Role.FOCAL_POINT, "subject": "fp"}, "needs a region"),
        ({"role": Role.STATE_PARTY, "subject": "m"}, "needs a state"),
        ({"role": Role.STATE_PARTY, "subject": "m", "state": ""}, "needs a state"),
        (
            {"role": Role.COURT, "subject": "icc", "region": "african"},
            "court principal has no region",
        ),
        ({"role": Role.COURT, "subject": "icc", "state": "KEN"}, "court principal has no state"),
        ({"role": Role.COURT, "subject": ""}, "needs a subject"),
        ({"role": "judge", "subject": "j"}, "is not a valid Role"),
    ],
)
def test_incoherent_principals_cannot_be_built(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Principal(**kwargs)  # type: ignore[arg-type]


def test_a_principal_is_immutable() -> None:
    principal = Principal(role=Role.COURT, subject="icc")

    with pytest.raises(AttributeError):
        principal.role = Role.PRESIDENT  # type: ignore[misc]


def test_the_five_regional_groups() -> None:
    assert {group.value for group in RegionalGroup} == {
        "african",
        "asia_pacific",
        "eastern_european",
        "latin_american_caribbean",
        "western_european_other",
    }
