"""Limits and safety: per-file limits (--max-bytes, --max-pages, --max-memory, --timeout), a crashing
reader, output safety (CSV formula guard, atomic --output-dir writes that never replace an input or
leave the directory), no network, nothing embedded in a PDF executed, and Ctrl-C/SIGTERM."""
from __future__ import annotations

import json
import multiprocessing
import os
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT, SAMPLES
from test_bad_input import SITREP_LINES, bomb_pdf, one_page_pdf
from sitrep_extract.cli import main, parse_size
from sitrep_extract.output import Printer
from sitrep_extract.schema import validate

TEXT_SAMPLE = SAMPLES / "un-kazakhstan-sitrep-2020-11-09.txt"
PDF_SAMPLE = SAMPLES / "un-kazakhstan-sitrep-2020-11-09-two-column.pdf"
ALL_SAMPLES = sorted(p for p in [*SAMPLES.glob("*.*"), *(SAMPLES / "real").glob("*.pdf")]
                     if p.suffix in (".pdf", ".txt"))
FORK = multiprocessing.get_start_method() == "fork"  # workers inherit the test's patches
rlimit_as = pytest.mark.skipif(sys.platform != "linux", reason="--max-memory relies on Linux RLIMIT_AS")


def run(args, input_bytes=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input_bytes, catch_exceptions=False)


def stderr_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


def one_failure(result, path, reason: str) -> None:
    assert result.exit_code == 1, result.output
    lines = stderr_lines(result)
    assert len(lines) == 1 and lines[0].startswith(f"sitrep-extract: {path}: ") and reason in lines[0], lines
    assert "Traceback" not in result.output


def copies(folder: Path, count: int, sample: Path = TEXT_SAMPLE) -> list[Path]:
    folder.mkdir(exist_ok=True)
    paths = []
    for k in range(count):
        path = folder / f"r{k:02d}{sample.suffix}"
        path.write_bytes(sample.read_bytes())
        paths.append(path)
    return paths


# ---------------------------------------------------------------- --max-bytes, --max-pages

def test_max_bytes_refuses_a_larger_file(tmp_path):
    result = run([TEXT_SAMPLE, "--max-bytes", "10K", "--json", "-j", "1"])
    one_failure(result, TEXT_SAMPLE, "over the --max-bytes limit of 10,240")
    assert run([TEXT_SAMPLE, "--max-bytes", "1M", "--json", "-q", "-j", "1"]).exit_code == 0


def test_max_bytes_bounds_stdin():
    result = run(["-", "--max-bytes", "1000", "--json", "-j", "1"], input_bytes=b"x " * 100_000)
    one_failure(result, "-", "over the --max-bytes limit of 1,000")


def test_max_pages_refuses_a_longer_pdf_but_pages_can_narrow_it():
    result = run([PDF_SAMPLE, "--max-pages", "1", "--json", "-q", "-j", "1"])
    one_failure(result, PDF_SAMPLE, "over the --max-pages limit of 1")
    narrowed = run([PDF_SAMPLE, "--max-pages", "1", "--pages", "1", "--json", "-q", "-j", "1"])
    assert narrowed.exit_code == 0 and json.loads(narrowed.stdout)["source"]["pages"] >= 2


