"""A theory under construction, and the draws every part of its construction shares.

A `Draft` holds the facts and rules chosen so far, the entities they are about and the words they have
used. All draws come from one random stream, in the order the parts make them; that order is what
fixes an example's bytes, so reordering two draws changes the dataset.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import math
import random
from dataclasses import dataclass, field

from proofloom.generator.recipe import Recipe
from proofloom.generator.vocabulary import Vocabulary
from proofloom.generator.words import Words
from proofloom.logic.semantics import Semantics
from proofloom.logic.terms import Atom, Constant, Literal, Rule, RuleForm, RuleStyle, Term, Theory, Variable

X = Variable("X")
# One value per style: every rule of every theory shares these few instead of making its own.
_STYLES = {(form, person): RuleStyle(form, person) for form in RuleForm for person in (False, True)}


@dataclass
class Draft:
    """The facts and rules so far (dicts as ordered sets: insertion order is the theory's before its shuffle)."""

    rng: random.Random
    recipe: Recipe
    vocabulary: Vocabulary
    relational: bool
    negation: bool
    facts: dict[Literal, None] = field(default_factory=dict)
    rules: dict[Rule, None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        rng, recipe = self.rng, self.recipe
        self.closed = recipe.semantics is Semantics.CWA
        self.pool = self.vocabulary.entities(self.relational)
        low, high = recipe.theory.entities
        count = max(rng.randint(low, high), 2 if self.relational else 1)  # a relation needs two entities
        self.entities: tuple[Constant, ...] = tuple(rng.sample(self.pool, min(count, len(self.pool))))
        rate = recipe.rules.negation_rate if self.negation else 0.0
        self.words = Words(rng, self.vocabulary, self.relational, rate)
        self.rungs: dict[str, int] = {}  # in an attribute theory, each ladder word's rung (set by the ladder)
        self._conditions = _cumulative(tuple(recipe.rules.conditions.items()))
        self._surface = (recipe.surface.if_rate, recipe.surface.all_rate, recipe.surface.person_rate)

    def draw_conditions(self) -> int:
        """How many conditions the next rule has, by the recipe's weights: the draw `rng.choices(names,
        weights)` makes (one `random()` against the running sums), without its call's checks each time."""
        names, cumulative = self._conditions
        total = cumulative[-1] + 0.0 if cumulative else 0.0
        if not 0.0 < total < math.inf:  # no weight, or not finite: `choices` says what is wrong
            return self.rng.choices(names, cum_weights=cumulative)[0]
        return names[bisect.bisect(cumulative, self.rng.random() * total, 0, len(names) - 1)]

    def draw_style(self) -> RuleStyle:
        """The English template of the next rule, by the recipe's surface shares."""
        roll = self.rng.random()
        if_rate, all_rate, person_rate = self._surface
        if roll < if_rate:
            form = RuleForm.IF
        elif roll < if_rate + all_rate:
            form = RuleForm.ALL
        else:
            form = RuleForm.BARE
        return _STYLES[(form, self.rng.random() < person_rate)]

    def body(
        self, subject: Constant, count: int, link_positive: bool, avoid: set[Atom], even_link: bool = False
    ) -> list[Literal] | None:
        """`count` fresh literals about `subject`: the first is the link, the rest side conditions, each of
        which may be about another constant instead (`If something visits the mouse and the mouse is red`).
        With `even_link` the link is negated half the time, whatever the negation rate: a proof's inner
        levels then take either polarity as often, and a statement about one tells nothing by its polarity."""
        body: list[Literal] = []
        for position in range(count):
            about = subject if position == 0 else self._side_subject(subject)
            literal = self.words.fresh_literal(
                self.entities, about, positive_only=link_positive and position == 0, avoid=avoid
            )
            if literal is None:
                return None
            if position == 0 and even_link:
                literal = Literal(literal.atom, self.rng.random() < 0.5)
            avoid = avoid | {literal.atom}
            body.append(literal)
        return body

    def _side_subject(self, subject: Constant) -> Constant:
        """Usually `subject`; at `ground_condition_rate`, another entity. At rate 0 nothing is drawn at all:
        a recipe that leaves the rate at 0 draws exactly as if the knob did not exist."""
        rate = self.recipe.rules.ground_condition_rate
        others = other_entities(self.entities, subject) if rate > 0 else []
        return self.rng.choice(others) if others and self.rng.random() < rate else subject

    def theory(self) -> Theory:
        """The finished theory, facts and rules each shuffled so their order tells nothing of the proofs."""
        facts, rules = list(self.facts), list(self.rules)
        self.rng.shuffle(facts)
        self.rng.shuffle(rules)
        return Theory.of(*facts, *rules)


@functools.lru_cache(maxsize=256)
def _cumulative(weights: tuple[tuple[int, float], ...]) -> tuple[tuple[int, ...], tuple[float, ...]]:
    """The choices of positive weight and their running sums, as `random.choices` would compute them."""
    names = tuple(k for k, w in weights if w > 0)
    return names, tuple(itertools.accumulate(w for _, w in weights if w > 0))


def other_entities(entities: tuple[Constant, ...], subject: Constant) -> list[Constant]:
    """The entities other than `subject` (told apart by name: constants compare in Python, names in C)."""
    return [e for e in entities if e.name != subject.name]


def lift(literal: Literal, subject: Constant) -> Literal:
    """`literal` with `subject` replaced by the rule variable."""
    args: tuple[Term, ...] = tuple([X if a.name == subject.name else a for a in literal.atom.args])
    return Literal(Atom(literal.atom.predicate, args), literal.positive)


def degenerate(rule: Rule) -> bool:
    """A head among its conditions, a repeated or contradictory condition: never generated."""
    atoms = [c.atom for c in rule.conditions]
    return rule.head.atom in atoms or len(set(atoms)) != len(atoms)


def add_mirror(draft: Draft, rule: Rule, link: Literal) -> None:
    """Beside an open-world proof rule, its mirror: the same conditions with `link` (the condition the proof
    derives) and the head negated. It fires only where the link's complement holds, which no proof gives,
    yet with it every rule head and link condition comes in both polarities: neither tells the label.
    A family without negation gets none (its theories say nothing negated). A mirror has its rule's atoms, so
    it is degenerate only where its rule is, which no caller adds (chains check each rule; a ladder's rules
    are of distinct words)."""
    if not draft.negation:
        return
    conditions = tuple(c.negated() if c == link else c for c in rule.conditions)
    mirror = Rule(conditions, rule.head.negated(), draft.draw_style())
    if mirror not in draft.rules:
        draft.rules[mirror] = None
