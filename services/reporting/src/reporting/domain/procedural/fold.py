"""The fold of a case's envelopes into its facts, one envelope at a time (pure).

``step`` folds one envelope of a case (streams ``case:``, ``good-offices:``,
``formal-response:``, ``bureau-report:``) into ``CaseFacts``, through the fold of the service
whose stream it comes from; ``fold`` folds a whole log and judges it on a business date
(``derive``).

An ``..._overdue`` event is a record-time fact (the scheduler saw the due instant pass before any
fulfilment was recorded): the audit trail keeps it, but the facts take from it only the due
instant, so a fulfilment dated before that instant, recorded later, still counts as on time.

The fold is order-insensitive where arrival order and business order can differ (a history
entered late): the earliest stop, the earliest fulfilment. Unknown event types are ignored (a
newer producer's event reaches an older reader harmlessly; the audit trail still shows it).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from noncoop_shared.calendar import CalendarSession
from noncoop_shared.catalogue import CATALOGUE
from noncoop_shared.catalogue import good_offices as go
from noncoop_shared.catalogue import referrals as ref
from noncoop_shared.catalogue.base import EventPayload
from noncoop_shared.envelope import Envelope
from reporting.domain.procedural.bureau import fold_bureau_event
from reporting.domain.procedural.derive import derive
from reporting.domain.procedural.facts import CaseFacts, end_of, is_case_stream
from reporting.domain.procedural.folding import EventFold
from reporting.domain.procedural.good_offices import fold_good_offices_event
from reporting.domain.procedural.referrals import fold_referrals_event
from reporting.domain.procedural.reporting import fold_reporting_event
from reporting.domain.procedural.state import ProceduralState
from reporting.domain.report.language import Lang

# Each stream holds one service's events: an envelope is offered only to that service's fold.
# The formal response's facts come from two streams, the Bureau's ``formal-response:`` and
# reporting's ``bureau-report:`` (P15); either stream is offered to both folds, each of which
# ignores the other's types.
_FOLDS_BY_STREAM: tuple[tuple[str, tuple[EventFold, ...]], ...] = (
    (ref.CASE_STREAM_PREFIX, (fold_referrals_event,)),
    (go.GOOD_OFFICES_STREAM_PREFIX, (fold_good_offices_event,)),
)
_FORMAL_RESPONSE_FOLDS: tuple[EventFold, ...] = (fold_bureau_event, fold_reporting_event)


def decode_payload(envelope: Envelope) -> EventPayload | None:
    """The envelope's payload, or ``None`` for a type this code does not know (the audit trail
    still shows it; the procedural state has nothing to say of it)."""
    if envelope.type not in CATALOGUE:
        return None
    return CATALOGUE.decode(envelope.type, envelope.data)


def step(facts: CaseFacts, envelope: Envelope, payload: EventPayload | None = None) -> None:
    """Fold one envelope of ``facts.case_id`` into ``facts`` (others are ignored); ``payload``,
    when given, is the envelope's data already decoded (by ``decode_payload``)."""
    if envelope.subject != facts.case_id or not is_case_stream(envelope.stream):
        return
    if payload is None:
        payload = decode_payload(envelope)
    if payload is None:
        return
    facts.events += 1
    facts.recorded_at = envelope.time
    at = envelope.occurredat
    if facts.last_occurred_at is None or at > facts.last_occurred_at:
        facts.last_occurred_at = at
    for fold_event in _folds_of(envelope.stream):
        fold_event(facts, envelope, payload, at)


def _folds_of(stream: str) -> tuple[EventFold, ...]:
    for prefix, folds in _FOLDS_BY_STREAM:
        if stream.startswith(prefix):
            return folds
    return _FORMAL_RESPONSE_FOLDS


def fold(
    case_id: str,
    envelopes: Iterable[Envelope],
    *,
    on: date | None = None,
    sessions: Sequence[CalendarSession] | None = None,
    lang: Lang = "en",
) -> ProceduralState:
    """The procedural state on the business date ``on`` from ``envelopes`` (log order): the
    facts dated up to the end of ``on`` (all without ``on``), judged on ``on``, in ``lang``."""
    facts = CaseFacts(case_id)
    cutoff = None if on is None else end_of(on)
    for envelope in envelopes:
        if cutoff is None or envelope.occurredat < cutoff:
            step(facts, envelope)
    return derive(facts, on, sessions, lang)
