"""Case counts over time: the case tables and headline figures of many reports as one table.

One row per (as_of, subject). The same count printed by several reports
collapses into one row; different values for the same key are flagged, and so
is a cumulative count that goes down. Each row carries the change since the
previous row of its subject and the days between them.
"""
from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

from .fields.tables import subject_of
from .report import Report

METRICS = ("confirmed", "recovered", "deaths", "case_fatality_rate_percent")
CUMULATIVE = ("confirmed", "recovered", "deaths")
COLUMNS = ["as_of", "subject", "confirmed", "recovered", "deaths", "case_fatality_rate_percent",
           "confirmed_change", "recovered_change", "deaths_change", "days_since_previous",
           "source", "sources", "flags"]


@dataclass
class Point:
    """One report's numbers for one (as_of, subject)."""

    as_of: str
    subject: str
    source: str
    values: dict[str, float | int | None]


@dataclass
class Row:
    as_of: str
    subject: str
    confirmed: int | None = None
    recovered: int | None = None
    deaths: int | None = None
    case_fatality_rate_percent: float | None = None
    confirmed_change: int | None = None
    recovered_change: int | None = None
    deaths_change: int | None = None
    days_since_previous: float | None = None
    source: str = ""  # the first report that printed this row
    sources: int = 0  # how many reports printed it
    flags: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


def points(report: Report) -> list[Point]:
    """The dated counts one report gives: its case tables, then prose figures grouped by date."""
    path = report.source.path
    found: list[Point] = []
    for table in report.case_tables:
        as_of = table.as_of or report.document.date
        if as_of:
            found.append(Point(as_of, table.subject, path, {m: getattr(table, m) for m in METRICS}))
    default = report.case_tables[0].subject if report.case_tables else "cases"
    grouped: dict[tuple[str, str], dict[str, float | int | None]] = {}
    for figure in report.headline_figures:
        if figure.metric not in CUMULATIVE or not figure.as_of:
            continue
        key = (figure.as_of, subject_of(figure.text, default))
        grouped.setdefault(key, {}).setdefault(figure.metric, figure.value)
    for (as_of, subject), values in grouped.items():
        found.append(Point(as_of, subject, path, values))
    return found


def build_series(reports: Iterable[Report]) -> list[Row]:
    by_key: dict[tuple[str, str], Row] = {}
    for report in reports:
        for point in points(report):
            row = by_key.get((point.as_of, point.subject))
            if row is None:
                row = by_key[(point.as_of, point.subject)] = Row(as_of=point.as_of, subject=point.subject,
                                                                 source=point.source)
            _merge(row, point)
    rows = sorted(by_key.values(), key=lambda r: (r.subject, r.as_of))
    _changes(rows)
    return rows


def _merge(row: Row, point: Point) -> None:
    row.sources += 1
    for metric, value in point.values.items():
        if value is None:
            continue
        current = getattr(row, metric)
        if current is None:
            setattr(row, metric, value)
        elif abs(float(current) - float(value)) > 1e-9:
            row.flags.append(f"conflict: {metric} {current} ({row.source}) vs {value} ({point.source})")


def _changes(rows: list[Row]) -> None:
    previous: dict[str, Row] = {}
    for row in rows:
        prev = previous.get(row.subject)
        if prev is not None:
            row.days_since_previous = _days(prev.as_of, row.as_of)
            for metric in CUMULATIVE:
                now, before = getattr(row, metric), getattr(prev, metric)
                if now is not None and before is not None:
                    setattr(row, f"{metric}_change", now - before)
                    if now < before:
                        row.flags.append(f"decrease: cumulative {metric} fell from {before} to {now}")
        previous[row.subject] = row


def _days(earlier: str, later: str) -> float | None:
    try:
        a, b = (datetime.datetime.fromisoformat(v if "T" in v else v + "T00:00") for v in (earlier, later))
    except ValueError:
        return None
    return round((b - a).total_seconds() / 86400, 3)
