"""The re-check: the reasoner labels every statement of a finished attempt, which is kept only if each
has the label and depth its slot asked for.

Construction aims at each slot alone; distractors, shared rules or a clash between proofs can give a
statement a shorter proof or another label, and such an attempt is discarded. The cheap checks (labels
and depths read off the closure) run before any proof tree is built.
"""

from __future__ import annotations

from collections.abc import Sequence

from proofloom.errors import LogicError
from proofloom.generator.schedule import Cell
from proofloom.logic.semantics import Label, Semantics
from proofloom.logic.terms import Literal, Theory
from proofloom.prover.reasoning.chaining import Closure
from proofloom.prover.reasoning.reasoner import Answer, Reasoner


def recheck(
    theory: Theory, cells: Sequence[Cell], statements: Sequence[Literal], closed: bool, all_proofs: bool
) -> tuple[Answer, ...] | None:
    """The reasoner's answer to each statement, or None where a slot's label or depth moved."""
    reasoner = Reasoner(theory, Semantics.CWA if closed else Semantics.OWA, all_proofs=all_proofs)
    try:
        closure = reasoner.closure
    except LogicError:  # unstratified under cwa
        return None
    if not _consistent(closure) or not _as_asked(closure, cells, statements):
        return None
    return tuple(reasoner.answer(statement) for statement in statements)


def _consistent(closure: Closure) -> bool:
    """Whether the theory derives no literal together with its complement."""
    known = closure.known()
    affirmed = {literal.atom for literal in known if literal.positive}
    return not any(literal.atom in affirmed for literal in known if not literal.positive)


def _as_asked(closure: Closure, cells: Sequence[Cell], statements: Sequence[Literal]) -> bool:
    """Whether every statement has its cell's label and, when proved, its cell's depth."""
    for cell, statement in zip(cells, statements, strict=True):
        if _label(closure, statement) is not cell.label:
            return False
        if cell.label is Label.UNKNOWN:
            continue
        target = _proved(statement, cell.label)
        if closure.closed_world and not target.positive:
            continue  # it holds by failure: its depth is its near miss's, as an Unknown's under the open world
        if closure.height.get(target) != cell.depth:
            return False
    return True


def _label(closure: Closure, statement: Literal) -> Label:
    """The label `Reasoner` would give, read straight off the closure."""
    if closure.closed_world:
        return Label.TRUE if closure.holds(Literal(statement.atom)) == statement.positive else Label.FALSE
    holds, refuted = closure.holds(statement), closure.holds(statement.negated())
    if holds and refuted:
        return Label.INCONSISTENT
    return Label.TRUE if holds else Label.FALSE if refuted else Label.UNKNOWN


def _proved(statement: Literal, label: Label) -> Literal:
    """The literal a proof of the statement concludes: the statement itself, or for False its negation."""
    return statement if label is Label.TRUE else statement.negated()
