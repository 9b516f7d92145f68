"""The logic's values: immutable, logically compared, and checked when built."""

from __future__ import annotations

import dataclasses
import os
import pickle
import subprocess
import sys

import pytest

from proofloom.errors import LogicError
from proofloom.logic.semantics import Label, Semantics
from proofloom.logic.syntax import parse_literal, parse_theory
from proofloom.logic.terms import Atom, Constant, Literal, Question, Rule, Sentence, Theory, Variable

X = Variable("X")


def test_values_are_frozen() -> None:
    literal = parse_literal("big(bob)")
    with pytest.raises(dataclasses.FrozenInstanceError):
        literal.positive = False  # type: ignore[misc]


def test_negation_is_an_involution() -> None:
    literal = parse_literal("~chases(cat, dog)")
    assert literal.negated().negated() == literal
    assert literal.negated() == parse_literal("chases(cat, dog)")


def test_rule_needs_conditions_and_safe_head() -> None:
    with pytest.raises(LogicError, match="no conditions"):
        Rule((), Literal(Atom("big", (X,))))
    with pytest.raises(LogicError, match="absent from its conditions"):
        Rule((Literal(Atom("big", (Constant("bob"),))),), Literal(Atom("red", (X,))))


def test_theory_checks_ids_groundness_and_arity() -> None:
    fact = parse_literal("big(bob)")
    with pytest.raises(LogicError, match="duplicate"):
        Theory((Sentence("a", fact), Sentence("a", fact)))
    with pytest.raises(LogicError, match="not ground"):
        Theory((Sentence("a", Literal(Atom("big", (X,)))),))
    with pytest.raises(LogicError, match="arguments"):
        Theory.of(fact, parse_literal("big(bob, cat)"))


def test_theory_views() -> None:
    theory = parse_theory("big(bob). r: big(X) -> likes(X, cat). ~red(dog).")
    assert [s.id for s in theory.facts] == ["triple1", "triple2"]
    assert [s.id for s in theory.rules] == ["r"]
    assert theory.index_of("triple2") == 3
    assert theory.constants() == (Constant("bob"), Constant("cat"), Constant("dog"))
    assert theory.predicates() == {"big": 1, "likes": 2, "red": 1}


def test_substitution_grounds_a_rule() -> None:
    rule = parse_theory("big(X), likes(X, cat) -> red(X).").sentences[0].content
    assert isinstance(rule, Rule)
    ground = rule.substitute({X: Constant("bob")})
    assert ground.is_ground and str(ground) == "big(bob), likes(bob, cat) -> red(bob)"


def test_questions_are_ground() -> None:
    with pytest.raises(LogicError):
        Question("q1", Literal(Atom("big", (X,))))


def test_named_semantics_and_labels() -> None:
    assert Semantics.parse("OWA") is Semantics.OWA
    assert Label.parse("unknown") is Label.UNKNOWN
    assert Label.TRUE.negated() is Label.FALSE and Label.UNKNOWN.negated() is Label.UNKNOWN
    with pytest.raises(ValueError, match="choose one of owa, cwa, classical"):
        Semantics.parse("fuzzy")


def test_a_pickled_literal_is_hashed_afresh_in_another_process() -> None:
    """Hashes are cached on atoms and literals; string hashes differ between processes, so unpickling rehashes."""
    pickled = pickle.dumps([parse_literal("~chases(cat, dog)"), parse_literal("big(bob)")])
    check = (
        "import pickle, sys\n"
        "from proofloom.logic.syntax import parse_literal\n"
        "found = pickle.loads(sys.stdin.buffer.read())\n"
        "assert set(found) == {parse_literal('~chases(cat, dog)'), parse_literal('big(bob)')}\n"
    )
    for seed in ("1", "2"):
        environment = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", check], input=pickled, check=True, env=environment)
