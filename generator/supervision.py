"""Step supervision: along each gold proof, every valid next step and typed invalid ones.

The training data of the neural step model: at each state (the theory's facts and the conclusions
so far), the valid single rule applications, and near misses of the gold step, each with its type:
missing premise, wrong binding, polarity flip, fact not in the theory, wrong rule.
"""

from __future__ import annotations

import random

from proofloom.logic.terms import Atom, Literal, Rule, Theory
from proofloom.prover.loop.supervision import InvalidKind, InvalidStep, StepRecord, SupervisedStep
from proofloom.prover.proof.tree import EntailmentTree, Step
from proofloom.prover.reasoning.chaining import Closure


def supervise(closure: Closure, tree: EntailmentTree, question_id: str, rng: random.Random) -> list[StepRecord]:
    """One record per step of the proof: the state before it, all valid next steps, and invalid ones."""
    theory = closure.theory
    state: set[Literal] = set(closure.facts)
    records = []
    for step in tree.steps():
        records.append(
            StepRecord(
                question_id,
                tree.conclusion,
                tuple(sorted(state - set(closure.facts), key=str)),
                SupervisedStep(tuple(_name(p) for p in step.premises), step.conclusion),
                _valid_next(closure, state),
                _invalid(step, theory, closure, rng),
            )
        )
        state.add(step.conclusion)
    return records


def _name(node: object) -> str:
    return node if isinstance(node, str) else str(node)


def _valid_next(closure: Closure, state: set[Literal]) -> tuple[SupervisedStep, ...]:
    """Every rule application whose premises hold in `state` and whose conclusion is new."""
    found = []
    for literal, derivations in closure.derivations.items():
        if literal in state:
            continue
        for derivation in derivations:
            if all(p in state or p in closure.assumed for p in derivation.premises):
                premises = [closure.facts.get(p, str(p)) for p in derivation.premises]
                found.append(SupervisedStep((*premises, derivation.rule), literal))
    return tuple(sorted(found, key=lambda s: (str(s.conclusion), s.premises)))


def _invalid(step: Step, theory: Theory, closure: Closure, rng: random.Random) -> tuple[InvalidStep, ...]:
    facts = [_name(p) for p in step.facts]
    rule = step.rule or ""
    conclusion = step.conclusion
    invalid: list[InvalidStep] = []
    if len(facts) > 1 or (facts and rule):
        dropped = rng.randrange(len(facts))
        invalid.append(_wrong(InvalidKind.MISSING_PREMISE, [*facts[:dropped], *facts[dropped + 1 :], rule], conclusion))
    constants = [c for c in theory.constants() if c not in conclusion.atom.args]
    if constants:
        position = rng.randrange(conclusion.atom.arity)
        args = list(conclusion.atom.args)
        args[position] = rng.choice(constants)
        rebound = Literal(Atom(conclusion.atom.predicate, tuple(args)), conclusion.positive)
        invalid.append(_wrong(InvalidKind.WRONG_BINDING, [*facts, rule], rebound))
    invalid.append(_wrong(InvalidKind.POLARITY_FLIP, [*facts, rule], conclusion.negated()))
    if facts:
        invented = _invented_fact(theory, closure, rng)
        if invented is not None:
            swapped = list(facts)
            swapped[rng.randrange(len(swapped))] = str(invented)
            invalid.append(_wrong(InvalidKind.FACT_NOT_IN_THEORY, [*swapped, rule], conclusion))
    others = [
        s.id
        for s in theory.rules
        if s.id != rule and isinstance(s.content, Rule) and s.content.head.atom.predicate != conclusion.atom.predicate
    ]
    if others:
        invalid.append(_wrong(InvalidKind.WRONG_RULE, [*facts, rng.choice(others)], conclusion))
    return tuple(invalid)


def _wrong(kind: InvalidKind, premises: list[str], conclusion: Literal) -> InvalidStep:
    return InvalidStep(kind, tuple(p for p in premises if p), conclusion)


def _invented_fact(theory: Theory, closure: Closure, rng: random.Random) -> Literal | None:
    """A literal over the theory's own words that neither the theory states nor it derives."""
    constants = theory.constants()
    unary = [p for p, arity in theory.predicates().items() if arity == 1]
    known = set(closure.known())
    for _ in range(20):
        if not unary or not constants:
            return None
        literal = Literal(Atom(rng.choice(unary), (rng.choice(constants),)), rng.random() < 0.5)
        if literal not in known:
            return literal
    return None
