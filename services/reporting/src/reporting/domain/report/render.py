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

from reporting.domain.report.content import CaseEntry, ReportContent
from reporting.domain.report.language import Lang, in_words, t

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


def blocks(content: ReportContent, lang: Lang = "en") -> list[Block]:
    """The report, in order: headings and paragraphs, numbered as the Assembly numbers them."""
    out: list[Block] = []
    counter = iter(range(1, 1_000_000))

    def numbered(text: str) -> None:
        out.append(Block("numbered", text, next(counter)))

    out.append(Block("h2", t(lang, "h.introduction")))
    for paragraph in content.introduction:
        numbered(paragraph)
    for heading, entries, empty in (
        ("referred", content.referred, "none.referred"),
        ("sc_bound", content.security_council_bound, "none.sc_bound"),
        ("information", content.information, "none.information"),
    ):
        out.append(Block("h2", t(lang, f"h.{heading}")))
        if not entries:
            numbered(t(lang, empty))
        for letter, entry in zip(_letters(), entries, strict=False):
            out.append(Block("h3", f"{letter}. {_heading(entry, lang)}"))
            out.append(Block("record", t(lang, "record", case=entry.case_id)))
            for said in entry.sentences:
                numbered(said.text)
    out.append(Block("h2", t(lang, "h.security_council")))
    for line in content.security_council or [t(lang, "none.security_council")]:
        numbered(line)
    out.append(Block("h2", t(lang, "h.recommendations")))
    out.append(Block("free", content.recommendations.strip() or t(lang, "none.recommendations")))
    out.append(Block("h2", t(lang, "h.annex")))
    for paragraph in content.omnibus:
        out.append(Block("text", paragraph))
    return out


def _letters() -> list[str]:
    return [chr(ord("A") + i) for i in range(26)] + [f"A{i}" for i in range(1, 1000)]


def _heading(entry: CaseEntry, lang: Lang) -> str:
    name = entry.requested_state
    code = entry.requested_state_code
    if code is None and entry.decisions and name == t(lang, "state.unnamed"):
        # S-info about no State in particular
        return t(lang, "decision", reference=entry.decisions[0].reference)
    code = f" ({code})" if code and f"({code})" not in name else ""
    return (name[0].upper() + name[1:] if name else name) + code


def session_line(content: ReportContent, lang: Lang = "en") -> str:
    title = content.session_title[0].upper() + content.session_title[1:]
    venue = f", {content.session_venue}" if content.session_venue else ""
    return t(
        lang,
        "session_line",
        title=title,
        venue=venue,
        starts=in_words(content.session_starts_on, lang),
        ends=in_words(content.session_ends_on, lang),
    )


def position_text(position: dict[str, int] | None, lang: Lang = "en") -> str:
    """A log position in words: ``partition:next offset`` pairs, by partition."""
    if not position:
        return t(lang, "position.start")
    pairs = ", ".join(f"{p}:{position[p]}" for p in sorted(position, key=int))
    return t(lang, "position.at", pairs=pairs)


def footer(content: ReportContent, lang: Lang = "en") -> str:
    """Where the report was drawn in the log and, once submitted, the checkpoint sealing it.
    A translation says so: the seal and the hashes are over the English text."""
    position = position_text(content.log_position, lang)
    if content.seal is None:
        return t(lang, "footer.draft", position=position)
    return t(
        lang,
        "footer.sealed",
        checkpoint=content.seal.checkpoint_id,
        root=content.seal.merkle_root,
        position=position,
    )


def _meta(content: ReportContent, lang: Lang) -> str:
    return t(lang, "meta", cutoff=in_words(content.cutoff, lang), as_of=content.as_of.isoformat())


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


def to_markdown(content: ReportContent, lang: Lang = "en") -> str:
    """The report as Markdown, in the language ``content`` was built in (``lang``)."""
    title = t(lang, "title")
    lines = [f"# {title}", "", _md(session_line(content, lang)), "", _md(_meta(content, lang))]
    for block in blocks(content, lang):
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
    lines += ["", "---", "", _md(footer(content, lang))]
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


def to_html(content: ReportContent, lang: Lang = "en") -> str:
    """The report as printable HTML, in the language ``content`` was built in (``lang``)."""
    title = t(lang, "title")
    meta = f"{escape(session_line(content, lang))}<br>{escape(_meta(content, lang))}"
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{escape(title)}: {escape(content.session_id)}</title>",
        f"<style>\n{PRINT_CSS}\n</style>",
        "</head>",
        "<body>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="meta">{meta}</p>',
    ]
    for block in blocks(content, lang):
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
    out += [f"<footer>{escape(footer(content, lang))}</footer>", "</body>", "</html>"]
    return "\n".join(out) + "\n"
