from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.note_detail import NoteDetail





T = TypeVar("T", bound="Note")



@_attrs_define
class Note:
    """ One recorded engagement (P20-P23): what kind, when, what was said of it.

        Attributes:
            kind (str):
            occurred_at (datetime.datetime):
            summary (str):
            counterpart (None | str | Unset):
            detail (NoteDetail | Unset):
     """

    kind: str
    occurred_at: datetime.datetime
    summary: str
    counterpart: None | str | Unset = UNSET
    detail: NoteDetail | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.note_detail import NoteDetail # noqa: PLC0415
        kind = self.kind

        occurred_at = self.occurred_at.isoformat()

        summary = self.summary

        counterpart: None | str | Unset
        if isinstance(self.counterpart, Unset):
            counterpart = UNSET
        else:
            counterpart = self.counterpart

        detail: dict[str, Any] | Unset = UNSET
        if not isinstance(self.detail, Unset):
            detail = self.detail.to_dict()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "kind": kind,
            "occurred_at": occurred_at,
            "summary": summary,
        })
        if counterpart is not UNSET:
            field_dict["counterpart"] = counterpart
        if detail is not UNSET:
            field_dict["detail"] = detail

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.note_detail import NoteDetail # noqa: PLC0415
        d = dict(src_dict)
        kind = d.pop("kind")

        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))




        summary = d.pop("summary")

        def _parse_counterpart(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        counterpart = _parse_counterpart(d.pop("counterpart", UNSET))


        _detail = d.pop("detail", UNSET)
        detail: NoteDetail | Unset
        if isinstance(_detail,  Unset):
            detail = UNSET
        else:
            detail = NoteDetail.from_dict(_detail)




        note = cls(
            kind=kind,
            occurred_at=occurred_at,
            summary=summary,
            counterpart=counterpart,
            detail=detail,
        )

        return note

