from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.report_status import ReportStatus
from typing import cast
from uuid import UUID
import datetime






T = TypeVar("T", bound="ReportSummary")



@_attrs_define
class ReportSummary:
    """ One report of the list: what it is for, where it stands, when, and who drafted it.

        Attributes:
            created_at (datetime.datetime):
            drafted_by (None | str):
            report_id (UUID):
            session_id (str):
            status (ReportStatus):
            submitted_at (datetime.datetime | None):
            submitted_occurred_at (datetime.datetime | None):
     """

    created_at: datetime.datetime
    drafted_by: None | str
    report_id: UUID
    session_id: str
    status: ReportStatus
    submitted_at: datetime.datetime | None
    submitted_occurred_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        drafted_by: None | str
        drafted_by = self.drafted_by

        report_id = str(self.report_id)

        session_id = self.session_id

        status = self.status.value

        submitted_at: None | str
        if isinstance(self.submitted_at, datetime.datetime):
            submitted_at = self.submitted_at.isoformat()
        else:
            submitted_at = self.submitted_at

        submitted_occurred_at: None | str
        if isinstance(self.submitted_occurred_at, datetime.datetime):
            submitted_occurred_at = self.submitted_occurred_at.isoformat()
        else:
            submitted_occurred_at = self.submitted_occurred_at


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "created_at": created_at,
            "drafted_by": drafted_by,
            "report_id": report_id,
            "session_id": session_id,
            "status": status,
            "submitted_at": submitted_at,
            "submitted_occurred_at": submitted_occurred_at,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        def _parse_drafted_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        drafted_by = _parse_drafted_by(d.pop("drafted_by"))


        report_id = UUID(d.pop("report_id"))




        session_id = d.pop("session_id")

        status = ReportStatus(d.pop("status"))




        def _parse_submitted_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                submitted_at_type_0 = datetime.datetime.fromisoformat(data)



                return submitted_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        submitted_at = _parse_submitted_at(d.pop("submitted_at"))


        def _parse_submitted_occurred_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                submitted_occurred_at_type_0 = datetime.datetime.fromisoformat(data)



                return submitted_occurred_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        submitted_occurred_at = _parse_submitted_occurred_at(d.pop("submitted_occurred_at"))


        report_summary = cls(
            created_at=created_at,
            drafted_by=drafted_by,
            report_id=report_id,
            session_id=session_id,
            status=status,
            submitted_at=submitted_at,
            submitted_occurred_at=submitted_occurred_at,
        )


        report_summary.additional_properties = d
        return report_summary

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