def test_a_file_over_a_limit_does_not_stop_the_batch(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(TEXT_SAMPLE.read_bytes() * 3)
    small = SAMPLES / "un-kazakhstan-highlights-2020-11-09.txt"
    result = run([big, small, "--max-bytes", "20K", "--jsonl", "-q", "-j", "1"])
    assert result.exit_code == 1 and len(stderr_lines(result)) == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert "error" in records[0] and validate(records[1]) == []


@pytest.mark.parametrize("text, size", [("4G", 4 << 30), ("512M", 512 << 20), ("64MiB", 64 << 20), ("1k", 1024),
                                        ("1000", 1000), ("1.5G", 3 << 29), ("0", None), ("none", None)])
def test_sizes(text, size):
    assert parse_size(text) == size


@pytest.mark.parametrize("bad", ["abc", "-1", "5X", "G", "nan", "inf", "1e40"])
def test_a_bad_size_is_a_usage_error(bad):
    result = run([TEXT_SAMPLE, "--max-memory", bad])
    assert result.exit_code == 2 and "is not a size" in result.stderr


# ---------------------------------------------------------------- --max-memory (decompression bombs)

@pytest.fixture(scope="module")
def bomb(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("bomb") / "bomb.pdf"
    path.write_bytes(bomb_pdf(192 * 1024 * 1024))  # ~200 KB that inflate to 192 MB
    return path


@rlimit_as
def test_decompression_bomb_in_process_is_an_error_for_that_file(bomb):
    result = run([bomb, PDF_SAMPLE, "--max-memory", "64M", "--jsonl", "-q", "-j", "1"])
    assert result.exit_code == 1
    [line] = stderr_lines(result)
    assert line == f"sitrep-extract: {bomb}: needs more than the --max-memory limit of 64 MiB (a decompression bomb?)"
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert "error" in records[0] and validate(records[1]) == []


@rlimit_as
def test_decompression_bomb_in_a_worker_process(bomb):
    result = run([bomb, PDF_SAMPLE, TEXT_SAMPLE, "--max-memory", "64M", "--jsonl", "-q", "-j", "2"])
    assert result.exit_code == 1
    [line] = stderr_lines(result)
    assert "--max-memory limit of 64 MiB" in line
    assert [("error" in json.loads(line)) for line in result.stdout.splitlines()] == [True, False, False]


@rlimit_as
def test_memory_limit_is_lifted_after_each_file(bomb):
    import resource

    before = resource.getrlimit(resource.RLIMIT_AS)
    run([bomb, "--max-memory", "64M", "--json", "-q", "-j", "1"])
    assert resource.getrlimit(resource.RLIMIT_AS) == before


# ---------------------------------------------------------------- --timeout, and a reader that crashes

def test_timeout_in_process_is_not_swallowed_by_the_page_loop(monkeypatch):
    """The PDF reader skips a page that raises an Exception; the timeout must not be one of those."""
    from sitrep_extract.readers import pdf as reader

    def stuck(page, number, next_table_id):
        time.sleep(20)
        raise AssertionError("not reached")

    monkeypatch.setattr(reader, "_read_page", stuck)
    started = time.monotonic()
    # 2 s: room for the text sample on a busy machine, far below the 20 s the stuck reader would take
    result = run([PDF_SAMPLE, TEXT_SAMPLE, "--timeout", "2", "--jsonl", "-q", "-j", "1"])
    assert time.monotonic() - started < 15
    assert result.exit_code == 1
    [line] = stderr_lines(result)
    assert line == f"sitrep-extract: {PDF_SAMPLE}: timed out after 2 s (--timeout)"
    assert validate(json.loads(result.stdout.splitlines()[1])) == []


@pytest.mark.skipif(not FORK, reason="needs worker processes forked with the test's patches")
def test_a_worker_stuck_where_no_signal_reaches_is_killed(tmp_path, monkeypatch):
    """A call into C that never returns does not see SIGALRM: the parent kills the worker instead."""
    from sitrep_extract import pipeline

    real = pipeline.analyse
    stuck = tmp_path / "stuck.txt"
    stuck.write_bytes(TEXT_SAMPLE.read_bytes())

    def analyse(source, **options):
        if options.get("name") == str(stuck):
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            time.sleep(60)
        return real(source, **options)

    monkeypatch.setattr(pipeline, "analyse", analyse)
    others = copies(tmp_path / "more", 3)
    started = time.monotonic()
    result = run([stuck, *others, "--timeout", "2", "--jsonl", "-q", "-j", "2"])
    assert time.monotonic() - started < 30
    assert result.exit_code == 1
    assert stderr_lines(result) == [f"sitrep-extract: {stuck}: timed out after 2 s (--timeout)"]
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert "error" in records[0] and all(validate(r) == [] for r in records[1:]) and len(records) == 4


@pytest.mark.skipif(not FORK, reason="needs worker processes forked with the test's patches")
def test_a_worker_that_dies_is_an_error_for_its_file_only(tmp_path, monkeypatch):
    from sitrep_extract import pipeline

    real = pipeline.analyse
    doomed = tmp_path / "doomed.txt"
    doomed.write_bytes(TEXT_SAMPLE.read_bytes())

    def analyse(source, **options):
        if options.get("name") == str(doomed):
            import faulthandler

            faulthandler.disable()  # pytest's, inherited: no dump of this deliberate crash
            os.kill(os.getpid(), signal.SIGSEGV)
        return real(source, **options)

    monkeypatch.setattr(pipeline, "analyse", analyse)
    others = copies(tmp_path / "more", 4)
    result = run([others[0], doomed, *others[1:], "--jsonl", "-q", "-j", "2"])
    assert result.exit_code == 1
    assert stderr_lines(result) == [f"sitrep-extract: {doomed}: the reading process was killed by SIGSEGV"]
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [("error" in r) for r in records] == [False, True, False, False, False]


# ---------------------------------------------------------------- CSV formula injection

FORMULAS = ["=HYPERLINK(\"http://evil.example\",\"click\")", "+1+2", "-3+4", "@SUM(A1:A2)", "\tTAB", "\rCR"]


@pytest.fixture()
def formula_report(tmp_path) -> Path:
    path = tmp_path / "formulas.txt"
    bullets = "\n".join(f"• {cell}" for cell in FORMULAS)
    path.write_text("COVID-19 SITUATION REPORT No. 3\n\nHIGHLIGHTS\n\n" + bullets + "\n", encoding="utf-8")
    return path


def csv_cells(text: str) -> list[str]:
    import csv
    import io

    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def test_csv_cells_that_could_run_as_formulas_are_neutralised(formula_report):
    result = run([formula_report, "--csv", "-q", "-j", "1"])
    assert result.exit_code == 0
    cells = csv_cells(result.stdout)
    starts = [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert starts == [], starts
    guarded = [cell for cell in cells if cell.startswith("'")]
    assert {cell[1:2] for cell in guarded} >= {"=", "+", "@"}


def test_no_csv_guard_keeps_cells_as_they_are(formula_report):
    cells = csv_cells(run([formula_report, "--csv", "--no-csv-guard", "-q", "-j", "1"]).stdout)
    assert any(cell.startswith("=HYPERLINK") for cell in cells)
    assert not any(cell.startswith("'") for cell in cells)


def test_file_name_that_looks_like_a_formula_is_guarded(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    name = "=cmd|' calc'!A0.txt"
    Path(name).write_bytes(TEXT_SAMPLE.read_bytes())
    rows = csv_cells(run([name, "--csv", "-q", "-j", "1"]).stdout)
    assert f"'{name}" in rows and name not in rows
    cases = csv_cells(run([name, "--csv", "--cases", "-q", "-j", "1"]).stdout)
    assert f"'{name}" in cases


# ---------------------------------------------------------------- --output-dir

def test_output_files_are_complete_readable_and_leave_no_temporary_files(tmp_path):
    out = tmp_path / "out"
    result = run([TEXT_SAMPLE, PDF_SAMPLE, "-o", out, "-q", "-j", "1"])
    assert result.exit_code == 0 and result.stdout == ""
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted([TEXT_SAMPLE.stem + ".json", PDF_SAMPLE.stem + ".json"])
    for path in out.iterdir():
        assert validate(json.loads(path.read_text(encoding="utf-8"))) == []
        assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_output_never_replaces_an_input(tmp_path):
    """An input named like an output (here given explicitly) in the output directory itself."""
    victim = tmp_path / "report.json"
    victim.write_bytes(TEXT_SAMPLE.read_bytes())
    before = victim.read_bytes()
    result = run([victim, "-o", tmp_path, "--force", "-q", "-j", "1"])
    one_failure(result, victim, "it is one of the inputs")
    assert victim.read_bytes() == before


def test_output_never_replaces_an_input_through_a_hard_link(tmp_path):
    source = tmp_path / "in" / "report.txt"
    source.parent.mkdir()
    source.write_bytes(TEXT_SAMPLE.read_bytes())
    out = tmp_path / "out"
    out.mkdir()
    os.link(source, out / "report.json")
    result = run([source, "-o", out, "--force", "-q", "-j", "1"])
    one_failure(result, source, "it is one of the inputs")
    assert source.read_bytes() == TEXT_SAMPLE.read_bytes()


def test_force_replaces_a_symlink_not_the_file_it_points_to(tmp_path):
    victim = tmp_path / "precious.txt"
    victim.write_text("do not touch", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / f"{TEXT_SAMPLE.stem}.json").symlink_to(victim)
    refused = run([TEXT_SAMPLE, "-o", out, "-q", "-j", "1"])
    one_failure(refused, TEXT_SAMPLE, "exists (use --force to replace it)")
    forced = run([TEXT_SAMPLE, "-o", out, "--force", "-q", "-j", "1"])
    assert forced.exit_code == 0
    written = out / f"{TEXT_SAMPLE.stem}.json"
    assert not written.is_symlink() and validate(json.loads(written.read_text(encoding="utf-8"))) == []
    assert victim.read_text(encoding="utf-8") == "do not touch"


@pytest.mark.parametrize("name", ["../../etc/passwd", "/etc/cron.d/evil.pdf", "a/b/../../../c.txt", "..", ".", "",
                                  ".bashrc", "..pdf", "-", "con\n.txt", "x" * 400 + ".pdf", "é" * 300 + ".txt",
                                  "a\\..\\..\\b.txt", "report\x00.pdf"])
def test_output_names_stay_inside_the_output_dir(tmp_path, name):
    out = tmp_path / "out"
    out.mkdir()
    target = Path(Printer(output_dir=str(out))._target(name))
    assert target.parent == out
    assert not target.name.startswith(".") and target.suffix == ".json"
    assert len(target.name.encode("utf-8")) <= 255 and "/" not in target.name and "\n" not in target.name


def test_same_names_from_different_folders_do_not_collide(tmp_path):
    first, second = tmp_path / "a" / "Report.txt", tmp_path / "b" / "report.txt"
    for path in (first, second):
        path.parent.mkdir()
        path.write_bytes(TEXT_SAMPLE.read_bytes())
    out = tmp_path / "out"
    assert run([first, second, "-o", out, "-q", "-j", "1"]).exit_code == 0
    assert sorted(p.name.lower() for p in out.iterdir()) == ["report-2.json", "report.json"]


def test_a_failed_write_is_an_error_for_that_file_and_leaves_no_temporary_file(tmp_path, monkeypatch):
    out = tmp_path / "out"
    real_replace = os.replace

    def full_disk(src, dst):
        if str(dst).endswith(f"{TEXT_SAMPLE.stem}.json"):
            raise OSError(28, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", full_disk)
    other = SAMPLES / "un-kazakhstan-highlights-2020-11-09.txt"
    result = run([TEXT_SAMPLE, other, "-o", out, "-q", "-j", "1"])
    one_failure(result, TEXT_SAMPLE, "No space left on device")
    assert sorted(p.name for p in out.iterdir()) == [other.stem + ".json"]


def test_an_output_dir_that_cannot_be_created_is_a_usage_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run([TEXT_SAMPLE, "-o", blocker / "out", "-q", "-j", "1"])
    assert result.exit_code == 2 and "cannot create --output-dir" in result.stderr
    assert "Traceback" not in result.output


def test_output_dir_with_csv_is_a_usage_error(tmp_path):
    result = run([TEXT_SAMPLE, "-o", tmp_path, "--csv"])
    assert result.exit_code == 2 and "--output-dir" in result.stderr


# ---------------------------------------------------------------- no network, nothing executed

class Tripwire:
    """Patched over everything that reaches the network or starts a program; records to a file, so an
    attempt inside a forked worker is seen too, and raises. Only the main thread (where the command
    runs, here and in its workers) is watched: threads other tests left behind (a Dask client
    retrying its closed cluster) pass through."""

    def __init__(self, path: Path):
        self.path = path

    def __call__(self, what: str, original):
        def tripped(*args, **kwargs):
            if threading.current_thread() is not threading.main_thread():
                return original(*args, **kwargs)
            with open(self.path, "a", encoding="utf-8") as log:
                log.write(f"{what} {args[:2]!r}\n")
            raise AssertionError(f"{what} called")

        return tripped

    @property
    def calls(self) -> str:
        return self.path.read_text(encoding="utf-8") if self.path.exists() else ""


@pytest.fixture()
def no_network(tmp_path, monkeypatch) -> Tripwire:
    wire = Tripwire(tmp_path / "network.log")
    for name in ("connect", "connect_ex", "sendto", "bind"):
        monkeypatch.setattr(socket.socket, name, wire(f"socket.{name}", getattr(socket.socket, name)))
    for name in ("create_connection", "getaddrinfo", "gethostbyname"):
        monkeypatch.setattr(socket, name, wire(f"socket.{name}", getattr(socket, name)))
    return wire


@pytest.fixture()
def no_programs(tmp_path, monkeypatch) -> Tripwire:
    import webbrowser

    wire = Tripwire(tmp_path / "exec.log")
    monkeypatch.setattr(subprocess, "Popen", wire("subprocess.Popen", subprocess.Popen))
    monkeypatch.setattr(webbrowser, "open", wire("webbrowser.open", webbrowser.open))
    for name in ("system", "popen", "execv", "execve", "execvp", "execvpe", "execl", "execlp", "spawnv", "spawnve",
                 "spawnvp", "posix_spawn", "posix_spawnp", "startfile"):
        if hasattr(os, name):
            monkeypatch.setattr(os, name, wire(f"os.{name}", getattr(os, name)))
    return wire


def test_a_batch_over_every_sample_opens_no_socket(no_network, monkeypatch):
    # In-process, not even a socket object may be made (workers talk over socket pairs, so not there).
    monkeypatch.setattr(socket.socket, "__init__", no_network("socket.socket", socket.socket.__init__))
    result = run([*ALL_SAMPLES, "--pages", "1-2", "--jsonl", "-q", "-j", "1"])  # two pages keep it quick
    assert no_network.calls == ""
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == len(ALL_SAMPLES) and all(validate(r) == [] for r in records)


@pytest.mark.skipif(not FORK, reason="needs worker processes forked with the test's patches")
def test_worker_processes_open_no_socket(no_network):
    result = run([*[p for p in ALL_SAMPLES if p.suffix == ".txt"], PDF_SAMPLE, "--jsonl", "-q", "-j", "2"])
    assert no_network.calls == "" and result.exit_code == 0


def pdf_with_actions() -> bytes:
    """A sitrep page whose document opens with JavaScript and whose page has a /Launch action, an
    annotation link that launches a program, and an embedded file."""
    javascript = (b"<< /Type /Action /S /JavaScript /JS (app.alert\\('pwned'\\); "
                  b"this.exportDataObject\\({cName: 'x.exe', nLaunch: 2}\\);) >>")
    launch = b"<< /Type /Action /S /Launch /F (/bin/sh) /Win << /F (cmd.exe) /P (/c calc.exe) >> /NewWindow true >>"
    annotation = b"<< /Type /Annot /Subtype /Link /Rect [72 700 300 720] /A 7 0 R >>"
    embedded = b"<< /Type /Filespec /F (x.exe) /EF << /F 10 0 R >> >>"
    payload = b"<< /Length 20 /Type /EmbeddedFile >>\nstream\n#!/bin/sh\ntouch pwn\n\nendstream"
    return one_page_pdf(
        catalog=b"/OpenAction 6 0 R /AA << /WC 6 0 R >> /Names << /JavaScript << /Names [(run) 6 0 R] >> "
                b"/EmbeddedFiles << /Names [(x.exe) 9 0 R] >> >> ",
        page=b"/AA << /O 7 0 R /C 6 0 R >> /Annots [8 0 R] ",
        extra=(javascript, launch, annotation, embedded, payload))


def test_javascript_and_launch_actions_are_never_run(tmp_path, monkeypatch, no_programs, no_network):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "actions.pdf"
    path.write_bytes(pdf_with_actions())
    result = run([path, "--json", "-q", "-j", "1"])
    assert no_programs.calls == "" and no_network.calls == ""
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert validate(data) == [] and SITREP_LINES[3] in result.stdout  # read as an ordinary page
    assert not (tmp_path / "pwn").exists()
    for view in ("--text", "--explain"):
        shown = run([path, view, "-q", "-j", "1"])
        assert shown.exit_code == 0 and SITREP_LINES[1] in shown.stdout
    assert no_programs.calls == ""


# ---------------------------------------------------------------- Ctrl-C and SIGTERM

def start(args, **options) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "sitrep_extract", *map(str, args)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **options)


def wait_for_first_output(out: Path, process: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not (out.is_dir() and any(p.suffix == ".json" for p in out.iterdir())):
        assert process.poll() is None, process.stderr.read().decode()
        assert time.monotonic() < deadline, "no output file appeared"
        time.sleep(0.01)


@pytest.mark.parametrize("sig, jobs, whole_group", [(signal.SIGTERM, 1, False), (signal.SIGINT, 1, False),
                                                    (signal.SIGTERM, 2, False), (signal.SIGINT, 2, True)])
def test_interrupted_batch_exits_128_plus_signal_and_leaves_only_complete_files(tmp_path, sig, jobs, whole_group):
    inputs = copies(tmp_path / "in", 40)
    out = tmp_path / "out"
    process = start([tmp_path / "in", "-o", out, "-j", jobs], start_new_session=whole_group)
    try:
        wait_for_first_output(out, process)
        if whole_group:  # as a terminal's Ctrl-C: the parent and its workers all get it
            os.killpg(process.pid, sig)
        else:
            process.send_signal(sig)
        _, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 128 + sig
    stderr = stderr.decode()
    assert "Traceback" not in stderr and "interrupted after" in stderr
    written = sorted(out.iterdir())
    assert all(p.suffix == ".json" and not p.name.startswith(".") for p in written), written
    assert 1 <= len(written) < len(inputs)
    for path in written:
        assert validate(json.loads(path.read_text(encoding="utf-8"))) == []


def test_interrupted_jsonl_stream_has_only_whole_records(tmp_path):
    copies(tmp_path / "in", 40)
    process = start([tmp_path / "in", "--jsonl", "-j", "1"])
    try:
        first = process.stdout.readline()
        process.send_signal(signal.SIGTERM)
        rest, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 143 and b"Traceback" not in stderr
    lines = (first + rest).decode().splitlines()
    assert 1 <= len(lines) < 40 and all(validate(json.loads(line)) == [] for line in lines)


def wait_until_reading_stdin(pid: int, timeout: float = 30) -> None:
    """Until the process sits in read(0, …) (Linux /proc); elsewhere a generous pause."""
    syscall = Path(f"/proc/{pid}/syscall")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            fields = syscall.read_text().split()
        except OSError:
            time.sleep(3)
            return
        if fields[:2] in (["0", "0x0"], ["63", "0x0"]):  # read on x86-64 / arm64, fd 0
            time.sleep(0.1)
            return
        time.sleep(0.02)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_signal_while_waiting_for_stdin_exits_quietly(sig):
    process = start(["-", "--json"], stdin=subprocess.PIPE)
    try:
        wait_until_reading_stdin(process.pid)
        process.send_signal(sig)
        stdout, stderr = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 128 + sig
    assert stdout == b"" and b"Traceback" not in stderr and b"Aborted" not in stderr
