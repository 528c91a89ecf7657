from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="Step")



@_attrs_define
class Step:
    """ A tracked step with a service level (P18-notify, Res. 35).

        Attributes:
            rule (str):
            done_at (datetime.datetime | None | Unset):
            due_at (datetime.datetime | None | Unset):
            late (bool | None | Unset):
            overdue_since (datetime.datetime | None | Unset):
     """

    rule: str
    done_at: datetime.datetime | None | Unset = UNSET
    due_at: datetime.datetime | None | Unset = UNSET
    late: bool | None | Unset = UNSET
    overdue_since: datetime.datetime | None | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        rule = self.rule

        done_at: None | str | Unset
        if isinstance(self.done_at, Unset):
            done_at = UNSET
        elif isinstance(self.done_at, datetime.datetime):
            done_at = self.done_at.isoformat()
        else:
            done_at = self.done_at

        due_at: None | str | Unset
        if isinstance(self.due_at, Unset):
            due_at = UNSET
        elif isinstance(self.due_at, datetime.datetime):
            due_at = self.due_at.isoformat()
        else:
            due_at = self.due_at

        late: bool | None | Unset
        if isinstance(self.late, Unset):
            late = UNSET
        else:
            late = self.late

        overdue_since: None | str | Unset
        if isinstance(self.overdue_since, Unset):
            overdue_since = UNSET
        elif isinstance(self.overdue_since, datetime.datetime):
            overdue_since = self.overdue_since.isoformat()
        else:
            overdue_since = self.overdue_since


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "rule": rule,
        })
        if done_at is not UNSET:
            field_dict["done_at"] = done_at
        if due_at is not UNSET:
            field_dict["due_at"] = due_at
        if late is not UNSET:
            field_dict["late"] = late
        if overdue_since is not UNSET:
            field_dict["overdue_since"] = overdue_since

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        rule = d.pop("rule")

        def _parse_done_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                done_at_type_0 = datetime.datetime.fromisoformat(data)



                return done_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        done_at = _parse_done_at(d.pop("done_at", UNSET))


        def _parse_due_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                due_at_type_0 = datetime.datetime.fromisoformat(data)



                return due_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        due_at = _parse_due_at(d.pop("due_at", UNSET))


        def _parse_late(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        late = _parse_late(d.pop("late", UNSET))


        def _parse_overdue_since(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                overdue_since_type_0 = datetime.datetime.fromisoformat(data)



                return overdue_since_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        overdue_since = _parse_overdue_since(d.pop("overdue_since", UNSET))


        step = cls(
            rule=rule,
            done_at=done_at,
            due_at=due_at,
            late=late,
            overdue_since=overdue_since,
        )

        return step

