"""A Bureau report as PDF, drawn from its Markdown (reporting's ``.md``) with fpdf2: pure Python,
no system library, and deterministic: the same Markdown and date give the same bytes (the
creation date is the report's own, never the clock; the file id is a hash of the content).

The Markdown is reporting's own subset (reporting/domain/report/render.py): ``#``/``##``/``###``
headings, ``*record*`` lines, numbered and plain paragraphs (a resolution paragraph opens with
its ``*Verb*``), free lines, ``---`` then the footer, with ``\\`` escapes. Nothing else is read.

The PDF uses the standard Times font in Windows-1252 (no font file to ship): a character outside
it (a name in another script) prints as "?". The Markdown and HTML downloads are exact.
"""

from __future__ import annotations

import re
from datetime import datetime

from fpdf import FPDF

_ESCAPE = re.compile(r"\\(.)")
_VERB = re.compile(r"^\*([^*]+)\*(.*)$")
_LINE = 6.0  # mm: 12 pt text with some leading


def _plain(text: str) -> str:
    """Unescaped, and only what the core font can print."""
    text = _ESCAPE.sub(r"\1", text)
    return text.encode("cp1252", "replace").decode("cp1252")


def report_pdf(markdown: str, *, title: str, created: datetime) -> bytes:
    pdf = FPDF(format="A4", unit="mm")
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(True, margin=20)
    pdf.set_title(_plain(title))
    pdf.set_creator("noncoop console")
    pdf.set_producer("noncoop console")
    pdf.set_creation_date(created)
    pdf.add_page()
    after_rule = False
    for raw in markdown.splitlines():
        line = raw.rstrip()
        if not line:
            pdf.ln(2)
            continue
        if line == "---":
            pdf.ln(3)
            pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
            pdf.ln(3)
            after_rule = True
            continue
        heading = re.match(r"^(#{1,3}) (.*)$", line)
        if heading:
            size = {1: 16, 2: 13, 3: 12}[len(heading.group(1))]
            pdf.ln(4 if size < 16 else 0)
            pdf.set_font("Times", "B", size)
            align = "C" if size == 16 else "L"
            pdf.multi_cell(0, _LINE + 1, _plain(heading.group(2)), align=align)
            pdf.ln(1)
            continue
        if after_rule:
            pdf.set_font("Times", "", 9)
            pdf.multi_cell(0, 4.5, _plain(line))
            continue
        verb = _VERB.match(line)
        if verb and not verb.group(2):
            # A whole line in asterisks: the record of a step (small italics).
            pdf.set_font("Times", "I", 10)
            pdf.multi_cell(0, 5, _plain(verb.group(1)))
            continue
        if verb:
            pdf.set_font("Times", "I", 12)
            pdf.write(_LINE, _plain(verb.group(1)))
            line = verb.group(2)
        pdf.set_font("Times", "", 12)
        pdf.write(_LINE, _plain(line))
        pdf.ln(_LINE)
    return bytes(pdf.output())
