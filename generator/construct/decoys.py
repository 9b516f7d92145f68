"""Decoys: facts that say a depth-0 statement's predicate in both polarities, about entities no question asks of.

A depth-0 True or False statement's atom is stated as a fact in its proof's polarity, and nothing else
states it; without decoys, counting facts by the statement's predicate and polarity tells the label.
So every depth-0 statement adds exactly one fact of its predicate in each polarity: its own fact where it
is stated (True or False at depth 0), else a decoy, and a decoy in the other polarity. (Topping a count up
only where a polarity is missing does not do: a True statement then adds a fact in its polarity where it
is stated already, and the others do not.) Deeper statements get none: their atom is derived, never
stated, whatever the label, so decoys for them would only add a count that differs by label. Two
statements of one predicate get decoys about different entities, so neither's decoy merges with the
other's.

Decoys are about entities of the pool that no proof mentions, split in two sides: one holds literals in
the proofs' direction (the ladder's or a chain's polarity), the other their mirror, so the rules a decoy
fires derive nothing that contradicts another decoy of its side, nor reach an asked entity.
"""

from __future__ import annotations

from collections.abc import Sequence

from proofloom.generator.construct.draft import Draft
from proofloom.generator.construct.statements import Asked
from proofloom.logic.terms import Atom, Constant, Literal


def add_decoys(draft: Draft, asked: Sequence[Asked]) -> None:
    """For each depth-0 statement, a decoy of its predicate in each polarity its own facts do not state it in."""
    spare = [e for e in draft.pool if all(e.name != d.name for d in draft.entities)]
    if len(spare) < 2:
        return
    # the entities are a random sample already: the spare ones alternate between the two sides
    sides = (spare[0::2], spare[1::2])
    climbers = _climbers(asked, draft.rungs) if draft.rungs else {}
    both = draft.negation and not draft.closed  # closed-world facts are positive; so are those of *NoNeg
    stated = {(f.atom.predicate, len(f.atom.args), e.name) for f in draft.facts for e in f.atom.args[:1]}
    for item in asked:
        goal = item.goal
        if item.depth > 0:
            continue
        wanted = [goal.positive] if goal not in draft.facts else []
        if both:
            wanted.append(not goal.positive)
        for positive in wanted:
            side = (positive == goal.positive) != item.upright
            rung = draft.rungs.get(goal.atom.predicate, -1)
            above = [Constant(name) for name, (up, top) in climbers.items() if up != side and top < rung]
            literal = _decoy(goal.atom, positive, [*sides[side], *above], spare, stated)
            if literal is not None:
                draft.facts[literal] = None


def _climbers(asked: Sequence[Asked], rungs: dict[str, int]) -> dict[str, tuple[bool, int]]:
    """Each asked entity of a ladder whose climbs all go one way: whether upright, and its highest goal's rung.
    A decoy of its side on a rung above that derives nothing it is asked about, nor contradicts its climb."""
    ways: dict[str, set[bool]] = {}
    tops: dict[str, int] = {}
    for item in asked:
        name = item.goal.atom.args[0].name
        ways.setdefault(name, set()).add(item.upright)
        tops[name] = max(tops.get(name, -1), rungs[item.goal.atom.predicate])
    return {name: (next(iter(way)), tops[name]) for name, way in ways.items() if len(way) == 1}


def _decoy(
    atom: Atom, positive: bool, side: list[Constant], spare: list[Constant], stated: set[tuple[str, int, str]]
) -> Literal | None:
    """`atom`'s predicate said of the first entity of `side` of which nothing states it yet (None: none left);
    a relation's object is another spare entity."""
    for subject in side:
        key = (atom.predicate, len(atom.args), subject.name)
        if key in stated:
            continue
        stated.add(key)
        if len(atom.args) == 2:
            other = next(e for e in spare if e.name != subject.name)
            return Literal(Atom(atom.predicate, (subject, other)), positive)
        return Literal(Atom(atom.predicate, (subject,)), positive)
    return None
