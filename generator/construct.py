"""Building a theory to order: each question slot gets a proof grown backward to exactly its depth.

For a True or False slot of depth d, a target literal is chosen and d rules are grown backward from it,
each concluding the previous goal from a new link literal (and side conditions stated as facts), until
the last link is stated as a fact. An Unknown slot of depth d grows the same chain and leaves its last
fact out: a near miss. Distractor facts and rules follow; then the reasoner re-checks every slot, and
an attempt whose labels or depths moved (a shortcut, a clash) is discarded for the next.
"""

from __future__ import annotations

import functools
import itertools
import random
from dataclasses import dataclass, field

from proofloom.errors import LogicError
from proofloom.generator.recipe import Recipe
from proofloom.generator.schedule import Cell
from proofloom.generator.vocabulary import Vocabulary
from proofloom.generator.words import Words
from proofloom.logic.semantics import Label, Semantics
from proofloom.logic.terms import Atom, Constant, Literal, Rule, RuleForm, RuleStyle, Term, Theory, Variable
from proofloom.prover.reasoning.chaining import Closure
from proofloom.prover.reasoning.reasoner import Answer, Reasoner

X = Variable("X")
_STYLES = {(form, person): RuleStyle(form, person) for form in RuleForm for person in (False, True)}  # values: shared


@dataclass(frozen=True, slots=True)
class Built:
    """A theory built to order: one statement per slot, and the answers the reasoner re-checked."""

    theory: Theory
    statements: tuple[Literal, ...]
    answers: tuple[Answer, ...]
    near_misses: tuple[Literal | None, ...]  # for Unknown slots, the fact left out (an abduction answer)
    attempts: int


class ConstructionError(LogicError):
    """No attempt within the recipe's budget met every slot: the recipe asks for something too tight."""


def build_theory(rng: random.Random, recipe: Recipe, vocabulary: Vocabulary, cells: tuple[Cell, ...]) -> Built:
    """Try until an attempt meets every cell; each attempt draws from the same random stream.

    The family (relations or not, negation or not) is drawn once, before any attempt: were it drawn
    again on each, families that fail more often would be under-represented, and with them the balance
    of statement polarity.
    """
    relational = rng.random() < recipe.vocabulary.relation_rate
    negation = rng.random() < recipe.rules.negation_share
    for attempt in range(1, recipe.theory.max_attempts + 1):
        built = _Attempt(rng, recipe, vocabulary, relational, negation).run(cells)
        if built is not None:
            return Built(built.theory, built.statements, built.answers, built.near_misses, attempt)
    wanted = ", ".join(f"{c.label.value}@{c.depth}" for c in cells)
    raise ConstructionError(f"no theory met {wanted} in {recipe.theory.max_attempts} attempts")


@dataclass
class _Chain:
    """A proof grown backward: `levels[k]` is derived at depth k; each level serves at most one question."""

    levels: tuple[Literal, ...]
    complete: bool
    taken: set[int] = field(default_factory=set)

    def free(self, depth: int) -> bool:
        return depth < len(self.levels) and depth not in self.taken

    def take(self, depth: int) -> Literal:
        self.taken.add(depth)
        return self.levels[depth]


