"""Lines in reading order -> blocks: headings, bullet items, paragraphs, link lists.

One set of rules for both readers; the geometry they report (gaps, column
widths, fonts) is what tells a wrapped line from the end of a paragraph.
"""
from __future__ import annotations

import dataclasses
import itertools
import string
from dataclasses import dataclass, field

import regex as re

from . import canonical
from .fields.dates import find_dates
from .model import Block, Line
from .normalize import bullet_of

_URL = re.compile(r"^(?:https?://|www\.)\S+$|^\S+\.(?:org|com|int|net|kz|gov|info|edu)(?:/\S*)?$", re.IGNORECASE)
_SEE_ALSO = re.compile(r"^(?:more|read more|see|find more|details|plus|voir|m[aá]s)\b.{0,80}\bpage\s*\d+\.?$",
                       re.IGNORECASE)
# Figure and table captions, source notes and parenthesised asides are never headings.
_CAPTION = re.compile(r"^(?:\(|\[|(?:figure|fig\.|table|tableau|chart|graph|graphique|map|carte|source|note|notes)"
                      r"\s*\d*\s*[:.\d])", re.IGNORECASE)
_ENDS_ADDRESS = re.compile(r"(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|https?://\S+|www\.\S+)$")
_ENDS_SENTENCE = re.compile(r"[.!?;][\"'”’»)]*$")
_ENDS_NUMBER = re.compile(r"(?:^|\s)[\d.,’' ]*\d(?:\s?(?:%|k|m|mln|mn|bn|million|billion|thousand))?$",
                          re.IGNORECASE)
_CODE_NUMBER = re.compile(r"[A-Za-z]-\d+$")
_BROKEN_WORD = re.compile(r"\p{L}-$")
_ENDS_CLAUSE = re.compile(r"[.:;!?]\W*$")
_LETTER = re.compile(r"\p{L}")


_WINDOW = 8


