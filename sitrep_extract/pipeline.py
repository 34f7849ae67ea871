"""The pipeline: input -> lines -> blocks -> outline -> sections -> fields -> Report.

Each stage is a function of its own module; this one only wires them together.
"""
from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass

import regex as re

from . import canonical
from .blocks import build_blocks
from .collect import fewer_collections
from .errors import ExtractError
from .fields import contacts, document, entities
from .fields.figures import headline_figures, prose_chunks
from .fields.places import SCAN_CHARS, guess_country
from .fields.tables import SUBJECTS, find_case_tables, find_media_coverage
from .model import Block, Line
from .normalize import words_of
from .readers.decode import decode_text
from .readers.text import read_text
from .report import Document, Report, Section, Source
from .sections import build_sections
from .source import Loaded, from_bytes, looks_like_path, read_path
from .structure import Heading, Outline, outline


@dataclass
class Analysis:
    """Every stage's output for one document: the Report, and what it was built from (for --text/--explain)."""

    lines: list[Line]
    dropped: list[Line]
    table_lines: set[int]
    blocks: list[Block]
    outline: Outline
    report: Report
    roles: dict[int, str]  # id(block) -> the role --explain shows


def extract(source: str | os.PathLike | bytes, **options) -> Report:
    """Read one report (a path, the bytes of a file, or the text itself) into a Report.

    Options: ``name`` (the path to record for bytes or text), ``pages`` (a set of 1-based
    page numbers), ``max_pages``, ``max_bytes``, ``engine`` ("pdfplumber" or "pdfium"; None: the
    reader's default, ``readers.pdf.DEFAULT_ENGINE``).
    Raises ExtractError, with a one-line reason, for input that cannot be read.
    """
    return analyse(source, **options).report


def analyse(source: str | os.PathLike | bytes, *, name: str | None = None, pages: set[int] | None = None,
            max_pages: int | None = None, max_bytes: int | None = None, engine: str | None = None) -> Analysis:
    """Like ``extract`` but keeps every stage's output."""
    if isinstance(source, (bytes, bytearray)):
        loaded = from_bytes(bytes(source), name or "<bytes>", max_bytes=max_bytes)
    elif isinstance(source, os.PathLike) or (isinstance(source, str) and looks_like_path(source)):
        loaded = read_path(source, max_bytes=max_bytes)
        if name:
            loaded.source.path = name
    elif isinstance(source, str):
        loaded = from_bytes(source.encode("utf-8"), name or "<text>", max_bytes=max_bytes)
    else:
        raise TypeError(f"extract() takes a path, bytes or text, not {type(source).__name__}")
    return extract_loaded(loaded, pages=pages, max_pages=max_pages, engine=engine)


def extract_loaded(loaded: Loaded, *, pages: set[int] | None = None, max_pages: int | None = None,
                   engine: str | None = None) -> Analysis:
    source = loaded.source
    try:
        if source.format == "pdf":
            from .readers.pdf import read_pdf

            read = read_pdf(loaded.data, pages=pages, max_pages=max_pages, engine=engine)
            source.pages = read.page_count
            return build_report(read.lines, source, meta={}, warnings=list(read.warnings), dropped=read.dropped)
        text, encoding, warnings = decode_text(loaded.data)
        source.encoding = encoding
        with fewer_collections():
            read_text_result = read_text(text)
            if not read_text_result.lines:
                raise ExtractError("empty input (no text)")
            return build_report(read_text_result.lines, source, read_text_result.meta, warnings)
    except ExtractError as error:
        raise error.with_path(source.path) from None


