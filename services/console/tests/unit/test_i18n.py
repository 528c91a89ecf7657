"""Every message of the console's templates and code has a French translation."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.pofile import read_po

from console.actions import ACTIONS
from console.deadlines import DEADLINES
from console.forms import FORMS
from console.i18n import LOCALES, negotiate
from console.pages.cases import SCENARIOS, SORTS, STATUSES
from console.pages.roster import REGIONS
from console.problem_titles import all_keys as problem_title_keys
from noncoop_client.bureau.models.session_kind import SessionKind

TEMPLATES = LOCALES.parent / "templates"
#: ``_("...")`` or ``_('...')`` with a literal (``_("scenario:" ~ value)`` is a key family below).
_CALL = re.compile(r"""_\((?:"([^"]+)"|'([^']+)')\)""")


def _french() -> dict[str, str]:
    with (LOCALES / "fr" / "LC_MESSAGES" / "messages.po").open("rb") as po:
        return {str(m.id): str(m.string) for m in read_po(po) if m.id}


def _messages() -> set[str]:
    found = {
        m.group(1) or m.group(2)
        for path in TEMPLATES.glob("*.html")
        for m in _CALL.finditer(path.read_text())
    }
    found |= {a.label for a in ACTIONS}
    found |= {f.label for form in FORMS.values() for f in form.fields}
    found |= {"This field is required.", "Not a date and time.", "Not a date."}
    found |= {f"session:{k.value}" for k in SessionKind}
    found |= {f"region:{r}" for r in REGIONS}
    found |= {"report:draft", "report:submitted"}
    found |= {f"scenario:{s}" for s in SCENARIOS} | {f"status:{s}" for s in STATUSES}
    found |= {f"sort:{s}" for s in SORTS}
    found |= {f"deadline:{d}" for d in DEADLINES}
    found |= {f"rule:{s}" for s in ("done", "pending", "overdue", "optional", "not_applicable")}
    found |= problem_title_keys()
    return found


def _english() -> dict[str, str]:
    with (LOCALES / "en" / "LC_MESSAGES" / "messages.po").open("rb") as po:
        return {str(m.id): str(m.string) for m in read_po(po) if m.id}


def test_every_key_has_its_english() -> None:
    # A key (``problem:...``, ``scenario:...``) is not English itself: the English catalogue
    # must say it, or an English page would show the key.
    english = _english()
    keys = sorted(m for m in _messages() if ":" in m and " " not in m)
    missing = [k for k in keys if not english.get(k)]
    assert not missing, f"no English for: {missing}"
    assert any(k.startswith("problem:") for k in keys)


def test_every_message_has_a_french_translation() -> None:
    french = _french()
    missing = sorted(m for m in _messages() if not french.get(m))
    assert not missing, f"no French for: {missing}"
    assert len(_messages()) > 60


def test_accept_language() -> None:
    assert negotiate("fr-CH, fr;q=0.9, en;q=0.8") == "fr"
    assert negotiate("en-GB,fr;q=0.5") == "en"
    assert negotiate("de, es") == "en"
    assert negotiate("de;q=x, fr;q=0.2") == "fr"
    assert negotiate("") == "en"


def test_the_templates_exist() -> None:
    assert Path(TEMPLATES / "base.html").is_file()
