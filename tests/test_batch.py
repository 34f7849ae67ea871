"""Batches: many files, in a stable order, identical output whatever the parallelism, failures reported."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner

from conftest import SAMPLES
from sitrep_extract import extract_many
from sitrep_extract.cli import main

TEXT_SAMPLES = sorted(SAMPLES.glob("*.txt"))
PDF_SAMPLES = sorted(SAMPLES.glob("*.pdf"))


@pytest.fixture(scope="module")
def batch_dir(tmp_path_factory):
    """36 inputs: the samples repeated, plus files that must fail."""
    root = tmp_path_factory.mktemp("batch")
    for copy in range(4):
        for sample in TEXT_SAMPLES + PDF_SAMPLES:
            shutil.copy(sample, root / f"{copy}-{sample.name}")
    (root / "bad-binary.pdf").write_bytes(b"\x00\x01garbage" * 50)
    (root / "bad-empty.txt").write_bytes(b"")
    (root / "bad-truncated.pdf").write_bytes(PDF_SAMPLES[0].read_bytes()[:700])
    (root / "sub").mkdir()
    shutil.copy(TEXT_SAMPLES[0], root / "sub" / "nested.txt")
    return root


def run(args, input_bytes=None):
    return CliRunner().invoke(main, args, input=input_bytes, catch_exceptions=False)


@pytest.fixture(scope="module")
def in_process(batch_dir):
    """The batch read in-process, with warnings and the summary line on stderr (run once, shared)."""
    return run([str(batch_dir), "--jsonl", "--jobs", "1"])


def test_batch_output_is_identical_with_one_or_two_jobs(batch_dir, in_process):
    one = in_process
    two = run([str(batch_dir), "--jsonl", "-q", "--jobs", "2"])
    assert one.stdout == two.stdout
    assert len(one.stdout.splitlines()) == 4 * (len(TEXT_SAMPLES) + len(PDF_SAMPLES)) + 3 >= 30


def test_files_come_out_in_sorted_order(in_process):
    lines = [json.loads(line) for line in in_process.stdout.splitlines()]
    paths = [line["source"]["path"] for line in lines]
    assert paths == sorted(paths)


def test_a_failed_file_yields_an_error_line_and_exit_1(in_process):
    result = in_process
    errors = [json.loads(line) for line in result.stdout.splitlines() if '"error"' in line[:200]]
    assert result.exit_code == 1
    assert {e["source"]["path"].rsplit("/", 1)[-1] for e in errors} == {"bad-binary.pdf", "bad-empty.txt",
                                                                      "bad-truncated.pdf"}
    assert all("\n" not in e["error"] and e["error"] for e in errors)


def test_each_failure_is_one_line_on_stderr_naming_the_file(in_process):
    failures = [line for line in in_process.stderr.splitlines()
                if line.startswith("sitrep-extract: ") and ": warning: " not in line]
    assert len(failures) == 3 and all("bad-" in line for line in failures)


def test_summary_line_counts_reports_failures_and_non_sitreps(in_process):
    result = in_process
    total = 4 * (len(TEXT_SAMPLES) + len(PDF_SAMPLES)) + 3
    assert result.stderr.splitlines()[-1] == f"{total} reports, 3 failed, 8 not sitreps"


def test_recursive_finds_files_in_subdirectories(batch_dir, in_process):
    flat = in_process.stdout.count("nested.txt")
    deep = run([str(batch_dir), "-r", "--glob", "nested.txt", "--jsonl", "-q", "-j", "1"]).stdout.count("nested.txt")
    assert (flat, deep) == (0, 1)


def test_glob_option_selects_files(batch_dir):
    result = run([str(batch_dir), "--glob", "*.pdf", "--jsonl", "-q", "-j", "1"])
    paths = [json.loads(line)["source"]["path"] for line in result.stdout.splitlines()]
    assert paths and all(p.endswith(".pdf") for p in paths)


def test_json_of_several_inputs_is_one_array_including_errors(batch_dir):
    bad = sorted(str(p) for p in batch_dir.glob("bad-*"))
    result = run([str(TEXT_SAMPLES[0]), *bad, "--json", "-q", "-j", "1"])
    data = json.loads(result.stdout)
    assert isinstance(data, list) and len(data) == 4 and sum(1 for d in data if "error" in d) == 3


def test_output_dir_writes_one_file_per_input_and_refuses_to_overwrite(tmp_path):
    out = tmp_path / "out"
    first = run([str(TEXT_SAMPLES[0]), str(TEXT_SAMPLES[1]), "-o", str(out), "-q", "-j", "1"])
    assert first.exit_code == 0 and sorted(p.name for p in out.iterdir()) == sorted(
        p.stem + ".json" for p in TEXT_SAMPLES[:2])
    again = run([str(TEXT_SAMPLES[0]), "-o", str(out), "-j", "1"])
    assert again.exit_code == 1 and "use --force" in again.stderr
    forced = run([str(TEXT_SAMPLES[0]), "-o", str(out), "--force", "-q", "-j", "1"])
    assert forced.exit_code == 0
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temporary files left


def test_extract_many_python_api_yields_results_in_order(batch_dir):
    inputs = [*sorted(batch_dir.glob("bad-*")), SAMPLES / "un-kazakhstan-sitrep-2020-11-09.txt"]
    results = list(extract_many(inputs, jobs=2))
    assert [r.path for r in results] == [str(p) for p in inputs]
    assert [r.ok for r in results] == [False, False, False, True]
    assert results[-1].report.case_tables[0].confirmed == 116772


def test_stdin_is_read_with_a_dash():
    result = run(["-", "--json"], input_bytes=TEXT_SAMPLES[0].read_bytes())
    assert json.loads(result.stdout)["source"]["path"] == "-"


_ON_DASK = """
import sys
from distributed import LocalCluster
from sitrep_extract.cli import main
with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
    main([sys.argv[1], "--jsonl", "-q", "--dask", cluster.scheduler_address])
"""


def test_dask_cluster_gives_the_same_output(batch_dir, in_process):
    # in a process of its own: the cluster's threads outlive it and would disturb later tests
    pytest.importorskip("distributed")
    on_dask = subprocess.run([sys.executable, "-c", _ON_DASK, str(batch_dir)], capture_output=True, text=True,
                             timeout=300)
    assert on_dask.returncode == 1 and on_dask.stdout == in_process.stdout, on_dask.stderr[-2000:]


def test_installed_console_script_runs_as_a_module():
    result = subprocess.run([sys.executable, "-m", "sitrep_extract", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith("sitrep-extract, version")