def build_report(lines: list[Line], source: Source, meta: dict[str, str], warnings: list[str],
                 dropped: list[Line] | None = None) -> Analysis:
    # Year, subject, country and language from the opening of the text: a long report's are clear
    # by then, and a copy of a whole long document would be most of the memory a run needs.
    opening = _opening(lines, SCAN_CHARS)
    year = int(meta["date"][:4]) if meta.get("date") else document.common_year(opening)
    subject = _main_subject(opening)
    head = "\n".join(line.text for line in lines[:15])
    country, language = guess_country(head, opening), document.language(opening)
    del opening

    tables, taken, table_warnings = find_case_tables(lines, subject, year)
    media_at = [i for i, line in enumerate(lines)
                if i not in taken and (c := canonical.lookup(line.text)) and c.id == "media_coverage"]
    media, media_used = find_media_coverage(lines, media_at)
    consumed = taken | media_used
    blocks = build_blocks(lines, figures=consumed)
    shape = outline(blocks)
    vocabulary = _vocabulary(lines)
    roles: dict[int, str] = {}
    sections = build_sections(shape, vocabulary, roles)
    for section in sections:
        for item in section.items:
            text = " ".join(filter(None, (item.title, item.text)))
            item.agencies = entities.agencies_in(text)
            item.amounts = entities.amounts_in(text)

    special = _special_texts(shape)
    lead = next((s.items[0].text for s in sections if s.id == "overview" and s.items), "")
    preface, before_prose = _preface(blocks)
    date = document.report_date(meta.get("date"), head, [t.as_of for t in tables], lead, year, preface)
    figure_texts = [i.text for s in sections if s.id in ("overview", "highlights", "epidemiology") for i in s.items]
    figures = headline_figures(figure_texts, year, date)
    prose = prose_chunks(line.text for i, line in enumerate(lines) if i not in consumed)
    figures += [f for f in headline_figures(prose, year, date, cue_only=True)
                if (f.metric, f.value) not in {(g.metric, g.value) for g in figures}]

    report = Report(source=source, document=Document(kind="sitrep"), sections=sections, case_tables=tables,
                    headline_figures=figures, media_coverage=media,
                    key_sources=contacts.key_sources(special.get("key_sources", [])),
                    contact=_contact(special.get("contact", []), lines),
                    warnings=warnings + table_warnings)
    see_also = sum(1 for s in sections for i in s.items if i.see_also)
    evidence = document.sitrep_evidence([line.text for line in lines[:40]], _sitrep_section_ids(sections, preface,
                                        before_prose), len(tables), see_also)
    report.document = Document(
        kind="sitrep" if evidence else "not_sitrep",
        title=_title(shape, lines, evidence, preface),
        country=country,
        date=date,
        number=document.sitrep_number(head),
        language=language,
    )
    _explain_gaps(report)
    return Analysis(lines=lines, dropped=dropped or [], table_lines=consumed, blocks=blocks,
                    outline=shape, report=report, roles=roles)


def _sitrep_section_ids(sections, preface: list[str], before_prose: bool) -> set[str]:
    """The section ids that speak for a sitrep: not a web page's menu above its article ("Health",
    "Education", "Child protection" name sectors), and not a one-word topic heading ("HEALTH",
    "PARTNERSHIPS", "TIMELINE") that an annual report or a job description has as well; a sitrep's
    own headings name a response ("EMERGENCY HEALTH RESPONSE") -- HIGHLIGHTS aside."""
    menu = {text.strip() for text in preface} if before_prose else set()
    return {s.id for s in sections if s.id == "highlights"
            or (s.heading or "").strip() not in menu and _letter_words(s.heading or "") >= 2}


def _contact(owned: list[str], lines: list[Line]) -> contacts.Contact | None:
    found = contacts.contact(owned)
    if found is not None and found.email is None and found.name:
        found.email = contacts.email_of(found.name, [line.text for line in lines if "@" in line.text])
    return found


PREFACE_BLOCKS = 60  # a web page's menus and links before its article: a screen or two
PARAGRAPH_CHARS = 150


def _preface(blocks: list[Block]) -> tuple[list[str], bool]:
    """The lines before the first paragraph of prose (a page's menus, its dateline and headline),
    and whether such a paragraph follows them."""
    found: list[str] = []
    for block in blocks[:PREFACE_BLOCKS]:
        if len(block.lines) > 1 and _prose(block.text) \
                and all(len(line.text) >= 40 for line in block.lines[:-1]):
            return found, True  # a hard-wrapped paragraph, not a run of menu entries that ends in a sentence
        for line in block.lines:  # a paragraph on one line, glued to the menu lines above it
            # (after a headline: a sentence among one- and two-word menu entries is the menu's help text)
            if _prose(line.text) and found and len(found[-1].split()) >= 3:
                return found, True
            found.append(line.text)
    return found, False


def _prose(text: str) -> bool:
    return len(text) >= PARAGRAPH_CHARS and text.rstrip().endswith((".", "!", "?", '"', "”", ")"))


def _opening(lines: list[Line], chars: int) -> str:
    """The first lines, joined by newlines, up to about ``chars`` characters."""
    taken, size = [], 0
    for line in lines:
        if size >= chars:
            break
        taken.append(line.text)
        size += len(line.text) + 1
    return "\n".join(taken)


