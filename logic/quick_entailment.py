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

from proofloom.logic.terms import Atom, Constant, Literal, Rule, Theory, Variable

__all__ = ["QuickEntailment"]

_Instance = tuple[str, tuple[Literal, ...], Literal]  # sentence id, conditions, head


class QuickEntailment:
    """A theory's rule instances over `constants`, made once, and `decide` over any of its sentences."""

    def __init__(self, theory: Theory, constants: Sequence[Constant]) -> None:
        self.theory = theory
        self.constants = frozenset(constants)
        self.usable = not theory.disjunctions and bool(constants)
        self._facts: dict[str, Literal] = {}
        self._instances: dict[str, list[_Instance]] = {}
        if not self.usable:
            return
        for sentence in theory.sentences:
            content = sentence.content
            if isinstance(content, Literal):
                self._facts[sentence.id] = content
                continue
            assert isinstance(content, Rule)
            index = {v: i for i, v in enumerate(content.variables())}
            places = [_places(c, index) for c in (*content.conditions, content.head)]
            found = self._instances[sentence.id] = []
            for values in itertools.product(constants, repeat=len(index)):  # as `groundings`, without Rules
                made = [
                    Literal(Atom(predicate, tuple([values[a] if isinstance(a, int) else a for a in args])), positive)
                    for predicate, args, positive in places
                ]
                found.append((sentence.id, tuple(dict.fromkeys(made[:-1])), made[-1]))

    def decide(
        self, sentence_ids: Sequence[str], literals: Sequence[Literal], goal: Literal
    ) -> tuple[bool, frozenset[str]] | None:
        """(True, sentences a derivation of `goal` uses) when chaining derives it; (False, nothing) when a
        model of the premises makes it false; None when neither is plain (Z3 decides)."""
        if not self.usable or any(c not in self.constants for lit in (*literals, goal) for c in lit.atom.args):
            return None
        chain = _Chain()
        instances: list[_Instance] = []
        for sentence_id in sentence_ids:
            fact = self._facts.get(sentence_id)
            if fact is not None:
                chain.add(fact, frozenset((sentence_id,)))
            else:
                instances.extend(self._instances[sentence_id])
        for literal in literals:
            chain.add(literal, frozenset())
        chain.fire(instances)
        known = chain.known
        if goal in known:
            return True, known[goal]
        chain.add(goal.negated(), frozenset())
        chain.run()
        if any(literal.negated() in known for literal in known):
            return None  # the premises and the goal's negation clash: Z3 tells why
        return (False, frozenset()) if _model(known, instances) else None


def _places(literal: Literal, index: dict[Variable, int]) -> tuple[str, tuple[Constant | int, ...], bool]:
    """A rule's literal with each variable as its place in `index`, for grounding without substituting."""
    args = tuple(index[a] if isinstance(a, Variable) else a for a in literal.atom.args)
    return literal.atom.predicate, args, literal.positive


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


def _model(known: dict[Literal, frozenset[str]], instances: list[_Instance]) -> bool:
    """Whether a model of the premises and the goal's negation (all in `known`, fixed) is found by completing
    the chained literals: every other atom false, then, for each instance that fails, its head made true or
    else an atom it asks to be false made true. Atoms only turn true, never against what is fixed, so this
    ends; it answers True only after a pass in which every instance holds."""
    true = {literal.atom for literal in known if literal.positive}
    fixed_false = {literal.atom for literal in known if not literal.positive}
    fixed_true = set(true)
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
                if free is None or free in fixed_true:
                    return False  # not plain: Z3 decides
                true.add(free)
            changed = True
    return True
