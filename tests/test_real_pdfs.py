"""Real sitreps from five other publishers: each reads as a sitrep with its date, sections and key figures.

These are robustness fixtures, not targets of special rules: the assertions are what any reader
of the PDF would expect to find.
"""
from __future__ import annotations

import pytest

from conftest import REAL_PDFS, SAMPLES
from sitrep_extract import extract
from sitrep_extract.schema import validate

REAL = SAMPLES / "real"


@pytest.fixture(scope="module")
def reports():
    return {path.name.split("_")[0]: extract(path) for path in REAL_PDFS}


def test_all_five_real_pdfs_are_bundled():
    assert len(REAL_PDFS) == 5


@pytest.mark.parametrize("key", ["drc-cousp", "hk-chp", "npl-edcd", "uga-moh", "who"])
def test_reads_as_a_sitrep_with_a_date_and_sections(reports, key):
    report = reports[key]
    assert report.document.kind == "sitrep"
    assert report.document.date is not None
    assert any(section.items for section in report.sections)
    assert validate(report.to_dict()) == []


@pytest.mark.parametrize("key, date", [("drc-cousp", "2025-09-06"), ("hk-chp", "2020-03-14"),
                                       ("npl-edcd", "2024-09-23"), ("uga-moh", "2022-09-29"),
                                       ("who", "2020-02-13")])
def test_report_date(reports, key, date):
    assert reports[key].document.date == date


def test_who_situation_in_numbers_box_gives_one_table_per_area(reports):
    tables = {t.title.rsplit("— ", 1)[-1]: t for t in reports["who"].case_tables}
    assert (tables["Globally"].confirmed, tables["China"].confirmed, tables["China"].deaths) == (46997, 46550, 1368)
    assert (tables["Outside of China"].confirmed, tables["Outside of China"].deaths) == (447, 1)


def test_who_highlights_are_bullet_items(reports):
    items = reports["who"].section("highlights")
    assert len(items) == 4 and items[0].text.startswith("No new countries reported cases")


def test_who_number_and_country_free_title(reports):
    assert reports["who"].document.number == "24"


def test_drc_french_numbered_headings_map_to_sections(reports):
    ids = [s.id for s in reports["drc-cousp"].sections]
    for wanted in ("timeline", "epidemiology", "analysis", "actions", "challenges", "next_steps"):
        assert wanted in ids
    assert len(reports["drc-cousp"].section("timeline")) == 8


def test_drc_tables_read_french_labels(reports):
    weekly = [t for t in reports["drc-cousp"].case_tables if t.deaths is not None][0]
    assert (weekly.confirmed, weekly.deaths, weekly.subject) == (5, 15, "ebola")


def test_uganda_cumulative_cases_and_deaths_tables(reports):
    tables = reports["uga-moh"].case_tables
    cases = next(t for t in tables if t.title.endswith("Cumulative EVD cases"))
    deaths = next(t for t in tables if t.title.endswith("Cumulative deaths"))
    assert (cases.confirmed, deaths.deaths) == (35, 7)
    assert deaths.confirmed is None  # "Confirmed" under "Cumulative deaths" counts deaths


def test_uganda_pillar_headings(reports):
    ids = {s.id for s in reports["uga-moh"].sections}
    assert {"coordination", "epidemiology", "emergency_health_response", "response_supplies"} <= ids


def test_nepal_dashboard_figures(reports):
    figures = {k: v for t in reports["npl-edcd"].case_tables for k, v in t.other.items()}
    deaths = [t.deaths for t in reports["npl-edcd"].case_tables if t.deaths is not None]
    assert figures.get("reported_dengue_cases") == 12644 and deaths == [6]


def test_hong_kong_prose_counts_are_headline_figures(reports):
    figures = {(f.metric, f.value) for f in reports["hk-chp"].headline_figures}
    assert ("confirmed", 139) in figures and ("probable", 1) in figures
