"""Proofs grown backward, for theories with relations: one chain of rules per question, deepest first.

A chain for a slot of depth d starts from a fresh goal literal and adds d rules, each concluding the
previous goal from a new link literal (with side conditions stated as facts); the last link is stated
as a fact, or left out for a near miss. Rules over relations rarely fire for the wrong entity, so the
chains of different questions can stay apart, and a deep chain serves shallower slots from its lower levels.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from proofloom.generator.construct.draft import Draft, add_mirror, degenerate, lift, other_entities
from proofloom.generator.construct.statements import Asked, goal_polarity, proved, statement_about, statement_polarity
from proofloom.generator.schedule import Cell
from proofloom.logic.terms import Constant, Literal, Rule


@dataclass
class _Chain:
    """A proof grown backward: `levels[k]` is derived at depth k; each level serves at most one question."""

    levels: tuple[Literal, ...]
    complete: bool  # its bottom level is stated; an incomplete chain is a near miss
    taken: set[int] = field(default_factory=set)

    def free(self, depth: int) -> bool:
        return depth < len(self.levels) and depth not in self.taken

    def take(self, depth: int) -> Literal:
        self.taken.add(depth)
        return self.levels[depth]


def grow_chains(draft: Draft, cells: tuple[Cell, ...]) -> list[Asked] | None:
    """What each cell asks, in cell order, with the chains that answer them added to `draft` (None: stuck)."""
    _make_room(draft, cells)
    asked: dict[int, Asked] = {}
    chains: list[_Chain] = []
    # deepest first; slots of one depth in a random order, so which label grows a chain and which reuses one
    # (a chain's top is in no rule's conditions) does not follow the schedule's order of labels
    ties = [draft.rng.random() for _ in cells]
    for position in sorted(range(len(cells)), key=lambda i: (-cells[i].depth, ties[i])):
        cell = cells[position]
        positive = statement_polarity(draft, cell.label)
        complete = proved(draft, cell.label, positive)
        chain = _chain_for(draft, cell, complete, goal_polarity(draft, cell.label, positive), chains)
        if chain is None:
            return None
        goal = chain.take(cell.depth)
        near_miss = None if complete else chain.levels[0]
        asked[position] = Asked(statement_about(goal, positive), near_miss, goal, True, cell.depth)
    return [asked[i] for i in range(len(cells))]


def _make_room(draft: Draft, cells: tuple[Cell, ...]) -> None:
    """Add entities until the atoms the proofs will need are at most half of those available: with fewer
    to choose from, fresh literals run out and attempts fail."""
    weights = draft.recipe.rules.conditions
    conditions = sum(k * w for k, w in weights.items()) / sum(weights.values())
    needed = sum(1 + cell.depth * conditions for cell in cells) + draft.recipe.theory.distractor_facts[1]
    while 2 * needed > _capacity(draft) and len(draft.entities) < len(draft.pool):
        spare = [e for e in draft.pool if e not in draft.entities]
        draft.entities = (*draft.entities, draft.rng.choice(spare))


def _capacity(draft: Draft) -> int:
    """How many atoms the draft's entities and vocabulary can make."""
    per_entity = len(draft.vocabulary.attributes)
    if draft.relational:
        per_entity += len(draft.vocabulary.relations) * (len(draft.entities) - 1)
    return per_entity * len(draft.entities)


def _chain_for(draft: Draft, cell: Cell, complete: bool, top_positive: bool, chains: list[_Chain]) -> _Chain | None:
    """A chain with a free level at the cell's depth and the right polarity there, reused or grown."""
    fitting = [
        chain
        for chain in (chains if cell.depth > 0 else ())  # a depth-0 slot, whatever its label, is a fresh literal
        if chain.complete == complete and chain.free(cell.depth) and chain.levels[cell.depth].positive == top_positive
    ]
    if fitting:
        return draft.rng.choice(fitting)
    grown = _grow_chain(draft, cell.depth, complete, top_positive)
    if grown is not None:
        chains.append(grown)
    return grown


