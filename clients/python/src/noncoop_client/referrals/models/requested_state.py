from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.state_status import StateStatus






T = TypeVar("T", bound="RequestedState")



@_attrs_define
class RequestedState:
    """ 
        Attributes:
            code (str): ISO 3166-1 alpha-3 code
            name (str):
            status (StateStatus): Why the Court may ask this State to cooperate, which decides whether S4 lets a case open.
     """

    code: str
    name: str
    status: StateStatus





    def to_dict(self) -> dict[str, Any]:
        code = self.code

        name = self.name

        status = self.status.value


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "code": code,
            "name": name,
            "status": status,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = d.pop("code")

        name = d.pop("name")

        status = StateStatus(d.pop("status"))




        requested_state = cls(
            code=code,
            name=name,
            status=status,
        )

        return requested_state

