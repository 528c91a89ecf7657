from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="PersonConcerned")



@_attrs_define
class PersonConcerned:
    """ A person subject to the Court's request (e.g. an arrest warrant). Personal data.

        Attributes:
            name (str):
            warrant_reference (None | str | Unset):
     """

    name: str
    warrant_reference: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        name = self.name

        warrant_reference: None | str | Unset
        if isinstance(self.warrant_reference, Unset):
            warrant_reference = UNSET
        else:
            warrant_reference = self.warrant_reference


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "name": name,
        })
        if warrant_reference is not UNSET:
            field_dict["warrant_reference"] = warrant_reference

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        def _parse_warrant_reference(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        warrant_reference = _parse_warrant_reference(d.pop("warrant_reference", UNSET))


        person_concerned = cls(
            name=name,
            warrant_reference=warrant_reference,
        )

        return person_concerned

