from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.history_entry import HistoryEntry





T = TypeVar("T", bound="HistoryImport")



@_attrs_define
class HistoryImport:
    """ One case's history for this service, in the order it is to be recorded.

        Attributes:
            entries (list[HistoryEntry]):
            case_id (None | str | Unset): the case; omit it when the first entry opens the case (referrals)
     """

    entries: list[HistoryEntry]
    case_id: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.history_entry import HistoryEntry # noqa: PLC0415
        entries = []
        for entries_item_data in self.entries:
            entries_item = entries_item_data.to_dict()
            entries.append(entries_item)



        case_id: None | str | Unset
        if isinstance(self.case_id, Unset):
            case_id = UNSET
        else:
            case_id = self.case_id


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "entries": entries,
        })
        if case_id is not UNSET:
            field_dict["case_id"] = case_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.history_entry import HistoryEntry # noqa: PLC0415
        d = dict(src_dict)
        entries = []
        _entries = d.pop("entries")
        for entries_item_data in (_entries):
            entries_item = HistoryEntry.from_dict(entries_item_data)



            entries.append(entries_item)


        def _parse_case_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        case_id = _parse_case_id(d.pop("case_id", UNSET))


        history_import = cls(
            entries=entries,
            case_id=case_id,
        )

        return history_import