@dataclass
class Style:
    """Facts the line rules compare against: the body font size and, per line,
    the usual gap between lines around it (double-spaced exports have a blank
    line after every line, so there one blank line is no paragraph break)."""

    body_size: float | None
    usual_gaps: list[float]
    gaps_mark: list[bool]  # blank lines mark paragraph ends here: text is single-spaced yet has some
    right_edges: dict[tuple[int, int], float] = field(default_factory=dict)  # (page, column) -> text's right edge

    @classmethod
    def of(cls, lines: list[Line]) -> "Style":
        sizes: dict[float, int] = {}
        for line in lines:
            if line.size:
                key = round(line.size * 2) / 2
                sizes[key] = sizes.get(key, 0) + len(line.text)
        body = max(sizes, key=sizes.get) if sizes else None
        gaps = [min(line.gap_before, 3.0) for line in lines]
        blank = list(itertools.accumulate((g >= 1 for g in gaps), initial=0))  # gaps >= 1 before each line
        usual: list[float] = []
        marks: list[bool] = []
        for i in range(len(lines)):
            start, end = max(1, i - _WINDOW), min(i + _WINDOW + 1, len(lines))
            window = sorted(gaps[start:end]) or [0.0]
            usual.append(window[(len(window) - 1) // 2])  # statistics.median_low, without its overhead
            marks.append(usual[i] == 0 and blank[end] - blank[start] >= 2)
        edges: dict[tuple[int, int], float] = {}
        for line in lines:
            if line.page is not None:
                key = (line.page, line.column)
                edges[key] = max(edges.get(key, line.x1), line.x1)
        return cls(body_size=body, usual_gaps=usual, gaps_mark=marks, right_edges=edges)


def is_url(text: str) -> bool:
    text = text.strip()
    return " " not in text and bool(_URL.match(text))  # an address has no space: most lines fail at once


def is_see_also(text: str) -> bool:
    # (the pattern's "page" matches only what lower-cases to "page": most lines fail without it)
    return "page" in text.lower() and bool(_SEE_ALSO.match(text.strip()))


def looks_like_heading(line: Line, style: Style) -> bool:
    text = line.text.strip()
    if line.table is not None or "\t" in text or not text or len(text) > 110:
        return False
    letters, upper = _letter_counts(text)
    # The cheap tests of the two ways to be a heading first (most lines pass neither); the vetoes
    # that cost a pattern or a date search only for a line that passes one.
    if not (_set_as_heading(line, style, text, letters, upper) or _names_section(line, style, text, letters, upper)):
        return False
    return not (is_url(text) or "@" in text or bullet_of(text)[0] in ("•", "-", "–", "*") or _CAPTION.match(text)
                or _only_a_date(text))


def _names_section(line: Line, style: Style, text: str, letters: int, upper: int) -> bool:
    """A known section's name, unless it ends or starts like part of a sentence
    (a line starting in lower case is the middle of one: "… response on")."""
    return not text.endswith((".", ";", ",")) and not text[0].islower() \
        and not _plain_body_words(line, style, letters, upper) and bool(canonical.lookup(text))


def _set_as_heading(line: Line, style: Style, text: str, letters: int, upper: int) -> bool:
    """A short line in capitals, or (in a PDF) in bold or a larger font, that is no sentence or labelled value."""
    if letters < 3 or text.endswith((",", ";")):
        return False
    capitals = upper / letters >= 0.75
    if style.body_size and line.size:
        emphasised = line.bold or line.size >= style.body_size + 1.5
        # Title-case headings need weight and brevity.
        shaped = emphasised and (capitals or (not text.endswith(".") and line.size >= style.body_size - 0.5
                                              and len(text.split()) <= 12))
    else:  # text: capitals, or markup that marks a heading (``Line.bold`` from a '#' or all-bold line)
        shaped = not text.endswith(".") and (capitals or line.bold and len(text.split()) <= 12)
    if not shaped or len(text.split()) > 16:
        return False
    # "TOTAL REACH 13 MLN", "CONFIRMED 116772": a labelled value
    return not _ENDS_NUMBER.search(text) or bool(_CODE_NUMBER.search(text))


_ASCII_LETTERS, _ASCII_UPPER = string.ascii_letters.encode(), string.ascii_uppercase.encode()
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _letter_counts(text: str) -> tuple[int, int]:
    """How many characters are letters, and how many of those capitals (str.isalpha, str.isupper).
    The ASCII ones are counted in C (an ASCII letter is [A-Za-z], a capital [A-Z]); the rest one by one."""
    raw = text.encode("ascii", "ignore")
    letters = len(raw) - len(raw.translate(None, _ASCII_LETTERS))
    upper = len(raw) - len(raw.translate(None, _ASCII_UPPER))
    if not text.isascii():
        others = [ch for ch in _NON_ASCII.findall(text) if ch.isalpha()]
        letters += len(others)
        upper += sum(ch.isupper() for ch in others)
    return letters, upper


def _only_a_date(text: str) -> bool:
    """'13 February 2020*' (the end of a table's caption), '09.11.2020': a date alone names no section."""
    dates = find_dates(text, default_year=2000)  # any year: only whether it is a date matters
    if len(dates) != 1:
        return False
    _, start, end = dates[0]
    return not _LETTER.search(text[:start] + text[end:])


def _plain_body_words(line: Line, style: Style, letters: int, upper: int) -> bool:
    """A PDF line in the body font, not bold and not in capitals ('Vaccination' wrapped onto a line of
    its own mid-sentence): a section's name there is a word of the text, not a heading."""
    if not (style.body_size and line.size) or line.bold or line.size >= style.body_size + 1.5:
        return False
    return upper < 0.75 * max(letters, 1)


_CONNECTOR = re.compile(r"\b(?:and|of|for|in|the|to|on|with|a|an|as|at|by|from|against|about|into|through|"
                        r"between|during|without|across|towards?|among|amid|&|et|de|des|du|la|le|y|del|contre|"
                        r"pour|sur|avec|dans|en|para|por|con)$|[-–:,]$", re.IGNORECASE)


def ends_with_connector(text: str) -> bool:
    """A heading line ending in 'AND', 'OF', ':' … wraps on to the next line."""
    return bool(_CONNECTOR.search(text.strip()))


def _same_heading(prev: Line, line: Line, style: Style) -> bool:
    """Whether ``line`` continues the heading printed on ``prev`` (a heading wrapped onto lines)."""
    if ends_with_connector(prev.text):
        return line.gap_before < 2.0  # "SOCIO-ECONOMIC IMPACT AND" / "RESPONSE": even if both parts map
    if canonical.lookup(line.text) and canonical.lookup(prev.text):
        return False
    if style.body_size and prev.size and line.size:
        return (abs(prev.size - line.size) < 0.6 and prev.bold == line.bold
                and line.gap_before < 1.2 and prev.page == line.page)
    return line.gap_before == 0


def _full(line: Line) -> bool:
    if line.column_width is None:
        return False
    if line.page is None:
        return line.width >= 0.72 * line.column_width
    return line.width >= line.column_width - max(12.0, 0.12 * line.column_width)


def _wrapped(prev: Line, line: Line, style: Style) -> bool:
    """A PDF line that ends where it does because the next line's first word would not fit after it
    (a hanging-indented bullet or a narrow column is never 'full' by width alone)."""
    if _full(prev):
        return True
    right = style.right_edges.get((prev.page, prev.column))
    first = _first_word(line)
    if right is None or not first or prev.column != line.column or prev.width < 0.6 * (prev.column_width or 0):
        return False  # across columns, or a short line: a sentence end there ends the paragraph
    spaces = line.text.count(" ")
    char = line.width / max(len(line.text) - spaces + 0.5 * spaces, 1)  # a letter's advance; a space is about half
    # half a character of slack: the widest line rarely reaches the wrap limit, and capitals run wide
    return prev.x1 + 0.5 * char + len(first) * char > right - 0.5 * char


def _continues(prev: Line, line: Line, block: Block, style: Style, usual_gap: float, gaps_mark: bool) -> bool:
    """Whether ``line`` wraps on from ``prev`` inside the same paragraph or item.

    ``gaps_mark``: blank lines around here separate paragraphs (so no blank line means no break)."""
    text = prev.text.rstrip()
    if prev.column_width is None and prev.page is None:
        # Unwrapped text: every line is a paragraph, unless a line goes on with the sentence: an
        # indented one ("… and social" / "  pedagogues from …"), or, inside a bullet item wrapped by
        # hand, one that starts with a lowercase word or ends a word broken at its hyphen ("post-").
        if line.gap_before or _ENDS_SENTENCE.search(text):
            return False
        lower = line.text[:1].islower()
        return lower and line.x0 > block.lines[0].x0 or \
            block.kind == "bullet" and (lower or _BROKEN_WORD.search(text) is not None)
    if prev.page is None and _broken_word_or_sentence(text, line.text):
        return True  # "Nur-" / "Sultan cities", "UNESCO" / "finalized the …": a column break inside a sentence
    if line.gap_before > usual_gap + 0.35 and not line.new_region:
        # A full text line that stops mid-sentence before a gap ran into a column or page break.
        return prev.page is None and _text_line_full(prev, line) \
            and not _ENDS_SENTENCE.search(text) and not text.endswith(":") and line.text[:1].isalnum()
    if gaps_mark and prev.page is None:
        # blank lines end paragraphs here, but a list set solid still ends its items with ";"
        return not _ends_address(text) and not (text.endswith(";") and line.text[:1].isupper())
    if style.body_size and prev.size and line.size:
        if abs(prev.size - line.size) > 1.0 or (prev.bold != line.bold and not line.new_region):
            return False
    if _ends_address(text) and not (line.text[:1] == "/" or line.text[:1].islower()):
        return False  # an e-mail or web address ends a contact line, not a wrapped sentence
    if block.kind == "para" and text.endswith(";") and (prev.page is None or not _full(prev)):
        return False  # unbulleted lists end items with ";" (a PDF shows it by spacing too)
    if line.new_region:
        return _full(prev) or not _ENDS_SENTENCE.search(text)
    if _ENDS_SENTENCE.search(text):
        if prev.page is None and prev.column_width:
            # Hard-wrapped text breaks a line only when the next word does not fit: if it would
            # have fitted, the sentence end is the end of the paragraph.
            if _next_word_fits(prev, line):
                return False
        elif not _wrapped(prev, line, style):
            return False
    if line.page is not None and block.kind == "para" and len(block.lines) >= 1:
        if line.x0 > prev.x0 + 4 and _full(prev) and len(block.lines) > 1:
            return False  # first-line indent starts a new paragraph
    return True


def _ends_address(text: str) -> bool:
    # the pattern tries every word of a line; an address has one of these in it
    return ("@" in text or "://" in text or "www." in text) and bool(_ENDS_ADDRESS.search(text))


def _url_inside_sentence(cur: Block | None, line: Line, usual_gap: float) -> bool:
    """A web address wrapped onto its own line in the middle of an item ("… including" /
    "https://covid-19.mentalcenter.kz" / "/ through partner voices"): part of the item, not a link list."""
    if cur is None or cur.kind not in ("para", "bullet") or line.gap_before > usual_gap + 0.35:
        return False
    return not _ENDS_CLAUSE.search(cur.lines[-1].text.rstrip())


def _first_word(line: Line) -> str:
    return line.text.split(maxsplit=1)[0] if line.text.strip() else ""


def _next_word_fits(prev: Line, line: Line) -> bool:
    """Whether a hard-wrapped text line had room for the next line's first word (widths in characters)."""
    return prev.width + 1 + len(_first_word(line)) <= (prev.column_width or 1e9)


def _text_line_full(prev: Line, line: Line) -> bool:
    """A hard-wrapped text line that nearly fills its column or could not have held the next word:
    "• The Ministry of Digital" / "Development, Innovation and" in a narrow column."""
    width = prev.column_width or 1e9
    if prev.width > 1.2 * width:
        return False  # far wider than the wrap width: a line of its own (a caption), not wrapped there
    return prev.width >= 0.9 * width or not _next_word_fits(prev, line)


def _broken_word_or_sentence(prev: str, line: str) -> bool:
    """A line that ends mid-word ('orga-') or mid-sentence before a line starting in lower case."""
    if prev.endswith("-") and prev[-2:-1].isalpha() and line[:1].isalnum():
        return True
    return line[:1].islower() and not _ENDS_SENTENCE.search(prev) and not prev.endswith(":")


def _address_broken(prev: Line, line: Line, style: Style) -> bool:
    """A web or e-mail address too long for its narrow column, broken anywhere: 'www.gov.kz/memleket/
    entities/ds' / 'm'. The rest is one short token, under it, that the address's line had no room for."""
    rest = line.text.strip()
    return (prev.page is not None and line.page == prev.page and line.column == prev.column
            and line.gap_before < 1.2 and 0 < len(rest) <= 40 and " " not in rest
            and (rest[0].islower() or rest[0].isdigit() or rest[0] in "/._-#?=&") and not is_url(rest)
            and "@" not in rest and _ends_address(prev.text) and _wrapped(prev, line, style))


def _number_after_break(cur: Block | None, text: str) -> bool:
    """'… treatment of COVID-' / '19. WHO recommendations …': the number ends a word broken at its
    hyphen, it does not number an item."""
    return cur is not None and cur.kind in ("para", "bullet") and text[:1].isdigit() \
        and _BROKEN_WORD.search(cur.lines[-1].text.rstrip()) is not None


def build_blocks(lines: list[Line], style: Style | None = None, figures: set[int] | frozenset[int] = frozenset()
                 ) -> list[Block]:
    """Blocks in reading order. Lines whose indexes are in ``figures`` (read by a table parser) stay
    in place as ``figures`` blocks, so the heading above them still has its content."""
    style = style or Style.of(lines)
    blocks: list[Block] = []
    cur: Block | None = None
    for index, line in enumerate(lines):
        text = line.text
        usual_gap = style.usual_gaps[index]
        if index in figures:
            if cur is not None and cur.kind == "figures" and index - 1 in figures:
                cur.lines.append(line)
            else:
                cur = Block(lines=[line], kind="figures")
                blocks.append(cur)
            continue
        if index - 1 in figures:
            cur = None  # the text after a table starts a new block
        if cur is not None and _address_broken(cur.lines[-1], line, style):
            cur.lines[-1] = dataclasses.replace(cur.lines[-1], text=cur.lines[-1].text + line.text.strip())
            continue
        if line.table is not None or "\t" in text:
            kind = "table"
        elif looks_like_heading(line, style):
            kind = "heading"
        elif is_url(text) and not _url_inside_sentence(cur, line, usual_gap):
            kind = "urls"
        elif is_see_also(text):
            kind = "see_also"
        elif bullet_of(text)[0] and not _number_after_break(cur, text):
            kind = "bullet"
        else:
            kind = "text"

        if kind == "heading" and cur and cur.kind == "heading" and _same_heading(cur.lines[-1], line, style):
            cur.lines.append(line)
            continue
        if kind == "urls" and cur and cur.kind == "urls" and line.gap_before <= usual_gap + 0.5:
            cur.lines.append(line)
            continue
        if kind == "table" and cur and cur.kind == "table" and line.table == cur.lines[-1].table:
            cur.lines.append(line)
            continue
        if kind == "text" and cur and cur.kind in ("para", "bullet") and \
                _continues(cur.lines[-1], line, cur, style, usual_gap, style.gaps_mark[index]):
            cur.lines.append(line)
            continue
        cur = Block(lines=[line], kind="para" if kind == "text" else kind)
        blocks.append(cur)
    return blocks
