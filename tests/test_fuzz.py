"""Fuzzing the whole pipeline: random and mutated text, mutated PDFs (flipped bytes, cuts, spliced
ranges). Whatever comes in, the only exception is the tool's own ExtractError, and every report that
comes out validates against the JSON Schema and serialises to JSON, JSON Lines and CSV.

The budget is small so CI stays fast. For a long local run:

    SITREP_FUZZ_EXAMPLES=2000 python -m pytest tests/test_fuzz.py

With the variable set, examples are random (a new search each run); without it they are derived from
the test names, so CI always runs the same cases.
"""
from __future__ import annotations

import io
import json
import os
import signal
from contextlib import contextmanager
from functools import lru_cache

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import SAMPLES
from pdf_fixtures import LOREM, Bar, Text, build
from sitrep_extract import ExtractError, extract
from sitrep_extract.emit import to_json, to_jsonl, write_cases, write_items
from sitrep_extract.schema import validate

EXAMPLES = int(os.environ.get("SITREP_FUZZ_EXAMPLES", "30"))
LONG_RUN = "SITREP_FUZZ_EXAMPLES" in os.environ
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=not LONG_RUN, database=None if not LONG_RUN else
                settings.default.database, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
SECONDS_PER_INPUT = 30  # far above any real input: a hang is a failure, not a slow test


class Hang(BaseException):
    pass


@contextmanager
def no_hang(seconds: int = SECONDS_PER_INPUT):
    def alarm(signum, frame):
        raise Hang(f"no answer after {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def check(data: bytes, **options) -> None:
    """Run the pipeline on ``data``: an ExtractError with a one-line reason, or a valid report."""
    try:
        with no_hang():
            report = extract(data, name="fuzz", **options)
    except ExtractError as error:
        assert error.reason and "\n" not in str(error)
        return
    document = json.loads(to_json(report))
    assert validate(document) == []
    line = to_jsonl(report)
    assert "\n" not in line and json.loads(line) == document
    buffer = io.StringIO()
    write_items([report], buffer)
    write_cases([report], buffer)


# ---------------------------------------------------------------- text

@lru_cache(maxsize=None)
def text_samples() -> tuple[bytes, ...]:
    return tuple(path.read_bytes() for path in sorted(SAMPLES.glob("*.txt")))


def sitrep_lines() -> list[str]:
    return [line for data in text_samples() for line in data.decode("utf-8").splitlines()]


@FUZZ
@given(st.text(max_size=3000))
def test_random_text(text):
    check(text.encode("utf-8", errors="surrogatepass"))


@FUZZ
@given(st.binary(max_size=3000))
def test_random_bytes(data):
    check(data)


@FUZZ
@given(st.lists(st.one_of(st.sampled_from(sitrep_lines()), st.text(max_size=80),
                          st.sampled_from(["", " ", "HIGHLIGHTS", "1. SITUATION OVERVIEW", "• ", "- ",
                                           "Confirmed 1 234 567", "CFR 1,59%", "More on page 3.",
                                           "As of 10 July 2020", "date 2020-11-09", "\t", "\f"])),
                max_size=120))
@example(lines=["date 2023-05-16 Foreign Ministry holds meeting with UN Deputy Secretary-General", "\f"] * 2)
def test_shuffled_sitrep_lines(lines):
    check("\n".join(lines).encode("utf-8", errors="surrogatepass"))


@st.composite
def mutated(draw, samples):
    """One of ``samples`` with a few bytes flipped, a range cut out, spliced in twice, or the file cut short."""
    data = bytearray(draw(st.sampled_from(samples)))
    for _ in range(draw(st.integers(1, 4))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        kind = draw(st.sampled_from(["flip", "flip", "cut", "delete", "repeat", "insert"]))
        if kind == "flip":
            for offset in range(draw(st.integers(1, 16))):
                if at + offset < len(data):
                    data[at + offset] ^= 1 << draw(st.integers(0, 7))
        elif kind == "cut":
            del data[at:]
        elif kind == "delete":
            del data[at:at + draw(st.integers(1, 2000))]
        elif kind == "repeat":
            data[at:at] = data[at:at + draw(st.integers(1, 2000))] * draw(st.integers(1, 3))
        else:
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
    return bytes(data)


@FUZZ
@given(mutated(text_samples()))
def test_mutated_text_samples(data):
    check(data)


# ---------------------------------------------------------------- PDF

@lru_cache(maxsize=None)
def pdf_samples() -> tuple[bytes, ...]:
    """A small PDF drawn here (two pages: headings, columns, a ruled table) and a bundled sample."""
    small = build([
        [Bar(40, 40, 515, 30), Text(50, 48, 400, "COVID-19 SITUATION REPORT No. 12", size=14, bold=True),
         Text(50, 100, 240, "HIGHLIGHTS", bold=True), Text(50, 120, 240, LOREM),
         Text(310, 100, 240, "EPIDEMIOLOGY", bold=True), Text(310, 120, 240, "Confirmed 1 234; deaths 56.")],
        [Text(50, 60, 495, "COORDINATION", bold=True), Text(50, 80, 495, LOREM + " More on page 1.")],
    ])
    return small, (SAMPLES / "un-kazakhstan-sitrep-2020-11-09-two-column.pdf").read_bytes()


@FUZZ
@given(mutated(pdf_samples()[:1]))
def test_mutated_small_pdf(data):
    check(data)


@settings(FUZZ, max_examples=max(5, EXAMPLES // 3))
@given(mutated(pdf_samples()[1:]))
def test_mutated_sample_pdf(data):
    check(data, pages={1})


@FUZZ
@given(st.sampled_from(pdf_samples()), st.floats(0, 1))
def test_pdf_cut_at_any_offset(data, share):
    check(data[: int(len(data) * share)], pages={1})
