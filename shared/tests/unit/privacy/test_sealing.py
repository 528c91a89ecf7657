"""Sealing personal data per case and field (ADR 0011, ADR 0022): the cipher, the walk over
payloads and views, and the catalogue's ``PersonalData`` type: plaintext from a client, ciphertext
only as read back from a store."""

from __future__ import annotations

import base64

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from pydantic import BaseModel, ValidationError

from noncoop_shared.catalogue import CATALOGUE
from noncoop_shared.catalogue import base as catalogue_base
from noncoop_shared.catalogue.base import STORED, PersonalData, SealedText, personal_data_paths
from noncoop_shared.catalogue.common import PersonConcerned
from noncoop_shared.catalogue.referrals import CourtDecisionReceived
from noncoop_shared.privacy.keyring import (
    MasterKeys,
    kek_id,
    parse_master_key,
)
from noncoop_shared.privacy.reading import opened_view
from noncoop_shared.privacy.sealing import (
    ERASED,
    LEGACY_SEALED_PREFIX,
    MAX_PLAINTEXT_CHARS,
    MAX_SEALED_CHARS,
    SEALED_PREFIX,
    looks_sealed,
    new_data_key,
    open_declared,
    open_sealed,
    seal,
    seal_payload,
)

CASE = "0196a3d2-0000-7000-8000-000000000001"
OTHER = "0196a3d2-0000-7000-8000-000000000002"


def legacy_seal(key: bytes, scope: str, plaintext: str) -> str:
    """A value as ADR 0011 sealed it (``enc:v1:``, the scope alone as associated data)."""
    nonce = b"\x01" * 12
    body = AESGCM(key).encrypt(
        nonce, plaintext.encode(), b"noncoop-personal-data-v1|" + scope.encode()
    )
    encoded = base64.urlsafe_b64encode(nonce + body).decode().rstrip("=")
    return f"{LEGACY_SEALED_PREFIX}{scope}:{encoded}"


def test_a_sealed_value_opens_only_as_its_field_of_its_case() -> None:
    key = new_data_key()
    sealed = seal(key, CASE, "name", "Jane Doe")
    assert sealed.startswith(f"{SEALED_PREFIX}{CASE}:name:") and "Jane" not in sealed
    assert open_sealed(key, sealed, scope=CASE, field="name") == "Jane Doe"
    assert open_sealed(new_data_key(), sealed, scope=CASE, field="name") is None
    assert open_sealed(None, sealed, scope=CASE, field="name") is None
    # Case and field are the associated data: asked as another case or field, it does not open,
    # nor once its labels are rewritten to claim them.
    assert open_sealed(key, sealed, scope=OTHER, field="name") is None
    assert open_sealed(key, sealed, scope=CASE, field="facilitator") is None
    assert open_sealed(key, sealed.replace(CASE, OTHER), scope=OTHER, field="name") is None
    relabelled = sealed.replace(":name:", ":facilitator:")
    assert open_sealed(key, relabelled, scope=CASE, field="facilitator") is None
    assert seal(key, CASE, "name", "Jane Doe") != sealed  # a fresh nonce each time


def test_seal_payload_seals_exactly_the_marked_paths_for_their_field() -> None:
    key = new_data_key()
    data = {
        "case_id": CASE,
        "persons_concerned": [{"name": "Jane Doe", "warrant_reference": "W-1"}, {"name": "J. R."}],
        "decision": {"chamber": "Pre-Trial Chamber I"},
    }
    paths = personal_data_paths(CourtDecisionReceived)
    sealed = seal_payload(data, paths, key, CASE)
    names = [p["name"] for p in sealed["persons_concerned"]]
    assert all(n.startswith(f"{SEALED_PREFIX}{CASE}:name:") for n in names)
    assert [open_sealed(key, n, scope=CASE, field="name") for n in names] == ["Jane Doe", "J. R."]
    assert sealed["persons_concerned"][0]["warrant_reference"] == "W-1"
    assert sealed["decision"] == data["decision"] and sealed["case_id"] == CASE
    assert data["persons_concerned"][0]["name"] == "Jane Doe"  # the input is left as it was


def test_a_value_from_a_client_is_sealed_as_text_even_when_it_is_ciphertext_of_this_case() -> None:
    key = new_data_key()
    ours = seal(key, CASE, "name", "Jane Doe")  # e.g. read off the topic
    sealed = seal_payload({"name": ours}, ["name"], key, CASE)["name"]
    assert sealed != ours and open_sealed(key, sealed, scope=CASE, field="name") == ours


def test_a_value_read_back_from_the_store_is_kept_or_resealed_for_its_new_field() -> None:
    key, other_key = new_data_key(), new_data_key()
    ours = seal(key, CASE, "name", "Jane Doe")
    theirs = seal(other_key, OTHER, "person", "John Roe")
    read_back = {ours: "Jane Doe", theirs: "John Roe"}
    data = {"name": ours, "person": theirs}
    sealed = seal_payload(data, ["name", "person"], key, CASE, read_back)
    assert sealed["name"] == ours
    assert open_sealed(key, sealed["person"], scope=CASE, field="person") == "John Roe"


