"""The re-check's early out: under the open world it stops chaining at the first round that shows an attempt
fails, and it refuses exactly the attempts the full closure's checks refuse, with the same answers otherwise."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from proofloom.generator.construct.chains import grow_chains
from proofloom.generator.construct.decoys import add_decoys
from proofloom.generator.construct.distractors import add_distractors
from proofloom.generator.construct.draft import Draft
from proofloom.generator.construct.ladder import climb_ladder
from proofloom.generator.construct.recheck import _as_asked, _consistent, recheck
from proofloom.generator.generate import _schedule
from proofloom.generator.recipe import Recipe
from proofloom.generator.schedule import cells_for
from proofloom.logic.semantics import Semantics
from proofloom.logic.syntax import parse_theory
from proofloom.prover.reasoning.chaining import Closure
from proofloom.prover.reasoning.reasoner import Reasoner

DATASETS = Path(__file__).resolve().parents[2] / "datasets"


def test_the_early_out_refuses_exactly_what_the_full_checks_refuse() -> None:
    recipe = Recipe.load(DATASETS / "proofwriter-owa-d5.toml")
    vocabulary = recipe.vocabulary.resolve()
    verdicts = {True: 0, False: 0}
    for index in range(150):
        rng = random.Random(f"test-recheck:{index}")
        cells = cells_for(recipe, _schedule(recipe), index)
        draft = Draft(rng, recipe, vocabulary, rng.random() < 0.5, True)
        asked = grow_chains(draft, cells) if draft.relational else climb_ladder(draft, cells)
        if asked is None:
            continue
        add_distractors(draft)
        add_decoys(draft, asked)
        theory = draft.theory()
        statements = tuple(a.statement for a in asked)
        full = Closure(theory, closed_world=False)
        kept = _consistent(full) and _as_asked(full, cells, statements)
        answers = recheck(theory, cells, statements, False, True)
        assert (answers is not None) == kept, index
        verdicts[kept] += 1
        if answers is not None:
            reference = Reasoner(theory, Semantics.OWA, all_proofs=True)
            for statement, answer in zip(statements, answers, strict=True):
                expected = reference.answer(statement)
                assert (answer.label, answer.depth, answer.proofs) == (expected.label, expected.depth, expected.proofs)
    assert verdicts[True] > 20 and verdicts[False] > 20  # both kinds of attempt were checked


def test_a_watch_stops_the_chaining_and_its_partial_closure_answers_nothing() -> None:
    theory = parse_theory("a(x). a(X) -> b(X). b(X) -> c(X). c(X) -> d(X).")
    rounds: list[int] = []

    def watch(new: object, round_number: int) -> bool:
        rounds.append(round_number)
        return round_number < 1

    closure = Closure(theory, closed_world=False, watch=watch)
    assert closure.stopped and rounds == [0, 1]
    assert len(closure.known()) == 2  # a(x), b(x): chaining stopped after round 1
    with pytest.raises(ValueError, match="complete closure"):
        Reasoner(theory, Semantics.OWA, closure=closure)
    with pytest.raises(ValueError, match="open world"):
        Closure(theory, closed_world=True, watch=watch)
    complete = Closure(theory, closed_world=False, watch=lambda new, round_number: True)
    assert not complete.stopped and complete.height == Closure(theory, closed_world=False).height
