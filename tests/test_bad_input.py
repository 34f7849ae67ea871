"""Hostile and broken input, through the command line.

Every bad file gives exactly one line on stderr, ``sitrep-extract: <path>: <reason>``, exit status 1,
no traceback, an error record in JSON output, and in a batch the other files still come out complete.
The corpus is generated here (see ``CORPUS``); nothing is read from outside ``samples/``.
"""
from __future__ import annotations

import io
import json
import os
import random
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import SAMPLES
from pdf_fixtures import Text, build, image_only
from sitrep_extract.cli import main
from sitrep_extract.schema import validate

TEXT_SAMPLE = SAMPLES / "un-kazakhstan-sitrep-2020-11-09.txt"
PDF_SAMPLE = SAMPLES / "un-kazakhstan-sitrep-2020-11-09-two-column.pdf"


# ---------------------------------------------------------------- building hostile PDFs by hand

def make_pdf(objects: list[bytes], root: int = 1) -> bytes:
    """A PDF whose objects 1..n are ``objects`` (their bodies), with a correct xref table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref)
    return bytes(out)


def stream(content: bytes, extra: bytes = b"", filtered: bool = False) -> bytes:
    if filtered:
        extra += b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n" % (len(content), extra) + content + b"\nendstream"


def text_content(*lines: str) -> bytes:
    ops = [b"BT /F1 12 Tf 72 720 Td 14 TL"]
    ops += [b"(" + line.encode("latin-1").replace(b"(", b"\\(").replace(b")", b"\\)") + b") Tj T*" for line in lines]
    return b"\n".join(ops + [b"ET"])


SITREP_LINES = ("COVID-19 SITUATION REPORT No. 7", "HIGHLIGHTS", "Confirmed cases: 1,234. Deaths: 56.",
                "Partners delivered supplies to all districts.")


def one_page_pdf(content: bytes | None = None, catalog: bytes = b"", page: bytes = b"",
                 extra: tuple[bytes, ...] = (), content_object: bytes | None = None) -> bytes:
    """One page in Helvetica; ``catalog``/``page`` add entries to those dictionaries, ``extra`` adds
    objects 6, 7, … ."""
    return make_pdf([
        b"<< /Type /Catalog /Pages 2 0 R " + catalog + b">>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R " + page + b">>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        content_object or stream(content if content is not None else text_content(*SITREP_LINES)),
        *extra,
    ])


def zero_page_pdf() -> bytes:
    return make_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"])


def deep_page_tree_pdf(depth: int = 3000) -> bytes:
    """The single page sits ``depth`` /Pages nodes down."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    for level in range(depth):
        parent = b"" if level == 0 else b"/Parent %d 0 R " % (level + 1)
        objects.append(b"<< /Type /Pages /Kids [%d 0 R] /Count 1 %s>>" % (level + 3, parent))
    leaf = depth + 2
    objects.append(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 %d 0 R >> >> "
                   b"/Contents %d 0 R >>" % (leaf - 1, leaf + 1, leaf + 2))
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    objects.append(stream(text_content(*SITREP_LINES)))
    return make_pdf(objects)


def nested_mediabox_pdf(depth: int = 5000) -> bytes:
    nested = b"[" * depth + b"0 0 612 792" + b"]" * depth
    return one_page_pdf().replace(b"/MediaBox [0 0 612 792]", b"/MediaBox " + nested, 1)


def nested_objects_pdf(depth: int = 20000) -> bytes:
    """Arrays and dictionaries nested ``depth`` deep in the page and in its content stream."""
    arrays = b"[" * depth + b"]" * depth
    dicts = b"<< /A " * depth + b"1" + b" >>" * depth
    return one_page_pdf(content=text_content(*SITREP_LINES) + b"\n" + arrays + b" pop",
                        page=b"/PieceInfo " + dicts + b" /Annots [" + arrays + b"] ")


