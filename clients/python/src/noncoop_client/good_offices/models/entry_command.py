from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
from typing import Literal, cast

if TYPE_CHECKING:
  from ..models.entry_command_body import EntryCommandBody





T = TypeVar("T", bound="EntryCommand")



@_attrs_define
class EntryCommand:
    """ One command as a client would send it: ``POST`` to a route of this service.

        Attributes:
            body (EntryCommandBody): the route's own body; its occurred_at (business time) is required here
            path (str):
            method (Literal['POST'] | Unset):  Default: 'POST'.
     """

    body: EntryCommandBody
    path: str
    method: Literal['POST'] | Unset = 'POST'





    def to_dict(self) -> dict[str, Any]:
        from ..models.entry_command_body import EntryCommandBody # noqa: PLC0415
        body = self.body.to_dict()

        path = self.path

        method = self.method


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "body": body,
            "path": path,
        })
        if method is not UNSET:
            field_dict["method"] = method

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.entry_command_body import EntryCommandBody # noqa: PLC0415
        d = dict(src_dict)
        body = EntryCommandBody.from_dict(d.pop("body"))




        path = d.pop("path")

        method = cast(Literal['POST'] | Unset , d.pop("method", UNSET))
        if method != 'POST'and not isinstance(method, Unset):
            raise ValueError(f"method must match const 'POST', got '{method}'")

        entry_command = cls(
            body=body,
            path=path,
            method=method,
        )

        return entry_command