def _grow_chain(draft: Draft, depth: int, complete: bool, top_positive: bool) -> _Chain | None:
    """Levels 0..depth: level k is derived at depth k; level 0 is a fact unless this is a near miss."""
    words, closed = draft.words, draft.closed
    goal = words.fresh_literal(draft.entities, words.roomiest(draft.entities), positive_only=closed)
    if goal is None:
        return None
    # closed-world and negation-free goals stay positive (a False statement is then their negation)
    goal = Literal(goal.atom, top_positive or closed or not draft.negation and goal.positive)
    levels = [goal]
    for _ in range(depth):
        link = _grow(draft, levels[-1])
        if link is None:
            return None
        levels.append(link)
    if complete:
        draft.facts[levels[-1]] = None
    else:  # another fact of the near miss's entities in place of the one left out: fact counts tell nothing
        stand_in = draft.words.fresh_like(draft.entities, levels[-1].atom, positive_only=closed)
        if stand_in is not None:
            draft.facts[stand_in] = None
    return _Chain(tuple(reversed(levels)), complete)


def _grow(draft: Draft, goal: Literal) -> Literal | None:
    """Add a rule concluding `goal`; return the new goal (the link) it needs."""
    conditions = draft.draw_conditions()
    subject = goal.atom.args[0]
    assert isinstance(subject, Constant)
    shapes = draft.recipe.rules
    roll = draft.rng.random()
    if roll < shapes.ground_rate:
        return _ground_rule(draft, goal, subject, conditions)
    others = other_entities(draft.entities, subject)
    if draft.relational and others and roll < shapes.ground_rate + shapes.other_constant_head_rate:
        return _other_head_rule(draft, goal, subject, draft.rng.choice(others), conditions)
    return _variable_rule(draft, goal, subject, conditions)


def _variable_rule(draft: Draft, goal: Literal, subject: Constant, conditions: int) -> Literal | None:
    """`If something is big then it is green`: the rule is over a variable, said here of `subject`."""
    body = draft.body(subject, conditions, link_positive=draft.closed, avoid={goal.atom}, even_link=_even(draft))
    if body is None:
        return None
    lifted = [lift(b, subject) for b in body]
    return _add_rule(draft, lifted, lift(goal, subject), body, lifted[0])


def _even(draft: Draft) -> bool:
    """Whether a chain's links take either polarity half the time (open world, a family with negation)."""
    return draft.negation and not draft.closed


def _other_head_rule(draft: Draft, goal: Literal, about: Constant, actor: Constant, conditions: int) -> Literal | None:
    """`If something visits the bear and it is big then the bear is green`: the head is about a constant."""
    bridge = draft.words.fresh_relation(actor, about, positive=not _even(draft) or draft.rng.random() < 0.5)
    if bridge is None:
        return None
    rest: list[Literal] | None = []
    if conditions > 1:
        rest = draft.body(actor, conditions - 1, link_positive=draft.closed, avoid={goal.atom, bridge.atom})
    if rest is None:
        return None
    body = [bridge, *rest]
    draft.rng.shuffle(body)
    return _add_rule(draft, [lift(b, actor) for b in body], goal, [bridge, *rest], lift(bridge, actor))


def _ground_rule(draft: Draft, goal: Literal, subject: Constant, conditions: int) -> Literal | None:
    """`If the bear is big then the bear is green`: a rule with no variable."""
    body = draft.body(subject, conditions, link_positive=draft.closed, avoid={goal.atom}, even_link=_even(draft))
    if body is None:
        return None
    return _add_rule(draft, list(body), goal, body, body[0])


def _add_rule(
    draft: Draft, conditions: list[Literal], head: Literal, ground_body: list[Literal], link: Literal
) -> Literal | None:
    """Add the rule (and under the open world its mirror); state the side conditions as facts; return the
    link (the first of the ground body; `link` is the condition it grounds)."""
    order = list(range(len(conditions)))
    draft.rng.shuffle(order)
    rule = Rule(tuple(conditions[i] for i in order), head, draft.draw_style())
    if rule in draft.rules or degenerate(rule):
        return None
    draft.rules[rule] = None
    if not draft.closed:
        add_mirror(draft, rule, link)
    draft.words.rule_predicates.update(c.atom.predicate for c in (*rule.conditions, rule.head))
    first, *sides = ground_body
    for side in sides:
        if not (draft.closed and not side.positive):  # under cwa a negated side condition holds by failure
            draft.facts[side] = None
    return first
