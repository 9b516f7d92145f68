"""The Z3 encoding: grounded and quantified agree, the unsat core names premises, sat gives a counter-model."""

from __future__ import annotations

import random
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from proofloom.logic.english import read_statement, read_theory
from proofloom.logic.grounding import groundings
from proofloom.logic.syntax import parse_literal, parse_theory
from proofloom.logic.z3_encoding import ClausePool, Encoding, Outcome, StepSolver, check_entailment
from tests.conftest import statement_of

THEORY = parse_theory(
    """
    big(bob).  ~kind(charlie).  quiet(charlie).
    r1: quiet(X), cold(X) -> smart(X).
    r2: big(X) -> cold(X).
    r3: big(X) -> quiet(X).
    r4: smart(X) -> kind(X).
    """
)


def test_entailment_reports_the_premises_it_used() -> None:
    verdict = check_entailment(THEORY, parse_literal("smart(bob)"))
    assert verdict.outcome is Outcome.ENTAILED
    assert verdict.core == ("triple1", "r1", "r2", "r3")


def test_contrapositive_is_classically_entailed() -> None:
    # ~kind(charlie) and smart -> kind give ~smart(charlie): valid classically, not by forward chaining.
    for encoding in Encoding:
        verdict = check_entailment(THEORY, parse_literal("~smart(charlie)"), encoding)
        assert verdict.outcome is Outcome.ENTAILED
        assert set(verdict.core) == {"triple2", "r4"}


def test_non_entailment_comes_with_a_counter_model() -> None:
    goal = parse_literal("cold(charlie)")
    verdict = check_entailment(THEORY, goal, Encoding.GROUNDED)
    assert verdict.outcome is Outcome.NOT_ENTAILED
    model = set(verdict.counter_model)
    assert goal.negated() in model  # the goal is false in it
    facts = {s.content for s in THEORY.facts}
    assert facts <= model  # and every premise fact is true


def test_goal_about_a_new_constant_is_grounded_too() -> None:
    verdict = check_entailment(THEORY, parse_literal("cold(zed)"))
    assert verdict.outcome is Outcome.NOT_ENTAILED


def test_groundings_cover_every_assignment() -> None:
    rule = parse_theory("likes(X, Y) -> likes(Y, X).").sentences[0].content
    constants = THEORY.constants()
    assert len(list(groundings(rule, constants))) == len(constants) ** 2  # type: ignore[arg-type]


def test_grounded_and_quantified_agree_on_real_questions(dev_records: list[dict[str, Any]]) -> None:
    sample = random.Random(0).sample(dev_records, 25)
    for record in sample:
        theory = read_theory(record["context"])
        statement = read_statement(statement_of(record))
        for goal in (statement, statement.negated()):
            outcomes = {check_entailment(theory, goal, e).outcome for e in Encoding}
            assert len(outcomes) == 1, record["id"]


def test_a_tiny_clause_pool_starts_afresh_between_checks_never_within_one() -> None:
    pool = ClausePool(limit=1)
    solver = StepSolver(THEORY, THEORY.constants(), pool=pool)
    for _ in range(3):  # each check overflows the pool; the next one must start from a clean solver
        verdict = solver.check(["triple1", "r1", "r2", "r3"], [], parse_literal("smart(bob)"))
        assert verdict.outcome is Outcome.ENTAILED and set(verdict.core) == {"triple1", "r1", "r2", "r3"}
    assert solver.check(["r1"], [], parse_literal("smart(bob)")).outcome is Outcome.NOT_ENTAILED


def test_no_z3_state_lives_in_the_module() -> None:
    """Every pool, solver and check holds its own Z3 session; the module keeps no context, solver or cache."""
    import proofloom.logic.z3_encoding as module

    assert ClausePool().session.context is not ClausePool().session.context
    assert StepSolver(THEORY, THEORY.constants()).pool is not StepSolver(THEORY, THEORY.constants()).pool
    shared = ClausePool()
    assert StepSolver(THEORY, THEORY.constants(), pool=shared).pool is shared  # shared only when passed
    state = {
        name
        for name, value in vars(module).items()
        if not name.startswith("__")
        and (isinstance(value, (dict, list, set)) or type(value).__module__.split(".")[0] == "z3")
    }
    assert not state


def test_sessions_check_side_by_side_in_threads() -> None:
    """Separate sessions share nothing, so checks in two threads give what they give one after the other."""
    goals = [parse_literal(text) for text in ("smart(bob)", "kind(bob)", "cold(charlie)", "~smart(charlie)")] * 5

    def outcomes(_: int) -> list[Outcome]:
        solver = StepSolver(THEORY, THEORY.constants())
        return [solver.check([s.id for s in THEORY.sentences], [], goal).outcome for goal in goals]

    with ThreadPoolExecutor(max_workers=2) as pool:
        side_by_side = list(pool.map(outcomes, range(4)))
    assert side_by_side == [outcomes(0)] * 4
