"""Vocabularies: the entities, attributes and relations theories are built from.

Built in: ProofWriter's own words, and a fictional vocabulary (no world knowledge can help a model).
A recipe may also list its own words. People are proper names ("Bob"); animals take "the" ("the cat").
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from proofloom.logic.english import Lexicon
from proofloom.logic.terms import Constant


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Words for one family of theories; relations are third-person verbs (`chases`)."""

    people: tuple[str, ...]
    animals: tuple[str, ...]
    attributes: tuple[str, ...]
    relations: tuple[str, ...]

    def __post_init__(self) -> None:
        for field_name in ("people", "animals", "attributes", "relations"):
            words = getattr(self, field_name)
            if len(set(words)) != len(words):
                raise ValueError(f"vocabulary.{field_name} repeats a word")
            bad = [w for w in words if not w.replace("_", "").isalpha() or not w.islower()]
            if bad:
                raise ValueError(f"vocabulary.{field_name}: {bad[0]!r} must be a lower-case word (use _ for spaces)")

    @property
    def lexicon(self) -> Lexicon:
        """People render as proper names, the rest as "the ..."."""
        return Lexicon(frozenset(self.people))

    def entities(self, relational: bool) -> tuple[Constant, ...]:
        """The entity pool: people for attribute-only theories, animals where relations are used (as ProofWriter)."""
        names = self.animals if relational and self.animals else self.people
        return tuple(Constant(n) for n in names)


PROOFWRITER = Vocabulary(
    people=("anne", "bob", "charlie", "dave", "erin", "fiona", "gary", "harry"),
    animals=("bald_eagle", "bear", "cat", "cow", "dog", "lion", "mouse", "rabbit", "squirrel", "tiger"),
    attributes=(
        "big",
        "blue",
        "cold",
        "furry",
        "green",
        "kind",
        "nice",
        "quiet",
        "red",
        "rough",
        "round",
        "smart",
        "white",
        "young",
    ),
    relations=("chases", "eats", "likes", "needs", "sees", "visits"),
)

FICTIONAL = Vocabulary(
    people=("alex", "brin", "cato", "dara", "elio", "faye", "gus", "hale", "iva", "jory"),
    animals=("wumpus", "yumpus", "zumpus", "dumpus", "rompus", "numpus", "tumpus", "vumpus", "impus", "jompus"),
    attributes=(
        "amenable",
        "brisk",
        "dapper",
        "fulgent",
        "glossy",
        "jovial",
        "lanky",
        "mellow",
        "nimble",
        "ornate",
        "plucky",
        "quaint",
        "rustic",
        "sprightly",
        "tawny",
        "vivid",
    ),
    relations=("admires", "follows", "greets", "helps", "meets", "trusts"),
)


class BuiltIn(enum.Enum):
    """The vocabularies that ship with proofloom, by the name a recipe gives them."""

    PROOFWRITER = "proofwriter"
    FICTIONAL = "fictional"

    @property
    def vocabulary(self) -> Vocabulary:
        return _BUILT_IN[self]


_BUILT_IN = {BuiltIn.PROOFWRITER: PROOFWRITER, BuiltIn.FICTIONAL: FICTIONAL}
