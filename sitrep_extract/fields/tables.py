"""Key-figure tables read from lines: case-count tables and the media coverage box.

Both are label/value rows ("CONFIRMED\\t116772", "46 997 confirmed (1826 new)",
"Cas confirmés\\t5\\t0\\t5") under a short header ("NUMBER OF COVID-19 CASES …
AS OF 12:00 09.11.2020"). Labels map to metrics through one table. Lines a
table consumes are reported so they do not also become section items.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

import regex as re

from ..model import Line
from ..report import CaseTable, MediaCoverage
from .dates import parse_as_of
from .numbers import parse_count, parse_decimal
from .rows import (MULTIPLIER, VALUE, LabelTable, Row, could_be_row, fold, has_number, metric_of, parse_row,
                   parse_rows, read_label)

__all__ = ["SUBJECTS", "find_case_tables", "find_media_coverage", "parse_row", "subject_of", "Row"]

SUBJECTS: tuple[tuple[str, str], ...] = (
    ("covid19_pneumonia", r"pneumonia"),
    ("covid19", r"covid|coronavirus|sars[-\s]?cov"),
    ("ebola", r"ebola|\bmve\b|\bevd\b"),
    ("dengue", r"dengue"),
    ("cholera", r"chol[eé]ra"),
    ("mpox", r"mpox|monkeypox|variole\s+simienne"),
    ("measles", r"measles|rougeole|sarampi[oó]n"),
    ("marburg", r"marburg"),
    ("influenza", r"influenza|grippe|avian\s+flu"),
    ("malaria", r"malaria|paludisme"),
)


MEDIA_LABELS: tuple[tuple[str, str], ...] = (
    ("total_reach", r"(?:total\s+)?reach|audience|impressions"),
    ("engagement", r"engagements?|interactions"),
)
_MEDIA_RES = LabelTable(MEDIA_LABELS)

_HEADER_HINT = re.compile(r"\bcases?\b|\bcas\b|\bcasos\b|in\s+numbers|key\s+figures|as\s+of|\bau\b|number\s+of|"
                          r"donn[ée]es|indicat|situation|chiffres|cifras|total", re.IGNORECASE)
_COVID19 = re.compile(r"covid-19", re.IGNORECASE)
_LETTER = re.compile(r"[^\W\d]")


def subject_of(title: str, default: str) -> str:
    for subject, pattern in SUBJECTS:
        if re.search(pattern, title, re.IGNORECASE):
            return subject
    return default


def _header_lines(lines: list[Line], start: int, taken: set[int]) -> list[int]:
    """Up to three short lines just above the first row that read as its title or as-of line."""
    found: list[int] = []
    i = start - 1
    while i >= 0 and len(found) < 3 and i not in taken:
        text = lines[i].text
        if len(text) > 90 or text.rstrip().endswith((".", ";")) or parse_rows(text):
            break
        found.append(i)
        if _HEADER_HINT.search(text) and not _ONLY_AS_OF.match(text):
            if len(text.split()) <= 2:  # "NUMBER OF COVID-19 PNEUMONIA" / "CASES": a title wrapped,
                k = i - 1  # maybe around the as-of line printed beside its first part
                if k > 0 and k not in taken and _ONLY_AS_OF.match(lines[k].text):
                    found.append(k)
                    k -= 1
                above = lines[k].text.strip() if k >= 0 and k not in taken else ""
                if above.isupper() and len(above) <= 60 and not parse_rows(above):
                    found.append(k)
            break  # the title line; an as-of line alone has its title above it
        i -= 1
    return found[::-1] if found and any(_HEADER_HINT.search(lines[j].text) for j in found) else []


@dataclass
class _Group:
    label: str | None  # a sub-heading inside the table: "China", "Cumulative deaths"
    rows: list[Row] = field(default_factory=list)


def _is_group_label(text: str) -> bool:
    """A short line naming the rows under it ('Globally', 'Outside of China', 'Cumulative deaths')."""
    words = text.split()
    return (0 < len(words) <= 5 and len(text) <= 40 and "\t" not in text and not text.endswith((".", ";", ","))
            and not has_number(_COVID19.sub("", text)))


def _row_at(lines: list[Line], j: int) -> tuple[list[Row], int, int]:
    """Rows printed at line j, and how many lines before and after it they also use: a box label
    may wrap around its value ('Reported' / 'Dengue<tab>12644' / 'Cases')."""
    rows = parse_rows(lines[j].text)
    if rows:
        return rows, 0, 0
    cells = lines[j].text.split("\t")
    if len(cells) < 2 or not all(has_number(c) for c in cells[1:]) or not _LETTER.search(cells[0]):
        return [], 0, 0
    before = lines[j - 1].text if j > 0 and _is_group_label(lines[j - 1].text) else ""
    after = lines[j + 1].text if j + 1 < len(lines) and _is_group_label(lines[j + 1].text) else ""
    for label, used_before, used_after in ((f"{before} {cells[0]} {after}", bool(before), bool(after)),
                                           (f"{before} {cells[0]}", bool(before), False),
                                           (f"{cells[0]} {after}", False, bool(after))):
        rows = parse_rows("\t".join([label.strip(), *cells[1:]]))
        if rows and (used_before or used_after):
            return rows, int(used_before), int(used_after)
    return [], 0, 0


def _run_at(lines: list[Line], i: int, default_year: int | None) -> tuple[list[_Group], int, int]:
    """Rows from line i on, split into groups at sub-heading lines: (groups, first row line, end)."""
    groups = [_Group(None)]
    first, j = -1, i
    pending_label: str | None = None
    while j < len(lines):
        rows, before, after = _row_at(lines, j)
        if rows:
            if first < 0:
                first = j - before
            if pending_label is not None and not before:
                groups.append(_Group(pending_label))
            elif groups[-1].label and len(rows[0].label.split()) > 2:
                groups.append(_Group(None))  # a self-describing row ends the sub-heading's rows
            pending_label = None
            groups[-1].rows.extend(_in_context(row, groups[-1].label) for row in rows)
            j += 1 + after
            continue
        text = lines[j].text
        if pending_label is None and _is_group_label(text) and fold(text) not in _TITLE_WORDS \
                and j + 1 < len(lines) and _row_at(lines, j + 1)[0] and not _row_at(lines, j + 1)[1]:
            pending_label = text.strip()
            if first < 0:
                first = j
        elif first < 0 and parse_as_of(text, default_year):
            pass  # an as-of line between a table's title and its rows
        else:
            break
        j += 1
    return [g for g in groups if g.rows], first, j


def _column_rows(lines: list[Line], i: int, taken: set[int] = frozenset()) -> tuple[list[Row], set[int]]:
    """A table printed column by column: label lines, then (a few lines on) as many value lines.

    'CONFIRMED' / 'RECOVERED' / 'MORTALITY' / … / '116772' / '107843' / '1857' — what text
    extraction makes of a two-column table box. Returns the rows and the line indexes used.
    """
    labels: list[tuple[str, str]] = []  # (metric, label as printed)
    j = i
    while j < len(lines) and "\t" not in lines[j].text:
        label, span = lines[j].text.strip(), 1
        metric = metric_of(label)
        if metric is None and j + 1 < len(lines) and "\t" not in lines[j + 1].text \
                and metric_of(lines[j + 1].text) is None:
            # a label wrapped in its box: 'CASE FATALITY' / 'RATE'
            label, span = f"{label} {lines[j + 1].text.strip()}", 2
            metric = metric_of(label)
        if metric is None:
            break
        labels.append((metric, label))
        j += span
    if len(labels) < 2:
        return [], set()
    for start in range(j, min(j + COLUMN_LOOKAHEAD, len(lines))):
        values = lines[start:start + len(labels)]
        if taken.intersection(range(start, start + len(labels))):
            continue  # values an earlier table took: two label columns, then two value columns
        if len(values) == len(labels) and all(_LONE_VALUE.match(v.text.strip()) for v in values):
            rows = [Row(metric, label, [v.text.strip()]) for (metric, label), v in zip(labels, values)]
            return rows, set(range(i, j)) | set(range(start, start + len(labels)))
    return [], set()


def _stacked_rows(lines: list[Line], i: int, taken: set[int] = frozenset(),
                  default_year: int | None = None) -> tuple[list[Row], set[int], list[int]]:
    """A table whose boxes print each label above its value: 'CONFIRMED' / '116772' / 'RECOVERED' / …

    What text extraction makes of a row of key-figure boxes. Up to STACK_GAP lines may come between
    a label and its value (a running footer, the box's 'AS OF …' line, which pdftotext moves there).
    Returns the rows (two metrics at least, one of them CORE), the line indexes used and the as-of
    lines among them. A value just above the
    first label, or a label without a value below it, means the values sit above their labels (a map's
    '54' / 'Confirmed cases' / '0' / 'Death'): pairing each label with the value below would be wrong.
    """
    if i > 0 and i - 1 not in taken and _LONE_VALUE.match(lines[i - 1].text.strip()):
        return [], set(), []
    rows: list[Row] = []
    used: set[int] = set()
    as_of: list[int] = []
    j = i
    while j < len(lines) and j not in taken:
        label = lines[j].text.strip()
        metric = metric_of(label) if "\t" not in label else None
        if metric is None:
            break
        k = j + 1
        while k < len(lines) and k - j <= STACK_GAP + 1 and k not in taken:
            text = lines[k].text.strip()
            if _LONE_VALUE.match(text) or metric_of(text) or text.endswith((".", ";", ":")) or len(text) > 90:
                break
            k += 1
        if k >= len(lines) or k in taken or not _LONE_VALUE.match(lines[k].text.strip()):
            return [], set(), []
        rows.append(Row(metric, label, [lines[k].text.strip()]))
        used.update(range(j, k + 1))
        as_of.extend(n for n in range(j + 1, k) if parse_as_of(lines[n].text, default_year))
        j = k + 1
    metrics = {row.metric for row in rows}
    if len(metrics) < 2 or not metrics & CORE:
        return [], set(), []
    return rows, used, as_of


def _header_row(lines: list[Line], i: int, taken: set[int] = frozenset()) -> tuple[list[Row], set[int]]:
    """A table printed across: a row of labels, the values in the cells of the line below.

    'Confirmed | Recovered | Deaths' / '116 772 | 107 843 | 1 857' (a markdown or spreadsheet table
    with one header row). Every label must name a metric and every cell below be one value.
    """
    if i + 1 >= len(lines) or i in taken or i + 1 in taken or "\t" not in lines[i].text:
        return [], set()
    labels = [cell.strip() for cell in lines[i].text.split("\t")]
    values = [cell.strip() for cell in lines[i + 1].text.split("\t")]
    if len(labels) != len(values) or not all(_LONE_VALUE.match(v) for v in values):
        return [], set()
    metrics = [metric_of(label) for label in labels]
    if None in metrics or len(set(metrics)) < 2 or not set(metrics) & CORE:
        return [], set()
    return [Row(m, label, [value]) for m, label, value in zip(metrics, labels, values)], {i, i + 1}


def _continued(lines: list[Line], rows: list[Row], used: set[int], taken: set[int]) -> tuple[list[Row], set[int]]:
    """A grid of key-figure boxes read row by row: 'CONFIRMED' / 'RECOVERED' / two values, then
    'MORTALITY' / 'CASE FATALITY RATE' / two values on the next lines -- one table, while the
    metrics are new."""
    while True:
        after = max(used) + 1
        more, more_used = _column_rows(lines, after, taken | used)
        if not more:
            more, more_used, _ = _stacked_rows(lines, after, taken | used)
        if not more or {row.metric for row in more} & {row.metric for row in rows}:
            return rows, used
        rows, used = rows + more, used | more_used


def _in_context(row: Row, label: str | None) -> Row:
    """Under a 'Cumulative deaths' sub-heading, 'Confirmed' counts deaths, not cases."""
    if label and read_label(label) == "deaths" and row.metric in ("confirmed", "probable", "suspected"):
        return Row("deaths" if row.metric == "confirmed" else f"{row.metric}_deaths", f"{row.label} {label}",
                   row.values)
    return row


CORE = {"confirmed", "deaths", "cases", "suspected", "recovered"}
# The last word of a wrapped title ("NUMBER OF COVID-19 PNEUMONIA" / "CASES"), never a sub-heading.
_TITLE_WORDS = {"cases", "cas", "casos", "case"}
COLUMN_LOOKAHEAD = 12
STACK_GAP = 2
_ONLY_AS_OF = re.compile(r"^\s*(?:(?:as\s+of|au|al|data\s+as\s+(?:of|reported\s+by))\b[\s\d:./-]*"
                         r"(?:[^\W\d]+\s*\d{2,4})?|[\d\s:./-]*\d)\s*$", re.IGNORECASE)  # or a bare date: '03.08.2020'
_UNIT_ONLY = re.compile(rf"(?:{MULTIPLIER})\.?", re.IGNORECASE)
_LONE_VALUE = re.compile(rf"^(?:{VALUE})$", re.IGNORECASE)


def find_case_tables(lines: list[Line], default_subject: str = "cases", default_year: int | None = None
                     ) -> tuple[list[CaseTable], set[int], list[str]]:
    """Case tables in reading order, the line indexes they use, and warnings.

    A table is a run of label/value rows under an optional header; sub-heading lines inside the
    run ('Globally', 'China') split it into one table each.
    """
    tables: list[CaseTable] = []
    taken: set[int] = set()
    warnings: list[str] = []
    starts = _scan_starts(lines, default_year)
    k = 0
    while k < len(starts):
        i = starts[k]
        column, used = _column_rows(lines, i, taken) if i not in taken else ([], set())
        as_of: list[int] = []
        resume = max((n for n in used if n < i + len(column)), default=i) + 1  # after the labels
        if not column and i not in taken:
            column, used = _header_row(lines, i, taken)
            if not column:
                column, used, as_of = _stacked_rows(lines, i, taken, default_year)
            resume = max(used, default=i) + 1
        if column:
            column, used = _continued(lines, column, used, taken)
            header = _header_lines(lines, i, taken)
            if not any(parse_as_of(lines[n].text, default_year) for n in header):
                header = header + as_of[:1]  # the as-of line printed inside the boxes
            table = _make_table(lines, header, _Group(None, column), i, default_subject, default_year)
            tables.append(table)
            warnings.extend(_check_cfr(table))
            taken.update(header)
            taken.update(used)
            k = bisect_left(starts, resume, k + 1)
            continue
        groups, first, end = _run_at(lines, i, default_year)
        rows = [row for group in groups for row in group.rows]
        metrics = {row.metric for row in rows}
        if len(rows) >= 2 and len(metrics) >= 2 and metrics & CORE:
            header = _header_lines(lines, first, taken)
            made = [_make_table(lines, header, group, first, default_subject, default_year) for group in groups]
            for table in made:
                tables.append(table)
                warnings.extend(_check_cfr(table))
            taken.update(header)
            taken.update(range(first, end))
        # Rows that make no table are not worth a second look either: keep the scan linear.
        k = bisect_left(starts, end if first >= 0 else i + 1, k + 1)
    return tables, taken, warnings


def _scan_starts(lines: list[Line], default_year: int | None) -> list[int]:
    """The lines find_case_tables' scan need look at, in order: every line where a table can start.

    Most lines of a report are prose, and running the row patterns on each is most of the scan's
    time. A table starts at a row, at a sub-heading or as-of lines just above one, or at label
    lines (a column table) ending at most COLUMN_LOOKAHEAD lines above a lone value. The scan does
    nothing at any other line.
    """
    texts = [line.text for line in lines]
    maybe = [k for k, text in enumerate(texts) if could_be_row(text)]  # rows and lone values
    rows = [k for k in maybe if _row_at(lines, k)[0]]
    starts = set(rows) | {k - 1 for k in rows if k and _is_group_label(texts[k - 1])}
    starts |= {k - 1 for k in maybe if k and "\t" in texts[k] and "\t" in texts[k - 1] and _header_row(lines, k - 1)[0]}
    for k in sorted(starts):
        k -= 1
        while k >= 0 and k not in starts and parse_as_of(texts[k], default_year):
            starts.add(k)  # as-of lines between a table's title and its rows
            k -= 1
    labels: dict[int, bool] = {}
    for value in (k for k in maybe if _LONE_VALUE.match(texts[k].strip())):
        k = value - 1
        while k >= 0 and (k >= value - COLUMN_LOOKAHEAD or labels[k + 1]):
            if k not in labels:
                labels[k] = "\t" not in texts[k] and metric_of(texts[k]) is not None
            if labels[k]:
                starts.add(k)
            k -= 1
    return sorted(starts)


def _make_table(lines: list[Line], header: list[int], group: _Group, first: int, default_subject: str,
                default_year: int | None) -> CaseTable:
    head_text = " ".join(lines[k].text.replace("\t", " ") for k in header)
    as_of = parse_as_of(head_text, default_year)
    named = " ".join(lines[k].text.replace("\t", " ") for k in header if not _ONLY_AS_OF.match(lines[k].text))
    title = re.split(r"\b(?:as\s+of|au|al|data\s+as)\b", named, maxsplit=1, flags=re.IGNORECASE)[0]
    title = " ".join(title.split()).strip(" :-–,([")  # "KEY FIGURES (as of …)" -> "KEY FIGURES"
    if group.label:
        title = f"{title} — {group.label}" if title else group.label
    title = title or "Cases"
    table = CaseTable(title=title, subject=subject_of(title, default_subject), as_of=as_of,
                      page=lines[header[0]].page if header else lines[first].page)
    for row in group.rows:
        cell = row.values[-1] if row.values else ""
        if row.metric == "case_fatality_rate_percent":
            value = parse_decimal(cell)
            if value is not None and table.case_fatality_rate_percent is None:
                table.case_fatality_rate_percent = value
            continue
        count = parse_count(cell)
        if count is None:
            continue
        if row.metric in ("confirmed", "recovered", "deaths") and getattr(table, row.metric) is None:
            setattr(table, row.metric, count)
        else:
            table.other.setdefault(fold(row.label).replace(" ", "_"), count)
    return table


def _check_cfr(table: CaseTable) -> list[str]:
    if table.case_fatality_rate_percent is None or not table.confirmed or table.deaths is None:
        return []
    computed = 100.0 * table.deaths / table.confirmed
    # some reports divide by all cases, suspected ones included ("Létalité" over "Cas suspects")
    suspected = [v for k, v in table.other.items() if k.startswith(("suspected", "cas_suspects")) and v]
    if all(abs(100.0 * table.deaths / base - table.case_fatality_rate_percent) > max(0.05, 0.05 * rate)
           for base in [table.confirmed, *suspected] for rate in [100.0 * table.deaths / base]):
        return [f"case table {table.title!r}: printed case fatality rate {table.case_fatality_rate_percent}% "
                f"disagrees with deaths/confirmed = {computed:.2f}%"]
    return []


def find_media_coverage(lines: list[Line], heading_at: list[int]) -> tuple[MediaCoverage | None, set[int]]:
    """Reach and engagement under a media coverage heading: labels and values on one line or apart,
    below the heading or (text from multi-column PDFs) just above it."""
    for start in heading_at:
        spans = [range(start + 1, min(start + 9, len(lines)))]
        # Printed after its box (text from multi-column PDFs): read upwards from a figure above.
        spans += [range(k, max(k - 8, -1), -1) for k in range(start - 1, max(start - 25, -1), -1)
                  if _is_media_line(lines[k].text)]
        for span in spans:
            coverage, used = _media_values(lines, span)
            if coverage is not None:
                return coverage, used | {start}
    return None, set()


def _is_media_line(text: str) -> bool:
    text = text.replace("\t", " ").strip()
    return bool(metric_of(text, _MEDIA_RES) or re.match(rf"^(?:total\s+)?(?:reach|engagements?)\b.*{VALUE}$", text,
                                                        re.IGNORECASE))


def _media_values(lines: list[Line], span: range) -> tuple[MediaCoverage | None, set[int]]:
    labels: list[str] = []
    values: list[int] = []
    used: set[int] = set()
    last = ""  # the last value as printed, for a unit wrapped onto the next line
    for k in span:
        text = lines[k].text.replace("\t", " ").strip()
        if values and last and span.step > 0 and _UNIT_ONLY.fullmatch(text):
            values[-1] = parse_count(f"{last} {text}") or values[-1]  # "TOTAL REACH 13" / "MLN"
            used.add(k)
            last = ""
            continue
        pairs = re.findall(rf"([^\d]+?)\s*:?\s*({VALUE})(?=\s|$)", text, re.IGNORECASE)
        named = [(metric_of(label, _MEDIA_RES), value) for label, value in pairs]
        label = metric_of(text, _MEDIA_RES)
        if named and all(m for m, _ in named):
            for metric, value in named:
                labels.append(metric)
                values.append(parse_count(value) or 0)
                last = value
        elif label:
            labels.append(label)
        elif re.fullmatch(VALUE, text, re.IGNORECASE) and parse_count(text) is not None:
            values.append(parse_count(text))
            last = text
        else:
            break
        used.add(k)
    if not labels or len(values) < len(labels):
        return None, set()
    if span.step < 0:  # read upwards: put labels and values back in printed order
        labels.reverse()
        values.reverse()
    coverage = MediaCoverage()
    for label, value in zip(labels, values):
        setattr(coverage, label, value)
    return coverage, used
