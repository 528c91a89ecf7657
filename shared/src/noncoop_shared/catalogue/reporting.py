"""Events of the reporting service: the Bureau report submitted to a session (P15).

One event per case the report covers, on the stream ``bureau-report:<case id>`` (Kafka key: the
case id), so the procedural state of each case folds it like any other record of the case. The
report goes to the Assembly, so the event is for States Parties, the report's highest class.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field

from noncoop_shared.access import Classification
from noncoop_shared.catalogue.base import EventPayload, event

SERVICE = "reporting"
BUREAU_REPORT_STREAM_PREFIX = "bureau-report:"

Sha256 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]


def bureau_report_stream(case_id: str) -> str:
    return f"{BUREAU_REPORT_STREAM_PREFIX}{case_id}"


@event(
    service=SERVICE,
    name="bureau_report_submitted",
    version=1,
    classification=Classification.STATES_PARTIES,
    rule="P15",
)
class BureauReportSubmitted(EventPayload):
    """P15: the Bureau's report to a session, which covers this case, was submitted. The hashes
    and the checkpoint let anyone check the report they hold is the one submitted."""

    case_id: str
    report_id: str
    session_id: str
    session_starts_on: dt.date
    sha256_markdown: Sha256
    sha256_html: Sha256
    checkpoint_id: int = Field(ge=1)
    merkle_root: Sha256
