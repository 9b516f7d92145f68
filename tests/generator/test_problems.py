"""Question-set readers: Logic-LM JSON, ProofWriter meta JSONL, proofloom JSONL; bad records named, not fatal."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from proofloom.generator.formats.problems import (
    BadRecord,
    InputError,
    InputFormat,
    Problem,
    detect_format,
    read_problems,
)
from proofloom.logic.english import render_sentence
from proofloom.logic.semantics import Label
from proofloom.logic.syntax import parse_literal
from proofloom.prover.proof.proof_strings import from_proofwriter
from tests.conftest import DEV_FILE

META_RECORD: dict[str, Any] = {
    "id": "RelNeg-OWA-D2-1",
    "maxD": 2,
    "theory": "The cow is big. The cow does not chase the dog. If something is big then it chases the dog. "
    "All big things are round.",
    "triples": {
        "triple1": {"text": "The cow is big.", "representation": '("cow" "is" "big" "+")'},
        "triple2": {"text": "The cow does not chase the dog.", "representation": '("cow" "chases" "dog" "-")'},
    },
    "rules": {
        "rule1": {"text": "If something is big then it chases the dog.", "representation": "..."},
        "rule2": {"text": "All big things are round.", "representation": "..."},
    },
    "questions": {
        "Q1": {
            "question": "The cow is round.",
            "answer": True,
            "QDep": 1,
            "QLen": 2,
            "strategy": "proof",
            "proofs": "[(((triple1) -> rule2))]",
        },
        "Q2": {"question": "The dog is big.", "answer": "Unknown", "QDep": "0", "strategy": "random"},
        "Q3": {"question": "The cow is bigger than the dog.", "answer": False, "QDep": 0},
    },
}


def test_reads_the_real_logiclm_file() -> None:
    if not DEV_FILE.exists():
        pytest.skip("no ../shared data")
    assert detect_format(DEV_FILE) is InputFormat.LOGICLM
    problems = list(read_problems(DEV_FILE))
    assert len(problems) == 600 and all(isinstance(p, Problem) for p in problems)
    golds = Counter(p.gold for p in problems if isinstance(p, Problem))
    assert golds == {Label.TRUE: 200, Label.FALSE: 200, Label.UNKNOWN: 200}


def test_reads_proofwriter_meta_with_ids_order_and_gold(tmp_path: Path) -> None:
    path = tmp_path / "meta-dev.jsonl"
    path.write_text(json.dumps(META_RECORD) + "\n" + "{not json\n")
    assert detect_format(path) is InputFormat.PROOFWRITER
    items = list(read_problems(path))
    q1, q2, q3, broken = items
    assert isinstance(q1, Problem) and isinstance(q2, Problem)
    assert q1.id == "RelNeg-OWA-D2-1_Q1" and (q1.gold, q1.gold_depth) == (Label.TRUE, 1)
    assert [s.id for s in q1.theory.sentences] == ["triple1", "triple2", "rule1", "rule2"]
    assert (q2.gold, q2.gold_depth) == (Label.UNKNOWN, 0)  # QDep as a string, as in meta-abduct files
    assert q1.gold_proofs is not None
    (tree,) = from_proofwriter(q1.gold_proofs, q1.theory)
    assert tree.conclusion == q1.statement
    assert isinstance(q3, BadRecord) and q3.id == "RelNeg-OWA-D2-1_Q3" and "cannot read" in q3.message
    assert isinstance(broken, BadRecord) and broken.where.endswith(":2") and "not JSON" in broken.message


def test_reads_proofloom_jsonl_in_dsl_or_english(tmp_path: Path) -> None:
    path = tmp_path / "q.jsonl"
    lines = [
        {"id": "a", "theory": "big(bob). big(X) -> red(X).", "statement": "red(bob)", "label": "True"},
        {"id": "b", "context": "Bob is big.", "statement": "Bob is not big.", "depth": 0},
        {"id": "c", "theory": "big(bob", "statement": "big(bob)"},
        {"id": "d", "statement": "big(bob)"},
    ]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    a, b, c, d = read_problems(path)
    assert (
        isinstance(a, Problem)
        and a.statement == parse_literal("red(bob)")
        and a.gold is Label.TRUE
        and a.where == f"{path}:1"
    )
    assert isinstance(b, Problem) and render_sentence(b.statement) == "Bob is not big." and b.gold_depth == 0
    assert isinstance(c, BadRecord) and c.id == "c" and c.message.startswith("field 'theory', column 8: ")
    assert isinstance(d, BadRecord) and "context" in d.message


def test_unreadable_file_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text("[{]")
    with pytest.raises(InputError, match="x.json:1:3"):
        list(read_problems(path))


def test_an_empty_file_is_named_as_empty(tmp_path: Path) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n\n")
    with pytest.raises(InputError, match=r"empty\.jsonl: the file is empty"):
        detect_format(empty)
