from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.regional_group import RegionalGroup
from ..models.role import Role
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="EntryActor")



@_attrs_define
class EntryActor:
    """ Who did it in the world: recorded as the event's actor, as if that actor had sent it.

        Attributes:
            id (str):
            role (Role): A principal's role. The requested State acts as a ``state_party`` (docs/procedures.md S4).
            region (None | RegionalGroup | Unset): a focal point's group
            state (None | str | Unset): a State Party's code
     """

    id: str
    role: Role
    region: None | RegionalGroup | Unset = UNSET
    state: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        id = self.id

        role = self.role.value

        region: None | str | Unset
        if isinstance(self.region, Unset):
            region = UNSET
        elif isinstance(self.region, RegionalGroup):
            region = self.region.value
        else:
            region = self.region

        state: None | str | Unset
        if isinstance(self.state, Unset):
            state = UNSET
        else:
            state = self.state


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "id": id,
            "role": role,
        })
        if region is not UNSET:
            field_dict["region"] = region
        if state is not UNSET:
            field_dict["state"] = state

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        role = Role(d.pop("role"))




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


        def _parse_state(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        state = _parse_state(d.pop("state", UNSET))


        entry_actor = cls(
            id=id,
            role=role,
            region=region,
            state=state,
        )

        return entry_actor

