"""Writers: JSON, JSON Lines, CSV and the terminal summary."""
from __future__ import annotations

import csv
import hashlib
import io
import json
import math

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from sitrep_extract.emit import (CASE_COLUMNS, ITEM_COLUMNS, error_record, render_summary, to_json,
                                 to_jsonl, write_cases, write_items)
from sitrep_extract.report import (Amount, CaseTable, Contact, Document, HeadlineFigure, Item,
                                   MediaCoverage, Report, Section, SeeAlso, Source)

SHA = hashlib.sha256(b"sitrep").hexdigest()
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def minimal_report() -> Report:
    """Every optional field None or empty."""
    return Report(source=Source(path="empty.txt", format="text", sha256=SHA, bytes=0),
                  document=Document(kind="not_sitrep"))


def full_report() -> Report:
    return Report(
        source=Source(path="sitreps/ci-12.pdf", format="pdf", sha256=SHA, bytes=48213, pages=4),
        document=Document(kind="sitrep", title="COVID-19 Situation Report 12", country="Côte d’Ivoire",
                          date="2020-05-01", number="12", language="fr"),
        sections=[
            Section(id="highlights", heading="Highlights", page=1, items=[
                Item(text="1,200 tests done, \"rapid\" kits arrived\nin Abidjan", agencies=["WHO", "UNICEF"],
                     amounts=[Amount(currency="USD", value=1200000.0, text="USD 1.2 million")],
                     page=1, bbox=[56.7, 120.0, 300.2, 131.5]),
                Item(text="=HYPERLINK(\"http://evil\")", page=1),
            ]),
            Section(id="feature", heading="Stories [WHO]", page=2, items=[
                Item(text="Health workers trained in 14 districts.", title="Training",
                     see_also=SeeAlso(section="Emergency health response", page=3), page=2),
            ]),
            Section(id="other", heading=None),
        ],
        case_tables=[CaseTable(title="Cases", subject="COVID-19", as_of="2020-05-01T18:00", confirmed=1200000,
                               recovered=900, deaths=14, case_fatality_rate_percent=1.17, page=1,
                               other={"suspected": 30, "contacts": 2.5})],
        headline_figures=[HeadlineFigure(metric="confirmed", value=1200000, as_of="2020-05-01",
                                         text="1.2 million confirmed cases")],
        media_coverage=MediaCoverage(total_reach=50000, engagement=1200),
        key_sources=["https://www.who.int/"],
        contact=Contact(name="A. Koné", role="Officer", organization="WHO", email="kone@who.int"),
        warnings=["case table on page 3 could not be read"],
    )


# --- random reports -------------------------------------------------------------------

finite = st.floats(allow_nan=False, allow_infinity=False)
maybe_text = st.none() | st.text()
pages = st.none() | st.integers(1, 5000)
counts = st.none() | st.integers(0, 10**10)
iso_dates = st.dates().map(lambda d: d.isoformat())
as_of = st.none() | iso_dates | st.datetimes().map(lambda t: f"{t.date().isoformat()}T{t:%H:%M}")

items = st.builds(
    Item, text=st.text(), title=maybe_text,
    see_also=st.none() | st.builds(SeeAlso, section=st.text(), page=pages),
    agencies=st.lists(st.text(), max_size=3),
    amounts=st.lists(st.builds(Amount, currency=st.text(), value=finite, text=st.text()), max_size=2),
    page=pages, bbox=st.none() | st.lists(finite, min_size=4, max_size=4))
sections = st.builds(Section, id=st.from_regex(r"[a-z_]+", fullmatch=True), heading=maybe_text,
                     page=pages, items=st.lists(items, max_size=4))
case_tables = st.builds(
    CaseTable, title=st.text(), subject=st.text(), as_of=as_of, confirmed=counts, recovered=counts,
    deaths=counts, page=pages,
    # Non-finite rates must come out as null, which the schema allows here.
    case_fatality_rate_percent=st.none() | st.floats(0, 100) | st.sampled_from([math.nan, math.inf]),
    other=st.dictionaries(st.text(), finite | st.integers(-10**9, 10**9), max_size=3))
reports = st.builds(
    Report,
    source=st.builds(Source, path=st.text(), format=st.sampled_from(["pdf", "text"]),
                     sha256=st.binary(max_size=8).map(lambda b: hashlib.sha256(b).hexdigest()),
                     bytes=st.integers(0, 10**12), pages=st.none() | st.integers(0, 5000), encoding=maybe_text),
    document=st.builds(Document, kind=st.sampled_from(["sitrep", "not_sitrep"]), title=maybe_text,
                       country=maybe_text, date=st.none() | iso_dates, number=maybe_text, language=maybe_text),
    sections=st.lists(sections, max_size=3),
    case_tables=st.lists(case_tables, max_size=3),
    headline_figures=st.lists(st.builds(HeadlineFigure, metric=st.text(), value=st.integers(-10**12, 10**12),
                                        as_of=as_of, text=st.text()), max_size=2),
    media_coverage=st.none() | st.builds(MediaCoverage, total_reach=counts, engagement=counts),
    key_sources=st.lists(st.text(), max_size=2),
    contact=st.none() | st.builds(Contact, name=maybe_text, role=maybe_text, organization=maybe_text,
                                  address=maybe_text, email=maybe_text, phone=maybe_text),
    warnings=st.lists(st.text(), max_size=2))


def csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def guarded(text: str | None, safe: bool) -> str:
    """The cell expected for a text value: the documented guard, written out independently."""
    text = text or ""
    return "'" + text if safe and text.startswith(FORMULA_STARTS) else text


# --- JSON -------------------------------------------------------------------------------

def test_json_round_trips_to_dict():
    for report in (minimal_report(), full_report()):
        out = to_json(report)
        assert out.endswith("}\n") and out.startswith('{\n  "schema_version": "1"')
        assert json.loads(out) == report.to_dict()
        assert json.loads(to_jsonl(report)) == report.to_dict()


@settings(max_examples=40, deadline=None)
@given(report=reports)
def test_json_is_written_exactly_as_json_dumps_of_to_dict(report):
    # built section by section to save memory, yet the same bytes as the obvious way
    data = report.to_dict()
    if not any(isinstance(v, float) and not math.isfinite(v) for v in _scalars(data)):
        assert to_json(report) == _escaped(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"
        assert to_jsonl(report) == _escaped(json.dumps(data, ensure_ascii=False, separators=(",", ":")))


def _escaped(text: str) -> str:  # the documented escapes of line breaks json.dumps leaves raw
    return text.replace("\u0085", "\\u0085").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _scalars(value):
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        for item in value:
            yield from _scalars(item)
    else:
        yield value


def test_json_keeps_non_ascii():
    out = to_json(full_report())
    assert "Côte d’Ivoire" in out and "A. Koné" in out and "\\u" not in out


def test_jsonl_is_one_compact_line():
    report = full_report()
    report.sections[0].items[0].text = "one\u2028two\u2029three\x85four\nfive"
    line = to_jsonl(report)
    assert len(line.splitlines()) == 1 and not line.endswith("\n")
    assert line.startswith('{"schema_version":"1","source":{"path":')
    assert json.loads(line)["sections"][0]["items"][0]["text"] == "one\u2028two\u2029three\x85four\nfive"


def test_non_finite_numbers_become_null():
    report = full_report()
    report.case_tables[0].case_fatality_rate_percent = math.nan
    report.case_tables[0].other = {"suspected": math.inf, "probable": -math.inf}
    for out in (to_json(report), to_jsonl(report)):
        assert "NaN" not in out and "Infinity" not in out
        table = json.loads(out)["case_tables"][0]
        assert table["case_fatality_rate_percent"] is None
        assert table["other"] == {"suspected": None, "probable": None}


def test_error_record():
    record = error_record("bad.pdf", "not a PDF:\n  truncated file", "pdf")
    assert record == {"source": {"path": "bad.pdf", "format": "pdf"}, "error": "not a PDF: truncated file"}
    assert error_record("x", "gone")["source"]["format"] is None
    assert json.loads(to_jsonl(record)) == record


# --- CSV --------------------------------------------------------------------------------

def test_items_csv_columns_and_values():
    out = io.StringIO()
    assert write_items([full_report(), minimal_report()], out) == 3
    rows = csv_rows(out.getvalue())
    assert rows[0] == ITEM_COLUMNS
    assert rows[1] == ["sitreps/ci-12.pdf", "2020-05-01", "highlights", "Highlights", "1", "",
                       "1,200 tests done, \"rapid\" kits arrived\nin Abidjan", "1", "WHO; UNICEF"]
    assert rows[2][4:7] == ["2", "", "'=HYPERLINK(\"http://evil\")"]
    assert rows[3][2:6] == ["feature", "Stories [WHO]", "1", "Training"]
    assert "None" not in out.getvalue()


def test_csv_quotes_commas_quotes_and_newlines():
    out = io.StringIO()
    write_items([full_report()], out, header=False)
    raw = out.getvalue()
    assert raw.startswith("sitreps/ci-12.pdf,")
    assert '"1,200 tests done, ""rapid"" kits arrived\nin Abidjan"' in raw
    assert raw.endswith("\r\n")


def test_cases_csv_numbers_are_plain():
    report = full_report()
    out = io.StringIO()
    assert write_cases([report, minimal_report()], out) == 1
    rows = csv_rows(out.getvalue())
    assert rows == [CASE_COLUMNS, ["sitreps/ci-12.pdf", "2020-05-01", "Cases", "COVID-19", "2020-05-01T18:00",
                                   "1200000", "900", "14", "1.17", "1"]]
    for rate, cell in [(1e-7, "0.0000001"), (1e16, "10000000000000000"), (2.0, "2.0"),
                       (math.nan, ""), (None, "")]:
        report.case_tables[0].case_fatality_rate_percent = rate
        out = io.StringIO()
        write_cases([report], out, header=False)
        assert csv_rows(out.getvalue())[0][8] == cell


def test_formula_guard_on_and_off():
    report = full_report()
    report.sections[0].heading = "@home"
    report.case_tables[0].title = "-5 cases"
    report.case_tables[0].subject = "\tx"
    report.case_tables[0].confirmed = -3  # a number, never guarded
    report.case_tables[0].case_fatality_rate_percent = -0.5
    for safe in (True, False):
        items, cases = io.StringIO(), io.StringIO()
        write_items([report], items, safe=safe)
        write_cases([report], cases, safe=safe)
        item_row, case_row = csv_rows(items.getvalue())[1], csv_rows(cases.getvalue())[1]
        quote = "'" if safe else ""
        assert item_row[3] == quote + "@home"
        assert case_row[2:4] == [quote + "-5 cases", quote + "\tx"]
        assert case_row[5] == "-3" and case_row[8] == "-0.5"


def test_csv_streams_rows_as_reports_come():
    out = io.StringIO()

    def reports():
        yield full_report()
        assert out.getvalue().count("sitreps/ci-12.pdf") == 3  # already written
        yield minimal_report()

    write_items(reports(), out)


@settings(max_examples=150, deadline=None)
@given(reports=st.lists(reports, max_size=3), safe=st.booleans())
def test_csv_round_trips_random_reports(reports, safe):
    items, cases = io.StringIO(), io.StringIO()
    write_items(iter(reports), items, safe=safe)
    write_cases(iter(reports), cases, safe=safe)
    item_rows, case_rows = csv_rows(items.getvalue()), csv_rows(cases.getvalue())
    assert item_rows[0] == ITEM_COLUMNS and case_rows[0] == CASE_COLUMNS
    expected_items = [(r, s, i) for r in reports for s in r.sections for i in s.items]
    expected_cases = [(r, t) for r in reports for t in r.case_tables]
    assert len(item_rows) - 1 == len(expected_items) and len(case_rows) - 1 == len(expected_cases)
    for row, (report, section, item) in zip(item_rows[1:], expected_items):
        assert row[0] == guarded(report.source.path, safe)
        assert row[3] == guarded(section.heading, safe)
        assert row[5:7] == [guarded(item.title, safe), guarded(item.text, safe)]
        assert row[7] == ("" if item.page is None else str(item.page))
        assert row[8] == guarded("; ".join(item.agencies), safe)
    for row, (report, table) in zip(case_rows[1:], expected_cases):
        assert row[2:4] == [guarded(table.title, safe), guarded(table.subject, safe)]
        assert row[5] == ("" if table.confirmed is None else str(table.confirmed))
        rate = table.case_fatality_rate_percent
        if rate is None or not math.isfinite(rate):
            assert row[8] == ""
        else:
            assert float(row[8]) == rate


# --- summary ----------------------------------------------------------------------------

def render(report: Report, **console_options) -> str:
    console = Console(file=io.StringIO(), width=100, **console_options)
    render_summary(report, console)
    return console.file.getvalue()


def test_summary_mentions_everything():
    report = full_report()
    report.sections[1].items[0].text = "x" * 150 + "END-MARKER"
    report.sections[1].items[0].title = None
    out = render(report, force_terminal=False)
    assert "\x1b" not in out
    for expected in ("COVID-19 Situation Report 12", "Côte d’Ivoire", "sitreps/ci-12.pdf", "4 pages",
                     "Highlights  (highlights, 2 items)", "Stories [WHO]", "(other, 0 items)",
                     "1,200,000", "1.17", "Media coverage", "A. Koné", "https://www.who.int/",
                     "warning: case table on page 3"):
        assert expected in out, expected
    assert "END-MARKER" not in out and "…" in out


def test_summary_of_minimal_report():
    out = render(minimal_report(), force_terminal=False)
    assert "(untitled report)" in out and "empty.txt" in out


def test_summary_honours_no_color(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    out = render(full_report(), force_terminal=True)
    assert "warning:" in out and "\x1b[33m" not in out


@settings(max_examples=40, deadline=None)
@given(report=reports)
def test_random_reports_give_one_json_line_and_a_summary(report):
    line = to_jsonl(report)
    assert len(line.splitlines()) == 1
    assert json.loads(line) == json.loads(to_json(report))
    render(report, force_terminal=False)
