"""How the Bureau report words each recorded fact (pure): one sentence per action, dated in words,
the actor named, as the Bureau's reports to the Assembly read ("On 26 September 2016, the
President of the Assembly issued a press release ...").

Only what the procedures record is said: who acted, when, under which rule, and the references
(P12: actions and their dates, never the merits). Free text a record may carry (a summary, a
note, a title, decisions taken) is never copied into a sentence: it is not the Bureau's wording
and may speak of the merits. A fact this module has no wording for still gets a plain sentence
(the actor and the fact's name), so a new event type is reported, never dropped silently.

Each service's facts are worded in a module of their own (``referrals_wording``,
``bureau_wording``), chosen by the service that recorded the fact.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict

from noncoop_shared.catalogue import meta_of
from noncoop_shared.catalogue import referrals as ref
from noncoop_shared.catalogue.base import EventPayload
from noncoop_shared.envelope import Envelope
from noncoop_shared.rules import Rule
from reporting.domain.report.bureau_wording import word_bureau_fact
from reporting.domain.report.language import Lang, in_words, t
from reporting.domain.report.referrals_wording import word_referrals_fact
from reporting.domain.report.words import Worded, bound_by_security_council, plain

ACTORS = {
    role: f"actor.{role}"
    for role in (
        "president",
        "bureau_member",
        "secretariat",
        "court",
        "state_party",
        "focal_point",
    )
}
"""The actor of a fact the wording does not know, by the role that recorded it (its phrase)."""

_WORDINGS: dict[str, Callable[[EventPayload, dict[str, Any], str, Lang], Worded | None]] = {
    "referrals": word_referrals_fact,
    "bureau": word_bureau_fact,
    # Reporting's one fact on a case, the Bureau report submitted, is the Bureau's act.
    "reporting": word_bureau_fact,
}


class Sentence(BaseModel):
    """One action, as the report states it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    on: date
    """the business date the sentence gives (the cut-off and the order use it)"""
    at: datetime
    """the fact's business time, to order actions of one day"""
    actor: str
    rule: str | None
    text: str
    key: str | None = None
    """the English sentence of a translated one: which facts are said, and their order, are
    decided on it (``None``: the text is the English)"""


def rule_of(envelope: Envelope, payload: EventPayload, data: dict[str, Any]) -> str | None:
    """The rule a sentence cites: a decision for information only cites S8 (a State bound by
    the Security Council) or S-info, not P13, which it does not trigger."""
    if isinstance(payload, ref.CourtFindingRecordedForInformation) or envelope.rule in (
        Rule.S8,
        Rule.S_INFO,
    ):
        return Rule.S8 if bound_by_security_council(data) else Rule.S_INFO
    return envelope.rule or meta_of(payload).rule


def sentence(
    envelope: Envelope,
    payload: EventPayload,
    data: dict[str, Any],
    state: str,
    lang: Lang = "en",
) -> Sentence | None:
    """The sentence for one recorded fact of a case whose requested State is ``state``, in
    ``lang``; ``None`` for a fact that repeats another (the Bureau's copy of the Court's
    decision)."""
    word = _WORDINGS.get(meta_of(payload).service, plain)
    worded = word(payload, data, state, lang)
    if worded is None:
        return None
    on, actor, clause = worded
    on = on or envelope.occurredat.astimezone(UTC).date()
    actor = actor or t(lang, ACTORS.get(envelope.actorrole, "actor.secretariat"))
    rule = rule_of(envelope, payload, data)
    cited = f" ({rule})" if rule else ""
    return Sentence(
        on=on,
        at=envelope.occurredat,
        actor=actor,
        rule=rule,
        text=t(lang, "sentence", date=in_words(on, lang), actor=actor, clause=clause, cited=cited),
    )
