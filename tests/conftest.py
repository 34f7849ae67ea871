"""Shared fixtures: the bundled samples and their gold answers."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests in CI: no per-example deadline (a busy 2-core machine is not a slow parser) and a
# fixed seed, so a run is repeatable; HYPOTHESIS_PROFILE=explore draws new examples each run.
settings.register_profile("ci", deadline=None, derandomize=True, database=None)
settings.register_profile("explore", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GOLD = Path(__file__).resolve().parent / "gold"
REAL_PDFS = sorted((SAMPLES / "real").glob("*.pdf"))
CASES = json.loads((GOLD / "cases.json").read_text())


def sample(name: str) -> Path:
    return SAMPLES / name


@pytest.fixture(scope="session")
def sitrep_text() -> Path:
    return sample("un-kazakhstan-sitrep-2020-11-09.txt")


@pytest.fixture(scope="session")
def raw_text() -> Path:
    return sample("un-kazakhstan-sitrep-2020-07-10-raw-pdf-text.txt")


@pytest.fixture(scope="session")
def sitrep_pdf() -> Path:
    return sample("un-kazakhstan-sitrep-2020-11-09-two-column.pdf")
