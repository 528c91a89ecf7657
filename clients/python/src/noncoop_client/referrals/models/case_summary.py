from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="CaseSummary")



@_attrs_define
class CaseSummary:
    """ 
        Attributes:
            case_id (str):
            opened_on (datetime.date | None):
            requested_state_code (None | str):
            requested_state_name (None | str):
            scenario (None | str):
            status (None | str):
            updated_at (datetime.datetime | None):
            version (int):
     """

    case_id: str
    opened_on: datetime.date | None
    requested_state_code: None | str
    requested_state_name: None | str
    scenario: None | str
    status: None | str
    updated_at: datetime.datetime | None
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        case_id = self.case_id

        opened_on: None | str
        if isinstance(self.opened_on, datetime.date):
            opened_on = self.opened_on.isoformat()
        else:
            opened_on = self.opened_on

        requested_state_code: None | str
        requested_state_code = self.requested_state_code

        requested_state_name: None | str
        requested_state_name = self.requested_state_name

        scenario: None | str
        scenario = self.scenario

        status: None | str
        status = self.status

        updated_at: None | str
        if isinstance(self.updated_at, datetime.datetime):
            updated_at = self.updated_at.isoformat()
        else:
            updated_at = self.updated_at

        version = self.version


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "case_id": case_id,
            "opened_on": opened_on,
            "requested_state_code": requested_state_code,
            "requested_state_name": requested_state_name,
            "scenario": scenario,
            "status": status,
            "updated_at": updated_at,
            "version": version,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        case_id = d.pop("case_id")

        def _parse_opened_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                opened_on_type_0 = datetime.date.fromisoformat(data)



                return opened_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        opened_on = _parse_opened_on(d.pop("opened_on"))


        def _parse_requested_state_code(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        requested_state_code = _parse_requested_state_code(d.pop("requested_state_code"))


        def _parse_requested_state_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        requested_state_name = _parse_requested_state_name(d.pop("requested_state_name"))


        def _parse_scenario(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        scenario = _parse_scenario(d.pop("scenario"))


        def _parse_status(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        status = _parse_status(d.pop("status"))


        def _parse_updated_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                updated_at_type_0 = datetime.datetime.fromisoformat(data)



                return updated_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        updated_at = _parse_updated_at(d.pop("updated_at"))


        version = d.pop("version")

        case_summary = cls(
            case_id=case_id,
            opened_on=opened_on,
            requested_state_code=requested_state_code,
            requested_state_name=requested_state_name,
            scenario=scenario,
            status=status,
            updated_at=updated_at,
            version=version,
        )


        case_summary.additional_properties = d
        return case_summary

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
