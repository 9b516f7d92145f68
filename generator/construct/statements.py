"""What each question slot asks: a statement whose polarity says nothing about its label.

ProofWriter's True/False questions can mostly be answered from the statement's polarity alone; here
the polarity is drawn first and the proof grown to fit it, so polarity and label are independent.
Under the open world an Unknown slot's statement is about the top of a proof whose bottom fact is left
out (the near miss): as close as a theory comes to proving it without doing so. Under the closed world
a negated True statement and a positive False one hold by failure: their atom tops such a near miss.
"""

from __future__ import annotations

from dataclasses import dataclass

from proofloom.generator.construct.draft import Draft
from proofloom.logic.semantics import Label
from proofloom.logic.terms import Literal


@dataclass(frozen=True, slots=True)
class Asked:
    """One slot's statement, for a slot answered by a near miss the fact left out of its proof, and the
    literal its proof concludes (or would) about the statement's atom, in the proof's polarity; `upright`
    when that polarity is the one the shared rules derive forward (a chain's always; a ladder's unless the
    entity climbs its mirror), which decides the side its decoys are about."""

    statement: Literal
    near_miss: Literal | None
    goal: Literal
    upright: bool
    depth: int


def statement_polarity(draft: Draft, label: Label) -> bool:
    """Whether the statement should be positive, so that polarity tells nothing about the label.

    Under the closed world every label takes either polarity (one by a proof, the other by failure).
    Under the open world a family without negation can only ask False negated and True positive;
    theories with negation compensate, asking True negated and False positive as often as the
    families' mix requires (half and half when every theory has negation, as the shipped recipes do).
    """
    if draft.closed or label is Label.UNKNOWN:
        return draft.rng.random() < 0.5
    if not draft.negation:
        return label is Label.TRUE
    share = draft.recipe.rules.negation_share
    lean = 1.0 if share <= 0.5 else min(1.0, (1 + (1 - share) / share) / 2)
    flip = draft.rng.random() < lean
    return not flip if label is Label.TRUE else flip


def proved(draft: Draft, label: Label, positive: bool) -> bool:
    """Whether the slot's proof is complete (its bottom stated) rather than a near miss."""
    if draft.closed:
        return (label is Label.TRUE) == positive
    return label is not Label.UNKNOWN


def goal_polarity(draft: Draft, label: Label, positive: bool) -> bool:
    """The polarity of the literal a proof must reach (or a near miss would reach) for this statement:
    a False statement's proof concludes its negation; closed-world proofs conclude positive literals;
    an Unknown statement's near miss reaches either polarity, drawn apart from the statement's."""
    if draft.closed:
        return True
    if label is Label.UNKNOWN:
        return not draft.negation or draft.rng.random() < 0.5
    return positive if label is Label.TRUE else not positive


def statement_about(goal: Literal, positive: bool) -> Literal:
    """The statement a slot asks about the atom its proof reaches (or, for a near miss, would reach)."""
    return Literal(goal.atom, positive)