@dataclass
class _Attempt:
    rng: random.Random
    recipe: Recipe
    vocabulary: Vocabulary
    relational: bool
    negation: bool
    facts: dict[Literal, None] = field(default_factory=dict)
    rules: dict[Rule, None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        rng, recipe = self.rng, self.recipe
        self.closed = recipe.semantics == "cwa"
        pool = self.vocabulary.entities(self.relational)
        low, high = recipe.theory.entities
        count = max(rng.randint(low, high), 2 if self.relational else 1)
        self.entities: tuple[Constant, ...] = tuple(rng.sample(pool, min(count, len(pool))))
        self.pool = pool
        rate = recipe.rules.negation_rate if self.negation else 0.0
        self.words = Words(rng, self.vocabulary, self.relational, rate)

    def _make_room(self, cells: tuple[Cell, ...]) -> None:
        """Add entities until the atoms the proofs will need are at most half of those available."""
        conditions = sum(int(k) * w for k, w in self.recipe.rules.conditions.items()) / sum(
            self.recipe.rules.conditions.values()
        )
        needed = sum(1 + cell.depth * conditions for cell in cells) + self.recipe.theory.distractor_facts[1]
        while 2 * needed > self._capacity() and len(self.entities) < len(self.pool):
            spare = [e for e in self.pool if e not in self.entities]
            self.entities = (*self.entities, self.rng.choice(spare))

    def _capacity(self) -> int:
        per_entity = len(self.vocabulary.attributes)
        if self.relational:
            per_entity += len(self.vocabulary.relations) * (len(self.entities) - 1)
        return per_entity * len(self.entities)

    # --- the whole attempt ------------------------------------------------------------------

    def run(self, cells: tuple[Cell, ...]) -> Built | None:
        """Deepest cells first; a chain grown for one cell serves shallower cells from its lower levels."""
        if not self.relational:
            return self._run_ladder(cells)
        self._make_room(cells)
        statements: dict[int, Literal] = {}
        near_misses: dict[int, Literal | None] = {}
        chains: list[_Chain] = []
        for position in sorted(range(len(cells)), key=lambda i: -cells[i].depth):
            cell = cells[position]
            wanted = self._statement_polarity(cell.label)
            chain = self._chain_for(cell, wanted, chains)
            if chain is None:
                return None
            goal = chain.take(cell.depth)
            if cell.label is Label.UNKNOWN:
                statements[position] = goal if wanted else goal.negated()
            else:
                statements[position] = goal if cell.label is Label.TRUE else goal.negated()
            near_misses[position] = chain.levels[0] if cell.label is Label.UNKNOWN else None
        self._distractors()
        theory = self._theory()
        order = range(len(cells))
        return self._check(theory, cells, [statements[i] for i in order], [near_misses[i] for i in order])

    def _run_ladder(self, cells: tuple[Cell, ...]) -> Built | None:
        """Attribute theories: one ladder of class rules p0 -> p1 -> ... that every entity climbs.

        Rules over one variable fire for every entity, so separate chains would shortcut each other;
        instead each question gets its own entity, entering the shared ladder at a level chosen so the
        statement has the polarity it needs, with the side conditions it passes stated as its facts.
        """
        deepest = max(cell.depth for cell in cells)
        top = min(len(self.vocabulary.attributes) - 3, deepest + 4)  # room to choose entry levels
        predicates = list(self.vocabulary.attributes)
        self.rng.shuffle(predicates)
        if top < deepest:
            return None
        rungs = [Literal(Atom(p, (X,)), self.closed or not self.words.negated()) for p in predicates[: top + 1]]
        spare = predicates[top + 1 :]
        sides: list[list[Literal]] = [[]]
        for level in range(1, top + 1):
            extra = min(int(self._weighted(self.recipe.rules.conditions)) - 1, len(spare))
            side = [
                Literal(Atom(spare.pop(), (X,)), True if self.closed else not self.words.negated())
                for _ in range(extra)
            ]
            conditions = [rungs[level - 1], *side]
            self.rng.shuffle(conditions)
            self.rules[Rule(tuple(conditions), rungs[level], self._style())] = None
            sides.append(side)
        self.entities = tuple(self.rng.sample(self.pool, min(len(self.pool), max(len(cells), 1))))
        ladder = {literal.atom.predicate for literal in rungs} | {s.atom.predicate for side in sides for s in side}
        for entity in self.entities:  # distractors must not touch the ladder's words for these entities
            self.words.reserve(entity, ladder)
        self.words.rule_predicates.update(ladder)
        statements: list[Literal] = []
        near_misses: list[Literal | None] = []
        for number, cell in enumerate(cells):
            entity = self.entities[number % len(self.entities)]
            made = self._climb(cell, entity, rungs, sides, top)
            if made is None:
                return None
            statements.append(made[0])
            near_misses.append(made[1])
        self._distractors()
        return self._check(self._theory(), cells, statements, near_misses)

    def _climb(
        self, cell: Cell, entity: Constant, rungs: list[Literal], sides: list[list[Literal]], top: int
    ) -> tuple[Literal, Literal | None] | None:
        """Facts that take `entity` up `cell.depth` rungs; the statement about the rung it reaches."""
        wanted = self._statement_polarity(cell.label)
        starts = [
            j
            for j in range(0, top - cell.depth + 1)
            if cell.label is Label.UNKNOWN
            or (rungs[j + cell.depth].positive == (wanted != (cell.label is Label.FALSE)))
        ]
        if not starts:
            return None
        start = self.rng.choice(starts)
        entry = self._about(rungs[start], entity)
        for level in range(start + 1, start + cell.depth + 1):
            for side in sides[level]:
                self.facts[self._about(side, entity)] = None
        goal = self._about(rungs[start + cell.depth], entity)
        self.words.use(entry.atom, goal.atom)
        if cell.label is Label.UNKNOWN:
            return (goal if wanted else goal.negated()), entry
        self.facts[entry] = None
        return (goal if cell.label is Label.TRUE else goal.negated()), None

    def _about(self, rung: Literal, entity: Constant) -> Literal:
        """`p(X)` or `~p(X)` of the ladder said of `entity`, with the vocabulary's shared atom."""
        return Literal(self.words.attribute(entity, rung.atom.predicate), rung.positive)

    def _statement_polarity(self, label: Label) -> bool:
        """Whether the statement should be positive, so that polarity tells nothing about the label.

        Without negation a False statement must be negated; theories with negation compensate, asking
        True questions negated and False ones positive as often as the families' mix requires.
        """
        if self.closed or not self.negation:
            return label is not Label.FALSE
        share = self.recipe.rules.negation_share
        lean = 1.0 if share <= 0.5 else min(1.0, (1 + (1 - share) / share) / 2)
        flip = self.rng.random() < lean
        if label is Label.TRUE:
            return not flip
        if label is Label.FALSE:
            return flip
        return self.rng.random() < 0.5

    def _chain_for(self, cell: Cell, positive: bool, chains: list[_Chain]) -> _Chain | None:
        complete = cell.label is not Label.UNKNOWN
        top_positive = positive if cell.label is not Label.FALSE else not positive
        for chain in chains:
            if chain.complete == complete and chain.free(cell.depth):
                goal = chain.levels[cell.depth]
                if goal.positive == top_positive or cell.label is Label.UNKNOWN:
                    return chain
        grown = self._grow_chain(cell.depth, complete, top_positive)
        if grown is not None:
            chains.append(grown)
        return grown

    def _grow_chain(self, depth: int, complete: bool, top_positive: bool) -> _Chain | None:
        """Levels 0..depth: level k is derived at depth k; level 0 is a fact unless this is a near miss."""
        goal = self.words.fresh_literal(self.entities, self.words.roomiest(self.entities), positive_only=self.closed)
        if goal is None:
            return None
        goal = Literal(goal.atom, top_positive or self.closed or not self.negation and goal.positive)
        levels = [goal]
        for _ in range(depth):
            link = self._grow(levels[-1])
            if link is None:
                return None
            levels.append(link)
        if complete:
            self.facts[levels[-1]] = None
        return _Chain(tuple(reversed(levels)), complete)

    def _check(
        self, theory: Theory, cells: tuple[Cell, ...], statements: list[Literal], near_misses: list[Literal | None]
    ) -> Built | None:
        semantics = Semantics.CWA if self.closed else Semantics.OWA
        reasoner = Reasoner(theory, semantics, all_proofs=self.recipe.questions.all_proofs)
        try:
            closure = reasoner.closure
        except LogicError:  # unstratified under cwa
            return None
        known = closure.known()
        affirmed = {literal.atom for literal in known if literal.positive}
        if any(literal.atom in affirmed for literal in known if not literal.positive):
            return None  # inconsistent: the theory derives a literal and its complement
        for cell, statement in zip(cells, statements, strict=True):  # cheap checks first: no trees yet
            if _label(closure, statement) is not cell.label:
                return None
            if (
                cell.label is not Label.UNKNOWN
                and closure.height.get(_proved_literal(statement, cell.label)) != cell.depth
            ):
                return None
        answers = tuple(reasoner.answer(statement) for statement in statements)
        return Built(theory, tuple(statements), answers, tuple(near_misses), 0)

    # --- growing a proof backward -----------------------------------------------------------

    def _grow(self, goal: Literal) -> Literal | None:
        """Add a rule concluding `goal`; return the new goal (the link) it needs."""
        conditions = int(self._weighted(self.recipe.rules.conditions))
        subject = goal.atom.args[0]
        assert isinstance(subject, Constant)
        roll = self.rng.random()
        if roll < self.recipe.rules.ground_rate:
            return self._ground_rule(goal, subject, conditions)
        others = _others(self.entities, subject)
        if (
            self.relational
            and others
            and roll < self.recipe.rules.ground_rate + self.recipe.rules.other_constant_head_rate
        ):
            return self._other_head_rule(goal, subject, self.rng.choice(others), conditions)
        return self._variable_rule(goal, subject, conditions)

    def _variable_rule(self, goal: Literal, subject: Constant, conditions: int) -> Literal | None:
        head = _lift(goal, subject)
        body = self._body(subject, conditions, link_positive=self.closed, avoid={goal.atom})
        if body is None:
            return None
        return self._add_rule([_lift(b, subject) for b in body], head, body)

    def _other_head_rule(self, goal: Literal, about: Constant, actor: Constant, conditions: int) -> Literal | None:
        """`If something visits the bear and it is big then the bear is green`: the head is about a constant."""
        bridge = self.words.fresh_relation(actor, about, positive=True)
        if bridge is None:
            return None
        rest = (
            self._body(actor, conditions - 1, link_positive=self.closed, avoid={goal.atom, bridge.atom})
            if (conditions > 1)
            else []
        )
        if rest is None:
            return None
        body = [bridge, *rest]
        self.rng.shuffle(body)
        return self._add_rule([_lift(b, actor) for b in body], goal, [bridge, *rest])

    def _ground_rule(self, goal: Literal, subject: Constant, conditions: int) -> Literal | None:
        body = self._body(subject, conditions, link_positive=self.closed, avoid={goal.atom})
        if body is None:
            return None
        return self._add_rule(list(body), goal, body)

    def _body(self, subject: Constant, count: int, link_positive: bool, avoid: set[Atom]) -> list[Literal] | None:
        """`count` fresh literals about `subject`: the first is the link, the rest side conditions, each of
        which may be about another constant instead (`If something visits the mouse and the mouse is red`)."""
        body: list[Literal] = []
        for position in range(count):
            about = subject if position == 0 else self._side_subject(subject)
            literal = self.words.fresh_literal(
                self.entities, about, positive_only=link_positive and position == 0, avoid=avoid
            )
            if literal is None:
                return None
            avoid = avoid | {literal.atom}
            body.append(literal)
        return body

    def _side_subject(self, subject: Constant) -> Constant:
        """Usually `subject`; at `ground_condition_rate`, another entity (no draw at rate 0: old recipes keep
        their bytes)."""
        rate = self.recipe.rules.ground_condition_rate
        others = _others(self.entities, subject) if rate > 0 else []
        return self.rng.choice(others) if others and self.rng.random() < rate else subject

    def _add_rule(self, conditions: list[Literal], head: Literal, ground_body: list[Literal]) -> Literal | None:
        """Add the rule; state the side conditions as facts; return the link (the first of the body)."""
        order = list(range(len(conditions)))
        self.rng.shuffle(order)
        rule = Rule(tuple(conditions[i] for i in order), head, self._style())
        if rule in self.rules or _degenerate(rule):
            return None
        self.rules[rule] = None
        self.words.rule_predicates.update(c.atom.predicate for c in (*rule.conditions, rule.head))
        link, *sides = ground_body
        for side in sides:
            if not (self.closed and not side.positive):  # under cwa a negated side condition holds by failure
                self.facts[side] = None
        return link

    def _weighted(self, weights: dict[str, float]) -> str:
        names, cumulative = _cumulative(tuple(weights.items()))
        return self.rng.choices(names, cum_weights=cumulative)[0]  # the draw `weights=` would make

    def _style(self) -> RuleStyle:
        roll = self.rng.random()
        surface = self.recipe.surface
        form = (
            RuleForm.IF
            if roll < surface.if_rate
            else (RuleForm.ALL if roll < surface.if_rate + surface.all_rate else RuleForm.BARE)
        )
        return _STYLES[(form, self.rng.random() < surface.person_rate)]

    # --- distractors and the final theory ---------------------------------------------------

    def _distractors(self) -> None:
        low, high = self.recipe.theory.distractor_facts
        for _ in range(self.rng.randint(low, high)):
            literal = self.words.fresh_literal(self.entities, self.rng.choice(self.entities), positive_only=self.closed)
            if literal is not None:
                self.facts[literal] = None
        low, high = self.recipe.theory.distractor_rules
        for _ in range(self.rng.randint(low, high)):
            subject = self.rng.choice(self.entities)
            head = self.words.fresh_literal(self.entities, subject, positive_only=self.closed)
            body = self._body(subject, int(self._weighted(self.recipe.rules.conditions)), False, set())
            if head is None or body is None:
                continue
            rule = Rule(tuple(_lift(b, subject) for b in body), _lift(head, subject), self._style())
            if rule not in self.rules and not _degenerate(rule):
                self.rules[rule] = None

    def _theory(self) -> Theory:
        facts, rules = list(self.facts), list(self.rules)
        self.rng.shuffle(facts)
        self.rng.shuffle(rules)
        return Theory.of(*facts, *rules)


@functools.lru_cache(maxsize=256)
def _cumulative(weights: tuple[tuple[str, float], ...]) -> tuple[tuple[str, ...], tuple[float, ...]]:
    """The names of positive weight and their running sums, as `random.choices` would compute them."""
    names = tuple(k for k, w in weights if w > 0)
    return names, tuple(itertools.accumulate(w for _, w in weights if w > 0))


def _label(closure: Closure, statement: Literal) -> Label:
    """The label `Reasoner` would give, read straight off the closure."""
    if closure.closed_world:
        return Label.TRUE if closure.holds(Literal(statement.atom)) == statement.positive else Label.FALSE
    holds, refuted = closure.holds(statement), closure.holds(statement.negated())
    if holds and refuted:
        return Label.INCONSISTENT
    return Label.TRUE if holds else Label.FALSE if refuted else Label.UNKNOWN


def _proved_literal(statement: Literal, label: Label) -> Literal:
    return statement if label is Label.TRUE else statement.negated()


def _others(entities: tuple[Constant, ...], subject: Constant) -> list[Constant]:
    """The entities other than `subject` (told apart by name: constants compare in Python, names in C)."""
    return [e for e in entities if e.name != subject.name]


def _lift(literal: Literal, subject: Constant) -> Literal:
    """Replace `subject` by the rule variable."""
    args: tuple[Term, ...] = tuple([X if a.name == subject.name else a for a in literal.atom.args])
    return Literal(Atom(literal.atom.predicate, args), literal.positive)


def _degenerate(rule: Rule) -> bool:
    """A head among its conditions, a repeated or contradictory condition: never generated."""
    atoms = [c.atom for c in rule.conditions]
    return rule.head.atom in atoms or len(set(atoms)) != len(atoms)
