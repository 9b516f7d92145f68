"""Decoys: facts that say each statement's predicate in both polarities, about entities no question asks of.

Without them a depth-0 True statement is the only one whose predicate a fact states in the statement's
polarity (and a depth-0 False one in the other), so counting facts by predicate and polarity tells the
label. Each statement's predicate gets one fact in its proof's polarity and, where the family has negation,
one in the other, unless the theory states it so already. Decoys are about two entities of the pool that
no proof mentions, one holding the proofs' polarity and one its mirror, so no rule they fire reaches an
asked entity and neither derives the complement of what it states.
"""

from __future__ import annotations

from collections.abc import Sequence

from proofloom.generator.construct.draft import Draft
from proofloom.generator.construct.statements import Asked
from proofloom.logic.terms import Atom, Constant, Literal


def add_decoys(draft: Draft, asked: Sequence[Asked]) -> None:
    """For each statement's predicate, a fact in each polarity the theory does not state it in yet."""
    spare = [e for e in draft.pool if all(e.name != d.name for d in draft.entities)]
    if len(spare) < 2:
        return
    keeper, mirror = spare[:2]  # the entities are a random sample already: the first two left over will do
    both = draft.negation and not draft.closed  # closed-world facts are positive; so are those of *NoNeg
    for item in asked:
        goal = item.goal
        stated = {f.positive for f in draft.facts if f.atom.predicate == goal.atom.predicate}
        if goal.positive not in stated:
            draft.facts[Literal(_about(goal.atom, keeper, mirror), goal.positive)] = None
        if both and (not goal.positive) not in stated:
            draft.facts[Literal(_about(goal.atom, mirror, keeper), not goal.positive)] = None


def _about(atom: Atom, subject: Constant, other: Constant) -> Atom:
    """`atom`'s predicate said of `subject` (and, for a relation, of `other` as its object)."""
    return Atom(atom.predicate, (subject, other) if len(atom.args) == 2 else (subject,))
