"""docs/procedures.md is where every rule id cited in the code resolves: it must name each id of
the registry once, with the kind the registry gives it."""

from __future__ import annotations

import re
from pathlib import Path

from noncoop_shared.rules import Rule

PROCEDURES = Path(__file__).resolve().parents[3] / "docs" / "procedures.md"

#: A rule's entry: "- **P14d** (hard, para 14(d)): ..." or "- **Time** (hard): ...".
ENTRY = re.compile(r"^- \*\*(?P<id>[^*]+)\*\* \((?P<kind>hard|track|optional)\b", re.MULTILINE)


def documented_rules() -> dict[str, list[str]]:
    kinds: dict[str, list[str]] = {}
    for match in ENTRY.finditer(PROCEDURES.read_text(encoding="utf-8")):
        kinds.setdefault(match["id"], []).append(match["kind"])
    return kinds


def test_every_rule_of_the_registry_has_one_entry_in_docs_procedures() -> None:
    documented = documented_rules()
    assert sorted(set(Rule) - documented.keys()) == []
    assert {rule: kinds for rule, kinds in documented.items() if len(kinds) != 1} == {}


def test_docs_procedures_names_no_rule_the_registry_does_not_know() -> None:
    assert sorted(documented_rules().keys() - set(Rule)) == []


def test_each_rule_holds_in_docs_procedures_as_the_registry_says() -> None:
    documented = documented_rules()
    assert {
        rule.value: (rule.kind, documented[rule][0])
        for rule in Rule
        if documented.get(rule, [rule.kind])[0] != rule.kind
    } == {}
