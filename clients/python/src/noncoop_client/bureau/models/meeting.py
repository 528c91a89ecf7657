from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="Meeting")



@_attrs_define
class Meeting:
    """ A Bureau meeting as scheduled, and held once it is.

        Attributes:
            emergency (bool):
            meeting_id (str):
            meets_on (datetime.date):
            decisions (list[str] | Unset):
            held_on (datetime.date | None | Unset):
     """

    emergency: bool
    meeting_id: str
    meets_on: datetime.date
    decisions: list[str] | Unset = UNSET
    held_on: datetime.date | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        emergency = self.emergency

        meeting_id = self.meeting_id

        meets_on = self.meets_on.isoformat()

        decisions: list[str] | Unset = UNSET
        if not isinstance(self.decisions, Unset):
            decisions = self.decisions



        held_on: None | str | Unset
        if isinstance(self.held_on, Unset):
            held_on = UNSET
        elif isinstance(self.held_on, datetime.date):
            held_on = self.held_on.isoformat()
        else:
            held_on = self.held_on


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "emergency": emergency,
            "meeting_id": meeting_id,
            "meets_on": meets_on,
        })
        if decisions is not UNSET:
            field_dict["decisions"] = decisions
        if held_on is not UNSET:
            field_dict["held_on"] = held_on

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        emergency = d.pop("emergency")

        meeting_id = d.pop("meeting_id")

        meets_on = datetime.date.fromisoformat(d.pop("meets_on"))




        decisions = cast(list[str], d.pop("decisions", UNSET))


        def _parse_held_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                held_on_type_0 = datetime.date.fromisoformat(data)



                return held_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        held_on = _parse_held_on(d.pop("held_on", UNSET))


        meeting = cls(
            emergency=emergency,
            meeting_id=meeting_id,
            meets_on=meets_on,
            decisions=decisions,
            held_on=held_on,
        )


        meeting.additional_properties = d
        return meeting

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
