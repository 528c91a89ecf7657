"""Who reads what (docs/procedures.md, Confidentiality), as a full matrix role x classification."""

from __future__ import annotations

import pytest

from noncoop_shared.access import (
    Classification,
    can_read,
    clearance,
    readable_classifications,
)
from noncoop_shared.auth.principal import Principal
from noncoop_shared.auth.roles import RegionalGroup, Role

PUBLIC, STATES, BUREAU, RESTRICTED = (
    Classification.PUBLIC,
    Classification.STATES_PARTIES,
    Classification.BUREAU,
    Classification.RESTRICTED,
)

PRINCIPALS = {
    Role.PUBLIC: Principal.anonymous(),
    Role.STATE_PARTY: Principal(role=Role.STATE_PARTY, subject="mission-ken", state="KEN"),
    Role.COURT: Principal(role=Role.COURT, subject="icc-registry"),
    Role.FOCAL_POINT: Principal(
        role=Role.FOCAL_POINT, subject="fp-africa", region=RegionalGroup.AFRICAN
    ),
    Role.BUREAU_MEMBER: Principal(role=Role.BUREAU_MEMBER, subject="bm-1"),
    Role.PRESIDENT: Principal(role=Role.PRESIDENT, subject="asp-president"),
    Role.SECRETARIAT: Principal(role=Role.SECRETARIAT, subject="sec-1"),
}

# The Confidentiality table, read row by row: what each role reads on a case it has no special
# link to (not the assigned focal point, not the author).
#                    public  states_parties  bureau  restricted
MATRIX = {
    Role.PUBLIC:        (True, False, False, False),
    Role.STATE_PARTY:   (True, True, False, False),
    Role.COURT:         (True, True, False, False),
    Role.FOCAL_POINT:   (True, True, False, False),
    Role.BUREAU_MEMBER: (True, True, True, False),
    Role.PRESIDENT:     (True, True, True, True),
    Role.SECRETARIAT:   (True, True, True, True),
}  # fmt: skip
CLASSES = (PUBLIC, STATES, BUREAU, RESTRICTED)

CELLS = [
    (role, classification, allowed)
    for role, row in MATRIX.items()
    for classification, allowed in zip(CLASSES, row, strict=True)
]


def test_the_matrix_covers_every_role() -> None:
    assert set(MATRIX) == set(Role) == set(PRINCIPALS)


@pytest.mark.parametrize(("role", "classification", "allowed"), CELLS)
def test_each_role_reads_exactly_its_classes(
    role: Role, classification: Classification, allowed: bool
) -> None:
    assert can_read(PRINCIPALS[role], classification) is allowed


@pytest.mark.parametrize(("role", "classification", "allowed"), CELLS)
def test_readable_classifications_agree_with_can_read(
    role: Role, classification: Classification, allowed: bool
) -> None:
    assert (classification in readable_classifications(PRINCIPALS[role])) is allowed


@pytest.mark.parametrize(
    ("classification", "allowed"),
    [(PUBLIC, True), (STATES, True), (BUREAU, False), (RESTRICTED, True)],
)
def test_an_assigned_focal_point_reads_restricted_records_of_its_case_but_not_bureau_ones(
    classification: Classification, allowed: bool
) -> None:
    focal_point = PRINCIPALS[Role.FOCAL_POINT]

    assert can_read(focal_point, classification, assigned_focal_point=True) is allowed


@pytest.mark.parametrize("role", [r for r in Role if r is not Role.FOCAL_POINT])
def test_assignment_grants_nothing_to_other_roles(role: Role) -> None:
    principal = PRINCIPALS[role]

    for classification in CLASSES:
        assert can_read(principal, classification, assigned_focal_point=True) == can_read(
            principal, classification
        )


@pytest.mark.parametrize("role", [r for r in Role if r is not Role.PUBLIC])
@pytest.mark.parametrize("classification", CLASSES)
def test_an_author_reads_its_own_records_whatever_their_class(
    role: Role, classification: Classification
) -> None:
    assert can_read(PRINCIPALS[role], classification, submitted_by_principal=True)


def test_the_court_reads_the_restricted_record_it_submitted_and_no_other() -> None:
    court = PRINCIPALS[Role.COURT]

    assert can_read(court, RESTRICTED, submitted_by_principal=True)
    assert not can_read(court, RESTRICTED)


@pytest.mark.parametrize("classification", [STATES, BUREAU, RESTRICTED])
def test_the_anonymous_public_is_no_author(classification: Classification) -> None:
    assert not can_read(Principal.anonymous(), classification, submitted_by_principal=True)


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (Role.PUBLIC, PUBLIC),
        (Role.STATE_PARTY, STATES),
        (Role.COURT, STATES),
        (Role.FOCAL_POINT, STATES),
        (Role.BUREAU_MEMBER, BUREAU),
        (Role.PRESIDENT, RESTRICTED),
        (Role.SECRETARIAT, RESTRICTED),
    ],
)
def test_clearance_is_the_highest_class_read_outright(role: Role, expected: Classification) -> None:
    assert clearance(PRINCIPALS[role]) is expected


def test_classifications_are_ordered_by_audience_not_alphabet() -> None:
    assert [c.rank for c in CLASSES] == [0, 1, 2, 3]
    assert PUBLIC < STATES < BUREAU < RESTRICTED
    assert RESTRICTED > BUREAU >= BUREAU
    assert sorted([RESTRICTED, PUBLIC, BUREAU, STATES]) == list(CLASSES)
    assert max(BUREAU, PUBLIC) is BUREAU  # alphabetically "public" > "bureau"


def test_a_classification_does_not_compare_with_a_plain_string() -> None:
    with pytest.raises(TypeError, match="cannot compare a Classification with str"):
        _ = PUBLIC < "bureau"


def test_classification_values_are_the_strings_on_the_log() -> None:
    assert [c.value for c in CLASSES] == ["public", "states_parties", "bureau", "restricted"]
