from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.rule import Rule
from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="NextDue")



@_attrs_define
class NextDue:
    """ 
        Attributes:
            due_at (datetime.datetime):
            rule (Rule): Every rule id of the procedures (docs/procedures.md).
            ref (None | str | Unset):
     """

    due_at: datetime.datetime
    rule: Rule
    ref: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        due_at = self.due_at.isoformat()

        rule = self.rule.value

        ref: None | str | Unset
        if isinstance(self.ref, Unset):
            ref = UNSET
        else:
            ref = self.ref


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "due_at": due_at,
            "rule": rule,
        })
        if ref is not UNSET:
            field_dict["ref"] = ref

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        due_at = datetime.datetime.fromisoformat(d.pop("due_at"))




        rule = Rule(d.pop("rule"))




        def _parse_ref(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        ref = _parse_ref(d.pop("ref", UNSET))


        next_due = cls(
            due_at=due_at,
            rule=rule,
            ref=ref,
        )

        return next_due

