from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.case_summary import CaseSummary





T = TypeVar("T", bound="CaseList")



@_attrs_define
class CaseList:
    """ 
        Attributes:
            consistent (bool): false when consistent_with was given and the register had not caught up
            items (list[CaseSummary]):
            next_cursor (None | str): pass as cursor= for the next page
     """

    consistent: bool
    items: list[CaseSummary]
    next_cursor: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.case_summary import CaseSummary # noqa: PLC0415
        consistent = self.consistent

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)



        next_cursor: None | str
        next_cursor = self.next_cursor


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "consistent": consistent,
            "items": items,
            "next_cursor": next_cursor,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.case_summary import CaseSummary # noqa: PLC0415
        d = dict(src_dict)
        consistent = d.pop("consistent")

        items = []
        _items = d.pop("items")
        for items_item_data in (_items):
            items_item = CaseSummary.from_dict(items_item_data)



            items.append(items_item)


        def _parse_next_cursor(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        next_cursor = _parse_next_cursor(d.pop("next_cursor"))


        case_list = cls(
            consistent=consistent,
            items=items,
            next_cursor=next_cursor,
        )


        case_list.additional_properties = d
        return case_list

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
