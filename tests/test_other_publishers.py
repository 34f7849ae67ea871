"""A flash update of another publisher's kind (samples/heldout/ocha-flash-update-floods-2024-04-14.txt),
checked field by field against what its writer (who had not seen the code) said it holds."""
from __future__ import annotations

import pytest

from conftest import SAMPLES
from sitrep_extract import extract


@pytest.fixture(scope="module")
def report():
    return extract(SAMPLES / "heldout" / "ocha-flash-update-floods-2024-04-14.txt")


def test_flash_update_is_a_numbered_dated_sitrep_titled_by_its_first_line(report):
    doc = report.document
    assert (doc.kind, doc.date, doc.number, doc.country) == ("sitrep", "2024-04-14", "4", "Kazakhstan")
    assert doc.title == "Kazakhstan: Floods in Tobolsay District, Kostanay Region – Flash Update No. 4"


def test_flash_update_sector_sections_in_printed_order(report):
    listed = [(s.id, len(s.items)) for s in report.sections if s.id not in ("other", "overview", "epidemiology")]
    assert listed == [("highlights", 4), ("coordination", 4), ("shelter", 4), ("food_security", 4),
                      ("emergency_health_response", 4), ("emergency_health_response", 3), ("protection", 3),
                      ("challenges", 4)]


def test_flash_update_prose_figures_and_contact(report):
    assert {(f.metric, f.value) for f in report.headline_figures} >= {("evacuated", 96000), ("deaths", 3)}
    assert (report.contact.name, report.contact.email) == ("Dana Sultanbekova", "sultanbekova@un.org")