def form_chain_pdf(depth: int = 3000) -> bytes:
    """Form XObjects drawing each other ``depth`` deep."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> /XObject << /X 6 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        stream(text_content(*SITREP_LINES) + b" /X Do"),
    ]
    for k in range(depth):
        objects.append(stream(b"/X Do", extra=b" /Type /XObject /Subtype /Form /BBox [0 0 612 792] "
                              b"/Resources << /XObject << /X %d 0 R >> >>" % (k + 7)))
    objects.append(stream(b"", extra=b" /Type /XObject /Subtype /Form /BBox [0 0 612 792]"))
    return make_pdf(objects)


def bomb_pdf(inflated: int = 256 * 1024 * 1024) -> bytes:
    """A content stream of a few hundred KB that inflates to ``inflated`` bytes, built in 1 MB chunks
    so the test itself stays small."""
    deflate = zlib.compressobj(9)
    chunks = [deflate.compress(text_content(*SITREP_LINES) + b"\n")]
    block = b" " * (1024 * 1024)
    chunks += [deflate.compress(block) for _ in range(inflated // len(block))]
    chunks.append(deflate.flush())
    return one_page_pdf(content_object=stream(b"".join(chunks), filtered=True))


def tiny_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (len(data).to_bytes(4, "big") + kind + data
                + zlib.crc32(kind + data).to_bytes(4, "big"))

    header = (1).to_bytes(4, "big") * 2 + b"\x08\x02\x00\x00\x00"
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) \
        + chunk(b"IEND", b"")


def tiny_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("report.txt", TEXT_SAMPLE.read_text(encoding="utf-8"))
    return buffer.getvalue()


def broken_xref(data: bytes) -> bytes:
    """The xref table overwritten with garbage and startxref pointing nowhere."""
    at = data.rindex(b"\nxref") + 1
    end = data.index(b"trailer", at)
    garbage = b"xref\n0 9\nthis is not an xref table at all\n".ljust(end - at - 1, b"#") + b"\n"
    cut = data.rindex(b"startxref")
    return data[:at] + garbage + data[end:cut] + b"startxref\n99999999\n%%EOF\n"


# ---------------------------------------------------------------- the corpus

def _bad_corpus(tmp: Path) -> dict[str, tuple[bytes, str]]:
    """name -> (content, a fragment of the reason)."""
    noise = random.Random(7).randbytes(4096)
    pdf = PDF_SAMPLE.read_bytes()
    return {
        "empty.txt": (b"", "empty file"),
        "empty.pdf": (b"", "empty file"),
        "whitespace.txt": (b"  \n\t\n \r\n\f   \n", "empty input"),
        "random.txt": (noise, "binary data, not text"),
        "random.pdf": (noise, "not a valid PDF"),
        "image.png.txt": (tiny_png(), "looks like a PNG image"),
        "image.png.pdf": (tiny_png(), "not a valid PDF"),
        "archive.zip.txt": (tiny_zip(), "looks like a ZIP archive"),
        "archive.zip.pdf": (tiny_zip(), "not a valid PDF"),
        "truncated.pdf": (pdf[: len(pdf) // 3], "not a valid PDF"),
        "encrypted.pdf": (build([[Text(60, 100, 400, "Secret sitrep text.")]], user_password="s3cret"),
                          "encrypted PDF (password required)"),
        "scan.pdf": (image_only(tmp / "scan-source.pdf").read_bytes(), "no text layer on any page"),
        "zero-pages.pdf": (zero_page_pdf(), "PDF has no pages"),
        "deep-tree.pdf": (deep_page_tree_pdf(), "not a valid PDF"),
        "nested-mediabox.pdf": (nested_mediabox_pdf(), "not a valid PDF"),
        "form-chain.pdf": (form_chain_pdf(), "not a valid PDF"),
        "one-line.txt": (b"w" * 1_500_000, "a line of 1,500,000 characters"),
    }


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """A folder of bad files (name -> reason fragment) plus two good samples."""
    root = tmp_path_factory.mktemp("corpus")
    reasons = {}
    for name, (content, reason) in _bad_corpus(tmp_path_factory.mktemp("scratch")).items():
        (root / name).write_bytes(content)
        reasons[name] = reason
    (root / "good-text.txt").write_bytes(TEXT_SAMPLE.read_bytes())
    (root / "good-pdf.pdf").write_bytes(PDF_SAMPLE.read_bytes())
    return root, reasons


def run(args, input_bytes=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input_bytes, catch_exceptions=False)


def failure_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.strip()]


def assert_one_clear_line(result, path: Path | str, reason: str) -> None:
    assert result.exit_code == 1, result.output
    lines = failure_lines(result.stderr)
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"sitrep-extract: {path}: "), lines
    assert reason in lines[0], lines
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout


# ---------------------------------------------------------------- one bad file at a time

def _names() -> list[str]:
    # The names only (building the PDFs takes a moment; it happens once, in the fixture).
    return ["empty.txt", "empty.pdf", "whitespace.txt", "random.txt", "random.pdf", "image.png.txt",
            "image.png.pdf", "archive.zip.txt", "archive.zip.pdf", "truncated.pdf", "encrypted.pdf", "scan.pdf",
            "zero-pages.pdf", "deep-tree.pdf", "nested-mediabox.pdf", "form-chain.pdf", "one-line.txt"]


def test_the_names_list_matches_the_corpus(corpus):
    assert sorted(_names()) == sorted(corpus[1])


@pytest.mark.parametrize("name", _names())
def test_bad_file_gives_one_clear_line_and_exit_1(corpus, name):
    root, reasons = corpus
    path = root / name
    result = run([path, "--jsonl", "-q", "-j", "1"])
    assert_one_clear_line(result, path, reasons[name])
    record = json.loads(result.stdout)
    assert record["source"]["path"] == str(path) and reasons[name] in record["error"]


@pytest.mark.parametrize("name", ["random.txt", "encrypted.pdf", "scan.pdf"])
def test_warnings_do_not_hide_the_failure_line(corpus, name):
    root, reasons = corpus
    result = run([root / name, "--json", "-j", "1"])  # not quiet: still one line for one failed file
    assert_one_clear_line(result, root / name, reasons[name])


def test_a_50_mb_line_without_a_newline(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        for _ in range(50):
            handle.write(b"x" * 1_000_000)
    result = run([path, "--json", "-q", "-j", "1"])
    assert_one_clear_line(result, path, "a line of 50,000,000 characters")


def test_missing_file(tmp_path):
    path = tmp_path / "nowhere.pdf"
    assert_one_clear_line(run([path, "-q", "-j", "1", "--json"]), path, "no such file")


def test_directory_passed_as_a_file(tmp_path):
    path = tmp_path / "report.pdf"
    path.mkdir()
    assert_one_clear_line(run([path, "-q", "-j", "1", "--json"]), path, "is a directory")


def test_glob_that_matches_nothing(tmp_path):
    pattern = tmp_path / "*.pdf"
    assert_one_clear_line(run([pattern, "-q", "-j", "1", "--json"]), pattern, "no files match")


def test_permission_denied_is_one_line(tmp_path, monkeypatch):
    """Root reads anything whatever the mode says, so the refusal is simulated where the file is opened."""
    from sitrep_extract import source

    path = tmp_path / "locked.txt"
    path.write_bytes(TEXT_SAMPLE.read_bytes())

    def refuse(name, *args, **kwargs):
        if os.fspath(name) == str(path):
            raise PermissionError(13, "Permission denied", str(name))
        return open(name, *args, **kwargs)

    monkeypatch.setattr(source, "open", refuse, raising=False)
    assert_one_clear_line(run([path, "-q", "-j", "1", "--json"]), path, "permission denied")


def test_permission_denied_on_stat_is_one_line(tmp_path, monkeypatch):
    from sitrep_extract import source

    path = tmp_path / "hidden.txt"
    path.write_bytes(TEXT_SAMPLE.read_bytes())
    real_stat = os.stat

    def refuse(name, *args, **kwargs):
        if os.fspath(name) == str(path):
            raise PermissionError(13, "Permission denied", str(name))
        return real_stat(name, *args, **kwargs)

    monkeypatch.setattr(source.os, "stat", refuse)
    assert_one_clear_line(run([path, "-q", "-j", "1", "--json"]), path, "permission denied")


def test_permission_denied_for_real(tmp_path):
    path = tmp_path / "locked.txt"
    path.write_bytes(TEXT_SAMPLE.read_bytes())
    path.chmod(0)
    try:
        path.read_bytes()
    except PermissionError:
        pass
    else:
        pytest.skip("this user reads files whatever their mode says (root)")
    folder = tmp_path / "locked-dir"
    folder.mkdir()
    (folder / "inside.txt").write_bytes(TEXT_SAMPLE.read_bytes())
    folder.chmod(0)
    try:
        assert_one_clear_line(run([path, "-q", "-j", "1", "--json"]), path, "permission denied")
        assert_one_clear_line(run([folder, "-q", "-j", "1", "--json"]), folder, "permission denied")
    finally:
        folder.chmod(0o755)


# ---------------------------------------------------------------- odd but readable input

def read_ok(path: Path, *args) -> tuple[dict, list[str]]:
    result = run([path, "--json", "-j", "1", *args])
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.stderr
    data = json.loads(result.stdout)
    assert validate(data) == []
    return data, failure_lines(result.stderr)


def test_invalid_utf8_in_the_middle_is_replaced_with_a_warning(tmp_path):
    good = TEXT_SAMPLE.read_bytes()
    path = tmp_path / "damaged.txt"
    path.write_bytes(good[:5000] + b"\xff\xfe\xc3" + good[5000:])
    data, stderr = read_ok(path)
    assert data["source"]["encoding"] == "utf-8"
    assert "invalid UTF-8 at 1 place, replaced" in data["warnings"]
    assert any("warning: invalid UTF-8" in line for line in stderr)
    assert data["case_tables"] == json.loads(run([TEXT_SAMPLE, "--json", "-j", "1"]).stdout)["case_tables"]


@pytest.mark.parametrize("encoding, expected", [("cp1251", "cp1251"), ("utf-16", "utf-16-le"),
                                                ("utf-16-be", "utf-16-be")])
def test_legacy_and_utf16_text(tmp_path, encoding, expected):
    text = ("СИТУАЦИОННЫЙ ОТЧЁТ ООН № 12\n\nКоронавирус в Казахстане: на 10.07.2020 подтверждено 54 747 "
            "случаев, выздоровели 30 000 человек.\n\nПартнёры ООН поставили тесты и средства защиты.\n")
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    data, _ = read_ok(path, "-q")
    assert data["source"]["encoding"] == expected
    assert "Казахстане" in json.dumps(data, ensure_ascii=False)


def test_utf16_sample_reads_like_the_utf8_one(tmp_path):
    path = tmp_path / "utf16.txt"
    path.write_bytes(TEXT_SAMPLE.read_text(encoding="utf-8").encode("utf-16"))
    data, _ = read_ok(path, "-q")
    original, _ = read_ok(TEXT_SAMPLE, "-q")
    assert data["source"]["encoding"] == "utf-16-le"
    assert data["sections"] == original["sections"] and data["case_tables"] == original["case_tables"]


def test_many_repeated_headings_stay_fast_and_valid(tmp_path):
    path = tmp_path / "headings.txt"
    block = "HIGHLIGHTS\n\n1. SITUATION OVERVIEW\n1.1 1.1.1 1.1.1.1 EPIDEMIOLOGY\n\nKEY SOURCES\n"
    path.write_text(block * 400, encoding="utf-8")
    data, _ = read_ok(path, "-q", "--timeout", "30")
    assert data["document"]["kind"] in ("sitrep", "not_sitrep")


@pytest.mark.parametrize("text", ["SITUATION REPORT No. 4 from the ministry of health\f" * 3,
                                  "\f\f\f", "A\fB\fC\f\f",
                                  "UN Kazakhstan situation report header\n\n12\f" * 4 + "HIGHLIGHTS\n• One item.\n"])
def test_form_feeds_and_one_line_pages(tmp_path, text):
    """Text from a PDF extractor keeps page breaks; pages of one or two lines (found by fuzzing) are fine."""
    path = tmp_path / "pages.txt"
    path.write_text(text, encoding="utf-8")
    result = run([path, "--json", "-q", "-j", "1"])
    assert "Traceback" not in result.stderr
    if result.exit_code:
        assert_one_clear_line(result, path, "empty input")
    else:
        assert validate(json.loads(result.stdout)) == []


def test_broken_xref_is_rebuilt(tmp_path):
    """The objects are intact, only the table that points at them is garbage: they are found by scanning."""
    path = tmp_path / "broken-xref.pdf"
    path.write_bytes(broken_xref(PDF_SAMPLE.read_bytes()))
    data, _ = read_ok(path, "-q")
    original, _ = read_ok(PDF_SAMPLE, "-q")
    assert data["sections"] == original["sections"] and data["case_tables"] == original["case_tables"]


def test_xref_pointing_past_the_end_is_rebuilt(tmp_path):
    pdf = PDF_SAMPLE.read_bytes()
    path = tmp_path / "bad-startxref.pdf"
    path.write_bytes(pdf[:pdf.rindex(b"startxref")] + b"startxref\n123456789\n%%EOF\n")
    data, _ = read_ok(path, "-q")
    assert data["document"]["kind"] == "sitrep"


def test_deeply_nested_arrays_and_dictionaries_read_or_fail_cleanly(tmp_path):
    path = tmp_path / "nested.pdf"
    path.write_bytes(nested_objects_pdf())
    result = run([path, "--json", "-q", "-j", "1"])
    assert "Traceback" not in result.stderr
    if result.exit_code:
        assert_one_clear_line(result, path, "")
    else:
        assert "HIGHLIGHTS" in result.stdout or "1,234" in result.stdout or "1234" in result.stdout


def test_a_text_file_named_pdf_is_refused_as_a_pdf(tmp_path):
    path = tmp_path / "notes.pdf"
    path.write_bytes(TEXT_SAMPLE.read_bytes())
    assert_one_clear_line(run([path, "--json", "-q", "-j", "1"]), path, "not a valid PDF")


def test_a_pdf_named_txt_is_read_as_a_pdf(tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes(PDF_SAMPLE.read_bytes())
    data, _ = read_ok(path, "-q", "--pages", "1")
    assert data["source"]["format"] == "pdf"


def test_empty_stdin():
    result = run(["-", "--json", "-q"], input_bytes=b"")
    assert_one_clear_line(result, "-", "empty input")


def test_binary_stdin():
    result = run(["-", "--json", "-q"], input_bytes=tiny_png())
    assert_one_clear_line(result, "-", "PNG")


# ---------------------------------------------------------------- a batch of everything

@pytest.mark.parametrize("jobs", ["1", "2"])
def test_batch_of_bad_files_reports_each_once_and_keeps_the_good_ones(corpus, jobs):
    root, reasons = corpus
    result = run([root, "--jsonl", "-q", "-j", jobs])
    assert result.exit_code == 1
    lines = failure_lines(result.stderr)
    assert len(lines) == len(reasons), lines
    for name, reason in reasons.items():
        [line] = [line for line in lines if line.startswith(f"sitrep-extract: {root / name}: ")]
        assert reason in line
    records = {Path(r["source"]["path"]).name: r for r in map(json.loads, result.stdout.splitlines())}
    assert set(records) == set(reasons) | {"good-text.txt", "good-pdf.pdf"}
    for name in ("good-text.txt", "good-pdf.pdf"):
        alone = json.loads(run([root / name, "--json", "-q", "-j", "1"]).stdout)
        assert records[name] == alone and validate(alone) == []


def test_batch_in_a_real_process_has_no_traceback(corpus):
    root, reasons = corpus
    done = subprocess.run([sys.executable, "-m", "sitrep_extract", str(root), "--jsonl", "-j", "2"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and "Exception" not in done.stderr
    failures = [line for line in done.stderr.splitlines() if ": warning: " not in line]
    assert failures[-1] == f"{len(reasons) + 2} reports, {len(reasons)} failed"
    assert len(failures) == len(reasons) + 1
    assert len(done.stdout.splitlines()) == len(reasons) + 2


# ---------------------------------------------------------------- what the reader must let through

def test_pdf_reader_lets_memory_errors_through(monkeypatch):
    """A failed allocation is the --max-memory limit, not damage to one page (batch.run_one reports it)."""
    from sitrep_extract.readers import pdf as reader

    def exhausted(page, number, next_table_id):
        raise MemoryError("Unable to allocate output buffer")

    monkeypatch.setattr(reader, "_read_page", exhausted)
    with pytest.raises(MemoryError):
        reader.read_pdf(one_page_pdf())


def test_pdf_reader_lets_the_timeout_through(monkeypatch):
    """The page loop skips a page that raises an Exception; the --timeout alarm is not one."""
    from sitrep_extract.batch import _Timeout
    from sitrep_extract.readers import pdf as reader

    def late(page, number, next_table_id):
        raise _Timeout()

    monkeypatch.setattr(reader, "_read_page", late)
    with pytest.raises(_Timeout):
        reader.read_pdf(one_page_pdf())
