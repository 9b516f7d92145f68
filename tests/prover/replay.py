"""Replaying a tree step by step: each forward step's rule, applied to its premises, gives its conclusion."""

from __future__ import annotations

from proofloom.logic.matching import conclusions
from proofloom.logic.terms import Literal, Rule
from proofloom.prover.proof.tree import Direction, EntailmentTree, NodeKind


def replay_failures(tree: EntailmentTree) -> list[str]:
    """What is wrong with the tree (empty when every step replays)."""
    failures = []
    for step in tree.steps():
        premises: list[Literal] = []
        for node in step.facts:
            literal = tree.literal(node)
            if literal is None:
                failures.append(f"{step.conclusion}: premise {node} is not a fact")
            else:
                premises.append(literal)
        rule = tree.theory[step.rule].content if step.rule else None
        if not isinstance(rule, Rule):
            failures.append(f"{step.conclusion}: {step.rule} is not a rule")
        elif step.direction is Direction.FORWARD and step.conclusion not in conclusions(rule, premises):
            failures.append(f"{step.conclusion} does not follow from {step.rule} and {premises}")
    for leaf in tree.leaves():
        if tree.kind(leaf) is NodeKind.SENTENCE:
            assert isinstance(leaf, str)
            tree.theory[leaf]  # raises KeyError for a sentence not in the theory
    return failures
