"""Sealing personal data per case (ADR 0011): the cipher, the walk over payloads and responses,
and the catalogue's ``PersonalData`` type accepting the plaintext or its sealed form."""

from __future__ import annotations

import base64

import pytest
from pydantic import ValidationError

from noncoop_shared.catalogue import base as catalogue_base
from noncoop_shared.catalogue.base import personal_data_paths
from noncoop_shared.catalogue.common import PersonConcerned
from noncoop_shared.catalogue.referrals import CourtDecisionReceived
from noncoop_shared.privacy.keyring import (
    MasterKeys,
    kek_id,
    parse_master_key,
)
from noncoop_shared.privacy.sealing import (
    ERASED,
    SEALED_PREFIX,
    new_data_key,
    open_sealed,
    reveal,
    seal,
    seal_payload,
    sealed_scopes,
)

CASE = "0196a3d2-0000-7000-8000-000000000001"
OTHER = "0196a3d2-0000-7000-8000-000000000002"


def test_a_sealed_value_opens_only_with_its_cases_key() -> None:
    key = new_data_key()
    sealed = seal(key, CASE, "Jane Doe")
    assert sealed.startswith(f"{SEALED_PREFIX}{CASE}:") and "Jane" not in sealed
    assert open_sealed(key, sealed) == "Jane Doe"
    assert open_sealed(new_data_key(), sealed) is None
    assert open_sealed(None, sealed) is None
    # The case id is the associated data: moved to another case, the value does not open.
    moved = sealed.replace(CASE, OTHER)
    assert open_sealed(key, moved) is None
    assert seal(key, CASE, "Jane Doe") != sealed  # a fresh nonce each time


def test_seal_payload_seals_exactly_the_marked_paths() -> None:
    key = new_data_key()
    data = {
        "case_id": CASE,
        "persons_concerned": [{"name": "Jane Doe", "warrant_reference": "W-1"}, {"name": "J. R."}],
        "decision": {"chamber": "Pre-Trial Chamber I"},
    }
    paths = personal_data_paths(CourtDecisionReceived)
    sealed = seal_payload(data, paths, key, CASE)
    names = [p["name"] for p in sealed["persons_concerned"]]
    assert all(n.startswith(SEALED_PREFIX) for n in names)
    assert sealed["persons_concerned"][0]["warrant_reference"] == "W-1"
    assert sealed["decision"] == data["decision"] and sealed["case_id"] == CASE
    assert data["persons_concerned"][0]["name"] == "Jane Doe"  # the input is left as it was
    assert reveal(sealed, {CASE: key}) == data


def test_a_value_sealed_for_the_case_is_kept_one_sealed_elsewhere_is_sealed_again() -> None:
    key, other_key = new_data_key(), new_data_key()
    ours = seal(key, CASE, "Jane Doe")
    theirs = seal(other_key, OTHER, "John Roe")
    data = {"persons_concerned": [{"name": ours}, {"name": theirs}]}
    sealed = seal_payload(data, ["persons_concerned[].name"], key, CASE)
    kept, resealed = (p["name"] for p in sealed["persons_concerned"])
    assert kept == ours
    # A client cannot smuggle another case's ciphertext in to have it opened here.
    assert resealed != theirs and open_sealed(key, resealed) == theirs


def test_reveal_shows_the_erased_marker_without_the_key_and_leaves_plaintext_alone() -> None:
    key = new_data_key()
    body = {"a": [seal(key, CASE, "Jane Doe")], "b": "plain old name", "c": 3, "d": None}
    assert sealed_scopes(body) == {CASE}
    assert reveal(body, {CASE: key}) == {
        "a": ["Jane Doe"],
        "b": "plain old name",
        "c": 3,
        "d": None,
    }
    assert reveal(body, {}) == {"a": [ERASED], "b": "plain old name", "c": 3, "d": None}
    assert reveal({"x": SEALED_PREFIX + "garbage"}, {}) == {"x": ERASED}


def test_reveal_opens_sealed_values_quoted_inside_a_text() -> None:
    key = new_data_key()
    detail = f"Focal point {seal(key, CASE, 'Jane Doe')} (fp-1, african) already serves."
    assert sealed_scopes(detail) == {CASE}
    assert reveal(detail, {CASE: key}) == "Focal point Jane Doe (fp-1, african) already serves."
    assert reveal(detail, {}) == f"Focal point {ERASED} (fp-1, african) already serves."


def test_personal_data_limits_apply_to_the_plaintext_not_to_the_sealed_form() -> None:
    assert catalogue_base._SEALED_PREFIX == SEALED_PREFIX
    long_sealed = seal(new_data_key(), CASE, "é" * 300)
    assert len(long_sealed) > 300
    assert PersonConcerned(name=long_sealed).name == long_sealed
    with pytest.raises(ValidationError, match="at most 300"):
        PersonConcerned(name="x" * 301)
    with pytest.raises(ValidationError):
        PersonConcerned(name="")
    schema = PersonConcerned.model_json_schema()["properties"]["name"]
    assert schema["x-personal-data"] is True and schema["x-plaintext-max-length"] == 300
    assert "maxLength" not in schema


def test_master_keys_wrap_and_unwrap_and_parse_base64_or_hex() -> None:
    current, retired = new_data_key(), new_data_key()
    data_key = new_data_key()
    old = MasterKeys(retired)
    both = MasterKeys(current, (retired,))
    wrapped_old = old.wrap(CASE, data_key)
    assert both.unwrap(CASE, kek_id(retired), wrapped_old) == data_key
    assert both.unwrap(OTHER, kek_id(retired), wrapped_old) is None
    assert MasterKeys(current).unwrap(CASE, kek_id(retired), wrapped_old) is None
    assert parse_master_key(current.hex()) == current
    assert parse_master_key(base64.urlsafe_b64encode(current).decode()) == current
    assert parse_master_key(base64.b64encode(current).decode().rstrip("=")) == current
    with pytest.raises(ValueError, match="32 bytes"):
        parse_master_key(base64.b64encode(b"short").decode())
