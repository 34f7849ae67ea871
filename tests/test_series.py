"""`series`: case tables of many reports merged into one time series."""
from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from conftest import SAMPLES
from sitrep_extract import extract
from sitrep_extract.cli import main
from sitrep_extract.series import build_series

TEMPLATE = (SAMPLES / "un-kazakhstan-sitrep-2020-11-09.txt").read_text(encoding="utf-8")


def weekly_report(day: str, confirmed: int, recovered: int, deaths: int) -> str:
    """The sample sitrep with its first case table moved to another date and other counts."""
    text = TEMPLATE.replace("09.11.2020", day)
    return (text.replace("116772", str(confirmed)).replace("107843", str(recovered))
            .replace("1857", str(deaths)).replace("1,59%", f"{100 * deaths / confirmed:.2f}%".replace(".", ",")))


@pytest.fixture()
def series_dir(tmp_path):
    reports = {
        "week1.txt": weekly_report("02.11.2020", 100000, 90000, 1500),
        "week2.txt": weekly_report("09.11.2020", 116772, 107843, 1857),
        "week2-copy.txt": weekly_report("09.11.2020", 116772, 107843, 1857),  # same figures again
        "week3.txt": weekly_report("16.11.2020", 130000, 120000, 1800),  # deaths go down: flagged
        "week3-other.txt": weekly_report("16.11.2020", 131000, 120000, 1800),  # disagrees with week3
    }
    for name, text in reports.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def rows_by_key(rows):
    return {(row.as_of, row.subject): row for row in rows}


def test_one_row_per_date_and_subject(series_dir):
    rows = build_series(extract(p) for p in sorted(series_dir.glob("*.txt")))
    covid = [r for r in rows if r.subject == "covid19"]
    assert [r.as_of for r in covid] == ["2020-11-02T12:00", "2020-11-09T12:00", "2020-11-16T12:00"]


def test_identical_figures_from_two_reports_collapse(series_dir):
    rows = rows_by_key(build_series(extract(p) for p in sorted(series_dir.glob("*.txt"))))
    row = rows[("2020-11-09T12:00", "covid19")]
    assert (row.confirmed, row.sources, row.flags) == (116772, 2, [])


def test_changes_since_the_previous_report(series_dir):
    rows = rows_by_key(build_series(extract(p) for p in sorted(series_dir.glob("*.txt"))))
    row = rows[("2020-11-09T12:00", "covid19")]
    assert (row.confirmed_change, row.recovered_change, row.deaths_change, row.days_since_previous) == \
        (16772, 17843, 357, 7.0)


def test_conflicting_values_are_flagged(series_dir):
    rows = rows_by_key(build_series(extract(p) for p in sorted(series_dir.glob("*.txt"))))
    flags = rows[("2020-11-16T12:00", "covid19")].flags
    assert any(f.startswith("conflict: confirmed") and "130000" in f and "131000" in f for f in flags)


def test_a_cumulative_count_going_down_is_flagged(series_dir):
    rows = rows_by_key(build_series(extract(p) for p in sorted(series_dir.glob("*.txt"))))
    assert "decrease: cumulative deaths fell from 1857 to 1800" in rows[("2020-11-16T12:00", "covid19")].flags


def test_headline_figures_make_rows_too():
    rows = build_series([extract(SAMPLES / "un-kazakhstan-sitrep-2020-07-10-raw-pdf-text.txt")])
    assert [(r.as_of, r.subject, r.confirmed, r.deaths) for r in rows] == [("2020-07-10", "covid19", 54747, 264)]


def test_series_command_writes_csv_that_pandas_style_readers_can_type(series_dir):
    result = CliRunner().invoke(main, ["series", str(series_dir), "--csv", "-q", "-j", "1"])
    assert result.exit_code == 0, result.output
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    assert table[0]["as_of"] == "2020-11-02T12:00" and table[0]["confirmed"] == "100000"
    assert all(r["confirmed"].isdigit() for r in table if r["confirmed"])


def test_series_command_json(series_dir):
    result = CliRunner().invoke(main, ["series", str(series_dir), "--json", "-q", "-j", "1"])
    data = json.loads(result.stdout)
    assert {row["subject"] for row in data} == {"covid19", "covid19_pneumonia"}
