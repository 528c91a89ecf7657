from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="PublicCaseSummary")



@_attrs_define
class PublicCaseSummary:
    """ 
        Attributes:
            case_id (str):
            opened_on (datetime.date):
            requested_state_code (None | str):
            scenario (str):
            status (str):
            updated_at (datetime.datetime):
     """

    case_id: str
    opened_on: datetime.date
    requested_state_code: None | str
    scenario: str
    status: str
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        case_id = self.case_id

        opened_on = self.opened_on.isoformat()

        requested_state_code: None | str
        requested_state_code = self.requested_state_code

        scenario = self.scenario

        status = self.status

        updated_at = self.updated_at.isoformat()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "case_id": case_id,
            "opened_on": opened_on,
            "requested_state_code": requested_state_code,
            "scenario": scenario,
            "status": status,
            "updated_at": updated_at,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        case_id = d.pop("case_id")

        opened_on = datetime.date.fromisoformat(d.pop("opened_on"))




        def _parse_requested_state_code(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        requested_state_code = _parse_requested_state_code(d.pop("requested_state_code"))


        scenario = d.pop("scenario")

        status = d.pop("status")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




        public_case_summary = cls(
            case_id=case_id,
            opened_on=opened_on,
            requested_state_code=requested_state_code,
            scenario=scenario,
            status=status,
            updated_at=updated_at,
        )


        public_case_summary.additional_properties = d
        return public_case_summary

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
