"""Attribute theories: one ladder of class rules p0 -> p1 -> ... that every entity climbs.

Rules over one variable fire for every entity, so separate chains would shortcut each other; instead
each question gets its own entity, entering the shared ladder at a level chosen so the statement has
the polarity it needs, with the side conditions it passes stated as that entity's facts.

A near miss states a stand-in fact in place of the entry it leaves out, on a word kept for stand-ins
alone: were it drawn from the words distractors draw from, an Unknown's entity would have one fresh
word fewer for a distractor, and where a deep ladder leaves few words, fewer facts than a proved
statement's entity (`facts: entity` told Unknown apart by 8 points at depth 10).
"""

from __future__ import annotations

from dataclasses import dataclass

from proofloom.generator.construct.draft import Draft, X, add_mirror
from proofloom.generator.construct.statements import Asked, goal_polarity, proved, statement_about, statement_polarity
from proofloom.generator.schedule import Cell
from proofloom.logic.terms import Atom, Constant, Literal, Rule


@dataclass(frozen=True, slots=True)
class _Ladder:
    """`rungs[k]` follows from `rungs[k - 1]` and the side conditions `sides[k]` (none at the bottom)."""

    rungs: list[Literal]
    sides: list[list[Literal]]
    stand_in: str  # the word of near misses' stand-in facts: in no rule, and no distractor's

    @property
    def top(self) -> int:
        return len(self.rungs) - 1

    def predicates(self) -> set[str]:
        """Every attribute the ladder's rules mention."""
        return {rung.atom.predicate for rung in self.rungs} | {s.atom.predicate for side in self.sides for s in side}

    def reserved(self) -> set[str]:
        """The words no fresh literal of an entity may take: the ladder's, and the stand-ins'."""
        return self.predicates() | {self.stand_in}


def climb_ladder(draft: Draft, cells: tuple[Cell, ...]) -> list[Asked] | None:
    """What each cell asks, in cell order, with the ladder and each entity's climb added to `draft`."""
    ladder = _build(draft, max(cell.depth for cell in cells))
    if ladder is None:
        return None
    _seat_entities(draft, ladder, len(cells))
    asked = []
    for number, cell in enumerate(cells):
        climbed = _climb(draft, ladder, cell, draft.entities[number % len(draft.entities)])
        if climbed is None:
            return None
        asked.append(climbed)
    return asked


def _build(draft: Draft, deepest: int) -> _Ladder | None:
    """The rungs and their rules: a few more than the deepest proof needs, so entry levels can be chosen."""
    predicates = list(draft.vocabulary.attributes)
    top = min(len(predicates) - 3, deepest + 4)
    draft.rng.shuffle(predicates)
    if top < deepest:
        return None
    closed, words = draft.closed, draft.words
    rungs = [Literal(Atom(p, (X,)), closed or not words.negated()) for p in predicates[: top + 1]]
    spare = predicates[top + 1 :]
    stand_in = spare.pop(0)  # the word popped last: where spare words last, sides draw as without it
    draft.rungs = {p: level for level, p in enumerate(predicates[: top + 1])}
    sides: list[list[Literal]] = [[]]
    for level in range(1, top + 1):
        extra = min(draft.draw_conditions() - 1, len(spare))
        side = [Literal(Atom(spare.pop(), (X,)), True if closed else not words.negated()) for _ in range(extra)]
        conditions = [rungs[level - 1], *side]
        draft.rng.shuffle(conditions)
        rule = Rule(tuple(conditions), rungs[level], draft.draw_style())
        draft.rules[rule] = None
        if not closed:
            add_mirror(draft, rule, rungs[level - 1])
        sides.append(side)
    return _Ladder(rungs, sides, stand_in)


def _seat_entities(draft: Draft, ladder: _Ladder, questions: int) -> None:
    """One entity per question where the pool allows, none of whose ladder words a distractor may use."""
    draft.entities = tuple(draft.rng.sample(draft.pool, min(len(draft.pool), max(questions, 1))))
    for entity in draft.entities:
        draft.words.reserve(entity, ladder.reserved())
    draft.words.rule_predicates.update(ladder.predicates())


def _climb(draft: Draft, ladder: _Ladder, cell: Cell, entity: Constant) -> Asked | None:
    """Facts that take `entity` up `cell.depth` rungs; the statement about the rung it reaches.

    Under the open world the entity climbs the ladder or, as often, its mirror (every rung negated), so
    the facts stated of a rung's word carry both polarities. A near miss states another fact of its
    entity in place of the entry it leaves out, so how much is said of an entity tells nothing either."""
    positive = statement_polarity(draft, cell.label)
    complete = proved(draft, cell.label, positive)
    top_positive = goal_polarity(draft, cell.label, positive)
    mirrored = not draft.closed and draft.rng.random() < 0.5
    starts = [
        j
        for j in range(0, ladder.top - cell.depth + 1)
        if not complete or (ladder.rungs[j + cell.depth].positive != mirrored) == top_positive
    ]
    if not starts:
        return None
    start = draft.rng.choice(starts)
    entry = _about(draft, ladder.rungs[start], entity, mirrored)
    for level in range(start + 1, start + cell.depth + 1):
        for side in ladder.sides[level]:
            draft.facts[_about(draft, side, entity, False)] = None
    goal = _about(draft, ladder.rungs[start + cell.depth], entity, mirrored)
    draft.words.use(entry.atom, goal.atom)
    statement = statement_about(goal, positive)
    if not complete:
        word = draft.words.attribute(entity, ladder.stand_in)
        stand_in: Literal | None = Literal(word, draft.closed or not draft.words.negated())
        if any(f.atom == word for f in draft.facts):  # the entity's second near miss: a side it cannot use
            stand_in = _unreached_side(draft, ladder, entity, range(start + 1, start + cell.depth + 1))
        if stand_in is not None:
            draft.facts[stand_in] = None
        return Asked(statement, entry, goal, not mirrored, cell.depth)  # the entry fact left out: a near miss
    draft.facts[entry] = None
    return Asked(statement, None, goal, not mirrored, cell.depth)


def _unreached_side(draft: Draft, ladder: _Ladder, entity: Constant, climbed: range) -> Literal | None:
    """A side condition of a rung outside the near miss's climb, said of its entity: with the entry left out
    the entity stands on no rung, so a side condition alone takes it nowhere."""
    sides = [s for level, side in enumerate(ladder.sides) if level not in climbed for s in side]
    if not sides:
        return None
    return _about(draft, draft.rng.choice(sides), entity, False)


def _about(draft: Draft, rung: Literal, entity: Constant, mirrored: bool) -> Literal:
    """`p(X)` or `~p(X)` of the ladder (or of its mirror) said of `entity`, with the vocabulary's shared atom."""
    return Literal(draft.words.attribute(entity, rung.atom.predicate), rung.positive != mirrored)
