"""PrOntoQA's own JSON layout: read by `solve`, its gold chains of thought checked by `verify`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from proofloom.generator.formats.problems import InputFormat, detect_format, read_problems
from proofloom.logic.semantics import Label
from proofloom.prover.problem import Problem
from tests.test_cli import run_cli

EXAMPLES = {
    "example1": {
        "in_context_example0": {
            "question": "Every wumpus is a tumpus. Each tumpus is not shy. Alex is a wumpus.",
            "query": "True or false: Alex is not shy.",
            "chain_of_thought": ["Alex is a wumpus.", "Every wumpus is a tumpus.", "Alex is a tumpus."],
            "answer": "True",
        },
        "test_example": {
            "question": "Each yumpus is a dumpus. Dumpuses are rompuses. Every rompus is red. Sally is a yumpus.",
            "query": "True or false: Sally is red.",
            "chain_of_thought": [
                "Sally is a yumpus.",
                "Each yumpus is a dumpus.",
                "Sally is a dumpus.",
                "Dumpuses are rompuses.",
                "Sally is a rompus.",
                "Every rompus is red.",
                "Sally is red.",
            ],
            "answer": "True",
        },
    },
    "example2": {
        "test_example": {
            "question": "Each yumpus is not sour. Sam is a yumpus.",
            "query": "True or false: Sam is sour.",
            "chain_of_thought": ["Sam is a yumpus.", "Each yumpus is not sour.", "Sam is not sour."],
            "answer": "False",
        }
    },
}


@pytest.mark.parametrize("indent", [2, None])  # as published (pretty-printed), and on one line
def test_the_test_examples_are_the_questions(tmp_path: Path, indent: int | None) -> None:
    path = tmp_path / "prontoqa.json"
    path.write_text(json.dumps(EXAMPLES, indent=indent))
    assert detect_format(path) is InputFormat.PRONTOQA
    problems = list(read_problems(path))
    assert [p.id for p in problems] == ["example1", "example2"] and all(isinstance(p, Problem) for p in problems)
    assert [p.gold for p in problems if isinstance(p, Problem)] == [Label.TRUE, Label.FALSE]
    solved = run_cli("solve", str(path), "-o", str(tmp_path / "a.jsonl"))
    assert solved.returncode == 0 and "accuracy 2/2" in solved.stdout, solved.stdout + solved.stderr
    verified = run_cli("verify", str(path), "-o", str(tmp_path / "v.jsonl"))
    assert verified.returncode == 0 and "2 valid (100.00%)" in verified.stdout, verified.stdout + verified.stderr
