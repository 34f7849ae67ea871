"""The PDF reader on generated PDFs, the shared samples, real sitreps and bad input."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from sitrep_extract.errors import ExtractError
from sitrep_extract.model import Line
from sitrep_extract.readers.pdf import NO_TEXT, _drop_running_lines, read_pdf

from pdf_fixtures import LOREM, Bar, Rotated, Text, build, image_only, ruled_table, words

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("SITREP_SHARED", "/work/shared"))


def index_of(lines: list[Line], needle: str) -> int:
    for k, line in enumerate(lines):
        if needle in line.text:
            return k
    raise AssertionError(f"{needle!r} not found in {[line.text for line in lines]}")


def joined(lines: list[Line]) -> str:
    return " ".join(line.text for line in lines)


def tags(text: str) -> set[str]:
    return set(re.findall(r"\b([a-z]+)\d+\b", text))


# ---------------------------------------------------------------- generated layouts


def test_three_column_page(tmp_path):
    cols = [Text(36 + 180 * k, 80, 160, words(60, tag=tag)) for k, tag in enumerate(["aa", "bb", "cc"])]
    result = read_pdf(build([cols], tmp_path / "three.pdf"))
    assert result.page_count == 1 and result.warnings == []
    assert all(len(tags(line.text)) == 1 for line in result.lines)
    seq = [tags(line.text).pop() for line in result.lines]
    assert seq == sorted(seq) and seq[0] == "aa" and seq[-1] == "cc"
    assert "aa0" in result.lines[0].text and re.search(r"\bcc59\b", result.lines[-1].text)


def test_sidebar_page(tmp_path):
    page = [
        Text(20, 60, 90, words(80, tag="side"), size=7),
        Text(130, 60, 200, words(110, tag="left")),
        Text(350, 60, 200, words(110, tag="right")),
    ]
    result = read_pdf(build([page]))
    assert all(len(tags(line.text)) == 1 for line in result.lines)
    seq = [tags(line.text).pop() for line in result.lines]
    compact = [t for k, t in enumerate(seq) if k == 0 or seq[k - 1] != t]
    assert compact == ["side", "left", "right"]


def test_heading_at_the_foot_of_a_column(tmp_path):
    page = [
        Text(36, 60, 250, words(150, tag="first")),
        Text(36, 700, 250, "WHAT COMES NEXT", size=12, bold=True),
        Text(306, 60, 250, words(160, tag="second")),
    ]
    lines = read_pdf(build([page])).lines
    k = index_of(lines, "WHAT COMES NEXT")
    assert "first149" in lines[k - 1].text and "second0" in lines[k + 1].text
    assert lines[k].bold and lines[k].size == 12


def test_table_split_from_its_title(tmp_path):
    rows = [["Indicator", "Week 36", "Total"], ["Notified", "28", "43"], ["Confirmed", "5", "5"], ["Deaths", "4", "15"]]
    lines = read_pdf(ruled_table(rows, 60, 200, [200, 100, 100], title="Table 1. Key figures")).lines
    k = index_of(lines, "Table 1. Key figures")
    assert [line.text for line in lines[k + 1:k + 5]] == ["\t".join(r) for r in rows]
    assert {line.table for line in lines[k + 1:k + 5]} == {0} and lines[k].table is None


def test_unruled_table_rows_keep_label_and_value_together(tmp_path):
    page = [Text(60, 100, 400, "Table 2. Cases by district", size=11, bold=True)]
    for k, (name, n) in enumerate([("Mubende", "19"), ("Kassanda", "7"), ("Kagadi", "4"), ("Kyegegwa", "2")]):
        page += [Text(60, 180 + 16 * k, 150, name), Text(380, 180 + 16 * k, 60, n)]
    lines = read_pdf(build([page])).lines
    assert [line.text for line in lines] == ["Table 2. Cases by district", "Mubende\t19", "Kassanda\t7",
                                             "Kagadi\t4", "Kyegegwa\t2"]


def test_columns_on_one_baseline_grid(tmp_path):
    # same leading in both columns: rows line up, yet these are columns, not a table
    right_list = "\n".join(f"- Right point {k}" for k in range(12))
    page = [Text(36, 60, 250, LOREM + " " + LOREM), Text(306, 60, 250, right_list)]
    lines = read_pdf(build([page])).lines
    assert lines[0].text.startswith("Health partners") and "\t" not in joined(lines)
    assert index_of(lines, "- Right point 0") == len(lines) - 12 == 10
    left_list = "\n".join(f"- Item left {k} short" for k in range(12))
    page = [Text(36, 60, 250, left_list), Text(306, 60, 250, right_list)]
    lines = read_pdf(build([page])).lines
    assert [line.text for line in lines[11:13]] == ["- Item left 11 short", "- Right point 0"]


def test_masthead_two_columns_and_footer_on_two_pages(tmp_path):
    pages = []
    for n in (1, 2):
        pages.append([
            Bar(0, 0, 595, 90, gray=60),
            Text(36, 30, 500, f"HEALTH CLUSTER BULLETIN {n}", size=20, bold=True),
            Text(36, 110, 250, LOREM + " " + words(40, tag=f"left{n}x")),
            Text(306, 110, 250, LOREM + " " + words(40, tag=f"right{n}x")),
            Text(36, 800, 300, "Health Cluster | Bulletin | 9 November 2020", size=7),
            Text(520, 800, 40, str(n), size=8, align="R"),
        ])
    result = read_pdf(build(pages))
    text = [line.text for line in result.lines]
    assert not any("Health Cluster |" in t for t in text)
    assert {line.page for line in result.dropped} == {1, 2}
    for n in (1, 2):
        page_lines = [line for line in result.lines if line.page == n]
        assert page_lines[0].text == f"HEALTH CLUSTER BULLETIN {n}"
        left_end = index_of(page_lines, f"left{n}x39")
        assert index_of(page_lines, f"right{n}x0") > left_end
        assert all(not (tags(line.text) >= {f"left{n}x", f"right{n}x"}) for line in page_lines)
        assert page_lines[1].new_region


def test_rotated_text_is_skipped_without_error(tmp_path):
    page = [Text(60, 100, 400, "Upright paragraph of text."), Rotated(40, 500, "ROTATED AXIS LABEL")]
    lines = read_pdf(build([page])).lines
    assert [line.text for line in lines] == ["Upright paragraph of text."]


def test_page_selection_and_limit(tmp_path):
    pdf = build([[Text(60, 100, 400, f"Body of page {n}.")] for n in (1, 2, 3)])
    result = read_pdf(pdf, pages={2, 3, 9})
    assert [line.page for line in result.lines] == [2, 3] and result.page_count == 3
    assert any("9" in w for w in result.warnings)
    with pytest.raises(ExtractError, match="3 pages to read, over the --max-pages limit of 1"):
        read_pdf(pdf, max_pages=1)
    assert [line.text for line in read_pdf(pdf, pages={3}, max_pages=1).lines] == ["Body of page 3."]


def test_running_lines_and_page_numbers():
    def mk(text, page, top, size=7.0):
        return Line(text, page, 36, 300, top, top + size, size)

    lines = []
    for p in (1, 2, 3):
        lines += [mk("Body text that is long enough", p, 300, 9)]
        lines += [mk(f"UN Kazakhstan | Report | {p + 8} May 2020\t{p}", p, 816)]
        lines += [mk(["- 1 -", "Page 2 of 3", "3"][p - 1], p, 825, 8)]
    lines += [mk("31", 1, 40, 20), mk("SITREP NO.", 1, 20, 8), mk("Repeated body heading", 1, 400, 9),
              mk("Repeated body heading", 2, 400, 9)]
    kept, dropped = _drop_running_lines(lines, {1: 842.0, 2: 842.0, 3: 842.0})
    assert sorted(line.text for line in kept) == sorted(
        ["Body text that is long enough"] * 3 + ["31", "SITREP NO.", "Repeated body heading", "Repeated body heading"])
    assert len(dropped) == 6


# ---------------------------------------------------------------- bad input


def test_truncated_pdf(tmp_path):
    data = build([[Text(60, 100, 400, LOREM)] for _ in range(3)])
    with pytest.raises(ExtractError) as err:
        read_pdf(data[: len(data) // 3])
    assert err.value.reason.startswith("not a valid PDF")


def test_random_bytes_named_pdf(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(os.urandom(4096))
    with pytest.raises(ExtractError) as err:
        read_pdf(path)
    assert err.value.reason.startswith("not a valid PDF") and err.value.path == str(path)
    assert "\n" not in str(err.value)


def test_missing_file(tmp_path):
    with pytest.raises(ExtractError, match="file not found"):
        read_pdf(tmp_path / "nope.pdf")


def test_encrypted_pdf(tmp_path):
    data = build([[Text(60, 100, 400, "Secret sitrep text.")]], user_password="s3cret")
    with pytest.raises(ExtractError) as err:
        read_pdf(data)
    assert err.value.reason == "encrypted PDF (password required)"
    with pytest.raises(ExtractError, match="wrong password"):
        read_pdf(data, password="guess")
    assert read_pdf(data, password="s3cret").lines[0].text == "Secret sitrep text."


def test_owner_password_only_opens_with_empty_password(tmp_path):
    data = build([[Text(60, 100, 400, "Readable text.")]], user_password="")
    assert read_pdf(data).lines[0].text == "Readable text."


def test_pdf_without_pages():
    data = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    with pytest.raises(ExtractError, match="no pages"):
        read_pdf(data + b"trailer<</Root 1 0 R>>\n%%EOF\n")


def test_a_page_that_fails_alone_is_skipped_with_a_warning(monkeypatch):
    from sitrep_extract.readers import pdf as reader

    real = reader._read_page

    def flaky(page, number, next_table_id):
        if number == 2:
            raise ValueError("broken content stream")
        return real(page, number, next_table_id)

    monkeypatch.setattr(reader, "_read_page", flaky)
    result = read_pdf(build([[Text(60, 100, 400, f"Body of page {n}.")] for n in (1, 2, 3)]))
    assert [line.page for line in result.lines] == [1, 3]
    assert result.warnings == ["page 2: skipped, could not be read (broken content stream)"]


def test_damaged_content_stream_does_not_escape(capsys):
    data = build([[Text(60, 100, 400, LOREM)] for _ in range(2)])
    try:
        read_pdf(data.replace(b"stream", b"strexm", 1))
    except ExtractError:
        pass
    assert capsys.readouterr().err == ""


def test_image_only_pdf(tmp_path):
    path = image_only(tmp_path / "scan.pdf")
    with pytest.raises(ExtractError) as err:
        read_pdf(path)
    assert err.value.reason == NO_TEXT


# ---------------------------------------------------------------- shared samples and real reports


def _sample(*names: str) -> Path:
    """A shared sample: the project's copy in samples/ first, then shared/samples-pdf/."""
    for folder in (ROOT / "samples", SHARED / "samples-pdf"):
        for name in names:
            if (folder / name).exists():
                return folder / name
    pytest.skip(f"{names[0]} not available")


