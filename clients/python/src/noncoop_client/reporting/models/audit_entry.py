from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="AuditEntry")



@_attrs_define
class AuditEntry:
    """ 
        Attributes:
            actor_id (str):
            actor_role (str):
            causation_id (None | str):
            classification (str):
            correlation_id (str):
            event_id (str):
            hash_ (None | str):
            occurred_at (datetime.datetime):
            prev_hash (None | str):
            recorded_at (datetime.datetime):
            rule (None | str):
            source (str):
            stream (str):
            stream_version (int):
            type_ (str):
     """

    actor_id: str
    actor_role: str
    causation_id: None | str
    classification: str
    correlation_id: str
    event_id: str
    hash_: None | str
    occurred_at: datetime.datetime
    prev_hash: None | str
    recorded_at: datetime.datetime
    rule: None | str
    source: str
    stream: str
    stream_version: int
    type_: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        actor_id = self.actor_id

        actor_role = self.actor_role

        causation_id: None | str
        causation_id = self.causation_id

        classification = self.classification

        correlation_id = self.correlation_id

        event_id = self.event_id

        hash_: None | str
        hash_ = self.hash_

        occurred_at = self.occurred_at.isoformat()

        prev_hash: None | str
        prev_hash = self.prev_hash

        recorded_at = self.recorded_at.isoformat()

        rule: None | str
        rule = self.rule

        source = self.source

        stream = self.stream

        stream_version = self.stream_version

        type_ = self.type_


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "actor_id": actor_id,
            "actor_role": actor_role,
            "causation_id": causation_id,
            "classification": classification,
            "correlation_id": correlation_id,
            "event_id": event_id,
            "hash": hash_,
            "occurred_at": occurred_at,
            "prev_hash": prev_hash,
            "recorded_at": recorded_at,
            "rule": rule,
            "source": source,
            "stream": stream,
            "stream_version": stream_version,
            "type": type_,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        actor_id = d.pop("actor_id")

        actor_role = d.pop("actor_role")

        def _parse_causation_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        causation_id = _parse_causation_id(d.pop("causation_id"))


        classification = d.pop("classification")

        correlation_id = d.pop("correlation_id")

        event_id = d.pop("event_id")

        def _parse_hash_(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        hash_ = _parse_hash_(d.pop("hash"))


        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))




        def _parse_prev_hash(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        prev_hash = _parse_prev_hash(d.pop("prev_hash"))


        recorded_at = datetime.datetime.fromisoformat(d.pop("recorded_at"))




        def _parse_rule(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        rule = _parse_rule(d.pop("rule"))


        source = d.pop("source")

        stream = d.pop("stream")

        stream_version = d.pop("stream_version")

        type_ = d.pop("type")

        audit_entry = cls(
            actor_id=actor_id,
            actor_role=actor_role,
            causation_id=causation_id,
            classification=classification,
            correlation_id=correlation_id,
            event_id=event_id,
            hash_=hash_,
            occurred_at=occurred_at,
            prev_hash=prev_hash,
            recorded_at=recorded_at,
            rule=rule,
            source=source,
            stream=stream,
            stream_version=stream_version,
            type_=type_,
        )


        audit_entry.additional_properties = d
        return audit_entry

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
