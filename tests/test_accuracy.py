"""Accuracy on the bundled samples, scored by the shared scorer against the hand-made gold answers.

A drop below a document's threshold is a regression. The scorer is a copy of
../shared/eval/score.py (standard library only), so the suite runs on its own.
"""
from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CASES, GOLD, SAMPLES
from sitrep_extract import extract

SCORER_PATH = Path(__file__).parent / "scorer" / "score.py"
spec = importlib.util.spec_from_file_location("sitrep_scorer", SCORER_PATH)
scorer = importlib.util.module_from_spec(spec)
spec.loader.exec_module(scorer)


@pytest.mark.parametrize("name", sorted(CASES))
def test_sample_scores_at_least_its_threshold(name):
    case = CASES[name]
    gold = json.loads((GOLD / case["gold"]).read_text())
    output = json.loads(json.dumps(extract(SAMPLES / name).to_dict()))
    fields = scorer.score(gold, output)
    total = scorer.total(fields)
    assert total >= case["min_score"], f"{name}: {total:.3f} < {case['min_score']} ({fields})"


def test_scorer_runs_the_command_line_tool_like_ci_does():
    name = "un-kazakhstan-sitrep-2020-11-09.txt"
    result = scorer.run_tool(f"{sys.executable} -m sitrep_extract {{}} --json", SAMPLES / name)
    gold = json.loads((GOLD / CASES[name]["gold"]).read_text())
    assert scorer.total(scorer.score(gold, result)) >= CASES[name]["min_score"]


def test_project_scorer_is_the_shared_one_when_shared_is_present():
    shared = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score.py"
    if not shared.exists():
        pytest.skip("../shared is not beside this checkout")
    assert shared.read_bytes() == SCORER_PATH.read_bytes(), "../shared/eval/score.py changed: copy it again"


def test_every_gold_file_has_a_sample():
    used = {case["gold"] for case in CASES.values()}
    golds = {p.relative_to(GOLD).as_posix() for p in GOLD.rglob("*.json") if p.name != "cases.json"}
    assert used == golds