def _main_subject(text: str) -> str:
    counts = Counter({subject: len(re.findall(pattern, text, re.IGNORECASE)) for subject, pattern in SUBJECTS})
    counts.pop("covid19_pneumonia", None)
    subject, n = counts.most_common(1)[0] if counts else ("cases", 0)
    return subject if n else "cases"


def _vocabulary(lines: list[Line]) -> set[str]:
    """Words as printed inside lines (not at a line end): evidence for rejoining hyphenated words."""
    vocab: set[str] = set()
    for line in lines:
        vocab.update(words_of(line.text, lower=True)[:-1])
    return vocab


def _special_texts(shape) -> dict[str, list[str]]:
    """Lines owned by the key sources and contact headings; a contact heading may be on the same line."""
    found: dict[str, list[str]] = {}
    for index, token in enumerate(shape.tokens):
        if isinstance(token, Heading) and token.role == "special" and token.canon is not None:
            lines = found.setdefault(token.canon.id, [])
            for i in shape.owned.get(index, []):
                block = shape.tokens[i].block
                if token.canon.id == "key_sources" and block.kind == "urls":
                    lines.extend(_first_run(block.lines))  # the list under the heading, not a later link dump
                    if len(block.lines) > len(_first_run(block.lines)):
                        break
                    continue
                lines.extend(line.text for line in block.lines)
    return found


def _first_run(lines: list[Line]) -> list[str]:
    """Lines up to the first gap wider than the spacing between the first lines."""
    if len(lines) < 3:
        return [line.text for line in lines]
    spacing = min(line.gap_before for line in lines[1:3])
    kept = [lines[0].text]
    for line in lines[1:]:
        if line.gap_before > spacing + 0.5:
            break
        kept.append(line.text)
    return kept


def _title(shape, lines: list[Line], evidence: list[str], preface: list[str]) -> str | None:
    titles = [t.text for t in shape.tokens if isinstance(t, Heading) and t.role == "doc_title"]
    if titles:  # "COVID-19 SITUATION REPORT" rather than the masthead "UNITED NATIONS KAZAKHSTAN"
        return next((t for t in titles if document.calls_itself_sitrep(t)), titles[0])
    sized = [line for line in lines[:40] if line.size and line.page == lines[0].page]
    if sized:
        biggest = max(line.size for line in sized)
        body = Counter(round(line.size) for line in lines if line.size).most_common(1)[0][0]
        if biggest >= body * 1.3:
            return " ".join(line.text for line in sized if line.size >= biggest - 0.5)
    first_cells = (line.text.split("\t")[0].strip() for line in lines[:15])
    named = next((cell for cell in first_cells if document.calls_itself_sitrep(cell)), None)
    if named:
        return named  # "UKRAINE: FLASH UPDATE No. 3", printed as a plain line
    if not evidence and lines:
        # One dated article (a web page's dateline): its headline is the longest headline-like line above
        # the first paragraph, around the dateline (a byline and a photo credit may come between);
        # else the first line.
        candidates = [text.strip() for text in preface] if document.dateline(preface) else [lines[0].text.strip()]
        headlines = [text for text in candidates if _headline_like(text)]
        if headlines:
            return max(reversed(headlines), key=_letter_words)
    return None


_NOT_HEADLINE = re.compile(r"^(?:[-–•*\[(©]|by\s|[\w ]{1,20}:\s)|\s[/>|»]\s", re.IGNORECASE)


def _headline_like(text: str) -> bool:
    """Not a sentence, a list item, a field ("Venue: ..."), a byline, a credit or a breadcrumb trail."""
    return (len(text) <= 150 and not text.endswith((".", ";", ",", ":")) and _letter_words(text) >= 3
            and not _NOT_HEADLINE.search(text))


def _letter_words(text: str) -> int:
    return sum(1 for word in text.split() if any(ch.isalpha() for ch in word))


def _explain_gaps(report: Report) -> None:
    """Say what could not be found, so a user knows an empty field is not a silent failure."""
    doc = report.document
    if doc.kind == "not_sitrep":
        report.warnings.insert(0, "not a situation report: no sitrep title, sections, case tables or "
                                  "'more on page N' highlights found")
        return
    if doc.date is None:
        report.warnings.append("no report date found")
    if not any(s.id not in ("other", "feature") for s in report.sections):
        report.warnings.append("no known sitrep sections found")


__all__ = ["extract", "build_report", "Section"]
