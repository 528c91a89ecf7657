from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="TimelineEntry")



@_attrs_define
class TimelineEntry:
    """ Who did what, when (business and record time), under which rule and classification.

        Attributes:
            actor_id (str):
            actor_role (str):
            classification (str):
            event_id (str):
            occurred_at (datetime.datetime):
            recorded_at (datetime.datetime):
            rule (None | str):
            stream_version (int):
            type_ (str):
     """

    actor_id: str
    actor_role: str
    classification: str
    event_id: str
    occurred_at: datetime.datetime
    recorded_at: datetime.datetime
    rule: None | str
    stream_version: int
    type_: str





    def to_dict(self) -> dict[str, Any]:
        actor_id = self.actor_id

        actor_role = self.actor_role

        classification = self.classification

        event_id = self.event_id

        occurred_at = self.occurred_at.isoformat()

        recorded_at = self.recorded_at.isoformat()

        rule: None | str
        rule = self.rule

        stream_version = self.stream_version

        type_ = self.type_


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "actor_id": actor_id,
            "actor_role": actor_role,
            "classification": classification,
            "event_id": event_id,
            "occurred_at": occurred_at,
            "recorded_at": recorded_at,
            "rule": rule,
            "stream_version": stream_version,
            "type": type_,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        actor_id = d.pop("actor_id")

        actor_role = d.pop("actor_role")

        classification = d.pop("classification")

        event_id = d.pop("event_id")

        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))




        recorded_at = datetime.datetime.fromisoformat(d.pop("recorded_at"))




        def _parse_rule(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        rule = _parse_rule(d.pop("rule"))


        stream_version = d.pop("stream_version")

        type_ = d.pop("type")

        timeline_entry = cls(
            actor_id=actor_id,
            actor_role=actor_role,
            classification=classification,
            event_id=event_id,
            occurred_at=occurred_at,
            recorded_at=recorded_at,
            rule=rule,
            stream_version=stream_version,
            type_=type_,
        )

        return timeline_entry

