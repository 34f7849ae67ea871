#!/usr/bin/env python3
"""Speed and memory of sitrep-extract, measured, on this machine, in one run.

    python bench/run.py                 # everything, 3 runs each (about 10-20 minutes on 2 cores)
    python bench/run.py --runs 5        # more runs per figure (medians are reported)
    python bench/run.py --quick         # smaller corpus, 1 run: a smoke test of the benchmark itself

Every input is built here from the bundled samples, so anyone can rerun it:

* the PDF set: the sample PDFs (samples/*.pdf, samples/real/*.pdf) and a 200-page report made by
  repeating their pages; a 2000-page one (the 200-page report ten times) for the memory figure;
* a batch of 21 PDFs (the samples, three times over) for --jobs scaling;
* the text samples (samples/*.txt) repeated to 20 MB.

Each figure is the median wall time of --runs runs of a fresh process (`python -m sitrep_extract`,
which is what the `sitrep-extract` command runs), so start-up and imports count, as they do for a
user.  Peak memory is the child's maximum resident set size.  The figures go to bench/results.json.

The peer comparison needs `unstructured` (see bench/README.md); it is skipped when that is missing.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_PDFS = sorted((ROOT / "samples").glob("*.pdf")) + sorted((ROOT / "samples" / "real").glob("*.pdf"))
TEXT_SAMPLES = sorted((ROOT / "samples").glob("*.txt"))
ENGINES = ("pdfplumber", "pdfium")

# Runs a command as its child and reports the wall time, the child's peak RSS, and the CPU time other
# processes took meanwhile (/proc/stat busy time minus the child's): with 2 cores, anything else
# running halves --jobs 2 and the run says nothing about us.
_WRAPPER = r"""
import json, os, resource, subprocess, sys, time
def busy():
    try:
        with open("/proc/stat") as f:
            ticks = [int(v) for v in f.readline().split()[1:9]]  # user ... softirq, steal
    except OSError:
        return None
    # all but idle and iowait; steal is time the hypervisor gave our CPUs to other machines
    return (sum(ticks) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")
before = busy()
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
seconds = time.perf_counter() - start
after = busy()
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
peak = usage.ru_maxrss  # kilobytes on Linux
ours = usage.ru_utime + usage.ru_stime
foreign = None if before is None else max(0.0, after - before - ours)
print(json.dumps({"seconds": seconds, "maxrss_kb": peak, "rc": done.returncode, "foreign_cpu_s": foreign,
                  "stderr": done.stderr.decode("utf-8", "replace")[-2000:]}))
"""
BUSY_SHARE = 0.1  # a run during which other processes took more than this share of one CPU is run again
RETRIES = 3

_EXTRACT_TEXT = r"""
import sys, pdfplumber
pages = 0
for path in sys.argv[1:]:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.close()
            pages += 1
"""

_READ_ONLY = r"""
import sys
from sitrep_extract.readers.pdf import read_pdf
engine = sys.argv[1]
for path in sys.argv[2:]:
    read_pdf(path, engine=engine, max_pages=100000)
"""

# The floor under the pdfium engine: only the calls it makes to PDFium for every character (its text
# object, its origin, whether its code maps to Unicode) and for every page, nothing done with the answers.
_PDFIUM_CALLS = r"""
import ctypes, sys
from ctypes import byref, c_double, c_void_p
import pypdfium2 as pdfium
from sitrep_extract.readers.pdfium_calls import calls
api = calls()
x, y = c_double(), c_double()
rx, ry = byref(x), byref(y)
for path in sys.argv[1:]:
    pdf = pdfium.PdfDocument(path)
    for k in range(len(pdf)):
        page = pdf[k]
        tp = api.load_text(ctypes.cast(page.raw, c_void_p).value)
        for i in range(api.count_chars(tp)):
            api.text_object(tp, i)
            api.origin(tp, i, rx, ry)
            api.map_error(tp, i)
        api.close_text(tp)
        page.close()
    pdf.close()
"""

_UNSTRUCTURED = r"""
import logging, sys, warnings
warnings.filterwarnings("ignore")
logging.disable(logging.CRITICAL)
import spacy
import unstructured.nlp.tokenize as tokenize
if not spacy.util.is_package("en_core_web_sm"):
    # unstructured downloads spaCy's en_core_web_sm on first use; with no network, give it spaCy's
    # blank English pipeline (a sentencizer, no tagger): faster than the real model
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    tokenize._get_nlp = lambda: nlp
from unstructured.partition.pdf import partition_pdf
for path in sys.argv[1:]:
    partition_pdf(path, strategy="fast", languages=["eng"])
"""

_HAS_UNSTRUCTURED = r"""
import warnings
warnings.filterwarnings("ignore")
from importlib.metadata import version
import spacy
from unstructured.partition.pdf import partition_pdf
print("VERSION", version("unstructured"), "en_core_web_sm" if spacy.util.is_package("en_core_web_sm") else "blank")
"""


def env() -> dict:
    e = dict(os.environ)
    e["PYTHONPATH"] = str(ROOT) + (os.pathsep + e["PYTHONPATH"] if e.get("PYTHONPATH") else "")
    e["PYTHONHASHSEED"] = "0"
    return e


def run(cmd: list[str], timeout: float | None = None) -> dict:
    out = subprocess.run([sys.executable, "-c", _WRAPPER, *cmd], capture_output=True, env=env(), cwd=ROOT,
                         timeout=timeout)
    if out.returncode != 0:
        raise RuntimeError(f"benchmark wrapper failed: {out.stderr.decode()[-500:]}")
    result = json.loads(out.stdout)
    if result["rc"] != 0:
        raise RuntimeError(f"{' '.join(cmd[:4])} ... exited {result['rc']}: {result['stderr'][-500:]}")
    return result


def median_of(cmd: list[str], runs: int, label: str, retries: int = RETRIES) -> dict:
    seconds, peaks, foreign = [], [], []
    for k in range(runs):
        for attempt in range(retries + 1):
            r = run(cmd)
            other = r["foreign_cpu_s"]
            busy = other is not None and other > BUSY_SHARE * r["seconds"]
            note = f"  others used {other:.1f} s CPU" if other else ""
            print(f"  {label:<44} run {k + 1}/{runs}: {r['seconds']:8.2f} s  {r['maxrss_kb'] / 1024:7.1f} MB"
                  f"{note}{'  (busy machine: again)' if busy and attempt < retries else ''}", flush=True)
            if not busy:
                break
        seconds.append(r["seconds"])
        peaks.append(r["maxrss_kb"])
        foreign.append(None if other is None else round(other, 2))
    return {"median_s": statistics.median(seconds), "runs_s": [round(s, 3) for s in seconds],
            "peak_rss_mb": round(statistics.median(peaks) / 1024, 1), "foreign_cpu_s": foreign}


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "sitrep_extract", *args]


# ---------------------------------------------------------------- corpus


def build_corpus(work: Path, quick: bool) -> dict:
    import pypdfium2 as pdfium

    work.mkdir(parents=True, exist_ok=True)
    # every sample page once (one import per file, so each file's fonts are copied once) ...
    pool = pdfium.PdfDocument.new()
    for path in SAMPLE_PDFS:
        src = pdfium.PdfDocument(str(path))
        pool.import_pages(src)
        src.close()
    # ... then the long reports repeat them, in one import each, sharing fonts and images the way
    # one long report does
    n200 = 40 if quick else 200
    report = pdfium.PdfDocument.new()
    report.import_pages(pool, [k % len(pool) for k in range(n200)])
    p200 = work / f"report-{n200}.pdf"
    report.save(str(p200))
    big = pdfium.PdfDocument.new()
    big.import_pages(report, list(range(n200)) * 10)
    p2000 = work / f"report-{10 * n200}.pdf"
    big.save(str(p2000))
    for doc in (pool, report, big):
        doc.close()

    batch = work / "batch"
    batch.mkdir(exist_ok=True)
    copies = 1 if quick else 3
    batch_files = []
    for c in range(copies):
        for path in SAMPLE_PDFS:
            target = batch / f"{c}-{path.name}"
            shutil.copyfile(path, target)
            batch_files.append(target)

    text = b"\n\n".join(p.read_bytes() for p in TEXT_SAMPLES)
    target_mb = 2 if quick else 20
    reps = -(-target_mb * 1_000_000 // len(text))
    big_text = work / "texts.txt"
    big_text.write_bytes(b"\n\n".join([text] * reps))
    pdf_set = [*SAMPLE_PDFS, p200]
    return {"pdf_set": pdf_set, "p200": p200, "p2000": p2000, "batch": batch_files, "text": big_text,
            "pdf_pages": sum(_pages(p) for p in pdf_set), "p200_pages": n200, "p2000_pages": 10 * n200}


def _pages(path: Path) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        return len(doc)
    finally:
        doc.close()


# ---------------------------------------------------------------- figures


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=3, help="runs per timing (the median is reported)")
    ap.add_argument("--memory-runs", type=int, default=1, help="runs per peak-memory figure")
    ap.add_argument("--quick", action="store_true", help="small corpus, one run: check the benchmark works")
    ap.add_argument("--skip-peer", action="store_true", help="do not run unstructured")
    ap.add_argument("--skip-text", action="store_true", help="do not run the 20 MB text path")
    ap.add_argument("--work", type=Path, default=None, help="where to build the corpus (default: a temp dir)")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results.json")
    ap.add_argument("--peer-only", action="store_true",
                    help="measure only the peer and update its figures in --out (from a full run on this machine)")
    args = ap.parse_args()
    runs = 1 if args.quick else args.runs
    if args.peer_only:
        return peer_only(args, runs)
    work = args.work or Path(tempfile.mkdtemp(prefix="sitrep-bench-"))
    results: dict = {"machine": {"python": platform.python_version(), "platform": platform.platform(),
                                 "cpus": os.cpu_count(), "load_before": os.getloadavg()},
                     "runs": runs, "started": time.strftime("%Y-%m-%d %H:%M:%S")}
    try:
        print(f"building the corpus in {work} ...", flush=True)
        corpus = build_corpus(work, args.quick)
        pdfs = [str(p) for p in corpus["pdf_set"]]
        results["corpus"] = {"pdf_files": len(pdfs), "pdf_pages": corpus["pdf_pages"],
                             "batch_files": len(corpus["batch"]), "text_mb": corpus["text"].stat().st_size / 1e6,
                             "big_pdf_pages": [corpus["p200_pages"], corpus["p2000_pages"]]}

        print("1. PDF overhead: the PDF set through pdfplumber's extract_text and through sitrep-extract")
        base = median_of([sys.executable, "-c", _EXTRACT_TEXT, *pdfs], runs, "pdfplumber extract_text")
        results["extract_text"] = base
        for engine in ENGINES:
            results[f"cli_{engine}"] = median_of(cli("--json", "--jobs", "1", "-q", "--engine", engine, *pdfs),
                                                 runs, f"sitrep-extract --json --engine {engine}")
            results[f"reader_{engine}"] = median_of([sys.executable, "-c", _READ_ONLY, engine, *pdfs], runs,
                                                    f"reader only (read_pdf), {engine}")
        results["pdfium_calls"] = median_of([sys.executable, "-c", _PDFIUM_CALLS, *pdfs], runs,
                                            "PDFium per-character calls alone")

        print("2. Peer: unstructured partition_pdf(strategy='fast') on the same PDFs")
        results["unstructured"] = None if args.skip_peer else measure_peer(pdfs, runs)

        print("3. Text path: the text samples repeated to", f"{results['corpus']['text_mb']:.1f} MB")
        if not args.skip_text:
            results["text"] = median_of(cli("--json", "--jobs", "1", "-q", "--max-bytes", "1000000000",
                                             str(corpus["text"])), runs, "sitrep-extract --json (text)")
            results["text"]["mb_per_s"] = round(results["corpus"]["text_mb"] / results["text"]["median_s"], 3)

        print("4. Peak memory on the long PDFs (the whole CLI, and the reader alone)")
        for engine in ENGINES:
            for key in ("p200", "p2000"):
                pages = corpus[f"{key}_pages"]
                results[f"memory_{engine}_{pages}"] = median_of(
                    cli("--json", "--jobs", "1", "-q", "--engine", engine, "--max-pages", str(pages),
                        str(corpus[key])), args.memory_runs if not args.quick else 1,
                    f"{pages}-page PDF, {engine}", retries=0)  # memory, not time: no reruns
                results[f"reader_memory_{engine}_{pages}"] = median_of(
                    [sys.executable, "-c", _READ_ONLY, engine, str(corpus[key])],
                    args.memory_runs if not args.quick else 1, f"{pages}-page PDF, reader only, {engine}", retries=0)

        print("5. Batch scaling: --jobs 1 and --jobs 2 over", len(corpus["batch"]), "PDFs")
        batch = [str(p) for p in corpus["batch"]]
        for engine in ENGINES:
            for jobs in (1, 2):
                results[f"batch_{engine}_jobs{jobs}"] = median_of(
                    cli("--jsonl", "--jobs", str(jobs), "-q", "--engine", engine, *batch), runs,
                    f"--jobs {jobs}, {engine}")
    finally:
        results["machine"]["load_after"] = os.getloadavg()
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)

    summary = summarise(results)
    results["summary"] = summary
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, default=str) + "\n")
    print_table(summary, results)
    print(f"\nfigures written to {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    return 0


def measure_peer(pdfs: list[str], runs: int) -> dict | None:
    probe = subprocess.run([sys.executable, "-c", _HAS_UNSTRUCTURED], capture_output=True, env=env())
    if probe.returncode != 0:
        print("  unstructured is not installed: skipped (see bench/README.md)")
        return None
    # the last "VERSION" line: importing unstructured may print other things first
    version = [line for line in probe.stdout.decode().splitlines() if line.startswith("VERSION ")][-1][8:]
    peer = median_of([sys.executable, "-c", _UNSTRUCTURED, *pdfs], runs, f"unstructured {version.split()[0]} partition_pdf fast")
    peer["version"] = version
    return peer


def peer_only(args, runs: int) -> int:
    """Add the peer to the figures of an earlier full run (installing it takes long; so does a full run)."""
    results = json.loads(args.out.read_text())
    work = args.work or Path(tempfile.mkdtemp(prefix="sitrep-bench-"))
    try:
        corpus = build_corpus(work, args.quick)
        print("2. Peer: unstructured partition_pdf(strategy='fast') on the same PDFs")
        results["unstructured"] = measure_peer([str(p) for p in corpus["pdf_set"]], runs)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    results["summary"] = summarise(results)
    args.out.write_text(json.dumps(results, indent=2, default=str) + "\n")
    print_table(results["summary"], results)
    return 0


def summarise(r: dict) -> list[dict]:
    rows = []
    base = r["extract_text"]["median_s"]

    def row(name, value, unit, target, ok):
        rows.append({"figure": name, "value": value, "unit": unit, "target": target, "met": ok})

    for engine, target, limit in (("pdfplumber", "<= 1.3x", 1.3), ("pdfium", "<= 0.2x", 0.2)):
        ratio = r[f"cli_{engine}"]["median_s"] / base
        row(f"PDF overhead, {engine} engine (whole CLI / extract_text)", round(ratio, 3), "x", target,
            ratio <= limit)
        reader = r[f"reader_{engine}"]["median_s"] / base
        row(f"  reader only, {engine} (read_pdf / extract_text)", round(reader, 3), "x", "-", None)
        if engine == "pdfium" and r.get("pdfium_calls"):
            floor = r["pdfium_calls"]["median_s"] / base
            row("  PDFium's per-character calls alone (no work on the answers)", round(floor, 3), "x", "-", None)
    peer = r.get("unstructured")
    if peer:
        for engine in ENGINES:
            ratio = peer["median_s"] / r[f"cli_{engine}"]["median_s"]
            row(f"unstructured fast / sitrep-extract {engine}", round(ratio, 2), "x", "> 1 (we are faster)",
                ratio > 1)
    else:
        row("unstructured fast / sitrep-extract", None, "x", "> 1", None)
    if r.get("text"):
        mbs = r["text"]["mb_per_s"]
        row("text path throughput", mbs, "MB/s", ">= 5", mbs >= 5)
    for engine in ENGINES:
        for prefix, label in (("memory", "peak RSS"), ("reader_memory", "  reader only")):
            keys = sorted((k for k in r if k.startswith(f"{prefix}_{engine}_")), key=lambda k: int(k.rsplit("_", 1)[1]))
            if len(keys) == 2:
                small, large = (r[k]["peak_rss_mb"] for k in keys)
                pages = [k.rsplit("_", 1)[1] for k in keys]
                row(f"{label} {engine}: {pages[0]} pages {small:.0f} MB, {pages[1]} pages {large:.0f} MB",
                    round(large / small, 2), "x", "<= 1.5x" if prefix == "memory" else "-",
                    large / small <= 1.5 if prefix == "memory" else None)
    for engine in ENGINES:
        one, two = r[f"batch_{engine}_jobs1"]["median_s"], r[f"batch_{engine}_jobs2"]["median_s"]
        row(f"batch speed-up, {engine} (--jobs 1 / --jobs 2)", round(one / two, 2), "x", ">= 1.7x", one / two >= 1.7)
    return rows


def print_table(rows: list[dict], r: dict) -> None:
    print()
    print(f"sitrep-extract benchmark -- {r['corpus']['pdf_files']} PDFs / {r['corpus']['pdf_pages']} pages, "
          f"{r['runs']} run(s) each, medians; load {r['machine']['load_before'][0]:.2f} -> "
          f"{r['machine']['load_after'][0]:.2f}")
    base = r["extract_text"]["median_s"]
    print(f"pdfplumber extract_text over the PDF set: {base:.2f} s "
          f"({1000 * base / r['corpus']['pdf_pages']:.1f} ms/page)")
    width = max(len(x["figure"]) for x in rows)
    print(f"{'figure':<{width}}  {'value':>9}  {'target':<20} met")
    print("-" * (width + 38))
    for x in rows:
        value = "n/a" if x["value"] is None else f"{x['value']}{x['unit'] if x['unit'] != 'x' else 'x'}"
        met = {True: "yes", False: "NO", None: ""}[x["met"]]
        print(f"{x['figure']:<{width}}  {value:>9}  {x['target']:<20} {met}")


if __name__ == "__main__":
    sys.exit(main())
