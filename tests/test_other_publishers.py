"""Reports of other publishers' kinds, written for testing by someone who had not seen the code, checked
field by field against what their writers said they hold: an OCHA-style flash update and a French
cholera sitrep. (The scorer scores highlights as titled stories; these have bullet highlights.)"""
from __future__ import annotations

import pytest

from conftest import SAMPLES
from sitrep_extract import extract


@pytest.fixture(scope="module")
def report():
    return extract(SAMPLES / "heldout" / "ocha-flash-update-floods-2024-04-14.txt")


@pytest.fixture(scope="module")
def rapport():
    return extract(SAMPLES / "heldout" / "rdc-cholera-sitrep-12-2024-03-18.txt")


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


def test_french_sitrep_document_facts(rapport):
    doc = rapport.document
    assert (doc.kind, doc.date, doc.number, doc.language) == ("sitrep", "2024-03-18", "12", "fr")
    assert doc.title.startswith("RAPPORT DE SITUATION N° 12 – Épidémie de choléra")


def test_french_sitrep_sections_in_printed_order(rapport):
    listed = [(s.id, len(s.items)) for s in rapport.sections if s.id not in ("other", "overview", "epidemiology")]
    assert listed == [("highlights", 4), ("coordination", 4), ("emergency_health_response", 5),
                      ("emergency_health_response", 4), ("risk_communication", 4), ("response_supplies", 4),
                      ("challenges", 5), ("next_steps", 4)]


def test_french_sitrep_key_figures_and_contact(rapport):
    table = rapport.case_tables[0]
    assert (table.title, table.as_of, table.confirmed, table.deaths, table.case_fatality_rate_percent) == (
        "CHIFFRES CLÉS", "2024-03-17", 312, 27, 2.2)
    assert not rapport.warnings  # the rate is over suspected cases: no disagreement to report
    contact = rapport.contact
    assert (contact.name, contact.role, contact.email) == (
        "Dr Jean-Pierre Mbuyi Kalala", "Chef de Division Provinciale de la Santé", "jeanpierre.mbuyi@example.org")
