"""Limits: exceeding one is a clear error naming it, in the API and from the batch commands, never a hang."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from proofloom.limits import LIMITS, LimitError
from proofloom.logic.syntax import parse_literal, parse_theory
from proofloom.logic.terms import Theory
from proofloom.prover.proof.explanation import parse_explanation
from proofloom.prover.reasoning.reasoner import Reasoner
from proofloom.prover.verification.verifier import Verifier
from tests.conftest import HANG_GUARD


def _wide_theory(constants: int) -> Theory:
    return parse_theory(" ".join(f"big(c{i})." for i in range(constants)))


def test_too_many_sentences_and_entities() -> None:
    with pytest.raises(LimitError, match="the limit `sentences` is"):
        Reasoner(parse_theory("big(bob). " * 1 + " ".join(f"red(c{i})." for i in range(LIMITS.sentences))))
    with pytest.raises(LimitError, match="`entities`"):
        Verifier(_wide_theory(LIMITS.entities + 1))


def test_groundings_would_explode() -> None:
    theory = parse_theory(" ".join(f"p(c{i})." for i in range(100)) + " p(X), p(Y), p(Z) -> q(X, Y, Z).")
    with pytest.raises(LimitError, match="ground rule instances has 1,000,000; the limit `groundings`"):
        Reasoner(theory).answer(parse_literal("q(c1, c2, c3)"))


def test_too_many_conditions() -> None:
    body = ", ".join(f"p{i}(X)" for i in range(LIMITS.conditions + 1))
    with pytest.raises(LimitError, match="`conditions`"):
        Reasoner(parse_theory(f"p0(a). {body} -> q(X)."))


def test_too_many_explanation_steps() -> None:
    text = " ".join(f"sent1 -> int{i}: Bob is big.;" for i in range(1, LIMITS.explanation_steps + 2))
    with pytest.raises(LimitError, match="`explanation_steps`"):
        parse_explanation(text)


def _solve_in(folder: Path) -> subprocess.CompletedProcess[str]:
    """`proofloom solve q.jsonl -o a.jsonl` run in `folder`, as a user would."""
    command = [sys.executable, "-m", "proofloom", "solve", "q.jsonl", "-o", "a.jsonl"]
    return subprocess.run(command, cwd=folder, capture_output=True, text=True, timeout=HANG_GUARD)


def test_batch_commands_report_limits_per_record(tmp_path: Path) -> None:
    huge = " ".join(f"red(c{i})." for i in range(LIMITS.entities + 1))
    lines = [
        json.dumps({"id": "huge", "theory": huge, "statement": "red(c1)"}),
        "x" * (LIMITS.line_chars + 10),
        json.dumps({"id": "fine", "theory": "big(bob).", "statement": "big(bob)"}),
    ]
    (tmp_path / "q.jsonl").write_text("\n".join(lines) + "\n")
    result = _solve_in(tmp_path)
    assert result.returncode == 1 and "2 bad records" in result.stdout
    huge_line, long_line, fine = (json.loads(line) for line in (tmp_path / "a.jsonl").read_text().splitlines())
    assert "`entities`" in huge_line["error"] and "`line_chars`" in long_line["error"]
    assert fine["label"] == "True"


def test_unexpected_failures_are_one_line_too(tmp_path: Path) -> None:
    (tmp_path / "q.jsonl").write_text('{"id": "a", "theory": "big(bob).", "statement": "big(bob)"}\n')
    (tmp_path / "a.jsonl").mkdir()  # the output path is a folder: an OSError, named in one line
    result = _solve_in(tmp_path)
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_derivations_deeper_than_the_limit() -> None:
    depth = LIMITS.proof_depth + 1
    chain = " ".join(f"p{i}(X) -> p{i + 1}(X)." for i in range(depth))
    with pytest.raises(LimitError, match="derivation depth has 1,001; the limit `proof_depth`"):
        Reasoner(parse_theory(f"p0(a). {chain}")).answer(parse_literal(f"p{depth}(a)"))


def test_one_limits_module_sets_every_default() -> None:
    from proofloom.logic.z3_encoding import StepSolver, check_entailment
    from proofloom.prover.neural.train import TrainingPlan

    assert TrainingPlan().max_input_tokens == LIMITS.model_tokens
    assert check_entailment.__defaults__ is not None and LIMITS.z3_timeout_ms in check_entailment.__defaults__
    assert StepSolver.__init__.__defaults__ == (LIMITS.z3_timeout_ms, None)


def _pigeonhole(pigeons: int) -> str:
    """More pigeons than holes: unsatisfiable, and hard for any resolution-based solver."""
    holes = pigeons - 1
    lines = [", ".join(f"~in{h}(p{p})" for h in range(holes - 1)) + f" -> in{holes - 1}(p{p})." for p in range(pigeons)]
    lines += [
        f"in{h}(p{a}) -> ~in{h}(p{b})." for h in range(holes) for a in range(pigeons) for b in range(a + 1, pigeons)
    ]
    return "\n".join([*lines, "pigeon(p0)."])


def test_a_z3_timeout_is_its_own_outcome_never_invalid() -> None:
    from proofloom.logic.z3_encoding import Outcome, classical_verdict
    from proofloom.prover.verification.verdicts import ErrorType

    theory = parse_theory(_pigeonhole(10))
    assert classical_verdict(theory, parse_literal("pigeon(p0)"), timeout_ms=50).consistent is Outcome.UNKNOWN
    everything = " & ".join(f"sent{i}" for i in range(1, len(theory) + 1))
    report = Verifier(theory, timeout_ms=50).verify(parse_literal("in0(p1)"), f"{everything} -> hypothesis;")
    assert report.error_types == {ErrorType.TIMEOUT}
