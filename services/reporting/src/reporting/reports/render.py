"""The report as Markdown and as printable HTML (pure, deterministic: no clock inside)."""

from __future__ import annotations

from html import escape

from reporting.reports.content import Action, CaseEntry, ReportContent

TITLE = "Report of the Bureau on non-cooperation"
NONE = "None recorded."

PRINT_CSS = """
body { font-family: "Times New Roman", serif; font-size: 12pt; line-height: 1.4;
  max-width: 48em; margin: 2em auto; color: #000; }
h1 { font-size: 16pt; text-align: center; }
h2 { font-size: 13pt; margin-top: 1.6em; }
h3 { font-size: 12pt; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0 1em; }
th, td { border: 1px solid #444; padding: 0.2em 0.4em; text-align: left; vertical-align: top; }
.meta { text-align: center; font-size: 10pt; }
.recommendations { white-space: pre-wrap; }
footer { margin-top: 2em; border-top: 1px solid #444; font-size: 9pt; word-break: break-all; }
@media print {
  @page { size: A4; margin: 2cm; }
  body { margin: 0; max-width: none; }
  h2 { page-break-after: avoid; }
  table, tr { page-break-inside: avoid; }
}
""".strip()


def _sections(
    content: ReportContent,
) -> list[tuple[str, list[CaseEntry] | list[Action] | str, str]]:
    """(heading, body, kind) in the order of the Assembly's reports."""
    return [
        ("I. Introduction", content.introduction, "text"),
        (
            "II. Court findings concerning States Parties",
            content.findings_states_parties,
            "findings",
        ),
        (
            "III. Court findings concerning States bound by a Security Council decision",
            content.findings_security_council_bound,
            "findings",
        ),
        (
            "IV. Court findings concerning States not party to the Rome Statute",
            content.findings_not_party,
            "findings",
        ),
        ("V. Actions by the President, the Bureau, States and others", content.actions, "actions"),
        ("VI. The Security Council", content.security_council, "findings"),
        ("VII. Consultations", content.consultations, "consultations"),
        ("VIII. Recommendations", content.recommendations or NONE, "text"),
    ]


def _state(case: CaseEntry) -> str:
    if case.requested_state is None:
        return "not recorded in the public records"
    return f"{case.requested_state} ({case.requested_state_code})"


def _decision(case: CaseEntry) -> str:
    if case.decision_reference is None:
        return "not recorded"
    on = case.decision_date.isoformat() if case.decision_date else "undated"
    return f"{case.decision_reference} of {on}"


def _finding_line(case: CaseEntry) -> str:
    return (
        f"Case {case.case_id}: requested State {_state(case)}; Court decision {_decision(case)}; "
        f"status: {case.status or 'unknown'}."
    )


def position_text(position: dict[str, int] | None) -> str:
    """A log position in words: ``partition:next offset`` pairs, by partition."""
    if not position:
        return "the start of the log"
    pairs = ", ".join(f"{p}:{position[p]}" for p in sorted(position, key=int))
    return f"log position {pairs} (partition:next offset)"


def footer(content: ReportContent) -> str:
    """Where the report was drawn in the log and, once submitted, the checkpoint sealing it."""
    if content.seal is None:
        return f"Draft, not sealed; drawn up to {position_text(content.log_position)}."
    return (
        f"Sealed by checkpoint {content.seal.checkpoint_id}, Merkle root "
        f"{content.seal.merkle_root}, up to {position_text(content.log_position)}."
    )


def _action_row(action: Action) -> tuple[str, str, str, str]:
    return (action.on.isoformat(), action.actor, action.rule or "-", action.what)


# --- Markdown --------------------------------------------------------------------------------


def _md(text: str) -> str:
    """Text safe inside a Markdown table cell or line: no pipes, no raw HTML, one line."""
    return (
        text.replace("\\", "\\\\")
        .replace("|", "\\|")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\r", " ")
        .replace("\n", " ")
    )


def _md_table(rows: list[tuple[str, str, str, str]]) -> list[str]:
    lines = ["| Date | By | Rule | Action |", "| --- | --- | --- | --- |"]
    lines += ["| " + " | ".join(_md(cell) for cell in row) + " |" for row in rows]
    return lines


def to_markdown(content: ReportContent) -> str:
    venue = f", {content.session_venue}" if content.session_venue else ""
    lines = [
        f"# {TITLE}",
        "",
        f"Session {_md(content.session_id)} ({content.session_starts_on.isoformat()} to "
        f"{content.session_ends_on.isoformat()}{_md(venue)})",
        "",
        f"As of {content.as_of.isoformat()}",
    ]
    for heading, body, kind in _sections(content):
        lines += ["", f"## {heading}", ""]
        if isinstance(body, str):
            lines += [_md_text(line) for line in body.splitlines()]
        elif not body:
            lines.append(NONE)
        elif kind == "findings":
            lines += [f"- {_md(_finding_line(c))}" for c in body if isinstance(c, CaseEntry)]
        elif kind == "actions":
            for case in body:
                if isinstance(case, CaseEntry):
                    lines += ["", f"### Case {_md(case.case_id)}: {_md(_state(case))}", ""]
                    lines += _md_table([_action_row(a) for a in case.actions])
        else:
            lines += _md_table([_action_row(a) for a in body if isinstance(a, Action)])
    lines += ["", "---", "", _md(footer(content))]
    return "\n".join(lines) + "\n"


def _md_text(line: str) -> str:
    """A line of free text (the recommendations): no raw HTML, no accidental heading."""
    safe = line.replace("<", "&lt;").replace(">", "&gt;")
    return "\\" + safe if safe.startswith("#") else safe


# --- HTML ------------------------------------------------------------------------------------


def _html_table(rows: list[tuple[str, str, str, str]]) -> list[str]:
    out = ["<table>", "<tr><th>Date</th><th>By</th><th>Rule</th><th>Action</th></tr>"]
    out += ["<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in rows]
    return [*out, "</table>"]


def to_html(content: ReportContent) -> str:
    venue = f", {content.session_venue}" if content.session_venue else ""
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{escape(TITLE)}: {escape(content.session_id)}</title>",
        f"<style>\n{PRINT_CSS}\n</style>",
        "</head>",
        "<body>",
        f"<h1>{escape(TITLE)}</h1>",
        f'<p class="meta">Session {escape(content.session_id)} '
        f"({escape(content.session_starts_on.isoformat())} to "
        f"{escape(content.session_ends_on.isoformat())}{escape(venue)})<br>"
        f"As of {escape(content.as_of.isoformat())}</p>",
    ]
    for heading, body, kind in _sections(content):
        out.append(f"<h2>{escape(heading)}</h2>")
        if isinstance(body, str):
            css = ' class="recommendations"' if heading.startswith("VIII") else ""
            out.append(f"<p{css}>{escape(body)}</p>")
        elif not body:
            out.append(f"<p>{escape(NONE)}</p>")
        elif kind == "findings":
            out.append("<ul>")
            out += [
                f"<li>{escape(_finding_line(c))}</li>" for c in body if isinstance(c, CaseEntry)
            ]
            out.append("</ul>")
        elif kind == "actions":
            for case in body:
                if isinstance(case, CaseEntry):
                    out.append(f"<h3>Case {escape(case.case_id)}: {escape(_state(case))}</h3>")
                    out += _html_table([_action_row(a) for a in case.actions])
        else:
            out += _html_table([_action_row(a) for a in body if isinstance(a, Action)])
    out += [f"<footer>{escape(footer(content))}</footer>", "</body>", "</html>"]
    return "\n".join(out) + "\n"
