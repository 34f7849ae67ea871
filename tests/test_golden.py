"""Golden files: the whole output for every sample, so any change in what comes out is seen.

After an intended change, regenerate with `SITREP_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py`
and read the diff of tests/golden/ before committing it.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLES
from sitrep_extract import extract
from sitrep_extract.schema import validate

GOLDEN = Path(__file__).parent / "golden"
SAMPLE_FILES = sorted(p for p in SAMPLES.rglob("*") if p.suffix in (".txt", ".pdf"))


def output_of(path: Path) -> dict:
    data = extract(path, name=path.relative_to(ROOT).as_posix()).to_dict()
    return json.loads(json.dumps(data, ensure_ascii=False))


def test_every_sample_has_a_golden_file():
    expected = {p.relative_to(SAMPLES).as_posix().replace("/", "__") + ".json" for p in SAMPLE_FILES}
    assert expected == {p.name for p in GOLDEN.glob("*.json")} or os.environ.get("SITREP_UPDATE_GOLDEN")


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.relative_to(SAMPLES).as_posix())
def test_output_matches_golden_file(path):
    golden = GOLDEN / (path.relative_to(SAMPLES).as_posix().replace("/", "__") + ".json")
    output = output_of(path)
    assert validate(output) == []
    if os.environ.get("SITREP_UPDATE_GOLDEN"):
        golden.write_text(json.dumps(output, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    expected = json.loads(golden.read_text(encoding="utf-8"))
    assert output == expected


def test_output_does_not_depend_on_hash_seeds():
    """Set iteration order changes with PYTHONHASHSEED; no decision may depend on it."""
    import subprocess
    import sys

    path = SAMPLES / "variants" / "un-kazakhstan-sitrep-2020-07-10-headings-last.txt"
    outputs = {subprocess.run([sys.executable, "-m", "sitrep_extract", str(path), "--jsonl"], capture_output=True,
                              env={**os.environ, "PYTHONHASHSEED": seed}, check=True).stdout
               for seed in ("1", "2", "3")}
    assert len(outputs) == 1
