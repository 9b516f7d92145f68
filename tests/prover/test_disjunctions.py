"""Disjunctive heads (`Each impus is a wumpus or a vumpus.`): read in English and the DSL, answered classically
by Z3 (reasoning by cases), refused by name under owa and cwa, whose chaining cannot use them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from proofloom.errors import LogicError
from proofloom.logic.english import read_english, read_statement, read_theory, render_english
from proofloom.logic.semantics import Label, Semantics
from proofloom.logic.syntax import parse_theory, render_dsl
from proofloom.logic.terms import DisjunctiveRule, Rule
from proofloom.prover.reasoning.classical import Gap
from proofloom.prover.reasoning.question import solve
from proofloom.prover.verification.step_check import Reason
from proofloom.prover.verification.verifier import verify
from tests.conftest import HANG_GUARD

CASES = (
    "Max is an impus. Each impus is a wumpus or a vumpus. Every wumpus is sour. Every vumpus is sour. "
    "Sam is a yumpus. Yumpuses are small or not happy. Sam is happy."
)


def test_a_disjunctive_head_reads_as_one_rule_and_renders_back() -> None:
    reading = read_english(CASES)
    rules = [s.content for s in reading.theory.disjunctions]
    assert [str(r) for r in rules] == ["impus(X) -> wumpus(X) | vumpus(X)", "yumpus(X) -> small(X) | ~happy(X)"]
    assert all(isinstance(s.content, Rule) for s in reading.theory.rules) and len(reading.theory.rules) == 2
    assert [s.id for s in reading.theory.sentences][:3] == ["triple1", "rule1", "rule2"]
    english = render_english(reading.theory, reading.lexicon)
    assert "Each impus is a wumpus or a vumpus." in english and "Yumpuses are small or not happy." in english
    assert read_theory(english) == reading.theory
    if_form = read_theory("If something is quiet then it is big or it is not red.")
    assert isinstance(if_form.sentences[0].content, DisjunctiveRule)
    assert read_theory(render_english(if_form)) == if_form


def test_the_dsl_writes_a_disjunctive_head_with_a_bar() -> None:
    theory = parse_theory("impus(max).\nimpus(X) -> wumpus(X) | vumpus(X).\n")
    assert render_dsl(theory) == "impus(max).\nimpus(X) -> wumpus(X) | vumpus(X).\n"
    assert theory == read_theory("Max is an impus. Each impus is a wumpus or a vumpus.")


@pytest.mark.parametrize(
    ("statement", "label", "gap"),
    [
        ("Max is sour.", Label.TRUE, Gap.CASE_ANALYSIS),  # sour in either case
        ("Max is a wumpus.", Label.UNKNOWN, None),  # one case only
        ("Max is not a wumpus.", Label.UNKNOWN, None),
        ("Sam is small.", Label.TRUE, Gap.CASE_ANALYSIS),  # the other disjunct is refuted
        ("Sam is not small.", Label.FALSE, Gap.CASE_ANALYSIS),
    ],
)
def test_classical_semantics_reasons_by_cases(statement: str, label: Label, gap: Gap | None) -> None:
    theory = read_theory(CASES)
    answer = solve(theory, read_statement(statement), Semantics.CLASSICAL)
    assert (answer.label, answer.gap) == (label, gap)
    if label is not Label.UNKNOWN:
        assert any(theory[s].content.__class__ is DisjunctiveRule for s in answer.core), answer.core


def test_a_horn_answer_keeps_its_proof_beside_a_disjunctive_rule() -> None:
    theory = read_theory(CASES + " Every impus is kind.")
    answer = solve(theory, read_statement("Max is kind."), Semantics.CLASSICAL)
    assert answer.label is Label.TRUE and answer.gap is None and answer.depth == 1 and answer.proof is not None


@pytest.mark.parametrize("semantics", [Semantics.OWA, Semantics.CWA])
def test_owa_and_cwa_refuse_a_disjunctive_head_by_name(semantics: Semantics) -> None:
    with pytest.raises(LogicError, match=r"rule1 \(impus\(X\) -> wumpus\(X\) \| vumpus\(X\)\) has a disjunctive head"):
        solve(read_theory(CASES), read_statement("Max is sour."), semantics)


def test_a_chain_by_cases_is_valid_classically_and_needs_classical_under_owa() -> None:
    chain = (
        "Max is an impus. Each impus is a wumpus or a vumpus. Every wumpus is sour. Every vumpus is sour. "
        "So Max is sour."
    )
    classical = verify(CASES, "Max is sour.", chain)
    assert classical.valid, classical.to_json()
    owa = verify(CASES, "Max is sour.", chain, semantics=Semantics.OWA)
    assert not owa.valid and owa.errors[0].error is Reason.NEEDS_STRONGER_SEMANTICS


def test_solve_answers_a_disjunctive_theory_classically_and_names_it_otherwise(tmp_path: Path) -> None:
    records = [{"id": "p1", "context": CASES, "question": "Max is sour.", "answer": "A"}]
    problems = tmp_path / "problems.json"
    problems.write_text(json.dumps(records))

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "proofloom", "solve", str(problems), "-o", str(tmp_path / "a.jsonl"), *args]
        return subprocess.run(command, capture_output=True, text=True, timeout=HANG_GUARD)

    classical = run("--semantics", "classical")
    assert classical.returncode == 0, classical.stderr
    (answer,) = [json.loads(line) for line in (tmp_path / "a.jsonl").read_text().splitlines()]
    assert answer["label"] == "True", answer
    owa = run("--semantics", "owa")
    assert owa.returncode == 1 and "has a disjunctive head" in (tmp_path / "a.jsonl").read_text() + owa.stderr
