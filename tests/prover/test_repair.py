"""Repairs: the core-witnessed search finds the repair the plain one-check-per-sentence search finds, and so
does the search whose checks chaining settles where it can (`QuickEntailment`)."""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

from proofloom.logic.english import read_statement, read_theory
from proofloom.logic.grounding import domain
from proofloom.logic.quick_entailment import QuickEntailment
from proofloom.logic.terms import Literal
from proofloom.logic.z3_encoding import ClausePool, StepSolver
from proofloom.prover.reasoning.reasoner import Reasoner
from proofloom.prover.verification.repair import find_repair
from proofloom.prover.verification.verdicts import Repair
from tests.conftest import statement_of


def plain_repair(solver: StepSolver, sentence_ids: Sequence[str], literals: Sequence[Literal], goal: Literal) -> Repair:
    """The search as first written: every sentence not given, dropped in the theory's order when the step
    still follows without it, one Z3 check each (assumes the step follows from the whole theory)."""
    theory = solver.theory
    needed = [s.id for s in theory.sentences if s.id not in set(sentence_ids)]
    for candidate in list(needed):
        trial = [s for s in needed if s != candidate]
        if solver.check([*sentence_ids, *trial], literals, goal, counter_model=False).holds:
            needed = trial
    return Repair(sentences=tuple(sorted(needed, key=theory.index_of)))


def test_the_witnessed_repair_is_the_plain_searchs(dev_records: list[dict[str, Any]]) -> None:
    """Each real proof step with one premise dropped: a solver that has seen other checks (its cores depend
    on them) finds the same irreducible repair as the plain search on a fresh solver, and it is one."""
    compared = 0
    shared = ClausePool()
    for record in random.Random(0).sample(dev_records, 120):
        theory = read_theory(record["context"])
        tree = Reasoner(theory).answer(read_statement(statement_of(record))).proof
        if tree is None:
            continue
        for step in tree.steps():
            sentence_ids = [p for p in step.premises if isinstance(p, str)]
            literals = [p for p in step.premises if isinstance(p, Literal)]
            for dropped in sentence_ids:
                given = [s for s in sentence_ids if s != dropped]
                seasoned = StepSolver(theory, domain(theory), pool=shared)
                if seasoned.check(given, literals, step.conclusion).holds:
                    continue  # still follows: nothing to repair
                repair = find_repair(seasoned, given, literals, step.conclusion)
                quick = QuickEntailment(theory, seasoned.constants)
                assert find_repair(seasoned, given, literals, step.conclusion, quick) == repair  # chaining's
                fresh = StepSolver(theory, domain(theory))
                if not fresh.check([s.id for s in theory.sentences], literals, step.conclusion).holds:
                    assert repair is None or repair.literal is not None
                    continue
                assert repair == plain_repair(fresh, given, literals, step.conclusion), (record["id"], step)
                for sentence in repair.sentences:  # irreducible: each sentence of it is needed
                    rest = [s for s in repair.sentences if s != sentence]
                    assert not fresh.check([*given, *rest], literals, step.conclusion).holds
                compared += 1
    assert compared >= 50, compared