def _real_pdfs() -> list[Path]:
    folders = (ROOT / "samples" / "real", ROOT / "samples" / "real-pdf", SHARED / "real-pdf")
    return next((found for found in (sorted(f.glob("*.pdf")) for f in folders) if found), [])


def test_sample_001_reading_order():
    result = read_pdf(_sample("un-kazakhstan-sitrep-2020-11-09-two-column.pdf", "sitrep_001_two-col.pdf"))
    lines, text = result.lines, [line.text for line in result.lines]
    assert index_of(lines, "NUR-SULTAN - Over the past three weeks") < index_of(lines, "STRONGER UN BETTER WORLD")
    assert index_of(lines, "HIGHLIGHTS") < index_of(lines, "STRONGER UN BETTER WORLD")
    heading = index_of(lines, "SOCIO-ECONOMIC IMPACT AND RESPONSE")
    assert lines[heading + 1].text == "• UNDP and the Astana Civil Service Hub organized an online"
    assert "CONFIRMED\t116772" in text and "CASE FATALITY RATE\t1,04%" in text
    assert "NUMBER OF COVID-19 PNEUMONIA CASES\tAS OF 12:00 09.11.2020" in text
    for line in lines:  # below the masthead, no line reaches across the gutter
        if line.top > 100:
            assert line.x1 < 300 or line.x0 > 295, line.text
    assert not any("Situation Report |" in t for t in text) and len(result.dropped) == 4
    assert result.page_count == 4 and result.warnings == []


