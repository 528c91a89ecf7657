from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.regional_group import RegionalGroup
from typing import cast
import datetime






T = TypeVar("T", bound="FocalPoint")



@_attrs_define
class FocalPoint:
    """ 
        Attributes:
            ex_officio_president (bool):
            focal_point_id (str):
            name (str):
            region (RegionalGroup): The regional groups of equitable geographical representation (para 17; Res. 31).
            state (str):
            term_ends_on (datetime.date | None):
            term_start (datetime.date):
     """

    ex_officio_president: bool
    focal_point_id: str
    name: str
    region: RegionalGroup
    state: str
    term_ends_on: datetime.date | None
    term_start: datetime.date
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        ex_officio_president = self.ex_officio_president

        focal_point_id = self.focal_point_id

        name = self.name

        region = self.region.value

        state = self.state

        term_ends_on: None | str
        if isinstance(self.term_ends_on, datetime.date):
            term_ends_on = self.term_ends_on.isoformat()
        else:
            term_ends_on = self.term_ends_on

        term_start = self.term_start.isoformat()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "ex_officio_president": ex_officio_president,
            "focal_point_id": focal_point_id,
            "name": name,
            "region": region,
            "state": state,
            "term_ends_on": term_ends_on,
            "term_start": term_start,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        ex_officio_president = d.pop("ex_officio_president")

        focal_point_id = d.pop("focal_point_id")

        name = d.pop("name")

        region = RegionalGroup(d.pop("region"))




        state = d.pop("state")

        def _parse_term_ends_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                term_ends_on_type_0 = datetime.date.fromisoformat(data)



                return term_ends_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        term_ends_on = _parse_term_ends_on(d.pop("term_ends_on"))


        term_start = datetime.date.fromisoformat(d.pop("term_start"))




        focal_point = cls(
            ex_officio_president=ex_officio_president,
            focal_point_id=focal_point_id,
            name=name,
            region=region,
            state=state,
            term_ends_on=term_ends_on,
            term_start=term_start,
        )


        focal_point.additional_properties = d
        return focal_point

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
