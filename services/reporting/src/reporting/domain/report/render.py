"""The report as Markdown and as printable HTML (pure, deterministic: no clock inside).

Laid out as the Bureau's reports to the Assembly are: numbered paragraphs running through the
whole report, one section per kind of matter, one sub-heading per requested State, and an annex
with the language proposed for the omnibus resolution. Both renderings are drawn from one list
of blocks, so they always say the same thing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from typing import Literal

from reporting.domain.report.content import UNNAMED, CaseEntry, ReportContent
from reporting.domain.report.words import in_words

TITLE = "Report of the Bureau on non-cooperation"

PRINT_CSS = """
body { font-family: "Times New Roman", serif; font-size: 12pt; line-height: 1.4;
  max-width: 48em; margin: 2em auto; color: #000; }
h1 { font-size: 16pt; text-align: center; }
h2 { font-size: 13pt; margin-top: 1.6em; }
h3 { font-size: 12pt; }
.meta { text-align: center; font-size: 10pt; }
.recommendations { white-space: pre-wrap; }
.record { font-size: 9pt; font-style: italic; }
footer { margin-top: 2em; border-top: 1px solid #444; font-size: 9pt; word-break: break-all; }
@media print {
  @page { size: A4; margin: 2cm; }
  body { margin: 0; max-width: none; }
  h2, h3 { page-break-after: avoid; }
}
""".strip()

BlockKind = Literal["h2", "h3", "record", "numbered", "text", "free"]


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    text: str
    number: int | None = None


NO_REFERRED = "No matter of non-cooperation referred to the Assembly was before it in the period."
NO_SC_BOUND = (
    "No decision of the Court concerning a State bound by a decision of the Security Council was "
    "transmitted in the period."
)
NO_INFORMATION = "No other decision of the Court was transmitted for information in the period."
NO_SECURITY_COUNCIL = "No decision of the Court in the period was referred to the Security Council."
NO_RECOMMENDATIONS = "The Bureau makes no recommendation in the present report."


def blocks(content: ReportContent) -> list[Block]:
    """The report, in order: headings and paragraphs, numbered as the Assembly numbers them."""
    out: list[Block] = []
    counter = iter(range(1, 1_000_000))

    def numbered(text: str) -> None:
        out.append(Block("numbered", text, next(counter)))

    out.append(Block("h2", "I. Introduction"))
    for paragraph in content.introduction:
        numbered(paragraph)
    for heading, entries, empty in (
        ("II. Matters of non-cooperation referred to the Assembly", content.referred, NO_REFERRED),
        (
            "III. States bound by a decision of the Security Council",
            content.security_council_bound,
            NO_SC_BOUND,
        ),
        (
            "IV. Other decisions of the Court transmitted for information",
            content.information,
            NO_INFORMATION,
        ),
    ):
        out.append(Block("h2", heading))
        if not entries:
            numbered(empty)
        for letter, entry in zip(_letters(), entries, strict=False):
            out.append(Block("h3", f"{letter}. {_heading(entry)}"))
            out.append(Block("record", f"Case record {entry.case_id}"))
            for said in entry.sentences:
                numbered(said.text)
    out.append(Block("h2", "V. The Security Council"))
    for line in content.security_council or [NO_SECURITY_COUNCIL]:
        numbered(line)
    out.append(Block("h2", "VI. Recommendations"))
    out.append(Block("free", content.recommendations.strip() or NO_RECOMMENDATIONS))
    out.append(Block("h2", "Annex: Language proposed for the omnibus resolution"))
    for paragraph in content.omnibus:
        out.append(Block("text", paragraph))
    return out


def _letters() -> list[str]:
    return [chr(ord("A") + i) for i in range(26)] + [f"A{i}" for i in range(1, 1000)]


def _heading(entry: CaseEntry) -> str:
    name = entry.requested_state
    code = entry.requested_state_code
    if code is None and entry.decisions and name == UNNAMED:
        return f"Decision {entry.decisions[0].reference}"  # S-info about no State in particular
    code = f" ({code})" if code and f"({code})" not in name else ""
    return (name[0].upper() + name[1:] if name else name) + code


def session_line(content: ReportContent) -> str:
    title = content.session_title[0].upper() + content.session_title[1:]
    venue = f", {content.session_venue}" if content.session_venue else ""
    return (
        f"Assembly of States Parties, {title}{venue}, "
        f"{in_words(content.session_starts_on)} to {in_words(content.session_ends_on)}"
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


def _meta(content: ReportContent) -> str:
    return (
        f"Cut-off: {in_words(content.cutoff)} (business date). "
        f"As of {content.as_of.isoformat()} (record time)."
    )


# --- Markdown --------------------------------------------------------------------------------


_INLINE = str.maketrans(
    {
        # Raw HTML (a <script>, an <img> beacon, an <http://...> autolink) shows as text.
        "<": "&lt;",
        ">": "&gt;",
        # Links, images and reference definitions need brackets: ``[x](javascript:...)``,
        # ``![b](https://beacon)``, ``[y]: data:...`` are text once these are escaped.
        "[": "\\[",
        "]": "\\]",
        "!": "\\!",
        # Emphasis, code and tables: a name is printed as typed.
        "\\": "\\\\",
        "`": "\\`",
        "*": "\\*",
        "_": "\\_",
        "|": "\\|",
    }
)


def _md(text: str) -> str:
    """Text safe on one Markdown line: no raw HTML, no link or image, no line breaks, no
    accidental markup. Every caller's text goes through here (docs/adr/0023)."""
    return text.translate(_INLINE).replace("\r", " ").replace("\n", " ")


def _md_free(line: str) -> str:
    """A line of free text (the recommendations): its lines and lists kept, but no raw HTML,
    no link or image, no heading."""
    safe = line.translate(_INLINE)
    return "\\" + safe if safe.lstrip().startswith("#") else safe


def to_markdown(content: ReportContent) -> str:
    lines = [f"# {TITLE}", "", _md(session_line(content)), "", _md(_meta(content))]
    for block in blocks(content):
        match block.kind:
            case "h2":
                lines += ["", f"## {_md(block.text)}", ""]
            case "h3":
                lines += (
                    ["", f"### {_md(block.text)}", ""]
                    if lines[-1]
                    else [
                        f"### {_md(block.text)}",
                        "",
                    ]
                )
            case "record":
                lines += [f"*{_md(block.text)}*", ""]
            case "numbered":
                lines.append(f"{block.number}. {_md(block.text)}")
            case "text":
                verb, rest = _verb(block.text)
                lines += [(f"*{_md(verb)}*" if verb else "") + _md(rest), ""]
            case "free":
                lines += [_md_free(line) for line in block.text.splitlines()]
    while lines and lines[-1] == "":
        lines.pop()
    lines += ["", "---", "", _md(footer(content))]
    return "\n".join(lines) + "\n"


# --- HTML ------------------------------------------------------------------------------------


def _verb(text: str) -> tuple[str, str]:
    """A paragraph of the resolution split into its leading ``*Verb*`` and the rest (any other
    asterisk, in a name or a reference, is text)."""
    found = re.match(r"\*([^*]+)\*(.*)", text, re.DOTALL)
    return (found.group(1), found.group(2)) if found else ("", text)


def _html_inline(text: str) -> str:
    """Escaped text, with the resolution's ``*Verb*`` in italics as the Assembly prints it."""
    verb, rest = _verb(text)
    return (f"<em>{escape(verb)}</em>" if verb else "") + escape(rest)


def to_html(content: ReportContent) -> str:
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
        f'<p class="meta">{escape(session_line(content))}<br>{escape(_meta(content))}</p>',
    ]
    for block in blocks(content):
        match block.kind:
            case "h2" | "h3":
                out.append(f"<{block.kind}>{escape(block.text)}</{block.kind}>")
            case "record":
                out.append(f'<p class="record">{escape(block.text)}</p>')
            case "numbered":
                out.append(f"<p>{block.number}. {escape(block.text)}</p>")
            case "text":
                out.append(f"<p>{_html_inline(block.text)}</p>")
            case "free":
                out.append(f'<p class="recommendations">{escape(block.text)}</p>')
    out += [f"<footer>{escape(footer(content))}</footer>", "</body>", "</html>"]
    return "\n".join(out) + "\n"
