"""The rule registry: every rule of the procedures, once (docs/procedures.md).

``Rule`` is the one enum the catalogue, the errors, the wording and the procedural state use
instead of bare strings. It is a ``StrEnum``, so ``Rule.P14D == "P14d"`` and the wire keeps the
ids users know from the paragraphs of annex II of ICC-ASP/17/Res.5.

Each rule carries where it comes from (``paragraph``), what it says in one line (``summary``) and
how the system holds it (``kind``):

- ``hard``: a command that breaks it is refused (409 naming the rule);
- ``track``: recorded, its deadline or condition computed and shown in the procedural state;
- ``optional``: a step the text says "could" happen; shown ``optional`` until done, never pending.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

RuleKind = Literal["hard", "track", "optional"]


@dataclass(frozen=True)
class RuleText:
    paragraph: str
    kind: RuleKind
    summary: str


class Rule(StrEnum):
    """Every rule id of the procedures (docs/procedures.md)."""

    S4 = "S4"
    S5 = "S5"
    S7 = "S7"
    S7FN4 = "S7fn4"
    S8 = "S8"
    S_INFO = "S-info"
    S7B_NO_FINDING = "S7b-no-finding"
    S7B_TO_7A = "S7b-to-7a"
    P12 = "P12"
    P13 = "P13"
    P13_FORWARD = "P13-forward"
    P13_PRESS = "P13-press"
    P14A = "P14a"
    P14B = "P14b"
    P14C = "P14c"
    P14D = "P14d"
    P14E = "P14e"
    P14F = "P14f"
    P14G = "P14g"
    P15 = "P15"
    P17 = "P17"
    P17_ACCESS = "P17-access"
    P18_OWN_7A = "P18-own-7a"
    P18_OWN_7B = "P18-own-7b"
    P18_NOTIFY = "P18-notify"
    P19 = "P19"
    P19_REMAIN = "P19-remain"
    P20 = "P20"
    P21 = "P21"
    P22 = "P22"
    P23 = "P23"
    RES35 = "Res35"
    ANNEX_I_3K = "AnnexI-3k"
    TIME = "Time"
    CALENDAR = "Calendar"

    @property
    def text(self) -> RuleText:
        return RULE_TEXTS[self]

    @property
    def paragraph(self) -> str:
        return RULE_TEXTS[self].paragraph

    @property
    def kind(self) -> RuleKind:
        return RULE_TEXTS[self].kind

    @property
    def summary(self) -> str:
        return RULE_TEXTS[self].summary


RULE_TEXTS: dict[Rule, RuleText] = {
    Rule.S4: RuleText(
        "annex II para 4",
        "hard",
        "A case concerns one requested State (a State Party, or a non-party State with an ad hoc "
        "arrangement or agreement, art. 87(5)(b)) and one specific Court request (art. 89 or 93).",
    ),
    Rule.S5: RuleText(
        "annex II para 5",
        "hard",
        "A general failure to implement the Statute, with no specific Court request, is not a "
        "case.",
    ),
    Rule.S7: RuleText(
        "annex II para 7",
        "hard",
        "Two scenarios: 7(a) the Court referred non-cooperation under art. 87; 7(b) exceptionally, "
        "a specific and serious incident is about to occur or on-going and urgent action may help.",
    ),
    Rule.S7FN4: RuleText(
        "annex II para 7, footnote 4",
        "hard",
        "A matter neither referred nor urgent gets no procedure: a 7(b) report states why it is "
        "urgent.",
    ),
    Rule.S8: RuleText(
        "annex II para 8",
        "track",
        "The procedures apply only to requested States as in S4; a Court finding about another "
        "State (e.g. bound by a Security Council resolution) is recorded for information only.",
    ),
    Rule.S_INFO: RuleText(
        "annex II paras 7-8; art. 87(7)",
        "track",
        "A Court decision that informs the Assembly and/or the Security Council, without referring "
        "non-cooperation, is recorded for information only with its addressees.",
    ),
    Rule.S7B_NO_FINDING: RuleText(
        "annex II para 7(b)",
        "track",
        "The Court may decide on a matter handled as 7(b) and make no finding; the decision is "
        "recorded and the case may be closed citing it.",
    ),
    Rule.S7B_TO_7A: RuleText(
        "annex II para 7",
        "track",
        "When the Court refers a matter handled as 7(b), the same case continues under 7(a) with "
        "its informal history.",
    ),
    Rule.P12: RuleText(
        "annex II para 12",
        "track",
        "Nothing recorded discusses the merits of the Court's request: actions and dates only.",
    ),
    Rule.P13: RuleText(
        "annex II para 13",
        "hard",
        "The formal procedure is triggered only by a decision of the Court on non-cooperation "
        "addressed to the Assembly.",
    ),
    Rule.P13_FORWARD: RuleText(
        "annex II para 13",
        "track",
        "The Secretariat forwards the Court's decision to all States Parties without delay.",
    ),
    Rule.P13_PRESS: RuleText(
        "annex II para 13",
        "track",
        "The public is informed by a press release of the President.",
    ),
    Rule.P14A: RuleText(
        "annex II para 14(a)",
        "optional",
        "An emergency Bureau meeting may be convened at short notice; its convening and decisions "
        "are announced to all States Parties.",
    ),
    Rule.P14B: RuleText(
        "annex II para 14(b)",
        "optional",
        "The President may send an open letter to the requested State asking for its views by a "
        "due date, copied to all States Parties.",
    ),
    Rule.P14C: RuleText(
        "annex II para 14(c)",
        "track",
        "A representative of the requested State is invited to the next Bureau meeting; done "
        "when that meeting has been held with the State invited.",
    ),
    Rule.P14D: RuleText(
        "annex II para 14(d)",
        "hard",
        "The Bureau may request a public meeting of the New York Working Group only after the "
        "(c) meeting was held and if the next session starts more than three calendar months "
        "after the day it was held.",
    ),
    Rule.P14E: RuleText(
        "annex II para 14(e)",
        "track",
        "The Court's decision is noted in the omnibus resolution at the next (or on-going) "
        "session after the decision; due by the end of that session.",
    ),
    Rule.P14F: RuleText(
        "annex II para 14(f)",
        "optional",
        "The Bureau report may be discussed in plenary at the next (or on-going) session; a "
        "facilitator may be appointed.",
    ),
    Rule.P14G: RuleText(
        "annex II para 14(g)",
        "hard",
        "The President may write to the President of the Security Council only where the Court "
        "referred its finding to the Security Council.",
    ),
    Rule.P15: RuleText(
        "annex II para 15",
        "track",
        "The Bureau reports on the action taken to the next (or on-going) session after the "
        "Court's decision; overdue once that session closed without a report covering the case.",
    ),
    Rule.P17: RuleText(
        "annex II para 17; Res. para 31",
        "hard",
        "The Bureau appoints four focal points (five at the President's request), no two from "
        "one regional group; the President serves ex officio for the President's own region and "
        "is not counted among them.",
    ),
    Rule.P17_ACCESS: RuleText(
        "annex II paras 11, 17",
        "hard",
        "A focal point reads restricted records only while on the roster and only for cases the "
        "President asked it (or its region) to assist.",
    ),
    Rule.P18_OWN_7A: RuleText(
        "annex II para 18",
        "hard",
        "In a 7(a) case the President may become active on own initiative only for an arrest and "
        "surrender request (art. 89) whose opportunity may be gone before the Bureau could meet.",
    ),
    Rule.P18_OWN_7B: RuleText(
        "annex II para 18",
        "hard",
        "The President may become active on own initiative when the 7(b) conditions hold and the "
        "Court has been consulted.",
    ),
    Rule.P18_NOTIFY: RuleText(
        "annex II para 18",
        "track",
        "The President immediately notifies the Bureau members of an own-initiative start.",
    ),
    Rule.P19: RuleText(
        "annex II para 19",
        "hard",
        "Otherwise the President becomes or remains active only as decided by the Bureau.",
    ),
    Rule.P19_REMAIN: RuleText(
        "annex II para 19",
        "track",
        "When good offices go on (own-initiative start, or 7(b) continued as 7(a)), the Bureau's "
        "decision that they remain active is expected and recorded.",
    ),
    Rule.P20: RuleText(
        "annex II para 20",
        "track",
        "Contacts with the requested State and stakeholders; art. 97 reminder; assistance of "
        "focal points or Bureau members; in 7(b) the triggering information is verified.",
    ),
    Rule.P21: RuleText(
        "annex II para 21",
        "track",
        "The President reports to the Bureau on the engagement.",
    ),
    Rule.P22: RuleText(
        "annex II para 22",
        "track",
        "Focal points engage with officials, share information and keep contact with the Court.",
    ),
    Rule.P23: RuleText(
        "annex II para 23",
        "track",
        "The Secretariat assists and shares information such as official contact points.",
    ),
    Rule.RES35: RuleText(
        "Res. para 35; annex I para 3(j)",
        "track",
        "Information on potential or confirmed travel of a person subject to an arrest warrant is "
        "shared promptly with the Court.",
    ),
    Rule.ANNEX_I_3K: RuleText(
        "annex I para 3(k)",
        "track",
        "The Bureau reports on its non-cooperation activities to the next session.",
    ),
    Rule.TIME: RuleText(
        "procedures, Time",
        "hard",
        "Rules are judged in business time; business time is not before 1 July 2002, not before "
        "the fact it follows and not later than a small tolerance after now.",
    ),
    Rule.CALENDAR: RuleText(
        "procedures, The Assembly calendar",
        "track",
        "The next (or on-going) session is the next or on-going regular session, its resumed "
        "parts included; a special session only where the Bureau marked it as taking up "
        "non-cooperation.",
    ),
}

assert set(RULE_TEXTS) == set(Rule), "every rule has its text"
