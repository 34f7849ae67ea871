"""Document facts: report date, title, sitrep number, language, and sitrep-or-not."""
from __future__ import annotations

from collections import Counter

import regex as re

from .dates import MONTHS, find_dates, parse_as_of

_NUMBER = re.compile(
    r"(?:situation\s+report|sitrep|rapport\s+de\s+situation|informe\s+de\s+situaci[oó]n|bulletin|report|"
    r"(?:flash|situation|humanitarian|operational)\s+update)"
    r"(?:\s+[A-Z]{2,6})?\s*(?:no\.?|n[°ºo]\.?|#|№|number|num[ée]ro)?\s*[-–—:]?\s*(?P<n>\d{1,4})(?!\d)(?![\d.,/-]*\d{4}\b)"
    rf"(?!\s*(?:{'|'.join(sorted(MONTHS, key=len, reverse=True))})\b)",
    re.IGNORECASE,
)
_LANG_WORDS = {
    "en": ("the", "and", "of", "to", "in", "with", "for", "were"),
    "fr": ("le", "la", "les", "des", "et", "du", "dans", "pour"),
    "es": ("el", "los", "las", "del", "y", "en", "para", "con"),
    "ru": ("и", "в", "на", "по", "с", "для"),
}
_PLURAL = re.compile(r"e?s\b", re.IGNORECASE)  # after a _SITREP_WORDS match
_SITREP_WORDS = re.compile(
    r"situation\s+report|sitrep|rapport\s+de\s+situation|informe\s+de\s+situaci[oó]n|situation\s+update|"
    r"epidemiological\s+(?:update|bulletin)|latest\s+situation|situation\s+in\s+numbers|bulletin\s+[ée]pid[ée]miologique|"
    r"flash\s+update|humanitarian\s+(?:update|bulletin)|operational\s+update|point\s+de\s+situation|"
    r"reporte\s+de\s+situaci[oó]n",
    re.IGNORECASE,
)


def common_year(text: str) -> int | None:
    """The year most full dates in the text carry: the year to give 'As of 10 July'."""
    years = Counter(d.year for d, _, _ in find_dates(text))
    return years.most_common(1)[0][0] if years else None


def first_full_date(text: str) -> str | None:
    for d, _, _ in find_dates(text):
        return d.isoformat()
    return None


MASTHEAD_LINE_CHARS = 60  # longer lines are prose: an "As of …" there dates the figures, not the issue


def report_date(meta_date: str | None, head: str, table_dates: list[str | None], lead: str,
                default_year: int | None, preface: list[str] = ()) -> str | None:
    """Header marker, a date in the masthead, a short dateline before the first paragraph, the
    case tables' as-of date, or the lead's 'As of …'.

    ``preface``: the short lines before the first paragraph, where a web page prints its date
    below the site's menus ('Press release' / '14 May 2021' / 'Almaty' / headline)."""
    if meta_date:
        return meta_date
    for line in head.split("\n"):
        if len(line.strip()) <= MASTHEAD_LINE_CHARS and not parse_as_of(line, None) \
                and (printed := first_full_date(line)):
            return printed  # a date on a short masthead line, not an "as of" stamp: the issue date
    stamped = parse_as_of(head, None)
    if stamped:
        return stamped[:10]
    masthead = first_full_date(head)
    if masthead:
        return masthead
    found = dateline(preface)
    if found:
        return found[1]
    for as_of in table_dates:
        if as_of:
            return as_of[:10]
    lead_date = parse_as_of(lead, default_year)
    return lead_date[:10] if lead_date else None


def dateline(preface: list[str]) -> tuple[int, str] | None:
    """The one short dated line among ``preface`` (its index and date), as a web article prints it
    above its headline; None if there are none or several (a list of stories, each dated)."""
    dated = [(k, printed) for k, line in enumerate(preface) if len(line.strip()) <= MASTHEAD_LINE_CHARS
             and not parse_as_of(line, None) and (printed := first_full_date(line))]
    return dated[-1] if dated and len({date for _, date in dated}) == 1 else None


def sitrep_number(head: str) -> str | None:
    m = _NUMBER.search(head)
    return m.group("n") if m else None


def language(text: str) -> str | None:
    words = Counter(re.findall(r"\w+", text[:20000].lower()))
    scores = {lang: sum(words[w] for w in vocab) for lang, vocab in _LANG_WORDS.items()}
    best = max(scores, key=scores.get)
    return best if scores[best] >= 5 else None


def calls_itself_sitrep(line: str) -> bool:
    """A title-like line that names the document a situation report (in the singular: "Situation
    reports" is a menu link or an archive's heading, naming a collection, not this document)."""
    if len(line) > 120 or line.rstrip().endswith("."):
        return False
    if len(line) > 80 or "," in line:
        # a comma, or a long line, reads as a sentence unless the report's number names it:
        # "Kazakhstan: Floods in Tobolsay District, Kostanay Region – Flash Update No. 4"
        if not _NUMBER.search(line):
            return False
    return any(not _PLURAL.match(line, m.end()) for m in _SITREP_WORDS.finditer(line))


def sitrep_evidence(head: list[str], section_ids: set[str], case_tables: int, see_also: int) -> list[str]:
    """The reasons to believe a document is a situation report (empty: it is not one).

    ``head``: the first lines. Only a title-like line counts ("COVID-19 SITUATION REPORT"), not a
    sentence that quotes one ("according to the latest WHO situation report, …").
    """
    reasons = []
    if any(calls_itself_sitrep(line) for line in head):
        reasons.append("calls itself a situation report")
    known = section_ids - {"other", "feature", "overview", "key_sources", "contact", "media_coverage"}
    if len(known) >= 2 or "highlights" in known and see_also:
        reasons.append(f"has sitrep sections ({', '.join(sorted(known))})")
    # alone, a table of counts is no evidence: news, press briefings and dashboards print them too
    if case_tables and (reasons or see_also >= 2):
        reasons.append("has case-count tables")
    if see_also >= 2:
        reasons.append("has 'more on page N' highlights")
    return reasons
