"""Ground entailment decided without Z3 where forward chaining settles it, else left undecided (Z3 decides).

A repair search asks many checks of one theory that differ by a sentence or two, most of them plain: the goal
is derived by chaining the premises' rule instances (so it follows), or chaining the premises and the goal's
negation reaches a fixpoint that, completed by making every other atom false and then true where a failing rule
instance asks, satisfies every instance (a model of the premises where the goal is false, so it does not).
Both answers are classical facts about the ground problem, the one Z3 decides: a derivation is a proof, the
model a counter-model over the same constants (Herbrand: any set of constants holding those mentioned decides
a function-free universal theory the same way). Anything else (an inconsistency, a forced atom that clashes, a
disjunctive rule) is None, for Z3. No Z3 here: it decides nothing Z3 would decide otherwise, faster.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from proofloom.logic.terms import Atom, Constant, Literal, Rule, Theory, Variable

__all__ = ["PlainModel", "QuickEntailment"]

_Instance = tuple[str, tuple[Literal, ...], Literal]  # sentence id, conditions, head


class QuickEntailment:
    """A theory's rule instances over `constants`, made once, and `decide` over any of its sentences."""

    def __init__(self, theory: Theory, constants: Sequence[Constant]) -> None:
        self.theory = theory
        self.constants = frozenset(constants)
        self.usable = not theory.disjunctions and bool(constants)
        self._facts: dict[str, Literal] = {}
        self._instances: dict[str, list[_Instance]] = {}
        # One object per literal, keyed by predicate, the places of its constants and sign: making a literal
        # costs more than finding it, and the chaining's lookups then find each literal by identity.
        self._places = {c: i for i, c in enumerate(constants)}
        self._constant_list = tuple(constants)
        self._made: dict[tuple[str, tuple[int, ...], bool], Literal] = {}
        if not self.usable:
            return
        for sentence in theory.sentences:
            content = sentence.content
            if isinstance(content, Literal):
                self._facts[sentence.id] = self._one(content)
                continue
            assert isinstance(content, Rule)
            variables = {v: -1 - i for i, v in enumerate(content.variables())}  # a variable: a negative place
            shapes = [
                (
                    c.atom.predicate,
                    tuple(variables[a] if isinstance(a, Variable) else self._places[a] for a in c.atom.args),
                    c.positive,
                )
                for c in (*content.conditions, content.head)
            ]
            found = self._instances[sentence.id] = []
            for values in itertools.product(range(len(constants)), repeat=len(variables)):
                made = [
                    self._literal(predicate, tuple([values[-1 - a] if a < 0 else a for a in places]), positive)
                    for predicate, places, positive in shapes
                ]
                found.append((sentence.id, tuple(dict.fromkeys(made[:-1])), made[-1]))

    def _literal(self, predicate: str, places: tuple[int, ...], positive: bool) -> Literal:
        key = (predicate, places, positive)
        found = self._made.get(key)
        if found is None:
            atom = Atom(predicate, tuple([self._constant_list[i] for i in places]))
            found = self._made[key] = Literal(atom, positive)
        return found

    def _one(self, literal: Literal) -> Literal:
        """The one object for this literal (a literal of constants outside the solver's is itself)."""
        places = self._places
        if any(c not in places for c in literal.atom.args):
            return literal
        key = (literal.atom.predicate, tuple([places[c] for c in literal.atom.args]), literal.positive)  # type: ignore[index]
        return self._made.setdefault(key, literal)

    def decide(
        self, sentence_ids: Sequence[str], literals: Sequence[Literal], goal: Literal
    ) -> tuple[bool, frozenset[str]] | None:
        """(True, sentences a derivation of `goal` uses) when chaining derives it; (False, nothing) when a
        model of the premises makes it false; None when neither is plain (Z3 decides)."""
        if not self._covers((*literals, goal)):
            return None
        chain, instances = self._chained(sentence_ids, literals)
        known = chain.known
        goal = self._one(goal)
        if goal in known:
            return True, known[goal]
        chain.add(self._one(goal.negated()), frozenset())
        chain.run()
        return None if _clash(known) or _completed(known, instances) is None else (False, frozenset())

    def model(self, sentence_ids: Sequence[str], literals: Sequence[Literal]) -> PlainModel | None:
        """A model of these sentences and literals found by chaining and completing (as `decide` finds one), with
        what chaining derived; None when it is not plain (a clash, or a completion that does not close)."""
        if not self._covers(literals):
            return None
        chain, instances = self._chained(sentence_ids, literals)
        if _clash(chain.known):
            return None
        true = _completed(chain.known, instances)
        return None if true is None else PlainModel(frozenset(true), frozenset(chain.known))

    def _covers(self, literals: Sequence[Literal]) -> bool:
        return self.usable and all(c in self.constants for literal in literals for c in literal.atom.args)

    def _chained(self, sentence_ids: Sequence[str], literals: Sequence[Literal]) -> tuple[_Chain, list[_Instance]]:
        chain = _Chain()
        instances: list[_Instance] = []
        for sentence_id in sentence_ids:
            fact = self._facts.get(sentence_id)
            if fact is not None:
                chain.add(fact, frozenset((sentence_id,)))
            else:
                instances.extend(self._instances[sentence_id])
        for literal in literals:
            chain.add(self._one(literal), frozenset())
        chain.fire(instances)
        return chain, instances


