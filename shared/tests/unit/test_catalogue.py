"""The event catalogue: types, versions, upcasters, personal-data marks (docs/architecture.md
§10)."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from noncoop_shared.access import Classification
from noncoop_shared.catalogue import CATALOGUE, personal_data_paths
from noncoop_shared.catalogue.base import Catalogue, EventMeta, EventPayload, UnknownEventTypeError
from noncoop_shared.catalogue.referrals import (
    CaseClosed,
    ClosureReason,
    CourtDecisionReceived,
    UrgentIncidentReported,
)
from noncoop_shared.decisions import PendingEvent


class NoteV1(EventPayload):
    text: str


class NoteV2(EventPayload):
    body: str
    language: str


def local_catalogue() -> Catalogue:
    catalogue = Catalogue()
    catalogue.register(EventMeta("test", "note", 1, Classification.PUBLIC, None, NoteV1))
    catalogue.register(EventMeta("test", "note", 2, Classification.PUBLIC, None, NoteV2))

    def v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
        return {"body": data["text"], "language": "en"}

    catalogue.register_upcaster("noncoop.test.note", 1, v1_to_v2)
    return catalogue


def test_an_old_version_is_read_as_the_newest_through_its_upcaster() -> None:
    payload = local_catalogue().decode("noncoop.test.note.v1", {"text": "hello"})
    assert payload == NoteV2(body="hello", language="en")


def test_a_missing_upcaster_is_an_error_not_a_silent_default() -> None:
    catalogue = Catalogue()
    catalogue.register(EventMeta("test", "note", 1, Classification.PUBLIC, None, NoteV1))
    catalogue.register(EventMeta("test", "note", 2, Classification.PUBLIC, None, NoteV2))
    with pytest.raises(UnknownEventTypeError, match="no upcaster"):
        catalogue.decode("noncoop.test.note.v1", {"text": "hello"})


def test_an_unknown_type_is_refused_by_name() -> None:
    with pytest.raises(UnknownEventTypeError, match=r"noncoop\.nobody\.nothing\.v9"):
        CATALOGUE.decode("noncoop.nobody.nothing.v9", {})


def test_registering_a_type_twice_is_refused() -> None:
    catalogue = local_catalogue()
    with pytest.raises(ValueError, match="twice"):
        catalogue.register(EventMeta("test", "note", 1, Classification.PUBLIC, None, NoteV1))


def test_payloads_refuse_unknown_fields() -> None:
    with pytest.raises(ValidationError):
        CaseClosed.model_validate({"case_id": "c", "reason": "other", "surprise": 1})


def test_names_of_persons_concerned_are_marked_as_personal_data() -> None:
    assert personal_data_paths(CourtDecisionReceived) == ["persons_concerned[].name"]
    assert personal_data_paths(UrgentIncidentReported) == ["persons_concerned[].name"]
    assert personal_data_paths(CaseClosed) == []


def test_wire_types_follow_the_naming_scheme() -> None:
    types = [meta.type for meta in CATALOGUE]
    assert "noncoop.referrals.court_decision_received.v1" in types
    assert all(t.startswith("noncoop.") and t.rsplit(".", 1)[1].startswith("v") for t in types)


def test_a_decided_event_may_be_classified_higher_but_never_lower_than_its_type() -> None:
    closed = CaseClosed(case_id="c", reason=ClosureReason.OTHER)
    assert (
        PendingEvent(closed, Classification.RESTRICTED).effective_classification()
        is Classification.RESTRICTED
    )
    urgent_type_default = PendingEvent(closed).effective_classification()
    assert urgent_type_default is Classification.PUBLIC
    report = UrgentIncidentReported.model_construct()
    with pytest.raises(ValueError, match="may not be classified below restricted"):
        PendingEvent(report, Classification.PUBLIC).effective_classification()
