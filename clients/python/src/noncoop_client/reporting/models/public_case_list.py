from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.public_case_summary import PublicCaseSummary





T = TypeVar("T", bound="PublicCaseList")



@_attrs_define
class PublicCaseList:
    """ 
        Attributes:
            cases (list[PublicCaseSummary]):
     """

    cases: list[PublicCaseSummary]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.public_case_summary import PublicCaseSummary # noqa: PLC0415
        cases = []
        for cases_item_data in self.cases:
            cases_item = cases_item_data.to_dict()
            cases.append(cases_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "cases": cases,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.public_case_summary import PublicCaseSummary # noqa: PLC0415
        d = dict(src_dict)
        cases = []
        _cases = d.pop("cases")
        for cases_item_data in (_cases):
            cases_item = PublicCaseSummary.from_dict(cases_item_data)



            cases.append(cases_item)


        public_case_list = cls(
            cases=cases,
        )


        public_case_list.additional_properties = d
        return public_case_list

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
