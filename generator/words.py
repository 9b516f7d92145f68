"""The words a theory under construction has used, and fresh ones to grow its proofs with.

An atom used by one proof is never reused by another (that is how proofs stay apart), and words no rule
mentions yet are preferred (fewer shortcuts through rules over one variable).
"""

from __future__ import annotations

import functools
import random

from proofloom.generator.vocabulary import Vocabulary
from proofloom.logic.terms import Atom, Constant, Literal


class Words:
    """Used atoms, the predicates rules mention, and the draws of fresh literals (all from one random stream)."""

    def __init__(self, rng: random.Random, vocabulary: Vocabulary, relational: bool, negation_rate: float) -> None:
        self.rng = rng
        self.vocabulary = vocabulary
        self.relational = relational
        self.negation_rate = negation_rate
        self.used: set[Atom] = set()
        self.rule_predicates: set[str] = set()
        self._about: dict[Constant, tuple[Atom, ...]] = {}
        self._about_entities: tuple[Constant, ...] | None = None

    def negated(self) -> bool:
        """Whether the next literal is negated (never, in a family without negation)."""
        return self.negation_rate > 0 and self.rng.random() < self.negation_rate

    def about(self, subject: Constant, entities: tuple[Constant, ...]) -> tuple[Atom, ...]:
        """Every atom about `subject`: its attributes, and its relations to the other entities."""
        if entities is not self._about_entities:  # entities change rarely: between attempts, or to make room
            self._about_entities = entities
            self._about.clear()
        atoms = self._about.get(subject)
        if atoms is None:
            relations = self.vocabulary.relations if self.relational else ()
            atoms = self._about[subject] = _atoms_about(self.vocabulary.attributes, relations, subject, entities)
        return atoms

    def fresh_literal(
        self,
        entities: tuple[Constant, ...],
        subject: Constant,
        positive_only: bool = False,
        avoid: set[Atom] | None = None,
    ) -> Literal | None:
        """A literal about `subject` whose atom no proof uses yet, preferring words no rule mentions."""
        used = self.used
        candidates = [a for a in self.about(subject, entities) if a not in used]
        if avoid:
            candidates = [a for a in candidates if a not in avoid]
        if not candidates:
            return None
        unruled = [a for a in candidates if a.predicate not in self.rule_predicates]
        atom = self.rng.choice(unruled or candidates)
        self.used.add(atom)
        return Literal(atom, positive_only or not self.negated())

    def roomiest(self, entities: tuple[Constant, ...]) -> Constant:
        """The entity with the most unused atoms: a long proof about it will not run out of words."""
        free = {
            e: len(self.about(e, entities)) - len(self.used.intersection(self.about(e, entities))) for e in entities
        }
        best = max(free.values())
        return self.rng.choice([e for e in entities if free[e] == best])

    def fresh_relation(self, actor: Constant, about: Constant, positive: bool) -> Literal | None:
        """A relation from `actor` to `about` not used yet."""
        for _ in range(10):
            atom = Atom(self.rng.choice(self.vocabulary.relations), (actor, about))
            if atom not in self.used:
                self.used.add(atom)
                return Literal(atom, positive)
        return None


def _unused(atoms: tuple[Atom, ...], used: set[Atom]) -> int:
    """How many of `atoms` (all different) are not in `used`."""
    return len(atoms) - len(used.intersection(atoms))


def _atoms_about(
    attributes: tuple[str, ...], relations: tuple[str, ...], subject: Constant, entities: tuple[Constant, ...]
) -> tuple[Atom, ...]:
    """Attributes first, then each relation to each other entity in the entities' order."""
    others = [e for e in entities if e != subject]
    return _attribute_atoms(attributes, subject) + tuple(
        _relation_atoms(relations, subject, other)[r] for r in range(len(relations)) for other in others
    )


@functools.lru_cache(maxsize=4096)
def _attribute_atoms(attributes: tuple[str, ...], subject: Constant) -> tuple[Atom, ...]:
    """Shared by every theory of a vocabulary: the same atoms, made once (and equal by identity, cheaply)."""
    return tuple(Atom(p, (subject,)) for p in attributes)


@functools.lru_cache(maxsize=65536)
def _relation_atoms(relations: tuple[str, ...], subject: Constant, other: Constant) -> tuple[Atom, ...]:
    """Each relation from `subject` to `other`, made once, as `_attribute_atoms`."""
    return tuple(Atom(r, (subject, other)) for r in relations)
