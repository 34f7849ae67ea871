"""Plain text (a file or stdin) -> lines of the shared model.

Raw text has no geometry, so the reader estimates what the PDF reader
measures: the blank space above a line (``gap_before``, in blank lines) and
the width of the column it was wrapped to (``column_width``, in characters;
None when lines are not hard-wrapped at all).
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

import regex as re

from ..errors import ExtractError
from ..model import Line
from ..normalize import clean_inline
from .columns import unfold_columns

# A metadata marker some exports put in front of the first line of text: "date 2020-11-09 HIGHLIGHTS".
_DATE_MARKER = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b\s*", re.IGNORECASE)
# A markdown link whose text was hard-wrapped onto the next lines (up to 4 lines, no blank line)
_WRAPPED_LINK = re.compile(r"\[([^\[\]\n]*(?:\n[^\[\]\n]+){1,3})\]\((?:[^()\s]|\([^()\s]*\))*\)")
# Nobody hard-wraps prose wider than this; longer lines are whole paragraphs.
MAX_WRAP_WIDTH = 150
_WINDOW = 8
_FURNITURE_KEY = re.compile(r"\d+")
_LETTERS = re.compile(r"\b\p{L}+")  # words, in a running line's key
RUNNING_LINE_WORDS = 16  # a running header or footer is one short line, never a paragraph
_TRAILING_NUMBERS = re.compile(r"(?:\s+#)+$")
# a page number set apart at a running line's end: by a wide space or a separator ("… Report | 3")
_SPACED_NUMBER = re.compile(r"\S(?:\s{3,}|\s*[|·•]\s*)\d{1,4}\s*$")
# Markup that says "heading" in markdown-ish text: an ATX heading ("## Highlights") or a line all in bold.
_ATX_HEADING = re.compile(r"^[ ]{0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_BOLD_LINE = re.compile(r"^\s*(?:\*\*[^*\n]+\*\*|__[^_\n]+__)\s*:?\s*$")
# A markdown pipe table: "| CONFIRMED | 116772 |" rows (cells become tab-separated) and the
# "|---|:---:|" line under its header row (dropped).
_PIPE_ROW = re.compile(r"^\s*\|(.*\|)\s*$")
_PIPE_RULE = re.compile(r"^\s*\|?(?:\s*:?-{3,}:?\s*\|)+(?:\s*:?-{3,}:?\s*)?$")
_PAGE_WORD, _PAGE_N_OF = r"(?:page|p[aá]gina|seite)\s+", r"\d{1,4}(?:\s*(?:/|of|sur|de|von)\s*\d{1,4})?\s*$"
_PAGE_NUMBER = re.compile(rf"^\s*(?:{_PAGE_WORD})?{_PAGE_N_OF}", re.IGNORECASE)
# "Page 2 of 3", "Page 2 sur 3": page furniture wherever it stands (a bare number may be a value)
_PAGE_LABEL = re.compile(rf"^\s*{_PAGE_WORD}{_PAGE_N_OF}", re.IGNORECASE)
# Hostile input stays linear and bounded: a real report (even a 2,000-page export) is far below both.
MAX_LINE_CHARS = 1_000_000
MAX_LINES = 1_000_000


@dataclass
class TextRead:
    lines: list[Line]
    meta: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def read_text(text: str) -> TextRead:
    longest = max(map(len, text.split("\n"))) if len(text) > MAX_LINE_CHARS else 0
    if longest > MAX_LINE_CHARS:
        raise ExtractError(f"a line of {longest:,} characters: not a text report "
                           f"(lines over {MAX_LINE_CHARS:,} characters are refused)")
    count = text.count("\n") + 1
    if count > MAX_LINES:
        raise ExtractError(f"{count:,} lines: not a text report (more than {MAX_LINES:,} lines are refused)")
    text = _without_running_lines(unfold_columns(text)).replace("\v", "\n")
    if "](" in text:
        text = _WRAPPED_LINK.sub(r"\1", text)  # one line's links are clean_inline's; these span lines
    meta: dict[str, str] = {}
    lines: list[Line] = []
    blanks = 0
    for number, raw in enumerate(text.split("\n")):
        if not lines and not meta:  # the first line with text (an export may start with blank lines)
            m = _DATE_MARKER.match(raw)
            if m:
                meta["date"] = m.group(1)
                raw = raw[m.end():]
        if "|" in raw:
            if _PIPE_RULE.match(raw):
                continue  # not a line of text, and no gap either
            raw = _pipe_cells(raw)
        marked = False
        if "#" in raw or "**" in raw or "__" in raw:
            raw, marked = _heading_markup(raw)
        cleaned = clean_inline(raw)
        if not cleaned:
            blanks += 1
            continue
        indent = len(raw) - len(raw.lstrip(" \t\u00a0"))
        lines.append(Line(text=cleaned, x0=float(min(indent, 8)), x1=float(len(cleaned)),
                          top=float(number), bottom=float(number + 1),
                          gap_before=float(blanks) if lines else 3.0, bold=marked))
        blanks = 0
    _estimate_columns(lines)
    return TextRead(lines=lines, meta=meta)


def _pipe_cells(raw: str) -> str:
    """A pipe-table row as tab-separated cells, the way other exports print table rows."""
    m = _PIPE_ROW.match(raw)
    if not m or m.group(1).count("|") < 2:
        return raw
    return "\t".join(cell.strip() for cell in m.group(1).split("|")[:-1])


def _heading_markup(raw: str) -> tuple[str, bool]:
    """A markdown heading's text without its '#' marks, and whether the line is marked as a heading
    (what a PDF shows by weight: a converter writes it as '#' or as a line all in bold)."""
    m = _ATX_HEADING.match(raw)
    if m and m.group(1) and not m.group(1)[0].islower() and not m.group(1).endswith("."):
        return m.group(1), True  # not "# of tests rose." (a '#' in a sentence)
    return raw, bool(_BOLD_LINE.match(raw))


def _without_running_lines(text: str) -> str:
    """Text extracted from a PDF keeps page breaks (form feeds): drop what repeats at page edges
    (running headers and footers, digits aside) and bare page numbers there, as the PDF reader does."""
    pages = text.split("\f")
    if len(pages) < 3:
        return _without_numbered_running_lines(text.replace("\f", "\n"))
    edges: list[list[int]] = []
    split = [page.split("\n") for page in pages]
    counts: dict[str, int] = {}
    for lines in split:
        filled = [i for i, line in enumerate(lines) if line.strip()]
        edge = sorted(set(filled[:2] + filled[-2:]))  # a page of three lines has them once
        edges.append(edge)
        for key in {_FURNITURE_KEY.sub("#", lines[i].strip()) for i in edge}:
            counts[key] = counts.get(key, 0) + 1
    for lines, edge in zip(split, edges):
        for i in edge:
            key = _FURNITURE_KEY.sub("#", lines[i].strip())
            if _PAGE_NUMBER.match(lines[i]) or (counts.get(key, 0) >= 2 and len(key.split()) >= 3):
                lines[i] = None
    # Removed, not blanked: a paragraph (or a heading) running on over the page break stays whole.
    return "\n".join("\n".join(line for line in lines if line is not None) for lines in split)


def _without_numbered_running_lines(text: str) -> str:
    """Without page breaks: a line printed with a page number -- after a wide space at its end, or
    alone on the nearest line before or after it -- that repeats so (digits aside) is a running
    header or footer ("UN KAZAKHSTAN · SITUATION REPORT · 3 AUGUST 2020      1"); every such copy
    goes, with the page numbers beside them. A "Page 2 of 3" line goes wherever it stands."""
    lines = text.split("\n")
    numbered: dict[int, int | None] = {}  # line -> the page-number line beside it (None: at its end)
    drop: set[int] = set()
    for i, line in enumerate(lines):
        if not line[-1:].isdigit() and not (line[-1:] == " " and line.rstrip()[-1:].isdigit()):
            continue  # (cheap test first: most lines end in a letter or a stop)
        if len(line) <= 20 and _PAGE_NUMBER.match(line):
            if _PAGE_LABEL.match(line):
                drop.add(i)  # "Page 2 of 3": furniture wherever it stands
            for k in (_next_filled(lines, i, -1), _next_filled(lines, i, 1)):
                if k is not None:
                    numbered.setdefault(k, i)
        elif _SPACED_NUMBER.search(line):
            numbered[i] = None
    groups: dict[str, list[int]] = {}
    for i in numbered:
        key = _TRAILING_NUMBERS.sub(" #", _FURNITURE_KEY.sub("#", lines[i].strip()))  # "… 2020 1" as "… 2020"
        if len(key.split()) <= RUNNING_LINE_WORDS and len(_LETTERS.findall(key)) >= 3:
            groups.setdefault(key, []).append(i)
    drop.update(k for copies in groups.values() if len(copies) >= 2 for i in copies for k in (i, numbered[i])
                if k is not None)
    if not drop:
        return text
    return "\n".join(line for i, line in enumerate(lines) if i not in drop)


def _next_filled(lines: list[str], i: int, step: int) -> int | None:
    """The index of the nearest non-blank line before (step -1) or after (step 1) line i."""
    k = i + step
    while 0 <= k < len(lines) and not lines[k].strip():
        k += step
    return k if 0 <= k < len(lines) else None


def _estimate_columns(lines: list[Line]) -> None:
    """Set each line's column_width to the wrap width of its neighbourhood: the longest line
    around it, leaving out the odd much longer one (a caption, a URL)."""
    lengths = [len(line.text) for line in lines]
    window = sorted(lengths[:_WINDOW])  # sorted lengths[i - _WINDOW: i + _WINDOW + 1], slid along
    for i, line in enumerate(lines):
        if i + _WINDOW < len(lengths):
            bisect.insort(window, lengths[i + _WINDOW])
        if i > _WINDOW:
            del window[bisect.bisect_left(window, lengths[i - _WINDOW - 1])]
        typical = window[int(0.8 * (len(window) - 1))]
        wide = window[bisect.bisect_right(window, 1.15 * typical) - 1]  # the longest up to 1.15 × typical
        line.column_width = float(wide) if wide <= MAX_WRAP_WIDTH and lengths[i] <= MAX_WRAP_WIDTH else None
