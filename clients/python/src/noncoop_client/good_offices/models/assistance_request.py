from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.assistant import Assistant
from ..models.regional_group import RegionalGroup
from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="AssistanceRequest")



@_attrs_define
class AssistanceRequest:
    """ 
        Attributes:
            assistant (Assistant):
            bureau_member (None | str | Unset):
            focal_point_id (None | str | Unset): a focal point asked by name (on the roster)
            occurred_at (datetime.datetime | None | Unset): When it happened (business time, with a timezone); defaults to
                now. May not lie in the future.
            region (None | RegionalGroup | Unset): for a focal point
            summary (str | Unset):  Default: ''.
     """

    assistant: Assistant
    bureau_member: None | str | Unset = UNSET
    focal_point_id: None | str | Unset = UNSET
    occurred_at: datetime.datetime | None | Unset = UNSET
    region: None | RegionalGroup | Unset = UNSET
    summary: str | Unset = ''





    def to_dict(self) -> dict[str, Any]:
        assistant = self.assistant.value

        bureau_member: None | str | Unset
        if isinstance(self.bureau_member, Unset):
            bureau_member = UNSET
        else:
            bureau_member = self.bureau_member

        focal_point_id: None | str | Unset
        if isinstance(self.focal_point_id, Unset):
            focal_point_id = UNSET
        else:
            focal_point_id = self.focal_point_id

        occurred_at: None | str | Unset
        if isinstance(self.occurred_at, Unset):
            occurred_at = UNSET
        elif isinstance(self.occurred_at, datetime.datetime):
            occurred_at = self.occurred_at.isoformat()
        else:
            occurred_at = self.occurred_at

        region: None | str | Unset
        if isinstance(self.region, Unset):
            region = UNSET
        elif isinstance(self.region, RegionalGroup):
            region = self.region.value
        else:
            region = self.region

        summary = self.summary


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "assistant": assistant,
        })
        if bureau_member is not UNSET:
            field_dict["bureau_member"] = bureau_member
        if focal_point_id is not UNSET:
            field_dict["focal_point_id"] = focal_point_id
        if occurred_at is not UNSET:
            field_dict["occurred_at"] = occurred_at
        if region is not UNSET:
            field_dict["region"] = region
        if summary is not UNSET:
            field_dict["summary"] = summary

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        assistant = Assistant(d.pop("assistant"))




        def _parse_bureau_member(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        bureau_member = _parse_bureau_member(d.pop("bureau_member", UNSET))


        def _parse_focal_point_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        focal_point_id = _parse_focal_point_id(d.pop("focal_point_id", UNSET))


        def _parse_occurred_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                occurred_at_type_0 = datetime.datetime.fromisoformat(data)



                return occurred_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        occurred_at = _parse_occurred_at(d.pop("occurred_at", UNSET))


        def _parse_region(data: object) -> None | RegionalGroup | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                region_type_0 = RegionalGroup(data)



                return region_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RegionalGroup | Unset, data)

        region = _parse_region(d.pop("region", UNSET))


        summary = d.pop("summary", UNSET)

        assistance_request = cls(
            assistant=assistant,
            bureau_member=bureau_member,
            focal_point_id=focal_point_id,
            occurred_at=occurred_at,
            region=region,
            summary=summary,
        )

        return assistance_request

