"""The command-line contract: options, formats, streams and exit codes."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import jsonschema
import pytest
from click.testing import CliRunner

from conftest import ROOT, SAMPLES
from sitrep_extract import __version__
from sitrep_extract.cli import main
from sitrep_extract.emit import CASE_COLUMNS, ITEM_COLUMNS
from sitrep_extract.schema import validate

TEXT_SAMPLE = SAMPLES / "un-kazakhstan-sitrep-2020-11-09.txt"
PDF_SAMPLE = SAMPLES / "un-kazakhstan-sitrep-2020-11-09-two-column.pdf"  # 4 pages
HIGHLIGHTS = SAMPLES / "un-kazakhstan-highlights-2020-11-09.txt"


def run(args, input_bytes=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input_bytes, catch_exceptions=False)


def cli(*args, stdin=None, timeout=60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sitrep_extract", *map(str, args)], cwd=ROOT, input=stdin,
                          capture_output=True, timeout=timeout)


@pytest.fixture(scope="module")
def text_json() -> dict:
    return json.loads(run([TEXT_SAMPLE, "--json", "-q"]).stdout)


@pytest.fixture(scope="module")
def pdf_json() -> dict:
    return json.loads(run([PDF_SAMPLE, "--json", "-q"]).stdout)


# ---------------------------------------------------------------- information

def test_version():
    result = run(["--version"])
    assert result.exit_code == 0 and result.stdout == f"sitrep-extract, version {__version__}\n"


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_has_examples_and_exit_codes(flag):
    result = run([flag])
    assert result.exit_code == 0
    for expected in ("Examples:", "sitrep-extract report.pdf --json", "--csv --cases", "Exit status",
                     "--max-pages", "--max-bytes", "--max-memory", "--timeout", "--no-csv-guard"):
        assert expected in result.stdout


def test_no_arguments_prints_help():
    result = run([])
    assert result.exit_code == 0 and "Usage:" in result.stdout


def test_schema_is_a_valid_json_schema_and_describes_the_output(text_json):
    result = run(["--schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(text_json)


# ---------------------------------------------------------------- formats

def test_default_is_json_when_stdout_is_not_a_terminal(text_json):
    result = run([TEXT_SAMPLE, "-q"])
    assert json.loads(result.stdout) == text_json and validate(text_json) == []
    process = cli(TEXT_SAMPLE, "-q")
    assert process.returncode == 0 and json.loads(process.stdout) == text_json


def test_json_of_several_inputs_is_an_array(text_json):
    data = json.loads(run([TEXT_SAMPLE, HIGHLIGHTS, "--json", "-q", "-j", "1"]).stdout)
    assert isinstance(data, list) and len(data) == 2 and data[0] == text_json


def test_csv_items_header_and_one_row_per_item(text_json):
    result = run([TEXT_SAMPLE, "--csv", "-q"])
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ITEM_COLUMNS
    assert len(rows) - 1 == sum(len(s["items"]) for s in text_json["sections"])
    assert all(len(row) == len(ITEM_COLUMNS) for row in rows)
    first = dict(zip(rows[0], rows[1]))
    assert first["source"] == str(TEXT_SAMPLE) and first["report_date"] == text_json["document"]["date"]
    assert first["item_index"] == "1"


def test_csv_cases_header_and_one_row_per_case_table(text_json):
    rows = list(csv.reader(io.StringIO(run([TEXT_SAMPLE, "--csv", "--cases", "-q"]).stdout)))
    assert rows[0] == CASE_COLUMNS and len(rows) - 1 == len(text_json["case_tables"]) >= 1
    row = dict(zip(rows[0], rows[1]))
    assert int(row["confirmed"]) == text_json["case_tables"][0]["confirmed"]


def test_cases_alone_means_csv():
    rows = list(csv.reader(io.StringIO(run([TEXT_SAMPLE, "--cases", "-q"]).stdout)))
    assert rows[0] == CASE_COLUMNS


def test_csv_of_several_inputs_has_one_header():
    result = run([TEXT_SAMPLE, HIGHLIGHTS, "--csv", "-q", "-j", "1"])
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows.count(ITEM_COLUMNS) == 1 and {r[0] for r in rows[1:]} == {str(TEXT_SAMPLE), str(HIGHLIGHTS)}


def test_jsonl_is_one_line_per_input_including_failures(tmp_path):
    missing = tmp_path / "missing.txt"
    result = run([TEXT_SAMPLE, missing, HIGHLIGHTS, "--jsonl", "-q", "-j", "1"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    records = [json.loads(line) for line in lines]
    assert [r["source"]["path"] for r in records] == [str(TEXT_SAMPLE), str(missing), str(HIGHLIGHTS)]
    assert records[1] == {"source": {"path": str(missing), "format": "text"}, "error": "no such file"}


@pytest.mark.parametrize("sample, expected", [(TEXT_SAMPLE, "HIGHLIGHTS"), (PDF_SAMPLE, "HIGHLIGHTS")])
def test_text_view(sample, expected):
    result = run([sample, "--text", "-q"])
    assert result.exit_code == 0 and expected in result.stdout.upper()
    assert not result.stdout.lstrip().startswith("{")


@pytest.mark.parametrize("sample", [TEXT_SAMPLE, PDF_SAMPLE])
def test_explain_view(sample):
    result = run([sample, "--explain", "-q"])
    assert result.exit_code == 0 and len(result.stdout.splitlines()) > 10
    assert "heading" in result.stdout.lower()


def test_text_view_of_several_inputs_has_banners():
    result = run([TEXT_SAMPLE, HIGHLIGHTS, "--text", "-q"])
    assert f"==> {TEXT_SAMPLE} <==" in result.stdout and f"==> {HIGHLIGHTS} <==" in result.stdout


def test_summary_view():
    result = run([TEXT_SAMPLE, "--summary", "-q"])
    assert result.exit_code == 0 and "116" in result.stdout


def test_pages_limits_the_pdf_pages_read(pdf_json):
    result = run([PDF_SAMPLE, "--pages", "1-2", "--json", "-q"])
    data = json.loads(result.stdout)
    pages = {item["page"] for section in data["sections"] for item in section["items"]}
    assert data["source"]["pages"] == 4 and pages == {1, 2}
    everything = {item["page"] for section in pdf_json["sections"] for item in section["items"]}
    assert everything == {1, 2, 3, 4}


def test_pages_outside_the_document_are_a_warning():
    result = run([PDF_SAMPLE, "--pages", "4,9", "--json", "-j", "1"])
    assert result.exit_code == 0 and "pages not in the document: 9" in result.stderr


def test_stdin_with_a_dash(text_json):
    result = run(["-", "--json", "-q"], input_bytes=TEXT_SAMPLE.read_bytes())
    data = json.loads(result.stdout)
    assert data["source"]["path"] == "-" and data["sections"] == text_json["sections"]


def test_pdf_on_stdin(pdf_json):
    data = json.loads(run(["-", "--json", "-q"], input_bytes=PDF_SAMPLE.read_bytes()).stdout)
    assert data["source"]["format"] == "pdf" and data["case_tables"] == pdf_json["case_tables"]


def test_stdin_in_a_real_process():
    process = cli("-", "--jsonl", "-q", stdin=TEXT_SAMPLE.read_bytes())
    assert process.returncode == 0 and json.loads(process.stdout)["source"]["path"] == "-"


def test_directory_input_reads_its_files():
    result = run([SAMPLES, "--jsonl", "-q", "-j", "1", "--glob", "*.txt"])
    paths = [json.loads(line)["source"]["path"] for line in result.stdout.splitlines()]
    assert paths == sorted(str(p) for p in SAMPLES.glob("*.txt"))


# ---------------------------------------------------------------- streams and exit codes

def test_stdout_has_only_data_and_warnings_go_to_stderr():
    article = SAMPLES / "kazinform-article-2023-05-16.txt"  # not a sitrep: a warning, exit 0
    result = run([article, "--json", "-j", "1"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["document"]["kind"] == "not_sitrep"
    assert "warning: not a situation report" in result.stderr
    assert run([article, "--json", "-q", "-j", "1"]).stderr == ""


def test_exit_1_when_any_input_failed(tmp_path):
    result = run([TEXT_SAMPLE, tmp_path / "nope.txt", "--jsonl", "-q", "-j", "1"])
    assert result.exit_code == 1 and len(result.stderr.splitlines()) == 1


def test_batch_summary_line(tmp_path):
    result = run([TEXT_SAMPLE, tmp_path / "nope.txt", "--jsonl", "-j", "1"])
    assert result.stderr.splitlines()[-1] == "2 reports, 1 failed"


@pytest.mark.parametrize("args, message", [
    (["--cases", "--json"], "--cases goes with --csv"),
    (["--bogus"], "No such option"),
    (["--pages", "abc"], "is not a page list"),
    (["--pages", "0"], "is not a page list"),
    (["--pages", "3-1"], "is not a page list"),
    (["--jobs", "0"], "--jobs"),
    (["--max-pages", "0"], "--max-pages"),
    (["--timeout", "-1"], "--timeout"),
    (["--force"], "--force goes with --output-dir"),
    (["--engine", "acrobat"], "--engine"),
])
def test_usage_errors_exit_2(args, message):
    result = run([TEXT_SAMPLE, *args])
    assert result.exit_code == 2, result.output
    assert message in result.stderr and result.stdout == ""
    assert "Traceback" not in result.stderr


def test_usage_error_in_a_real_process():
    process = cli(TEXT_SAMPLE, "--pages", "abc")
    assert process.returncode == 2 and b"Traceback" not in process.stderr and process.stdout == b""


@pytest.mark.parametrize("args", [["--jsonl", "-j", "1"], ["--csv", "-j", "2"], ["--json", "-j", "1"],
                                  ["--text"], ["--schema"], ["--help"]])
def test_broken_pipe_gives_no_traceback(args):
    """`sitrep-extract … | head -1`: the reader goes away after one line."""
    inputs = [] if args[0] in ("--schema", "--help") else [SAMPLES]
    process = subprocess.Popen([sys.executable, "-m", "sitrep_extract", *map(str, inputs), "-q", *args], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, bufsize=0)
    first = process.stdout.readline()
    process.stdout.close()
    _, stderr = process.communicate(timeout=60)
    assert first
    assert b"Traceback" not in stderr and b"Exception ignored" not in stderr and b"Error" not in stderr, stderr
    assert process.returncode in (0, 1)


def test_head_in_a_shell_pipeline():
    done = subprocess.run(f"{sys.executable} -m sitrep_extract samples --jsonl -j 1 -q | head -1", shell=True,
                          cwd=ROOT, capture_output=True, timeout=60)
    assert len(done.stdout.splitlines()) == 1 and done.stderr == b""
