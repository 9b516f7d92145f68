"""Repairs for a step that does not follow: the fewest theory sentences, or one new literal, that make it valid.

A repair is found over the theory's ids and told in the explanation's own names (`labelled`): an explanation
that numbers the context (`sent9`, FLD's `fact9`) gets `sent9` back, not the theory's `rule1`.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence

from proofloom.logic.english import render_sentence
from proofloom.logic.matching import match_literal
from proofloom.logic.quick_entailment import QuickEntailment
from proofloom.logic.terms import Literal, Rule, Theory
from proofloom.logic.z3_encoding import StepSolver
from proofloom.prover.verification.verdicts import Repair


def find_repair(
    solver: StepSolver,
    sentence_ids: Sequence[str],
    literals: Sequence[Literal],
    goal: Literal,
    quick: QuickEntailment | None = None,
) -> Repair | None:
    """Theory sentences to add (an irreducible set, the first in the theory's order), else one literal, else None.

    The sentences not given are shrunk in the theory's order, not Z3's core: a core from a solver that has
    seen other checks depends on them, and two runs (one process, or a batch split over Ray) must name the
    same sentences. The core serves as a witness only: a candidate outside the last core found can go
    without asking Z3 (what that core holds is still there, so the step still follows), which is the answer
    Z3 would give, so the repair is the one the plain search finds, in a few checks instead of one per
    sentence. `quick` (the theory's rule instances over the solver's constants) decides the checks that
    chaining settles without Z3, a derivation's sentences the witness: each answer is Z3's, so the repair is too."""
    theory = solver.theory
    holds, witness = _entails(solver, quick, [s.id for s in theory.sentences], literals, goal)
    if holds:
        known = set(sentence_ids)
        needed = [s.id for s in theory.sentences if s.id not in known]  # every sentence not given, in order
        # the witness is always within the given, the literals and `needed`
        for candidate in list(needed):
            trial = [s for s in needed if s != candidate]
            if candidate not in witness:
                needed = trial
                continue
            holds, found = _entails(solver, quick, [*sentence_ids, *trial], literals, goal)
            if holds:
                needed, witness = trial, found
        return Repair(sentences=tuple(sorted(needed, key=theory.index_of)))
    for literal in _missing_conditions(solver, sentence_ids, literals, goal):
        if solver.check(sentence_ids, [*literals, literal], goal, counter_model=False).holds:
            return Repair(literal=literal)
    return None


def _entails(
    solver: StepSolver,
    quick: QuickEntailment | None,
    sentence_ids: Sequence[str],
    literals: Sequence[Literal],
    goal: Literal,
) -> tuple[bool, frozenset[str]]:
    """Whether the premises entail `goal`, and premises that do (a derivation's, or Z3's core): chaining where
    it settles the question, else Z3 (undecided within its time counts as not entailed, as ever)."""
    decided = quick.decide(sentence_ids, literals, goal) if quick is not None else None
    if decided is not None:
        return decided
    found = solver.check(sentence_ids, literals, goal, counter_model=False)
    return found.holds, frozenset(found.core)


def _is_sentence(solver: StepSolver, name: str) -> bool:
    try:
        solver.theory[name]
    except KeyError:
        return False
    return True


def _missing_conditions(
    solver: StepSolver, sentence_ids: Sequence[str], literals: Sequence[Literal], goal: Literal
) -> Iterator[Literal]:
    """For rules whose head can be the goal (the step's own rules first), the one condition not given."""
    theory = solver.theory
    given = {c for c in (theory[s].content for s in sentence_ids) if isinstance(c, Literal)} | set(literals)
    own = [theory[s].content for s in sentence_ids]
    rules = [c for c in own if isinstance(c, Rule)] + [
        s.content for s in theory.rules if isinstance(s.content, Rule) and s.content not in own
    ]
    for rule in rules:
        binding = match_literal(rule.head, goal, {})
        if binding is None:
            continue
        open_variables = [v for v in rule.variables() if v not in binding]
        for values in itertools.product(solver.constants, repeat=len(open_variables)):
            full = {**binding, **dict(zip(open_variables, values, strict=True))}
            missing = [c.substitute(full) for c in rule.conditions if c.substitute(full) not in given]
            if len(missing) == 1:
                yield missing[0]


def labelled(repair: Repair, theory: Theory, prefix: str | None) -> Repair:
    """The repair's sentences named as the explanation names them: `prefix` + place (`sent3`), or by id."""
    if prefix is None:
        return repair
    return Repair(tuple(f"{prefix}{theory.index_of(s)}" for s in repair.sentences), repair.literal)


def describe(repair: Repair, theory: Theory, prefix: str | None) -> str:
    """`sent3 ('If something is big then it is red.')`, or `the new fact ...`: what would make the step follow."""
    if repair.literal is not None:
        return f"the new fact {render_sentence(repair.literal)!r}"
    named = labelled(repair, theory, prefix).sentences
    quoted = (
        f"{name} ({render_sentence(theory[s].content)!r})" for name, s in zip(named, repair.sentences, strict=True)
    )
    return f"theory sentence(s) {', '.join(quoted)}"
