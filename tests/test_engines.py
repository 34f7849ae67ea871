"""The two PDF engines give the same Reports: PDFium (fast) against pdfplumber (the reference).

Every sample PDF and every generated fixture (``pdf_fixtures.engine_fixtures``) is read with both,
and the Reports must be identical (the ``source`` block aside).  The pieces the PDFium engine
shares with pdfplumber are checked against pdfplumber itself: the word grouping, the table finder
and the text of table cells.
"""
from __future__ import annotations

import io
from pathlib import Path

import pytest

from sitrep_extract.errors import ExtractError
from sitrep_extract.pipeline import analyse
from sitrep_extract.readers import pdfium as pdfium_engine
from sitrep_extract.readers.pdf import PlumberDoc, _edges, _single_spaces, read_pdf
from sitrep_extract.readers.tables import find_tables
from sitrep_extract.readers.words import plain_text, words_from_chars

from pdf_fixtures import Text, build, engine_fixtures, words

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_PDFS = sorted((ROOT / "samples").glob("*.pdf")) + sorted((ROOT / "samples" / "real").glob("*.pdf"))
# pages PDFium leaves to pdfplumber (none since Devanagari is read by PDFium too)
EXPECTED_FALLBACK: dict[str, list[int]] = {}


def report(source, engine: str) -> dict | str:
    try:
        result = analyse(source, engine=engine).report.to_dict()
    except ExtractError as error:
        return f"ExtractError: {error}"
    result.pop("source", None)
    return result


@pytest.mark.parametrize("path", SAMPLE_PDFS, ids=lambda p: p.name[:30])
def test_samples_give_identical_reports(path):
    assert report(path, "pdfium") == report(path, "pdfplumber")


@pytest.mark.parametrize("path", SAMPLE_PDFS, ids=lambda p: p.name[:30])
def test_pdfium_reads_the_samples_itself(path):
    result = read_pdf(path, engine="pdfium")
    assert result.engine == "pdfium"
    assert result.fallback_pages == EXPECTED_FALLBACK.get(path.name, [])


FIXTURES = engine_fixtures()


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_fixtures_give_identical_reports(name):
    data = FIXTURES[name]
    assert report(data, "pdfium") == report(data, "pdfplumber")


def test_fixtures_cover_what_pdfium_must_undo():
    assert {"bullets_127", "text_effects", "shifted_mediabox", "rotated_page", "ruled_table"} <= set(FIXTURES)
    # a rotated page is left to pdfplumber; everything else is read by PDFium itself
    with pytest.raises(ExtractError):
        read_pdf(FIXTURES["rotated_page"], engine="pdfium")
    for name in set(FIXTURES) - {"rotated_page"}:
        assert read_pdf(FIXTURES[name], engine="pdfium").fallback_pages == [], name


def test_bullet_127_reads_as_a_bullet_in_both_engines():
    for engine in ("pdfplumber", "pdfium"):
        texts = [line.text for line in read_pdf(FIXTURES["bullets_127"], engine=engine).lines]
        assert "• Health partners trained 40 nurses in Almaty." in texts, engine
        assert "• glued bullet item 0" in texts, engine


def test_recycling_the_document_changes_nothing(monkeypatch):
    pdf = build([[Text(60, 100, 400, words(40, tag=f"p{n}x"))] for n in range(5)])
    before = [(line.text, line.page, line.x0, line.top) for line in read_pdf(pdf, engine="pdfium").lines]
    monkeypatch.setattr(pdfium_engine, "RECYCLE_PAGES", 2)
    after = [(line.text, line.page, line.x0, line.top) for line in read_pdf(pdf, engine="pdfium").lines]
    assert before == after and len({page for _, page, _, _ in after}) == 5


def test_devanagari_page_gives_pdfminers_words():
    """Zero-width vowel marks sit on the next glyph's origin: they are glyphs of their own, not
    pieces of one glyph that PDFium split."""
    path = ROOT / "samples" / "real" / "npl-edcd_dengue-sitrep-031_2024-09.pdf"
    with pdfium_engine.PdfiumDoc(path, None) as doc:
        ours = doc.page(1)
        assert doc.fallback_pages == []
    with open(path, "rb") as stream:
        reference = PlumberDoc(stream, None).page(1)
    assert any("\u0900" <= c[0][:1] <= "\u097f" for c in ours.chars)

    def word_texts(data):
        return [w.text for w in words_from_chars(_single_spaces(data.chars))]

    assert word_texts(ours) == word_texts(reference)


