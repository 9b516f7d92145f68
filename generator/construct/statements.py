"""What each question slot asks: a statement whose polarity says nothing about its label.

ProofWriter's True/False questions can mostly be answered from the statement's polarity alone; here
the polarity is drawn first and the proof grown to fit it, so polarity and label are independent.
An Unknown slot's statement is about the top of a proof whose bottom fact is left out (the near miss):
as close as a theory comes to proving it without doing so.
"""

from __future__ import annotations

from dataclasses import dataclass

from proofloom.generator.construct.draft import Draft
from proofloom.logic.semantics import Label
from proofloom.logic.terms import Literal


@dataclass(frozen=True, slots=True)
class Asked:
    """One slot's statement, and for an Unknown slot the fact left out of its proof (an abduction answer)."""

    statement: Literal
    near_miss: Literal | None


def statement_polarity(draft: Draft, label: Label) -> bool:
    """Whether the statement should be positive, so that polarity tells nothing about the label.

    Without negation a False statement must be negated; theories with negation compensate, asking
    True questions negated and False ones positive as often as the families' mix requires.
    """
    if draft.closed or not draft.negation:
        return label is not Label.FALSE
    share = draft.recipe.rules.negation_share
    lean = 1.0 if share <= 0.5 else min(1.0, (1 + (1 - share) / share) / 2)
    flip = draft.rng.random() < lean
    if label is Label.TRUE:
        return not flip
    if label is Label.FALSE:
        return flip
    return draft.rng.random() < 0.5


def goal_polarity(label: Label, positive: bool) -> bool:
    """The polarity of the literal a proof must reach for a statement of this polarity and label:
    a False statement's proof concludes its negation."""
    return positive if label is not Label.FALSE else not positive


def statement_about(goal: Literal, label: Label, positive: bool) -> Literal:
    """The statement a slot asks about the literal its proof reaches (or, for Unknown, would reach)."""
    if label is Label.UNKNOWN:
        return goal if positive else goal.negated()
    return goal if label is Label.TRUE else goal.negated()
