"""CSV output: one row per item (``write_items``) or per case table (``write_cases``).

The csv module's defaults give RFC 4180 files: comma-separated, fields quoted
only when needed, ``"`` doubled, CRLF row ends. Open the output file with
``newline=""`` and ``encoding="utf-8"`` (``"utf-8-sig"`` if Excel must
detect the encoding). Missing values are empty cells; numbers are printed
plainly (``1200000``, ``2.5``) so pandas infers int and float columns.

Formula-injection guard (``safe=True``, the default): spreadsheets run a cell
that starts with ``=``, ``+``, ``-`` or ``@`` (tab and carriage return too)
as a formula, so such *text* cells get a leading ``'``, as OWASP's "CSV
Injection" page advises. Numbers we write are never altered, even negative
ones. Pass ``safe=False`` for pipelines that need the exact text.
"""
from __future__ import annotations

import csv
import math
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any, TextIO

from ..report import Report

ITEM_COLUMNS = ["source", "report_date", "section_id", "section_heading", "item_index",
                "title", "text", "page", "agencies"]
CASE_COLUMNS = ["source", "report_date", "title", "subject", "as_of", "confirmed",
                "recovered", "deaths", "case_fatality_rate_percent", "page"]
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
AGENCY_SEPARATOR = "; "


def write_items(reports: Iterable[Report], out: TextIO, *, header: bool = True, safe: bool = True) -> int:
    """Write one row per item of every section; return the number of rows."""
    return _write(out, ITEM_COLUMNS, (row for r in reports for row in _item_rows(r)), header, safe)


def write_cases(reports: Iterable[Report], out: TextIO, *, header: bool = True, safe: bool = True) -> int:
    """Write one row per case table; return the number of rows."""
    return _write(out, CASE_COLUMNS, (row for r in reports for row in _case_rows(r)), header, safe)


def write_series(rows: Iterable, out: TextIO, *, header: bool = True, safe: bool = True) -> int:
    """Write the rows of ``series.build_series``; flags joined with ``"; "``."""
    from ..series import COLUMNS

    def cells(row) -> list[Any]:
        data = row.to_dict()
        data["flags"] = "; ".join(data["flags"])
        return [data[column] for column in COLUMNS]

    return _write(out, COLUMNS, (cells(row) for row in rows), header, safe)


def _write(out: TextIO, columns: list[str], rows: Iterator[list[Any]], header: bool, safe: bool) -> int:
    writer = csv.writer(out)
    if header:
        writer.writerow(columns)
    count = 0
    for row in rows:
        writer.writerow([_cell(value, safe) for value in row])
        count += 1
    return count


def _item_rows(report: Report) -> Iterator[list[Any]]:
    for section in report.sections:
        for index, item in enumerate(section.items, start=1):
            yield [report.source.path, report.document.date, section.id, section.heading, index,
                   item.title, item.text, item.page, AGENCY_SEPARATOR.join(item.agencies)]


def _case_rows(report: Report) -> Iterator[list[Any]]:
    for table in report.case_tables:
        yield [report.source.path, report.document.date, table.title, table.subject, table.as_of,
               table.confirmed, table.recovered, table.deaths, table.case_fatality_rate_percent, table.page]


def _cell(value: Any, safe: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _plain_float(value)
    text = str(value)
    return "'" + text if safe and text.startswith(FORMULA_PREFIXES) else text


def _plain_float(value: float) -> str:
    if not math.isfinite(value):
        return ""  # as JSON's null: no "nan"/"inf" strings in a number column
    text = repr(value)
    # repr switches to exponents (1e+16, 1e-07); spreadsheets and people prefer digits.
    return format(Decimal(text), "f") if "e" in text else text
