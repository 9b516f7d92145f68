"""Chaining's answers are Z3's: wherever `QuickEntailment.decide` answers, Z3 answers the same for the same
premises and goal, and a derivation's sentences entail the goal on their own. Checked on random theories in
the DSL (several variables, relations, negation) and in ProofWriter's English vocabulary, on random subsets of
their sentences and assumed literals, against every ground literal as the goal."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from proofloom.logic.grounding import domain
from proofloom.logic.quick_entailment import QuickEntailment
from proofloom.logic.terms import Atom, Literal, Theory
from proofloom.logic.z3_encoding import StepSolver
from tests.logic.strategies import dsl_theories, english_theories


def _goals(theory: Theory) -> list[Literal]:
    constants = domain(theory)
    atoms = [
        Atom(p, args) for p, arity in theory.predicates().items() for args in itertools.product(constants, repeat=arity)
    ]
    return [Literal(a, positive) for a in atoms[:12] for positive in (True, False)]


def _agrees(theory: Theory, chosen: list[bool], assumed: list[bool]) -> int:
    """How many checks chaining decided, each asserted to be Z3's answer."""
    constants = domain(theory)
    if not constants:
        return 0
    quick = QuickEntailment(theory, constants)
    solver = StepSolver(theory, constants)
    ids = [s.id for s, keep in zip(theory.sentences, chosen, strict=False) if keep]
    goals = _goals(theory)
    literals = [g for g, keep in zip(goals[::3], assumed, strict=False) if keep]
    decided = 0
    for goal in goals:
        found = quick.decide(ids, literals, goal)
        if found is None:
            continue
        decided += 1
        holds, support = found
        assert solver.check(ids, literals, goal, counter_model=False).holds is holds, (theory, ids, literals, goal)
        if holds:
            assert support <= set(ids)
            assert solver.check(sorted(support), literals, goal, counter_model=False).holds
    return decided


@settings(max_examples=150, deadline=None)
@given(dsl_theories(), st.lists(st.booleans(), min_size=8, max_size=8), st.lists(st.booleans(), max_size=4))
def test_chaining_decides_dsl_checks_as_z3_does(theory: Theory, chosen: list[bool], assumed: list[bool]) -> None:
    _agrees(theory, chosen, assumed)


@settings(max_examples=150, deadline=None)
@given(english_theories(), st.lists(st.booleans(), min_size=8, max_size=8), st.lists(st.booleans(), max_size=4))
def test_chaining_decides_english_checks_as_z3_does(theory: Theory, chosen: list[bool], assumed: list[bool]) -> None:
    _agrees(theory, chosen, assumed)


def test_chaining_decides_most_plain_checks() -> None:
    from proofloom.logic.syntax import parse_theory

    theory = parse_theory("big(bob). ~red(anne). big(X) -> kind(X). kind(X), ~red(X) -> round(X). ~big(X) -> red(X).")
    assert _agrees(theory, [True] * 5, []) >= 10


def _counter_models_agree(theory: Theory, chosen: list[bool]) -> int:
    """A step's counter-model found from chaining's models equals the one Z3 alone finds (one check per atom)."""
    constants = domain(theory)
    if not constants:
        return 0
    ids = [s.id for s, keep in zip(theory.sentences, chosen, strict=False) if keep]
    with_chaining = StepSolver(theory, constants)
    z3_alone = StepSolver(theory, constants)
    z3_alone._quick = QuickEntailment(theory, ())  # no constants: chaining decides nothing
    compared = 0
    for goal in _goals(theory):
        found = with_chaining.check(ids, [], goal)
        assert found == z3_alone.check(ids, [], goal), (theory, ids, goal)
        compared += found.counter_model is not None
    return compared


@settings(max_examples=100, deadline=None)
@given(dsl_theories(), st.lists(st.booleans(), min_size=8, max_size=8))
def test_counter_models_from_chaining_are_z3_s_on_dsl_theories(theory: Theory, chosen: list[bool]) -> None:
    _counter_models_agree(theory, chosen)


@settings(max_examples=100, deadline=None)
@given(english_theories(), st.lists(st.booleans(), min_size=8, max_size=8))
def test_counter_models_from_chaining_are_z3_s_on_english_theories(theory: Theory, chosen: list[bool]) -> None:
    _counter_models_agree(theory, chosen)
