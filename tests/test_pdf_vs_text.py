"""The PDF rendering and the text of the same report give the same sections and items."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from conftest import SAMPLES
from sitrep_extract import extract

spec = importlib.util.spec_from_file_location("sitrep_scorer", Path(__file__).parent / "scorer" / "score.py")
scorer = importlib.util.module_from_spec(spec)
spec.loader.exec_module(scorer)

# (text, pdf, least item F1 per section). The 2020-07-10 text is another tool's scrambled extraction of
# a multi-column PDF: two of its item breaks cannot be told from the text alone, so it gets some slack.
PAIRS = [("un-kazakhstan-sitrep-2020-11-09.txt", "un-kazakhstan-sitrep-2020-11-09-two-column.pdf", 1.0),
         ("un-kazakhstan-sitrep-2020-07-10-raw-pdf-text.txt", "un-kazakhstan-sitrep-2020-07-10-two-column.pdf", 0.8),
         ("un-kazakhstan-sitrep-2020-11-09.txt", "variants/un-kazakhstan-sitrep-2020-11-09-three-column.pdf", 1.0),
         ("un-kazakhstan-sitrep-2020-11-09.txt", "variants/un-kazakhstan-sitrep-2020-11-09-two-column-hanging-bullets.pdf",
          1.0)]
LISTS = ("socio_economic_response", "emergency_health_response", "response_supplies", "risk_communication",
         "articles_media", "highlights", "overview")


@pytest.fixture(scope="module", params=PAIRS, ids=["2020-11-09", "2020-07-10", "three-column", "hanging-bullets"])
def pair(request):
    text_name, pdf_name, least = request.param
    return extract(SAMPLES / text_name), extract(SAMPLES / pdf_name), least


def test_same_canonical_sections(pair):
    text, pdf, _ = pair
    assert {s.id for s in text.sections} & set(LISTS) == {s.id for s in pdf.sections} & set(LISTS)


@pytest.mark.parametrize("section", LISTS)
def test_same_items_in_each_section(pair, section):
    text, pdf, least = pair
    from_text = [i.title or i.text for i in text.section(section)]
    from_pdf = [i.title or i.text for i in pdf.section(section)]
    assert scorer.f1(from_text, from_pdf) >= least


def test_same_case_tables_and_figures(pair):
    text, pdf, _ = pair
    def counts(r):
        return [(t.as_of, t.confirmed, t.recovered, t.deaths, t.case_fatality_rate_percent) for t in r.case_tables]
    assert counts(text) == counts(pdf)
    assert {(f.metric, f.value) for f in text.headline_figures} <= {(f.metric, f.value) for f in pdf.headline_figures}


def test_same_document_facts(pair):
    text, pdf, _ = pair
    assert (text.document.kind, text.document.date, text.document.country) == \
        (pdf.document.kind, pdf.document.date, pdf.document.country)
    assert (text.media_coverage, text.key_sources, text.contact.email) == \
        (pdf.media_coverage, pdf.key_sources, pdf.contact.email)


def test_pdf_items_carry_page_and_bbox(pair):
    _, pdf, _ = pair
    items = [i for s in pdf.sections for i in s.items]
    assert all(i.page is not None for i in items)
    assert all(i.bbox is not None and len(i.bbox) == 4 for i in items)
