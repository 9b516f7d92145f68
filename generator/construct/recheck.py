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
from proofloom.logic.terms import Atom, Literal, Theory
from proofloom.prover.reasoning.chaining import Closure
from proofloom.prover.reasoning.reasoner import Answer, Reasoner


def recheck(
    theory: Theory, cells: Sequence[Cell], statements: Sequence[Literal], closed: bool, all_proofs: bool
) -> tuple[Answer, ...] | None:
    """The reasoner's answer to each statement, or None where a slot's label or depth moved.

    Under the open world the chaining stops at the first round that shows an attempt fails (`_Watch`): a
    third of attempts do, and most show it rounds before the fixpoint. The full checks still decide."""
    theory.check_limits()
    try:
        closure = Closure(theory, closed_world=closed, watch=None if closed else _Watch(cells, statements))
    except LogicError:  # unstratified under cwa
        return None
    if closure.stopped or not _consistent(closure) or not _as_asked(closure, cells, statements):
        return None
    reasoner = Reasoner(theory, Semantics.CWA if closed else Semantics.OWA, all_proofs=all_proofs, closure=closure)
    return tuple(reasoner.answer(statement) for statement in statements)


class _Watch:
    """The open world's early out: told each round's new literals, False as soon as the attempt must fail.

    A round's number is its literals' height (the first round that finds a literal is its shallowest proof's
    height), so a proved statement found in another round than its depth, or not found by then, has moved;
    so has an Unknown statement found either way, a statement whose complement is found, and a theory that
    finds a literal and its complement (each is what `_as_asked` or `_consistent` would refuse)."""

    def __init__(self, cells: Sequence[Cell], statements: Sequence[Literal]) -> None:
        self.depths: dict[Literal, int] = {}  # each proved statement's target: the round it must be found in
        self.refused: set[Literal] = set()  # literals whose finding moves a label
        for cell, statement in zip(cells, statements, strict=True):
            if cell.label is Label.UNKNOWN:
                self.refused.update((statement, statement.negated()))
            elif cell.label in (Label.TRUE, Label.FALSE):
                target = _proved(statement, cell.label)
                self.depths[target] = cell.depth
                self.refused.add(target.negated())
        self.due = sorted(self.depths.items(), key=lambda item: item[1])  # targets by the round they are due
        self.found: set[Literal] = set()
        self.polarity: dict[Atom, bool] = {}  # each atom found, by the polarity found

    def __call__(self, new: Sequence[Literal], round_number: int) -> bool:
        polarity, depths, refused = self.polarity, self.depths, self.refused
        for literal in new:
            if polarity.setdefault(literal.atom, literal.positive) != literal.positive:
                return False  # a literal and its complement
            if literal in refused:
                return False
            depth = depths.get(literal)
            if depth is not None:
                if depth != round_number:
                    return False
                self.found.add(literal)
        due = self.due
        while due and due[0][1] <= round_number:
            target, _ = due.pop(0)
            if target not in self.found:
                return False
        return True


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