def test_a_reset_keeps_only_the_fonts_read_since_the_last_one():
    pdf = build([[Text(60, 100, 400, words(20, tag=f"p{n}x"))] for n in range(2)])
    with pdfium_engine.PdfiumDoc(pdf, None) as doc:
        doc.page(1)
        dicts = doc._dicts
        read = dict(dicts._rsrc._cached_fonts)
        assert read
        dicts.reset()
        assert dicts._rsrc._cached_fonts == read  # the pages since the last reset used them
        dicts.reset()
        assert dicts._rsrc._cached_fonts == {}  # no page used them since


def test_text_starting_at_the_page_origin_is_read_by_pdfium():
    """The first character at (0, 0) has no character before it to be a piece of."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as R

    pdf = pdfium.PdfDocument.new()
    page = pdf.new_page(200, 100)
    obj = R.FPDFPageObj_NewTextObj(pdf.raw, b"Helvetica", ctypes.c_float(12))
    R.FPDFText_SetText(obj, ctypes.cast(ctypes.c_char_p("Hi there\0".encode("utf-16-le")), ctypes.POINTER(R.FPDF_WCHAR)))
    R.FPDFPage_InsertObject(page.raw, obj)
    R.FPDFPage_GenerateContent(page.raw)
    data = io.BytesIO()
    pdf.save(data)
    with pdfium_engine.PdfiumDoc(data.getvalue(), None) as doc:
        chars = doc.page(1).chars
        assert doc.fallback_pages == []
    assert "".join(c[0] for c in chars) == "Hi there" and chars[0][1] == 0.0


def test_unknown_engine():
    with pytest.raises(ValueError, match="unknown PDF engine"):
        read_pdf(FIXTURES["two_columns"], engine="tesseract")


# ---------------------------------------------------------------- the shared pieces against pdfplumber


def _as_dicts(chars):
    return [{"text": t, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top, "upright": upright,
             "size": size, "fontname": font} for t, x0, x1, top, bottom, size, font, upright in chars]


@pytest.fixture(scope="module")
def sample_pages():
    """PageData of every sample page, read by PDFium (its chars and drawings equal pdfplumber's)."""
    pages = []
    for path in SAMPLE_PDFS:
        with pdfium_engine.PdfiumDoc(path, None) as doc:
            pages += [doc.page(n) for n in range(1, doc.page_count + 1)]
    return pages


def test_words_match_pdfplumber_extract_words(sample_pages):
    from pdfplumber.utils import extract_words

    for data in sample_pages[::3]:
        expected = sorted((w["text"], w["x0"], w["top"], w["x1"], w["bottom"])
                          for w in extract_words(_as_dicts(data.chars), extra_attrs=["fontname", "size"])
                          if w["upright"])
        got = sorted((w.text, w.x0, w.top, w.x1, w.bottom) for w in words_from_chars(data.chars))
        assert got == expected


def test_table_finder_matches_pdfplumber(sample_pages):
    from pdfplumber.table import TableFinder

    class Page:
        def __init__(self, edges):
            self.edges, self.bbox, self.chars = edges, (0, 0, 0, 0), []

    found = 0
    for data in sample_pages:
        edges = _edges(data)
        expected = [t.cells for t in TableFinder(Page(edges)).tables]
        assert [t.cells for t in find_tables(edges)] == expected
        found += len(expected)
    assert found >= 20


def test_cell_text_matches_pdfplumber_extract_text(sample_pages):
    from pdfplumber.utils import extract_text

    cells = 0
    for data in sample_pages:
        for table in find_tables(_edges(data)):
            for row in table.rows:
                for cell in filter(None, row.cells):
                    chars = [c for c in data.chars if c[7] and cell[0] <= (c[1] + c[2]) / 2 < cell[2]
                             and cell[1] <= (c[3] + c[4]) / 2 < cell[3]]
                    assert plain_text(chars) == extract_text(_as_dicts(chars))
                    cells += 1
    assert cells > 1000


def test_pdfplumber_engine_reads_layout_objects_like_page_chars():
    """The pdfplumber engine reads pdfminer's layout objects directly; they must be page.chars."""
    import pdfplumber

    path = SAMPLE_PDFS[0]
    with open(path, "rb") as stream:
        data = PlumberDoc(stream, None).page(1)
    with pdfplumber.open(path) as pdf:
        chars = pdf.pages[0].chars
    assert len(chars) == len(data.chars)
    for c, (text, x0, x1, top, bottom, size, font, upright) in zip(chars, data.chars):
        if c["text"] == "(cid:127)":  # an unused WinAnsi code: a bullet with its width in both engines
            assert text == "•" and x1 > x0
            x1 = c["x1"]
        else:
            assert (text, upright) == (c["text"], c["upright"])
        assert max(abs(x0 - c["x0"]), abs(x1 - c["x1"]), abs(top - c["top"]), abs(bottom - c["bottom"])) < 0.001
        assert c["fontname"].endswith(font)
