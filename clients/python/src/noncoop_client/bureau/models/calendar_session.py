from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.session_kind import SessionKind
from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="CalendarSession")



@_attrs_define
class CalendarSession:
    """ One part of the calendar as currently scheduled: a regular session's regular part, a
    resumed part (``number`` = the regular session it resumes) or a special session.

        Attributes:
            ends_on (datetime.date):
            kind (SessionKind):
            number (int):
            session_id (str):
            starts_on (datetime.date):
            takes_up_non_cooperation (bool | Unset):  Default: False.
            venue (str | Unset):  Default: ''.
     """

    ends_on: datetime.date
    kind: SessionKind
    number: int
    session_id: str
    starts_on: datetime.date
    takes_up_non_cooperation: bool | Unset = False
    venue: str | Unset = ''
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        ends_on = self.ends_on.isoformat()

        kind = self.kind.value

        number = self.number

        session_id = self.session_id

        starts_on = self.starts_on.isoformat()

        takes_up_non_cooperation = self.takes_up_non_cooperation

        venue = self.venue


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "ends_on": ends_on,
            "kind": kind,
            "number": number,
            "session_id": session_id,
            "starts_on": starts_on,
        })
        if takes_up_non_cooperation is not UNSET:
            field_dict["takes_up_non_cooperation"] = takes_up_non_cooperation
        if venue is not UNSET:
            field_dict["venue"] = venue

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        ends_on = datetime.date.fromisoformat(d.pop("ends_on"))




        kind = SessionKind(d.pop("kind"))




        number = d.pop("number")

        session_id = d.pop("session_id")

        starts_on = datetime.date.fromisoformat(d.pop("starts_on"))




        takes_up_non_cooperation = d.pop("takes_up_non_cooperation", UNSET)

        venue = d.pop("venue", UNSET)

        calendar_session = cls(
            ends_on=ends_on,
            kind=kind,
            number=number,
            session_id=session_id,
            starts_on=starts_on,
            takes_up_non_cooperation=takes_up_non_cooperation,
            venue=venue,
        )


        calendar_session.additional_properties = d
        return calendar_session

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
