from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.court_decision_without_finding_submission_outcome import CourtDecisionWithoutFindingSubmissionOutcome
from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="CourtDecisionWithoutFindingSubmission")



@_attrs_define
class CourtDecisionWithoutFindingSubmission:
    """ S7b-no-finding: the Court decided on a 7(b) matter without a finding (or not to refer).

        Attributes:
            chamber (str):
            date (datetime.date):
            reference (str):
            occurred_at (datetime.datetime | None | Unset): When it happened (business time, with a timezone); defaults to
                now. May not lie in the future.
            outcome (CourtDecisionWithoutFindingSubmissionOutcome | Unset):  Default:
                CourtDecisionWithoutFindingSubmissionOutcome.NO_FINDING.
            summary (str | Unset):  Default: ''.
     """

    chamber: str
    date: datetime.date
    reference: str
    occurred_at: datetime.datetime | None | Unset = UNSET
    outcome: CourtDecisionWithoutFindingSubmissionOutcome | Unset = CourtDecisionWithoutFindingSubmissionOutcome.NO_FINDING
    summary: str | Unset = ''





    def to_dict(self) -> dict[str, Any]:
        chamber = self.chamber

        date = self.date.isoformat()

        reference = self.reference

        occurred_at: None | str | Unset
        if isinstance(self.occurred_at, Unset):
            occurred_at = UNSET
        elif isinstance(self.occurred_at, datetime.datetime):
            occurred_at = self.occurred_at.isoformat()
        else:
            occurred_at = self.occurred_at

        outcome: str | Unset = UNSET
        if not isinstance(self.outcome, Unset):
            outcome = self.outcome.value


        summary = self.summary


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "chamber": chamber,
            "date": date,
            "reference": reference,
        })
        if occurred_at is not UNSET:
            field_dict["occurred_at"] = occurred_at
        if outcome is not UNSET:
            field_dict["outcome"] = outcome
        if summary is not UNSET:
            field_dict["summary"] = summary

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        chamber = d.pop("chamber")

        date = datetime.date.fromisoformat(d.pop("date"))




        reference = d.pop("reference")

        def _parse_occurred_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                occurred_at_type_0 = datetime.datetime.fromisoformat(data)



                return occurred_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        occurred_at = _parse_occurred_at(d.pop("occurred_at", UNSET))


        _outcome = d.pop("outcome", UNSET)
        outcome: CourtDecisionWithoutFindingSubmissionOutcome | Unset
        if isinstance(_outcome,  Unset):
            outcome = UNSET
        else:
            outcome = CourtDecisionWithoutFindingSubmissionOutcome(_outcome)




        summary = d.pop("summary", UNSET)

        court_decision_without_finding_submission = cls(
            chamber=chamber,
            date=date,
            reference=reference,
            occurred_at=occurred_at,
            outcome=outcome,
            summary=summary,
        )

        return court_decision_without_finding_submission

