from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.public_entry_payload import PublicEntryPayload





T = TypeVar("T", bound="PublicEntry")



@_attrs_define
class PublicEntry:
    """ 
        Attributes:
            occurred_at (datetime.datetime):
            payload (PublicEntryPayload):
            rule (None | str):
            type_ (str):
            recorded_at (datetime.datetime | None | Unset):
     """

    occurred_at: datetime.datetime
    payload: PublicEntryPayload
    rule: None | str
    type_: str
    recorded_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.public_entry_payload import PublicEntryPayload # noqa: PLC0415
        occurred_at = self.occurred_at.isoformat()

        payload = self.payload.to_dict()

        rule: None | str
        rule = self.rule

        type_ = self.type_

        recorded_at: None | str | Unset
        if isinstance(self.recorded_at, Unset):
            recorded_at = UNSET
        elif isinstance(self.recorded_at, datetime.datetime):
            recorded_at = self.recorded_at.isoformat()
        else:
            recorded_at = self.recorded_at


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "occurred_at": occurred_at,
            "payload": payload,
            "rule": rule,
            "type": type_,
        })
        if recorded_at is not UNSET:
            field_dict["recorded_at"] = recorded_at

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.public_entry_payload import PublicEntryPayload # noqa: PLC0415
        d = dict(src_dict)
        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))




        payload = PublicEntryPayload.from_dict(d.pop("payload"))




        def _parse_rule(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        rule = _parse_rule(d.pop("rule"))


        type_ = d.pop("type")

        def _parse_recorded_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                recorded_at_type_0 = datetime.datetime.fromisoformat(data)



                return recorded_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        recorded_at = _parse_recorded_at(d.pop("recorded_at", UNSET))


        public_entry = cls(
            occurred_at=occurred_at,
            payload=payload,
            rule=rule,
            type_=type_,
            recorded_at=recorded_at,
        )


        public_entry.additional_properties = d
        return public_entry

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
