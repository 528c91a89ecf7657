"""What the procedural state is folded from: the facts of one case, in business time (pure).

The facts keep the business time (``occurred_at``) of every fulfilment and every due instant,
never a verdict: whether a step is done, pending or overdue depends on the date asked (rule
Time), so it is decided in ``derive``. They are msgspec structs, not pydantic models: the fold
runs on every event of a rebuild, and the projection stores them as JSON between events, which
msgspec writes and reads many times faster (docs/adr/0027-procedural-state-as-msgspec-structs.md).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Literal

import msgspec
from msgspec import field

from noncoop_shared.catalogue import bureau as bu
from noncoop_shared.catalogue import good_offices as go
from noncoop_shared.catalogue import referrals as ref
from noncoop_shared.catalogue import reporting as rp
from reporting.domain.procedural.wording import NoteText, note_text

CASE_STREAM_PREFIXES = (
    ref.CASE_STREAM_PREFIX,
    go.GOOD_OFFICES_STREAM_PREFIX,
    bu.FORMAL_RESPONSE_STREAM_PREFIX,
    rp.BUREAU_REPORT_STREAM_PREFIX,
)

Scenario = Literal["7a", "7b", "7b_continued_as_7a", "information_only", "court_information"]
"""``information_only``: a Court finding recorded for information (not addressed to the Assembly,
or about a State that is not a requested State, S8); ``court_information``: a Court decision
that informs without referring non-cooperation (S-info). Neither has a procedure."""
CaseStatus = Literal["open", "closed", "information_only"]


def is_case_stream(stream: str) -> bool:
    return stream.startswith(CASE_STREAM_PREFIXES)


def end_of(day: date) -> datetime:
    """A date as an instant: the end of that day (UTC), i.e. the next day's first instant."""
    return datetime.combine(day + timedelta(days=1), time(0), UTC)


class Step(msgspec.Struct, omit_defaults=True):
    """One tracked act: when it became due, by when, when it was done and by whom."""

    arose_at: datetime | None = None
    due_at: datetime | None = None
    done_at: datetime | None = None
    actor: str | None = None
    ref: str | None = None
    note: NoteText = ""
    """What the step is about, from the act that set it up (a letter's due day)."""
    done_note: NoteText = ""
    """What its fulfilment said (a reply's day, an attendance), from the earliest fulfilment."""
    tags: list[NoteText] = field(default_factory=list)
    """Further facts, kept sorted so that the order of recording does not show."""

    def tag(self, note: NoteText) -> None:
        if note not in self.tags:
            self.tags.append(note)
            # In the English order, whatever the reader's language: the order notes were
            # kept in before they were keyed.
            self.tags.sort(key=lambda tag: note_text(tag, "en"))

    def notes(self) -> list[NoteText]:
        """What its acts said, in order: what set it up, its fulfilment's, the further facts."""
        return [self.note, self.done_note if self.done_at is not None else "", *self.tags]


class Share(msgspec.Struct, omit_defaults=True):
    """Res. 35: travel information shared with the Court (``status``: what was shared)."""

    at: datetime
    actor: str
    status: str | None = None


class Concluded(msgspec.Struct):
    """A conclusion of the good offices: its business time and its outcome, worded."""

    at: datetime
    outcome: str


# The field order is the order of the stored JSON (``facts_to_json``): keep it.
class CaseFacts(msgspec.Struct, omit_defaults=True):
    case_id: str
    scenario: Scenario | None = None
    status: CaseStatus | None = None
    referred_at: datetime | None = None
    referred_by: str | None = None
    decision_ref: str | None = None
    decision_date: date | None = None
    """The Court decision's own date: it fixes the due session of P14e and P15."""
    security_council: bool = False
    closed_at: datetime | None = None
    closure: str = ""
    stopped_at: datetime | None = None
    stop_why: NoteText = ""
    no_finding: Step | None = None
    """S7b-no-finding: the Court decided on the 7(b) matter without a finding."""
    forward: Step = field(default_factory=Step)
    press: Step = field(default_factory=Step)
    # --- good offices ---
    activation: Step | None = None
    activation_rule: str | None = None
    continued_at: datetime | None = None
    """When a 7(b) case continued as 7(a): good offices active before it expect P19-remain."""
    concluded_at: datetime | None = None
    conclusion: str = ""
    """The conclusion of the latest period of good offices: of those dated from its activation
    on, the earliest (a later activation starts a new period); ``conclusions`` decides."""
    conclusions: list[Concluded] = field(default_factory=list)
    """Every conclusion, in business-time order: a history entered late may hold two of one
    period (recorded day by day, the later would have been refused)."""
    remain: Step = field(default_factory=Step)
    """P19-remain: the Bureau's decision that the good offices remain active."""
    notify: Step = field(default_factory=Step)
    notify_applies: bool = True
    engagements: int = 0
    engagement: Step = field(default_factory=Step)
    reports: int = 0
    report: Step = field(default_factory=Step)
    travel: dict[str, Step] = field(default_factory=dict)
    """Res. 35, one step per travel record and per change to share (``T1``, ``T1:confirmed``)."""
    travel_status: dict[str, str] = field(default_factory=dict)
    """The status each travel record was first recorded with (potential or confirmed)."""
    travel_shares: dict[str, list[Share]] = field(default_factory=dict)
    """Each sharing with the Court, per travel id, with what it shared."""
    # --- formal response ---
    formal_opened_at: datetime | None = None
    meetings: dict[str, Step] = field(default_factory=dict)
    """P14a, per emergency meeting."""
    letters: dict[str, Step] = field(default_factory=dict)
    """P14b, per open letter: its reply, due at the end of the day the letter gives."""
    p14c: Step = field(default_factory=Step)
    p14c_held_on: date | None = None
    p14d: Step = field(default_factory=Step)
    p14e: Step = field(default_factory=Step)
    p14f: Step = field(default_factory=Step)
    facilitator: Step = field(default_factory=Step)
    p14g: Step = field(default_factory=Step)
    p15: Step = field(default_factory=Step)
    p15_reports: int = 0
    events: int = 0
    recorded_at: datetime | None = None
    last_occurred_at: datetime | None = None
    """The latest business time folded: a date after it needs no refold (the projection's
    ``ProceduralStates.read``)."""


_ENCODER = msgspec.json.Encoder()
_DECODER = msgspec.json.Decoder(CaseFacts)


def facts_to_json(facts: CaseFacts) -> bytes:
    # Without the defaults: most steps of most cases never happen (a tenth of the size). A step
    # left at its default still shows as ``{}``: msgspec omits only plain defaults and empty
    # collections.
    return _ENCODER.encode(facts)


def facts_from_json(raw: str | bytes) -> CaseFacts:
    """Facts as ``facts_to_json`` wrote them, or as the pydantic encoder of earlier releases
    did (the same names and formats, defaults left out)."""
    return _DECODER.decode(raw)
