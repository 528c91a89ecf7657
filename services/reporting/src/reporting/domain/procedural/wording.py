"""The procedural state's sentences, in English and French (pure): every ``why`` of a rule's row.

Every sentence is a template in ``PHRASES`` under one key, in each language, as the report's are
(``reporting.domain.report.language``): a key without its French is a gap the unit tests catch
(test_procedural_wording). Rule ids (P14c, Res. 35), references, session ids and the other
values a record gives are data, printed as recorded. English writes dates and instants in ISO
8601 (the sentences the API has always served, byte for byte); French writes them as the
Assembly does (``26 septembre 2016``, ``1er mai 2026 à 00:00 UTC``).

A step's notes are kept in the facts as a :class:`Note` (a key and the data it names), so that
the facts say what an act said and the reader's language words it when the state is judged.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import msgspec

from reporting.domain.report.language import Lang, in_words


class Note(msgspec.Struct, omit_defaults=True):
    """What an act said about its step: the phrase ``key`` and the data it names (``day``, and
    ``args`` for the ids and references), worded when the state is read."""

    key: str
    day: date | None = None
    args: dict[str, str] = msgspec.field(default_factory=dict)


NoteText = Note | str
"""A note as the facts keep it: a :class:`Note`, or the English text the facts held before
notes were keyed (facts stored by an earlier release, worded as they were until a rebuild)."""


def written(value: object, lang: Lang) -> str:
    """A value in a sentence: dates and instants as ``lang`` writes them, anything else as is."""
    if isinstance(value, datetime):
        if lang == "en":
            return value.isoformat()
        instant = value.astimezone(UTC)
        return f"{in_words(instant.date(), lang)} à {instant:%H:%M} UTC"
    if isinstance(value, date):
        return value.isoformat() if lang == "en" else in_words(value, lang)
    return str(value)


def say(lang: Lang, key: str, **values: object) -> str:
    """The sentence ``key`` in ``lang``, its ``{placeholders}`` filled with ``values``."""
    template = PHRASES[lang][key]
    if not values:  # most sentences have no placeholder: a rebuild derives every case's
        return template
    return template.format(**{name: written(v, lang) for name, v in values.items()})


def note_text(note: NoteText, lang: Lang) -> str:
    """A note in ``lang`` (an English note of an earlier release as it was written)."""
    if isinstance(note, str):
        return note
    values: dict[str, object] = dict(note.args)
    if note.day is not None:
        values["day"] = note.day
    return say(lang, note.key, **values)


def joined_notes(notes: list[NoteText], lang: Lang) -> str:
    """The notes that say something, in ``lang``, one after the other."""
    texts = [note_text(note, lang) for note in notes if note]
    if len(texts) < 2:  # most rows: none, or one (a rebuild derives every case's)
        return texts[0] if texts else ""
    return PHRASES[lang]["notes.separator"].join(texts)


def worded(key: str, lang: Lang, *, prefix: str) -> str:
    """The word of a value a record gives (a closure reason, an outcome) as the facts keep it
    (``cooperation obtained``), in ``lang``; a value this release has no word for is printed
    as recorded."""
    phrase = PHRASES[lang].get(f"{prefix}.{key.replace(' ', '_')}")
    return key if phrase is None else phrase


EN: dict[str, str] = {
    # how a row joins its parts
    "notes.separator": "; ",
    "row.notes": " ({notes})",
    "row.done_late": "; done late: due {due}",
    "row.overdue": "{why}; due {due}, passed{notes}",
    # why a rule does not apply
    "why.no_referral": "no Court referral (7(b))",
    "why.no_security_council": "the Court did not refer the matter to the Security Council",
    "why.not_activated": "no activation of the good offices is recorded (P18, P19)",
    "ended.closed": "the case is closed ({closure})",
    "ended.concluded": "the good offices were concluded ({conclusion})",
    "closure.cooperation_obtained": "cooperation obtained",
    "closure.decision_reversed": "decision reversed",
    "closure.decision_withdrawn": "decision withdrawn",
    "closure.court_made_no_finding": "court made no finding",
    "closure.other": "other",
    "conclusion.cooperation_obtained": "cooperation obtained",
    "conclusion.no_result": "no result",
    "conclusion.information_not_confirmed": "information not confirmed",
    "conclusion.case_closed": "case closed",
    "conclusion.other": "other",
    # P13: the referral, its forwarding, the press release
    "p13.done": "the Court referred the matter to the Assembly",
    "p13_forward.done": "decision forwarded to all States Parties",
    "p13_forward.pending": "the decision is to be forwarded to all States Parties",
    "p13_press.done": "press release issued by the President",
    "p13_press.pending": "the public is to be informed by a press release of the President",
    # P14a-P14g, P15
    "p14a.optional": "an emergency Bureau meeting may be convened at short notice",
    "p14a.done": "the emergency Bureau meeting was held and decided further action",
    "p14a.pending": "the emergency Bureau meeting is to be held",
    "p14b.optional": "the President may send an open letter to the requested State",
    "p14b.done": "the requested State replied to the open letter",
    "p14b.pending": "awaiting the requested State's reply to the open letter",
    "p14c.done": (
        "the Bureau meeting the requested State was invited to was held with the State invited"
    ),
    "p14c.pending.held": (
        "the Bureau meeting the requested State was invited to is to be held (attendance or "
        "absence recorded)"
    ),
    "p14c.pending.invite": "the requested State is to be invited to the next Bureau meeting",
    "p14d.optional": (
        "the Bureau may request a public NYWG meeting once the Bureau meeting of P14c has been "
        "held, if the next session opens more than three calendar months after it"
    ),
    "p14d.dates": (
        "the Bureau meeting of P14c was held on {held} and the next session, {session}, opens "
        "on {opens}"
    ),
    "p14d.not_applicable": (
        "{dates}: not more than three calendar months after it (limit {limit})"
    ),
    "p14d.may": "the Bureau may request a public NYWG meeting: {dates}, after {limit}",
    "p14d.no_session": (
        "{why}; the Bureau meeting of P14c was held on {held}, and no next session is on the "
        "calendar yet"
    ),
    "p14d.done": "the Bureau requested a public NYWG meeting",
    "due.session": "{what}: session {session} ({opens} to {closes}), by the end of it",
    "due.no_session": "{what}; no session after the decision's date is on the calendar yet",
    "p14e.why": (
        "the decision is to be noted in the omnibus resolution of the next (or on-going) "
        "session after the decision"
    ),
    "p14e.done": "the decision was noted in the omnibus resolution",
    "p14f.optional": (
        "the Bureau report may be discussed in plenary at the next (or on-going) session"
    ),
    "p14f.done": "the Bureau report was discussed in plenary",
    "facilitator.optional": (
        "the Bureau may appoint a facilitator to consult on a draft resolution"
    ),
    "facilitator.done": "the Bureau appointed a facilitator to consult on a draft resolution",
    "p14g.optional": "the President may write to the President of the Security Council",
    "p14g.done": "the President wrote to the President of the Security Council",
    "p15.why": (
        "the case is to appear in the Bureau report to the next (or on-going) session of the "
        "Assembly after the Court's decision, submitted with concrete recommendations"
    ),
    "p15.done": "the Bureau report covering the case was submitted",
    "s7b_no_finding.done": (
        "the Court decided on the 7(b) matter: the case may be closed citing that decision"
    ),
    # the good offices (P18-P21) and travel information (Res. 35)
    "activation.done": "the President acts from the good offices of the Presidency",
    "p19_remain.done": "the Bureau decided that the good offices remain active",
    "p19_remain.pending": (
        "the 7(b) case continued as 7(a): the Bureau's decision that the good offices remain "
        "active is expected (P19)"
    ),
    "p18_notify.done": "the Bureau members were notified of the activation",
    "p18_notify.pending": "the President is to notify the Bureau members immediately",
    "p18_notify.not_applicable": "activated by decision of the Bureau (P19)",
    "p20.done": "{count} engagement record(s)",
    "p20.pending": "no contact, consultation or assistance recorded yet",
    "p21.done": "{count} report(s) of the President to the Bureau",
    "p21.pending": "the President is to report to the Bureau on the engagement",
    "res35.done": "travel information shared with the Court",
    "res35.pending": "travel information is to be shared with the Court promptly",
    # the notes of the acts (``Note``)
    "note.no_finding": "the Court made no finding on {day}",
    "note.not_referred": "the Court decided not to refer on {day}",
    "stop.amended": "the Court amended its decision ({reference})",
    "stop.reversed": "the Court reversed its decision ({reference})",
    "stop.withdrew": "the Court withdrew its decision ({reference})",
    "stop.formal_response.decision_reversed": "the formal response stopped: decision reversed",
    "stop.formal_response.decision_withdrawn": "the formal response stopped: decision withdrawn",
    "stop.formal_response.case_closed": "the formal response stopped: case closed",
    "meeting.convened": "convened for {day}",
    "meeting.held": "held on {day}",
    "meeting.announced.convening": "convening announced to all States Parties",
    "meeting.announced.decisions": "decisions announced to all States Parties",
    "letter.reply_due": "reply due on {day}",
    "letter.reply_received": "reply received on {day}",
    "p14c.invited": "invited to the Bureau meeting of {day}",
    "p14c.attended": "attended",
    "p14c.absent": "did not attend",
    "facilitator.session": "for session {session}",
    "p15.report": "report {report} to session {session}",
    "trigger.verified": "trigger information verified",
    "trigger.not_confirmed": "trigger information not_confirmed",
    "travel.recorded.potential": "potential travel",
    "travel.recorded.confirmed": "confirmed travel",
    "travel.changed.confirmed": "travel confirmed",
    "travel.changed.cancelled": "travel cancelled",
}

FR: dict[str, str] = {
    "notes.separator": " ; ",
    "row.notes": " ({notes})",
    "row.done_late": " ; accompli en retard : échéance le {due}",
    "row.overdue": "{why} ; échéance le {due}, dépassée{notes}",
    "why.no_referral": "aucun renvoi par la Cour (7(b))",
    "why.no_security_council": "la Cour n'a pas renvoyé la question au Conseil de sécurité",
    "why.not_activated": "aucune activation des bons offices n'est enregistrée (P18, P19)",
    "ended.closed": "le dossier est clos ({closure})",
    "ended.concluded": "les bons offices ont pris fin ({conclusion})",
    "closure.cooperation_obtained": "coopération obtenue",
    "closure.decision_reversed": "décision infirmée",
    "closure.decision_withdrawn": "décision retirée",
    "closure.court_made_no_finding": "la Cour n'a fait aucune constatation",
    "closure.other": "autre motif",
    "conclusion.cooperation_obtained": "coopération obtenue",
    "conclusion.no_result": "sans résultat",
    "conclusion.information_not_confirmed": "informations non confirmées",
    "conclusion.case_closed": "dossier clos",
    "conclusion.other": "autre motif",
    "p13.done": "la Cour a renvoyé la question à l'Assemblée",
    "p13_forward.done": "décision transmise à tous les États Parties",
    "p13_forward.pending": "la décision doit être transmise à tous les États Parties",
    "p13_press.done": "communiqué de presse publié par le Président",
    "p13_press.pending": "le public doit être informé par un communiqué de presse du Président",
    "p14a.optional": "une réunion d'urgence du Bureau peut être convoquée à bref délai",
    "p14a.done": ("la réunion d'urgence du Bureau s'est tenue et a décidé des mesures à prendre"),
    "p14a.pending": "la réunion d'urgence du Bureau doit se tenir",
    "p14b.optional": "le Président peut adresser une lettre ouverte à l'État requis",
    "p14b.done": "l'État requis a répondu à la lettre ouverte",
    "p14b.pending": "la réponse de l'État requis à la lettre ouverte est attendue",
    "p14c.done": (
        "la réunion du Bureau à laquelle l'État requis a été invité s'est tenue, l'État "
        "y ayant été invité"
    ),
    "p14c.pending.held": (
        "la réunion du Bureau à laquelle l'État requis a été invité doit se tenir (présence "
        "ou absence enregistrée)"
    ),
    "p14c.pending.invite": "l'État requis doit être invité à la prochaine réunion du Bureau",
    "p14d.optional": (
        "le Bureau peut demander une réunion publique du Groupe de travail de New York une fois "
        "la réunion du Bureau prévue au P14c tenue, si la session suivante s'ouvre plus de "
        "trois mois civils après celle-ci"
    ),
    "p14d.dates": (
        "la réunion du Bureau prévue au P14c s'est tenue le {held} et la session suivante, "
        "{session}, s'ouvre le {opens}"
    ),
    "p14d.not_applicable": (
        "{dates} : pas plus de trois mois civils après celle-ci (limite : {limit})"
    ),
    "p14d.may": (
        "le Bureau peut demander une réunion publique du Groupe de travail de New York : "
        "{dates}, après le {limit}"
    ),
    "p14d.no_session": (
        "{why} ; la réunion du Bureau prévue au P14c s'est tenue le {held}, et aucune session "
        "suivante n'est encore inscrite au calendrier"
    ),
    "p14d.done": ("le Bureau a demandé une réunion publique du Groupe de travail de New York"),
    "due.session": "{what} : session {session} (du {opens} au {closes}), avant la fin de celle-ci",
    "due.no_session": (
        "{what} ; aucune session postérieure à la date de la décision n'est encore inscrite au "
        "calendrier"
    ),
    "p14e.why": (
        "la décision doit être notée dans la résolution omnibus de la session suivante (ou en "
        "cours) après la décision"
    ),
    "p14e.done": "la décision a été notée dans la résolution omnibus",
    "p14f.optional": (
        "le rapport du Bureau peut être examiné en séance plénière à la session suivante (ou "
        "en cours)"
    ),
    "p14f.done": "le rapport du Bureau a été examiné en séance plénière",
    "facilitator.optional": (
        "le Bureau peut désigner un facilitateur chargé de mener des consultations sur un "
        "projet de résolution"
    ),
    "facilitator.done": (
        "le Bureau a désigné un facilitateur chargé de mener des consultations sur un projet "
        "de résolution"
    ),
    "p14g.optional": "le Président peut écrire au Président du Conseil de sécurité",
    "p14g.done": "le Président a écrit au Président du Conseil de sécurité",
    "p15.why": (
        "le dossier doit figurer dans le rapport du Bureau à la session suivante (ou en cours) "
        "de l'Assemblée après la décision de la Cour, présenté avec des recommandations "
        "concrètes"
    ),
    "p15.done": "le rapport du Bureau couvrant le dossier a été présenté",
    "s7b_no_finding.done": (
        "la Cour a statué sur la question relevant du 7(b) : le dossier peut être clos en "
        "citant cette décision"
    ),
    "activation.done": "le Président agit au titre des bons offices de la Présidence",
    "p19_remain.done": "le Bureau a décidé que les bons offices restent actifs",
    "p19_remain.pending": (
        "le dossier relevant du 7(b) a été poursuivi au titre du 7(a) : la décision du Bureau "
        "maintenant les bons offices actifs est attendue (P19)"
    ),
    "p18_notify.done": "les membres du Bureau ont été informés de l'activation",
    "p18_notify.pending": "le Président doit informer immédiatement les membres du Bureau",
    "p18_notify.not_applicable": "activés par décision du Bureau (P19)",
    "p20.done": "contacts enregistrés : {count}",
    "p20.pending": "aucun contact, consultation ou assistance n'est encore enregistré",
    "p21.done": "rapports du Président au Bureau : {count}",
    "p21.pending": "le Président doit faire rapport au Bureau sur ses démarches",
    "res35.done": "informations sur le déplacement communiquées à la Cour",
    "res35.pending": (
        "les informations sur le déplacement doivent être communiquées sans délai à la Cour"
    ),
    "note.no_finding": "la Cour n'a fait aucune constatation le {day}",
    "note.not_referred": "la Cour a décidé de ne pas renvoyer la question le {day}",
    "stop.amended": "la Cour a modifié sa décision ({reference})",
    "stop.reversed": "la Cour a infirmé sa décision ({reference})",
    "stop.withdrew": "la Cour a retiré sa décision ({reference})",
    "stop.formal_response.decision_reversed": "la réponse formelle a pris fin : décision infirmée",
    "stop.formal_response.decision_withdrawn": "la réponse formelle a pris fin : décision retirée",
    "stop.formal_response.case_closed": "la réponse formelle a pris fin : dossier clos",
    "meeting.convened": "convoquée pour le {day}",
    "meeting.held": "tenue le {day}",
    "meeting.announced.convening": "convocation annoncée à tous les États Parties",
    "meeting.announced.decisions": "décisions annoncées à tous les États Parties",
    "letter.reply_due": "réponse attendue le {day}",
    "letter.reply_received": "réponse reçue le {day}",
    "p14c.invited": "invité à la réunion du Bureau du {day}",
    "p14c.attended": "présent",
    "p14c.absent": "absent",
    "facilitator.session": "pour la session {session}",
    "p15.report": "rapport {report} à la session {session}",
    "trigger.verified": "informations de déclenchement vérifiées",
    "trigger.not_confirmed": "informations de déclenchement non confirmées",
    "travel.recorded.potential": "déplacement potentiel",
    "travel.recorded.confirmed": "déplacement confirmé",
    "travel.changed.confirmed": "déplacement confirmé",
    "travel.changed.cancelled": "déplacement annulé",
}

PHRASES: dict[Lang, dict[str, str]] = {"en": EN, "fr": FR}
