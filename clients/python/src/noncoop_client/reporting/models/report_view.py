from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
from uuid import UUID
import datetime

if TYPE_CHECKING:
  from ..models.checkpoint_ref import CheckpointRef
  from ..models.report_view_log_position_type_0 import ReportViewLogPositionType0





T = TypeVar("T", bound="ReportView")



@_attrs_define
class ReportView:
    """ 
        Attributes:
            as_of (datetime.datetime | None):
            report_id (UUID):
            session_ends_on (datetime.date):
            session_id (str):
            session_starts_on (datetime.date):
            sha256_html (None | str):
            sha256_markdown (None | str):
            status (str):
            submitted_at (datetime.datetime | None):
            checkpoint (CheckpointRef | None | Unset):
            cutoff (datetime.date | None | Unset):
            log_position (None | ReportViewLogPositionType0 | Unset):
            markdown (None | str | Unset):
            submitted_occurred_at (datetime.datetime | None | Unset):
     """

    as_of: datetime.datetime | None
    report_id: UUID
    session_ends_on: datetime.date
    session_id: str
    session_starts_on: datetime.date
    sha256_html: None | str
    sha256_markdown: None | str
    status: str
    submitted_at: datetime.datetime | None
    checkpoint: CheckpointRef | None | Unset = UNSET
    cutoff: datetime.date | None | Unset = UNSET
    log_position: None | ReportViewLogPositionType0 | Unset = UNSET
    markdown: None | str | Unset = UNSET
    submitted_occurred_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.checkpoint_ref import CheckpointRef # noqa: PLC0415
        from ..models.report_view_log_position_type_0 import ReportViewLogPositionType0 # noqa: PLC0415
        as_of: None | str
        if isinstance(self.as_of, datetime.datetime):
            as_of = self.as_of.isoformat()
        else:
            as_of = self.as_of

        report_id = str(self.report_id)

        session_ends_on = self.session_ends_on.isoformat()

        session_id = self.session_id

        session_starts_on = self.session_starts_on.isoformat()

        sha256_html: None | str
        sha256_html = self.sha256_html

        sha256_markdown: None | str
        sha256_markdown = self.sha256_markdown

        status = self.status

        submitted_at: None | str
        if isinstance(self.submitted_at, datetime.datetime):
            submitted_at = self.submitted_at.isoformat()
        else:
            submitted_at = self.submitted_at

        checkpoint: dict[str, Any] | None | Unset
        if isinstance(self.checkpoint, Unset):
            checkpoint = UNSET
        elif isinstance(self.checkpoint, CheckpointRef):
            checkpoint = self.checkpoint.to_dict()
        else:
            checkpoint = self.checkpoint

        cutoff: None | str | Unset
        if isinstance(self.cutoff, Unset):
            cutoff = UNSET
        elif isinstance(self.cutoff, datetime.date):
            cutoff = self.cutoff.isoformat()
        else:
            cutoff = self.cutoff

        log_position: dict[str, Any] | None | Unset
        if isinstance(self.log_position, Unset):
            log_position = UNSET
        elif isinstance(self.log_position, ReportViewLogPositionType0):
            log_position = self.log_position.to_dict()
        else:
            log_position = self.log_position

        markdown: None | str | Unset
        if isinstance(self.markdown, Unset):
            markdown = UNSET
        else:
            markdown = self.markdown

        submitted_occurred_at: None | str | Unset
        if isinstance(self.submitted_occurred_at, Unset):
            submitted_occurred_at = UNSET
        elif isinstance(self.submitted_occurred_at, datetime.datetime):
            submitted_occurred_at = self.submitted_occurred_at.isoformat()
        else:
            submitted_occurred_at = self.submitted_occurred_at


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "as_of": as_of,
            "report_id": report_id,
            "session_ends_on": session_ends_on,
            "session_id": session_id,
            "session_starts_on": session_starts_on,
            "sha256_html": sha256_html,
            "sha256_markdown": sha256_markdown,
            "status": status,
            "submitted_at": submitted_at,
        })
        if checkpoint is not UNSET:
            field_dict["checkpoint"] = checkpoint
        if cutoff is not UNSET:
            field_dict["cutoff"] = cutoff
        if log_position is not UNSET:
            field_dict["log_position"] = log_position
        if markdown is not UNSET:
            field_dict["markdown"] = markdown
        if submitted_occurred_at is not UNSET:
            field_dict["submitted_occurred_at"] = submitted_occurred_at

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.checkpoint_ref import CheckpointRef # noqa: PLC0415
        from ..models.report_view_log_position_type_0 import ReportViewLogPositionType0 # noqa: PLC0415
        d = dict(src_dict)
        def _parse_as_of(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                as_of_type_0 = datetime.datetime.fromisoformat(data)



                return as_of_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        as_of = _parse_as_of(d.pop("as_of"))


        report_id = UUID(d.pop("report_id"))




        session_ends_on = datetime.date.fromisoformat(d.pop("session_ends_on"))




        session_id = d.pop("session_id")

        session_starts_on = datetime.date.fromisoformat(d.pop("session_starts_on"))




        def _parse_sha256_html(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        sha256_html = _parse_sha256_html(d.pop("sha256_html"))


        def _parse_sha256_markdown(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        sha256_markdown = _parse_sha256_markdown(d.pop("sha256_markdown"))


        status = d.pop("status")

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


        def _parse_checkpoint(data: object) -> CheckpointRef | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                checkpoint_type_0 = CheckpointRef.from_dict(data)



                return checkpoint_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CheckpointRef | None | Unset, data)

        checkpoint = _parse_checkpoint(d.pop("checkpoint", UNSET))


        def _parse_cutoff(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                cutoff_type_0 = datetime.date.fromisoformat(data)



                return cutoff_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        cutoff = _parse_cutoff(d.pop("cutoff", UNSET))


        def _parse_log_position(data: object) -> None | ReportViewLogPositionType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                log_position_type_0 = ReportViewLogPositionType0.from_dict(data)



                return log_position_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ReportViewLogPositionType0 | Unset, data)

        log_position = _parse_log_position(d.pop("log_position", UNSET))


        def _parse_markdown(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        markdown = _parse_markdown(d.pop("markdown", UNSET))


        def _parse_submitted_occurred_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                submitted_occurred_at_type_0 = datetime.datetime.fromisoformat(data)



                return submitted_occurred_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        submitted_occurred_at = _parse_submitted_occurred_at(d.pop("submitted_occurred_at", UNSET))


        report_view = cls(
            as_of=as_of,
            report_id=report_id,
            session_ends_on=session_ends_on,
            session_id=session_id,
            session_starts_on=session_starts_on,
            sha256_html=sha256_html,
            sha256_markdown=sha256_markdown,
            status=status,
            submitted_at=submitted_at,
            checkpoint=checkpoint,
            cutoff=cutoff,
            log_position=log_position,
            markdown=markdown,
            submitted_occurred_at=submitted_occurred_at,
        )


        report_view.additional_properties = d
        return report_view

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