@dataclass(frozen=True, slots=True)
class PlainModel:
    """A model found by chaining: the atoms it makes true (every other false), and the literals chaining derived
    (true in every model of the same premises)."""

    true: frozenset[Atom]
    derived: frozenset[Literal]


def _clash(known: dict[Literal, frozenset[str]]) -> bool:
    """The chained literals hold a literal and its negation: no model, and Z3 tells why."""
    return any(literal.negated() in known for literal in known)


class _Chain:
    """Forward chaining by counting (each instance waits on its conditions not yet known, and fires when none
    is left), each derived literal with the sentences of its first derivation."""

    def __init__(self) -> None:
        self.known: dict[Literal, frozenset[str]] = {}
        self._instances: list[_Instance] = []
        self._waiting: dict[Literal, list[int]] = {}
        self._missing: list[int] = []
        self._ready: list[int] = []

    def add(self, literal: Literal, support: frozenset[str]) -> None:
        """`literal` known (if it was not), and the instances waiting on it one condition nearer firing."""
        if literal in self.known:
            return
        self.known[literal] = support
        missing = self._missing
        for number in self._waiting.get(literal, ()):
            missing[number] -= 1
            if not missing[number]:
                self._ready.append(number)

    def fire(self, instances: list[_Instance]) -> None:
        """Chain `instances` from what is known to a fixpoint."""
        known, waiting = self.known, self._waiting
        self._instances = instances
        for number, (_, conditions, _) in enumerate(instances):
            left = 0
            for condition in conditions:
                if condition not in known:
                    waiting.setdefault(condition, []).append(number)
                    left += 1
            self._missing.append(left)
            if not left:
                self._ready.append(number)
        self.run()

    def run(self) -> None:
        known, instances, ready = self.known, self._instances, self._ready
        while ready:
            sentence_id, conditions, head = instances[ready.pop()]
            if head not in known:
                self.add(head, frozenset((sentence_id,)).union(*(known[c] for c in conditions)))


def _completed(known: dict[Literal, frozenset[str]], instances: list[_Instance]) -> set[Atom] | None:
    """The true atoms of a model of the chained literals (fixed) and `instances`, found by completing them: every
    other atom false, then, for each instance that fails, its head made true or else an atom it asks to be false
    made true; None where that does not close. Atoms only turn true, never against what is fixed, so this ends;
    it answers only after a pass in which every instance holds."""
    true = {literal.atom for literal in known if literal.positive}
    fixed_false = {literal.atom for literal in known if not literal.positive}
    changed = True
    while changed:
        changed = False
        for _, conditions, head in instances:
            if not all((c.atom in true) == c.positive for c in conditions) or (head.atom in true) == head.positive:
                continue
            if head.positive and head.atom not in fixed_false:
                true.add(head.atom)
            else:
                free = next((c.atom for c in conditions if not c.positive and c.atom not in fixed_false), None)
                if free is None:
                    return None  # not plain: Z3 decides
                true.add(free)
            changed = True
    return true
