"""Start-up: the verbs that need no model (`--help`, `convert`, `solve`, `verify`) never load the heavy
libraries (torch, transformers, HuggingFace datasets, pyarrow), so they start in a fraction of a second.

Each verb runs in a fresh interpreter on a small real input; the probe then lists what the process loaded.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import HANG_GUARD

HEAVY = ("torch", "transformers", "datasets", "pyarrow", "tokenizers", "safetensors")
CONTEXT = "Bob is big. The cat chases the dog. If something is big then it is red."

VERBS = {
    "help": ["--help"],
    "convert": ["convert", "theory.txt", "--to", "dsl", "-o", "theory.dsl"],
    "solve": ["solve", "questions.json", "-o", "answers.jsonl"],
    "verify": ["verify", "explanations.jsonl", "-o", "verdicts.jsonl"],
}


def _inputs(folder: Path) -> None:
    (folder / "theory.txt").write_text(CONTEXT + "\n", encoding="utf-8")
    question = {
        "id": "q1",
        "context": CONTEXT,
        "question": "Based on the above information, is the following statement true, false, or unknown? Bob is red.",
        "options": ["A) True", "B) False", "C) Unknown"],
        "answer": "A",
    }
    (folder / "questions.json").write_text(json.dumps([question]), encoding="utf-8")
    explanation = {
        "id": "e1",
        "context": CONTEXT,
        "statement": "Bob is red.",
        "explanation": "sent1 & sent3 -> hypothesis",
    }
    (folder / "explanations.jsonl").write_text(json.dumps(explanation) + "\n", encoding="utf-8")


@pytest.mark.parametrize("verb", sorted(VERBS))
def test_a_verb_without_a_model_loads_no_heavy_library(tmp_path: Path, verb: str) -> None:
    _inputs(tmp_path)
    probe = (
        "import sys\nfrom proofloom.cli import main\n"
        f"try:\n    code = main({VERBS[verb]!r})\nexcept SystemExit as stop:\n    code = stop.code\n"
        f"print(code, *[m for m in {HEAVY!r} if m in sys.modules])"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path, timeout=HANG_GUARD
    )
    assert result.returncode == 0, result.stderr
    code, *loaded = result.stdout.splitlines()[-1].split(" ")
    assert code == "0", result.stdout + result.stderr  # --help exits through argparse's SystemExit(0)
    assert loaded == [], f"proofloom {verb} loaded {loaded}"
    if verb == "solve":
        assert json.loads((tmp_path / "answers.jsonl").read_text())["label"] == "True"
    if verb == "verify":
        assert json.loads((tmp_path / "verdicts.jsonl").read_text())["valid"] is True
    if verb == "convert":
        assert "big(bob)." in (tmp_path / "theory.dsl").read_text()
