"""Step supervision: along each gold proof, every valid next step and typed invalid ones.

The training data of the neural step model: at each state (the theory's facts and the conclusions
so far), the valid single rule applications, and near misses of the gold step, each with its type:
missing premise, wrong binding, polarity flip, fact not in the theory, wrong rule.
"""

from __future__ import annotations

import random
from typing import Any

from proofloom.logic.terms import Atom, Literal, Rule, Theory
from proofloom.prover.chaining import Closure
from proofloom.prover.tree import EntailmentTree, Step

INVALID_TYPES = ("missing_premise", "wrong_binding", "polarity_flip", "fact_not_in_theory", "wrong_rule")


def supervise(closure: Closure, tree: EntailmentTree, question_id: str, rng: random.Random) -> list[dict[str, Any]]:
    """One record per step of the proof: the state before it, all valid next steps, and invalid ones."""
    theory = closure.theory
    state: set[Literal] = set(closure.facts)
    records = []
    for step in tree.steps():
        records.append(
            {
                "question": question_id,
                "target": str(tree.conclusion),
                "derived": sorted(str(lit) for lit in state - set(closure.facts)),
                "gold": _describe(step, theory),
                "valid": _valid_next(closure, state),
                "invalid": _invalid(step, theory, closure, rng),
            }
        )
        state.add(step.conclusion)
    return records


def _describe(step: Step, theory: Theory) -> dict[str, Any]:
    return {"premises": [_name(p) for p in step.premises], "conclusion": str(step.conclusion)}


def _name(node: object) -> str:
    return node if isinstance(node, str) else str(node)


def _valid_next(closure: Closure, state: set[Literal]) -> list[dict[str, Any]]:
    """Every rule application whose premises hold in `state` and whose conclusion is new."""
    found = []
    for literal, derivations in closure.derivations.items():
        if literal in state:
            continue
        for derivation in derivations:
            if all(p in state or p in closure.assumed for p in derivation.premises):
                premises = [closure.facts.get(p, str(p)) for p in derivation.premises]
                found.append({"premises": [*premises, derivation.rule], "conclusion": str(literal)})
    return sorted(found, key=lambda s: (s["conclusion"], s["premises"]))


def _invalid(step: Step, theory: Theory, closure: Closure, rng: random.Random) -> list[dict[str, Any]]:
    facts = [_name(p) for p in step.facts]
    rule = step.rule or ""
    conclusion = step.conclusion
    invalid: list[dict[str, Any]] = []
    if len(facts) > 1 or (facts and rule):
        dropped = rng.randrange(len(facts))
        invalid.append(_wrong("missing_premise", [*facts[:dropped], *facts[dropped + 1 :], rule], conclusion))
    constants = [c for c in theory.constants() if c not in conclusion.atom.args]
    if constants:
        position = rng.randrange(conclusion.atom.arity)
        args = list(conclusion.atom.args)
        args[position] = rng.choice(constants)
        rebound = Literal(Atom(conclusion.atom.predicate, tuple(args)), conclusion.positive)
        invalid.append(_wrong("wrong_binding", [*facts, rule], rebound))
    invalid.append(_wrong("polarity_flip", [*facts, rule], conclusion.negated()))
    if facts:
        invented = _invented_fact(theory, closure, rng)
        if invented is not None:
            swapped = list(facts)
            swapped[rng.randrange(len(swapped))] = str(invented)
            invalid.append(_wrong("fact_not_in_theory", [*swapped, rule], conclusion))
    others = [
        s.id
        for s in theory.rules
        if s.id != rule and isinstance(s.content, Rule) and s.content.head.atom.predicate != conclusion.atom.predicate
    ]
    if others:
        invalid.append(_wrong("wrong_rule", [*facts, rng.choice(others)], conclusion))
    return invalid


def _wrong(kind: str, premises: list[str], conclusion: Literal) -> dict[str, Any]:
    return {"type": kind, "premises": [p for p in premises if p], "conclusion": str(conclusion)}


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