def test_open_declared_opens_its_own_case_shows_text_verbatim_and_erased_only_without_key() -> None:
    key = new_data_key()
    sealed = seal(key, CASE, "name", "Jane Doe")
    keys = {CASE: key}
    assert open_declared(sealed, scope=CASE, field="name", keys=keys) == "Jane Doe"
    assert open_declared(sealed, scope=CASE, field="name", keys={}) == ERASED
    # Not this record's case or field: text, verbatim, never opened with the key it names.
    assert open_declared(sealed, scope=OTHER, field="name", keys=keys | {OTHER: key}) == sealed
    assert open_declared(sealed, scope=CASE, field="person", keys=keys) == sealed
    # Text that merely looks sealed reads as itself, never as [erased].
    assert open_declared("enc:v1:garbage", scope=CASE, field="name", keys={}) == "enc:v1:garbage"
    assert open_declared(f"{SEALED_PREFIX}x", scope=CASE, field="name", keys={}) == "enc:v2:x"
    # Labelled for this field of this record but not opening under today's key: sealed under a
    # key since erased (and replaced). Only the store writes such a value (it seals client text).
    replaced = seal(new_data_key(), CASE, "name", "Jane Doe")
    assert open_declared(replaced, scope=CASE, field="name", keys=keys) == ERASED
    assert open_declared("plain old name", scope=CASE, field="name", keys={}) == "plain old name"


def test_a_legacy_value_opens_only_in_a_declared_field_of_its_own_case() -> None:
    key = new_data_key()
    old = legacy_seal(key, CASE, "Jane Doe")
    assert open_declared(old, scope=CASE, field="name", keys={CASE: key}) == "Jane Doe"
    assert open_declared(old, scope=OTHER, field="name", keys={OTHER: key}) == old
    assert open_declared(old, scope=CASE, field="name", keys={}) == ERASED


class _Person(BaseModel):
    name: PersonalData
    note: str


class _Record(BaseModel):
    case_id: str
    chamber: str
    people: list[_Person]
    counterpart: PersonalData | None = None


def test_a_view_opens_only_its_declared_fields_with_the_records_case_key() -> None:
    key = new_data_key()
    name = seal(key, CASE, "name", "Jane Doe")
    record = _Record.model_construct(
        case_id=CASE,
        chamber=name,  # a sealed value copied into free text stays text
        people=[_Person.model_construct(name=name, note=name)],
        counterpart=seal(key, CASE, "counterpart", "Minister"),
    )
    opened = opened_view(record, CASE, {CASE: key})
    assert opened.people[0].name == "Jane Doe" and opened.counterpart == "Minister"
    assert opened.chamber == name and opened.people[0].note == name
    assert opened_view(record, OTHER, {OTHER: key}).people[0].name == name


def test_personal_data_limits_apply_to_client_text_whatever_it_looks_like() -> None:
    assert catalogue_base._SEALED_PREFIXES == (SEALED_PREFIX, LEGACY_SEALED_PREFIX)
    assert catalogue_base._MAX_SEALED_CHARS == MAX_SEALED_CHARS
    long_sealed = seal(new_data_key(), CASE, "name", "é" * MAX_PLAINTEXT_CHARS)
    assert len(long_sealed) <= MAX_SEALED_CHARS and looks_sealed(long_sealed)
    with pytest.raises(ValidationError, match="at most 300"):
        PersonConcerned(name=long_sealed)  # from a client: text, with the field's limits
    with pytest.raises(ValidationError, match="at most 300"):
        PersonConcerned(name="enc:v1:" + "x" * 1_000_000)
    with pytest.raises(ValidationError, match="at most 300"):
        PersonConcerned(name="x" * 301)
    with pytest.raises(ValidationError):
        PersonConcerned(name="")
    # Read back from a store, ciphertext is taken, up to the longest plaintext's ciphertext.
    stored = PersonConcerned.model_validate({"name": long_sealed}, context={STORED: True})
    assert isinstance(stored.name, SealedText) and stored.name == long_sealed
    assert PersonConcerned(name=stored.name).name == long_sealed  # copied by the domain
    with pytest.raises(ValidationError, match="at most 300"):
        PersonConcerned.model_validate({"name": "enc:v2:" + "x" * 3000}, context={STORED: True})
    schema = PersonConcerned.model_json_schema()["properties"]["name"]
    assert schema["x-personal-data"] is True and schema["x-plaintext-max-length"] == 300


def test_every_personal_field_fits_the_sealed_bound() -> None:
    for meta in CATALOGUE:
        for name, field in meta.payload.model_fields.items():
            limits = [m.max_length for m in field.metadata if hasattr(m, "max_length")]
            if catalogue_base.PERSONAL in field.metadata:
                assert limits and max(limits) <= MAX_PLAINTEXT_CHARS, (meta.type, name)


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
