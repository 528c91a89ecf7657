from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="SettledDeadline")



@_attrs_define
class SettledDeadline:
    """ 
        Attributes:
            due_at (str):
            event_id (None | str): the overdue event, or null if nothing was due
            kind (str):
            rule (str):
            stream (str):
     """

    due_at: str
    event_id: None | str
    kind: str
    rule: str
    stream: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        due_at = self.due_at

        event_id: None | str
        event_id = self.event_id

        kind = self.kind

        rule = self.rule

        stream = self.stream


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "due_at": due_at,
            "event_id": event_id,
            "kind": kind,
            "rule": rule,
            "stream": stream,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        due_at = d.pop("due_at")

        def _parse_event_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        event_id = _parse_event_id(d.pop("event_id"))


        kind = d.pop("kind")

        rule = d.pop("rule")

        stream = d.pop("stream")

        settled_deadline = cls(
            due_at=due_at,
            event_id=event_id,
            kind=kind,
            rule=rule,
            stream=stream,
        )


        settled_deadline.additional_properties = d
        return settled_deadline

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
