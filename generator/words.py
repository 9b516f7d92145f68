"""The words a theory under construction has used, and fresh ones to grow its proofs with.

An atom used by one proof is never reused by another (that is how proofs stay apart), and words no rule
mentions yet are preferred (fewer shortcuts through rules over one variable).
"""

from __future__ import annotations

import functools
import random
from collections.abc import Collection

from proofloom.generator.vocabulary import Vocabulary
from proofloom.logic.terms import Atom, Constant, Literal


class Words:
    """Used atoms, the predicates rules mention, and the draws of fresh literals (all from one random stream).

    Each subject's unused atoms are kept in an ordered dict, so a draw copies a list instead of testing
    every atom about the subject against everything used; atoms are keyed by their text (made once per
    atom), because strings hash in C and atoms in Python, which is what costs here."""

    def __init__(self, rng: random.Random, vocabulary: Vocabulary, relational: bool, negation_rate: float) -> None:
        self.rng = rng
        self.vocabulary = vocabulary
        self.relational = relational
        self.negation_rate = negation_rate
        self.rule_predicates: set[str] = set()
        self._used: set[str] = set()  # the text of every atom used
        self._free: dict[str, dict[str, Atom]] = {}  # subject name -> its unused atoms by text, in `about` order
        self._free_entities: tuple[Constant, ...] | None = None

    def negated(self) -> bool:
        """Whether the next literal is negated (never, in a family without negation)."""
        return self.negation_rate > 0 and self.rng.random() < self.negation_rate

    def about(self, subject: Constant, entities: tuple[Constant, ...]) -> tuple[Atom, ...]:
        """Every atom about `subject`: its attributes, and its relations to the other entities."""
        relations = self.vocabulary.relations if self.relational else ()
        return tuple(atom for _, atom in _entries_about(self.vocabulary.attributes, relations, subject, entities))

    def attribute(self, subject: Constant, predicate: str) -> Atom:
        """The vocabulary's shared atom giving `subject` this attribute (its text already made)."""
        return _attribute_table(self.vocabulary.attributes, subject)[predicate]

    def reserve(self, subject: Constant, predicates: set[str]) -> None:
        """No fresh literal will give `subject` any of these attributes (as `use` of each, in bulk)."""
        texts = [f"{predicate}({subject.name})" for predicate in predicates]  # str(Atom(predicate, (subject,)))
        self._used.update(texts)
        free = self._free.get(subject.name)
        if free is not None:
            for text in texts:
                free.pop(text, None)

    def use(self, *atoms: Atom) -> None:
        """Mark atoms used: no later fresh literal will be about them."""
        for atom in atoms:
            text = str(atom)
            self._used.add(text)
            free = self._free.get(atom.args[0].name)
            if free is not None:
                free.pop(text, None)

    def is_used(self, atom: Atom) -> bool:
        """Whether a proof or distractor already uses `atom`."""
        return str(atom) in self._used

    def _unused(self, subject: Constant, entities: tuple[Constant, ...]) -> dict[str, Atom]:
        """`subject`'s unused atoms by text, listed on first asking and kept in step by `use` and `reserve`."""
        if entities is not self._free_entities:  # entities change rarely: between attempts, or to make room
            self._free_entities = entities
            self._free.clear()
        free = self._free.get(subject.name)
        if free is None:
            used = self._used
            relations = self.vocabulary.relations if self.relational else ()
            entries = _entries_about(self.vocabulary.attributes, relations, subject, entities)
            free = self._free[subject.name] = {t: a for t, a in entries if t not in used}
        return free

    def fresh_literal(
        self,
        entities: tuple[Constant, ...],
        subject: Constant,
        positive_only: bool = False,
        avoid: set[Atom] | None = None,
    ) -> Literal | None:
        """A literal about `subject` whose atom no proof uses yet, preferring words no rule mentions."""
        free = self._unused(subject, entities)
        if avoid and any(str(atom) in free for atom in avoid):  # avoided atoms are usually used already
            avoided = {str(atom) for atom in avoid}
            free = {text: atom for text, atom in free.items() if text not in avoided}
        return self._draw(free.values(), positive_only)

    def fresh_like(self, entities: tuple[Constant, ...], atom: Atom, positive_only: bool = False) -> Literal | None:
        """A fresh literal about exactly `atom`'s arguments (an attribute of its subject, or a relation
        between its two entities in its order): a fact in its place mentions the same entities."""
        subject = atom.args[0]
        assert isinstance(subject, Constant)
        names = tuple(a.name for a in atom.args)
        free = [a for a in self._unused(subject, entities).values() if tuple(x.name for x in a.args) == names]
        return self._draw(free, positive_only)

    def _draw(self, free: Collection[Atom], positive_only: bool) -> Literal | None:
        """One of `free` (None if empty), preferring words no rule mentions, marked used, in a drawn polarity."""
        if not free:
            return None
        ruled = self.rule_predicates
        unruled = [a for a in free if a.predicate not in ruled]
        atom = self.rng.choice(unruled or list(free))
        self.use(atom)
        return Literal(atom, positive_only or not self.negated())

    def roomiest(self, entities: tuple[Constant, ...]) -> Constant:
        """The entity with the most unused atoms: a long proof about it will not run out of words."""
        free = {e: len(self._unused(e, entities)) for e in entities}
        best = max(free.values())
        return self.rng.choice([e for e in entities if free[e] == best])

    def fresh_relation(self, actor: Constant, about: Constant, positive: bool) -> Literal | None:
        """A relation from `actor` to `about` not used yet."""
        for _ in range(10):
            atom = Atom(self.rng.choice(self.vocabulary.relations), (actor, about))
            if not self.is_used(atom):
                self.use(atom)
                return Literal(atom, positive)
        return None


def _entries_about(
    attributes: tuple[str, ...], relations: tuple[str, ...], subject: Constant, entities: tuple[Constant, ...]
) -> tuple[tuple[str, Atom], ...]:
    """(text, atom) of every atom about `subject`: attributes first, then each relation to each other entity
    in the entities' order. The text keys an atom wherever Words looks one up (strings hash in C)."""
    tables = [_relation_entries(relations, subject, other) for other in entities if other.name != subject.name]
    return _attribute_entries(attributes, subject) + tuple(table[r] for r in range(len(relations)) for table in tables)


@functools.lru_cache(maxsize=4096)
def _attribute_entries(attributes: tuple[str, ...], subject: Constant) -> tuple[tuple[str, Atom], ...]:
    """Shared by every theory of a vocabulary: the same atoms, made once, with their text."""
    return tuple((str(atom), atom) for atom in (Atom(p, (subject,)) for p in attributes))


@functools.lru_cache(maxsize=4096)
def _attribute_table(attributes: tuple[str, ...], subject: Constant) -> dict[str, Atom]:
    """`_attribute_entries`' atoms by predicate."""
    return {atom.predicate: atom for _, atom in _attribute_entries(attributes, subject)}


@functools.lru_cache(maxsize=65536)
def _relation_entries(relations: tuple[str, ...], subject: Constant, other: Constant) -> tuple[tuple[str, Atom], ...]:
    """Each relation from `subject` to `other`, made once, as `_attribute_entries`."""
    return tuple((str(atom), atom) for atom in (Atom(r, (subject, other)) for r in relations))
