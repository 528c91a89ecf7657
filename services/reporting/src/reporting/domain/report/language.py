"""The report's languages (pure): English, the text that is sealed, and French, a translation.

Every sentence the report prints is a template in ``PHRASES`` under one key, in each language:
a key without its French is a gap the unit tests catch (test_report_wording). The rule ids (P14a,
...), references and the names of States and people are data, printed as recorded. Dates are
written as each language writes them (Babel's long date: ``26 September 2016``,
``26 septembre 2016``), session numbers in words (``eighteenth``, ``dix-huitième``).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal, get_args

from babel.dates import format_date

Lang = Literal["en", "fr"]
LANGS: tuple[Lang, ...] = get_args(Lang)
SEALED: Lang = "en"
"""The language whose rendering is hashed and sealed at submission (the authentic text)."""


def in_words(day: date, lang: Lang = "en") -> str:
    """``26 September 2016`` / ``26 septembre 2016``: the Assembly's way of writing a date
    (French writes the first of the month ``1er``, which Babel's pattern does not)."""
    written = format_date(day, "d MMMM y", locale=lang)
    return "1er" + written[1:] if lang == "fr" and day.day == 1 else written


_EN_UNITS = [
    *("zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth"),
    *("ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth"),
    *("sixteenth", "seventeenth", "eighteenth", "nineteenth"),
]
_EN_TENS = {20: "twent", 30: "thirt", 40: "fort", 50: "fift", 60: "sixt", 70: "sevent"}
_EN_TENS_CARDINAL = {
    20: "twenty",
    30: "thirty",
    40: "forty",
    50: "fifty",
    60: "sixty",
    70: "seventy",
}

_FR_UNITS = [
    *("zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix"),
    *("onze", "douze", "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit"),
    "dix-neuf",
]
_FR_TENS = {20: "vingt", 30: "trente", 40: "quarante", 50: "cinquante", 60: "soixante"}


def _fr_cardinal(number: int) -> str:
    if number < 20:
        return _FR_UNITS[number]
    tens, unit = divmod(number, 10)
    if tens == 7:  # soixante-dix, soixante et onze, soixante-douze, ...
        return "soixante et onze" if unit == 1 else f"soixante-{_FR_UNITS[10 + unit]}"
    word = _FR_TENS[tens * 10]
    if unit == 0:
        return word
    return f"{word} et un" if unit == 1 else f"{word}-{_FR_UNITS[unit]}"


def _fr_ordinal(number: int) -> str:
    if number == 1:
        return "première"  # la session: feminine
    word = _fr_cardinal(number)
    if word.endswith("cinq"):
        word += "u"
    elif word.endswith("neuf"):
        word = word[:-1] + "v"
    elif word.endswith("e"):
        word = word[:-1]
    return word + "ième"


def ordinal(number: int | None, lang: Lang = "en") -> str | None:
    """``eighteenth`` / ``dix-huitième``: how the Assembly names its sessions (1 to 79);
    ``None`` beyond."""
    if number is None or not 1 <= number < 80:
        return None
    if lang == "fr":
        return _fr_ordinal(number)
    if number < 20:
        return _EN_UNITS[number]
    tens, unit = divmod(number, 10)
    if unit == 0:
        return _EN_TENS[number] + "ieth"
    return f"{_EN_TENS_CARDINAL[tens * 10]}-{_EN_UNITS[unit]}"


_CHAMBERS_FR = (
    (re.compile(r"Pre-Trial Chamber ([IVX]+)"), r"Chambre préliminaire \1"),
    (re.compile(r"Trial Chamber ([IVX]+)"), r"Chambre de première instance \1"),
    (re.compile(r"Appeals Chamber"), "Chambre d'appel"),
    (re.compile(r"Presidency"), "Présidence"),
)
"""The Court's chambers as the French text of the Statute names them (art. 34, 39)."""


def chamber_name(chamber: str, lang: Lang) -> str:
    """A chamber of the Court as recorded (``Pre-Trial Chamber II``), in ``lang`` when it is
    one of the Statute's (``Chambre préliminaire II``); any other name is printed as recorded."""
    if lang == "fr":
        for pattern, french in _CHAMBERS_FR:
            if pattern.fullmatch(chamber):
                return pattern.sub(french, chamber)
    return chamber


def t(lang: Lang, key: str, **values: object) -> str:
    """The phrase ``key`` in ``lang``, its ``{placeholders}`` filled."""
    return PHRASES[lang][key].format(**values)


EN: dict[str, str] = {
    # the sentence of one fact
    "sentence": "On {date}, {actor} {clause}{cited}.",
    "actor.president": "the President of the Assembly",
    "actor.bureau_member": "the Bureau",
    "actor.secretariat": "the Secretariat",
    "actor.court": "the Court",
    "actor.state_party": "a State Party",
    "actor.focal_point": "a focal point",
    "actor.assembly": "the Assembly",
    "state.unnamed": "the requested State",
    "state.code": "the requested State ({code})",
    # words shared by the sentences
    "joined.concerning": "concerning",
    "joined.in_respect_of": "in respect of",
    "request.89": " {joined} a request for arrest and surrender (article 89 of the Statute)",
    "request.93": " {joined} a request for assistance (article 93 of the Statute)",
    "chamber.named": "{chamber} of the Court",
    "chamber.court": "the Court",
    "to.assembly": "the Assembly",
    "to.assembly_sc": "the Assembly and to the Security Council",
    "to.sc": "the Security Council",
    "info.bound": (
        ", a State not party to the Rome Statute bound by a decision of the Security "
        "Council{resolution},"
    ),
    "info.sent": " and referred the matter to the Security Council",
    "info.clause": (
        "issued decision {reference} concerning {state}{bound}{request}{sent}; the decision was "
        "not referred to the Assembly and is reported for its information"
    ),
    "plain": "recorded: {name}",
    # the Bureau's facts
    "bu.emergency.convening": "the convening of an emergency meeting of the Bureau on the matter",
    "bu.emergency.decisions": "the decisions of its emergency meeting on the matter",
    "bu.emergency": "announced to all States Parties {what}",
    "bu.invited": "invited a representative of {state} to its meeting of {on}",
    "bu.nywg": "requested the New York Working Group to hold a public meeting on the matter",
    "bu.facilitator": "appointed a facilitator to consult on a draft resolution on the matter",
    "bu.report_submitted": (
        "submitted its report covering the matter to the session {session} of the Assembly"
    ),
    "bu.letter_sent": (
        "sent an open letter ({reference}) to {state}, reminding it of its obligation to "
        "cooperate and requesting its views by {due}, with a copy to all States Parties"
    ),
    "bu.reply.late": ", after the date requested",
    "bu.reply": "replied to the open letter{letter}{late}",
    "bu.reply_overdue": (
        "noted that no reply of {state} to the open letter{letter} had been received by the "
        "date requested"
    ),
    "bu.omnibus_noted": (
        "noted the decision of the Court in the omnibus resolution of its session {session}"
    ),
    "bu.omnibus_overdue": (
        "closed its session {session} without the decision of the Court noted in its omnibus "
        "resolution"
    ),
    "bu.plenary": "discussed the matter in plenary at its session {session}",
    "bu.sc_letter.following": ", following decision {reference} of the Court,",
    "bu.sc_letter": (
        "wrote to the President of the Security Council ({reference}){following} asking the "
        "Council to follow up on its referral and outlining what the Assembly had done"
    ),
    # the facts referrals records
    "ref.forwarded": "forwarded the decision of the Court to all States Parties ({reference})",
    "ref.press": (
        "informed the public of the decision of the Court by a press release ({reference})"
    ),
    "ref.without.not_referred": "not to refer to the Assembly",
    "ref.without.no_finding": "to make no finding of non-cooperation on",
    "ref.without": "decided, by decision {reference}, {what} the matter concerning {state}",
    "ref.referred.by": "referred to {to}, by decision {reference},",
    "ref.matter": "matter of non-cooperation by {state}{request}",
    "ref.received": "{by} a {matter}",
    "ref.continued": (
        "{by} the {matter}, handled until then under paragraph 7(b) of the procedures; the "
        "matter continued under paragraph 7(a)"
    ),
    "ref.changed.amended": "amended",
    "ref.changed.reversed": "reversed",
    "ref.changed.withdrawn": "withdrew",
    "ref.changed": "{verb} decision {decision} by {change}; {effect}",
    "ref.effect.continues": "the remaining steps of the procedure continued",
    "ref.effect.ended": "the remaining steps of the procedure ended",
    "ref.closed": "closed the matter{why}",
    "ref.closed.cooperation": ", cooperation having been obtained",
    "ref.closed.reversed": ", the decision of the Court having been reversed",
    "ref.closed.withdrawn": ", the decision of the Court having been withdrawn",
    "ref.closed.no_finding": ", the Court having made no finding{reference}",
    "ref.informed.assembly": "the Assembly",
    "ref.informed.security_council": "the Security Council",
    "ref.informed.and": " and ",
    "ref.informed.about": " concerning {state}",
    "ref.informed": (
        "informed {informed}, by decision {reference}{about}, without referring a matter of "
        "non-cooperation; the decision is reported for the information of the Assembly"
    ),
    # the framing: sessions, introduction, the Security Council, the omnibus resolution
    "session.special": "special session",
    "session.unnumbered": "session {session}",
    "session.resumed": "resumed {number} session",
    "session.numbered": "{number} session",
    "intro.statute": (
        "Article 112, paragraph 2(f), of the Rome Statute provides that the Assembly shall "
        "consider, pursuant to article 87, paragraphs 5 and 7, any question relating to "
        "non-cooperation. Under the Assembly procedures relating to non-cooperation (annex II "
        "of resolution ICC-ASP/17/Res.5), a Bureau report on the action taken in response to a "
        "decision of the Court regarding non-cooperation is submitted to the next (or on-going) "
        "session of the Assembly ({p15}, {p15_paragraph})."
    ),
    "intro.mandate": (
        "At its {previous}, in its omnibus resolution, the Assembly requested the Bureau to "
        "continue to actively engage throughout the intersessional period with all relevant "
        "stakeholders to ensure effective implementation of the Assembly procedures relating "
        "to non-cooperation, and to submit a report on its activities to the Assembly at its "
        "{session} (annex I, paragraph 3(k))."
    ),
    "intro.period.between": "from {start} to {cutoff}",
    "intro.period.upto": "up to {cutoff}",
    "intro.present": (
        "The present report is submitted to the {session} of the Assembly ({starts} to "
        "{ends}{venue}). It covers the period {period}. It states the actions taken under the "
        "procedures and their dates, as recorded by {time} UTC on {day}; it does not address "
        "the merits of the requests of the Court ({p12})."
    ),
    "intro.count.matter.one": "{n} matter",
    "intro.count.matter.many": "{n} matters",
    "intro.count.decision.one": "{n} decision",
    "intro.count.decision.many": "{n} decisions",
    "intro.count.other.one": "{n} other decision",
    "intro.count.other.many": "{n} other decisions",
    "intro.counts": (
        "The report concerns {referred} of non-cooperation referred to the Assembly, {bound} "
        "of the Court concerning States bound by a decision of the Security Council and {other} "
        "of the Court transmitted for information."
    ),
    "sc.dated": "{reference}, dated {date}",
    "sc.referred": (
        "The Court referred its decision concerning {state} to the Security Council ({refs})."
    ),
    "omnibus.chamber": "{chamber}",
    "omnibus.decision": "the decision of {chamber} concerning {state} ({reference}), dated {date}",
    "omnibus.takes_note": "*Takes note* of the report of the Bureau on non-cooperation;",
    "omnibus.notes": (
        "*Notes with concern* the decisions of the Court regarding non-cooperation referred to "
        "the Assembly, namely {decisions};"
    ),
    "list.separator": "; ",
    "list.last": "; and ",
    # the layout: title, headings, empty sections, the meta line and the footer
    "title": "Report of the Bureau on non-cooperation",
    "h.introduction": "I. Introduction",
    "h.referred": "II. Matters of non-cooperation referred to the Assembly",
    "h.sc_bound": "III. States bound by a decision of the Security Council",
    "h.information": "IV. Other decisions of the Court transmitted for information",
    "h.security_council": "V. The Security Council",
    "h.recommendations": "VI. Recommendations",
    "h.annex": "Annex: Language proposed for the omnibus resolution",
    "none.referred": (
        "No matter of non-cooperation referred to the Assembly was before it in the period."
    ),
    "none.sc_bound": (
        "No decision of the Court concerning a State bound by a decision of the Security Council "
        "was transmitted in the period."
    ),
    "none.information": (
        "No other decision of the Court was transmitted for information in the period."
    ),
    "none.security_council": (
        "No decision of the Court in the period was referred to the Security Council."
    ),
    "none.recommendations": "The Bureau makes no recommendation in the present report.",
    "record": "Case record {case}",
    "decision": "Decision {reference}",
    "session_line": "Assembly of States Parties, {title}{venue}, {starts} to {ends}",
    "meta": "Cut-off: {cutoff} (business date). As of {as_of} (record time).",
    "position.start": "the start of the log",
    "position.at": "log position {pairs} (partition:next offset)",
    "footer.draft": "Draft, not sealed; drawn up to {position}.",
    "footer.sealed": "Sealed by checkpoint {checkpoint}, Merkle root {root}, up to {position}.",
}

FR: dict[str, str] = {
    "sentence": "Le {date}, {actor} {clause}{cited}.",
    "actor.president": "le Président de l'Assemblée",
    "actor.bureau_member": "le Bureau",
    "actor.secretariat": "le Secrétariat",
    "actor.court": "la Cour",
    "actor.state_party": "un État Partie",
    "actor.focal_point": "un point focal",
    "actor.assembly": "l'Assemblée",
    "state.unnamed": "l'État requis",
    "state.code": "l'État requis ({code})",
    "joined.concerning": "concernant",
    "joined.in_respect_of": "relative à",
    "request.89": " {joined} une demande d'arrestation et de remise (article 89 du Statut)",
    "request.93": " {joined} une demande d'assistance (article 93 du Statut)",
    "chamber.named": "la {chamber} de la Cour",
    "chamber.court": "la Cour",
    "to.assembly": "à l'Assemblée",
    "to.assembly_sc": "à l'Assemblée et au Conseil de sécurité",
    "to.sc": "au Conseil de sécurité",
    "info.bound": (
        ", État non partie au Statut de Rome lié par une décision du Conseil de "
        "sécurité{resolution},"
    ),
    "info.sent": " et a renvoyé la question au Conseil de sécurité",
    "info.clause": (
        "a rendu la décision {reference} concernant {state}{bound}{request}{sent} ; la décision "
        "n'a pas été renvoyée à l'Assemblée et est portée à sa connaissance pour information"
    ),
    "plain": "a enregistré : {name}",
    "bu.emergency.convening": ("la convocation d'une réunion d'urgence du Bureau sur la question"),
    "bu.emergency.decisions": "les décisions de sa réunion d'urgence sur la question",
    "bu.emergency": "a annoncé à tous les États Parties {what}",
    "bu.invited": "a invité un représentant de {state} à sa réunion du {on}",
    "bu.nywg": (
        "a demandé au Groupe de travail de New York de tenir une réunion publique sur la question"
    ),
    "bu.facilitator": (
        "a désigné un facilitateur chargé de mener des consultations sur un projet de "
        "résolution sur la question"
    ),
    "bu.report_submitted": (
        "a présenté son rapport couvrant la question à la session {session} de l'Assemblée"
    ),
    "bu.letter_sent": (
        "a adressé une lettre ouverte ({reference}) à {state}, lui rappelant son obligation de "
        "coopérer et l'invitant à faire part de ses vues au plus tard le {due}, avec copie à "
        "tous les États Parties"
    ),
    "bu.reply.late": ", après la date demandée",
    "bu.reply": "a répondu à la lettre ouverte{letter}{late}",
    "bu.reply_overdue": (
        "a constaté qu'aucune réponse de {state} à la lettre ouverte{letter} n'avait été reçue "
        "à la date demandée"
    ),
    "bu.omnibus_noted": (
        "a pris note de la décision de la Cour dans la résolution omnibus de sa session {session}"
    ),
    "bu.omnibus_overdue": (
        "a clos sa session {session} sans avoir pris note de la décision de la Cour dans sa "
        "résolution omnibus"
    ),
    "bu.plenary": "a examiné la question en séance plénière à sa session {session}",
    "bu.sc_letter.following": ", à la suite de la décision {reference} de la Cour,",
    "bu.sc_letter": (
        "a écrit au Président du Conseil de sécurité ({reference}){following} pour demander au "
        "Conseil de donner suite à sa saisine et exposer les mesures prises par l'Assemblée"
    ),
    "ref.forwarded": "a transmis la décision de la Cour à tous les États Parties ({reference})",
    "ref.press": (
        "a informé le public de la décision de la Cour par un communiqué de presse ({reference})"
    ),
    "ref.without.not_referred": "de ne pas renvoyer à l'Assemblée",
    "ref.without.no_finding": "de ne faire aucune constatation de non-coopération sur",
    "ref.without": "a décidé, par la décision {reference}, {what} la question concernant {state}",
    "ref.referred.by": "a renvoyé {to}, par la décision {reference},",
    "ref.matter": "question de non-coopération de la part de {state}{request}",
    "ref.received": "{by} une {matter}",
    "ref.continued": (
        "{by} la {matter}, traitée jusqu'alors au titre du paragraphe 7(b) des procédures ; la "
        "question a été poursuivie au titre du paragraphe 7(a)"
    ),
    "ref.changed.amended": "a modifié",
    "ref.changed.reversed": "a infirmé",
    "ref.changed.withdrawn": "a retiré",
    "ref.changed": "{verb} la décision {decision} par {change} ; {effect}",
    "ref.effect.continues": "les étapes restantes de la procédure se sont poursuivies",
    "ref.effect.ended": "les étapes restantes de la procédure ont pris fin",
    "ref.closed": "a clos la question{why}",
    "ref.closed.cooperation": ", la coopération ayant été obtenue",
    "ref.closed.reversed": ", la décision de la Cour ayant été infirmée",
    "ref.closed.withdrawn": ", la décision de la Cour ayant été retirée",
    "ref.closed.no_finding": ", la Cour n'ayant fait aucune constatation{reference}",
    "ref.informed.assembly": "l'Assemblée",
    "ref.informed.security_council": "le Conseil de sécurité",
    "ref.informed.and": " et ",
    "ref.informed.about": " concernant {state}",
    "ref.informed": (
        "a informé {informed}, par la décision {reference}{about}, sans renvoyer de question de "
        "non-coopération ; la décision est portée à la connaissance de l'Assemblée pour "
        "information"
    ),
    "session.special": "session extraordinaire",
    "session.unnumbered": "session {session}",
    "session.resumed": "reprise de la {number} session",
    "session.numbered": "{number} session",
    "intro.statute": (
        "L'article 112, paragraphe 2 f), du Statut de Rome dispose que l'Assemblée examine, "
        "conformément aux paragraphes 5 et 7 de l'article 87, toute question relative à la "
        "non-coopération. En vertu des procédures de l'Assemblée relatives à la non-coopération "
        "(annexe II de la résolution ICC-ASP/17/Res.5), un rapport du Bureau sur les mesures "
        "prises en réponse à une décision de la Cour relative à la non-coopération est présenté "
        "à la session suivante (ou en cours) de l'Assemblée ({p15}, annexe II, paragraphe 15)."
    ),
    "intro.mandate": (
        "À sa {previous}, dans sa résolution omnibus, l'Assemblée a prié le Bureau de continuer "
        "à collaborer activement, tout au long de la période intersessions, avec toutes les "
        "parties prenantes concernées afin d'assurer la mise en œuvre effective des procédures "
        "de l'Assemblée relatives à la non-coopération, et de lui faire rapport sur ses "
        "activités à sa {session} (annexe I, paragraphe 3 k))."
    ),
    "intro.period.between": "du {start} au {cutoff}",
    "intro.period.upto": "allant jusqu'au {cutoff}",
    "intro.present": (
        "Le présent rapport est présenté à la {session} de l'Assemblée (du {starts} au "
        "{ends}{venue}). Il couvre la période {period}. Il expose les mesures prises en "
        "application des procédures et leurs dates, telles qu'enregistrées à {time} UTC le "
        "{day} ; il ne traite pas du fond des demandes de la Cour ({p12})."
    ),
    # French agrees the participles with the count: the sentence gives the numbers after
    # each kind of matter, so no noun has to agree with a number.
    "intro.count.matter.one": "{n}",
    "intro.count.matter.many": "{n}",
    "intro.count.decision.one": "{n}",
    "intro.count.decision.many": "{n}",
    "intro.count.other.one": "{n}",
    "intro.count.other.many": "{n}",
    "intro.counts": (
        "Le rapport porte sur les questions de non-coopération renvoyées à l'Assemblée "
        "(nombre : {referred}), les décisions de la Cour concernant des États liés par une "
        "décision du Conseil de sécurité (nombre : {bound}) et les autres décisions de la Cour "
        "transmises pour information (nombre : {other})."
    ),
    "sc.dated": "{reference}, datée du {date}",
    "sc.referred": (
        "La Cour a renvoyé sa décision concernant {state} au Conseil de sécurité ({refs})."
    ),
    "omnibus.chamber": "la {chamber}",
    "omnibus.decision": (
        "la décision de {chamber} concernant {state} ({reference}), datée du {date}"
    ),
    "omnibus.takes_note": "*Prend note* du rapport du Bureau sur la non-coopération ;",
    "omnibus.notes": (
        "*Note avec préoccupation* les décisions de la Cour relatives à la non-coopération "
        "renvoyées à l'Assemblée, à savoir {decisions} ;"
    ),
    "list.separator": " ; ",
    "list.last": " ; et ",
    "title": "Rapport du Bureau sur la non-coopération",
    "h.introduction": "I. Introduction",
    "h.referred": "II. Questions de non-coopération renvoyées à l'Assemblée",
    "h.sc_bound": "III. États liés par une décision du Conseil de sécurité",
    "h.information": "IV. Autres décisions de la Cour transmises pour information",
    "h.security_council": "V. Le Conseil de sécurité",
    "h.recommendations": "VI. Recommandations",
    "h.annex": "Annexe : Libellé proposé pour la résolution omnibus",
    "none.referred": (
        "Aucune question de non-coopération renvoyée à l'Assemblée n'a été portée devant elle "
        "au cours de la période."
    ),
    "none.sc_bound": (
        "Aucune décision de la Cour concernant un État lié par une décision du Conseil de "
        "sécurité n'a été transmise au cours de la période."
    ),
    "none.information": (
        "Aucune autre décision de la Cour n'a été transmise pour information au cours de la "
        "période."
    ),
    "none.security_council": (
        "Aucune décision de la Cour rendue au cours de la période n'a été renvoyée au Conseil "
        "de sécurité."
    ),
    "none.recommendations": "Le Bureau ne formule aucune recommandation dans le présent rapport.",
    "record": "Dossier {case}",
    "decision": "Décision {reference}",
    "session_line": "Assemblée des États Parties, {title}{venue}, du {starts} au {ends}",
    "meta": (
        "Date d'arrêt : {cutoff} (date des faits). Établi au {as_of} (heure d'enregistrement)."
    ),
    "position.start": "au début du journal",
    "position.at": "à la position {pairs} du journal (partition:offset suivant)",
    "footer.draft": (
        "Traduction d'un projet non scellé ; le texte faisant foi est l'anglais, établi "
        "jusqu'{position}."
    ),
    "footer.sealed": (
        "Traduction ; le texte faisant foi est l'anglais, scellé par le point de contrôle "
        "{checkpoint}, racine de Merkle {root}, jusqu'{position}."
    ),
}

PHRASES: dict[Lang, dict[str, str]] = {"en": EN, "fr": FR}