def test_sample_002_reading_order():
    result = read_pdf(_sample("un-kazakhstan-sitrep-2020-07-10-two-column.pdf", "sitrep_002_two-col.pdf"))
    lines, text = result.lines, [line.text for line in result.lines]
    assert index_of(lines, "KAZAKHSTAN REINTRODUCED") < index_of(lines, "NUR-SULTAN – The spread")
    assert index_of(lines, "NUR-SULTAN – The spread") < index_of(lines, "SKILLS FOR YOUTH FOR COVID-19")
    assert index_of(lines, "EMERGENCY HEALTH RESPONSE") + 1 == index_of(lines, "On 9 July the meeting")
    assert index_of(lines, "The national COVID-19 clinical") < index_of(lines, "Asia were held by UNESCO")
    assert index_of(lines, "First series of online trainings") < index_of(lines, "Asia were held by UNESCO")
    assert "TOTAL REACH\t17 MLN" in text
    for line in lines:
        if line.top > 100:
            assert line.x1 < 300 or line.x0 > 295, line.text
    assert not any("Situation Report |" in t for t in text) and len(result.dropped) == 3


@pytest.mark.parametrize("path", _real_pdfs(), ids=lambda p: p.name[:24])
def test_real_reports_read(path):
    result = read_pdf(path)
    assert result.lines and result.page_count >= 1
    assert all(line.text.strip() and "(cid:" not in line.text for line in result.lines)


def test_real_reports_available():
    if not _real_pdfs():
        pytest.skip("real PDFs not available")
