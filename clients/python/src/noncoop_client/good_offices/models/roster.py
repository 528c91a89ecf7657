from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.focal_point import FocalPoint





T = TypeVar("T", bound="Roster")



@_attrs_define
class Roster:
    """ 
        Attributes:
            focal_points (list[FocalPoint]):
            limit (int):
            on (datetime.date):
     """

    focal_points: list[FocalPoint]
    limit: int
    on: datetime.date
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.focal_point import FocalPoint # noqa: PLC0415
        focal_points = []
        for focal_points_item_data in self.focal_points:
            focal_points_item = focal_points_item_data.to_dict()
            focal_points.append(focal_points_item)



        limit = self.limit

        on = self.on.isoformat()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "focal_points": focal_points,
            "limit": limit,
            "on": on,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.focal_point import FocalPoint # noqa: PLC0415
        d = dict(src_dict)
        focal_points = []
        _focal_points = d.pop("focal_points")
        for focal_points_item_data in (_focal_points):
            focal_points_item = FocalPoint.from_dict(focal_points_item_data)



            focal_points.append(focal_points_item)


        limit = d.pop("limit")

        on = datetime.date.fromisoformat(d.pop("on"))




        roster = cls(
            focal_points=focal_points,
            limit=limit,
            on=on,
        )


        roster.additional_properties = d
        return roster

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
