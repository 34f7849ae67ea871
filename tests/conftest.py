"""Shared fixtures: the bundled samples and their gold answers."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

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
