"""Which word is which: proper names, class nouns, adjectives and verbs, as a theory uses them.

The reader takes a word's class from where it stands in its sentence (`Max` before `is` is a name,
`wumpus` after `a` is a class noun); `WordUses` gathers those classes across a theory and refuses a
word used in two classes (an ambiguity is an error naming the sentence, never a silent guess). A
`Lexicon` is what rendering needs back: which constants are names and which predicates are nouns.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from proofloom.errors import EnglishSyntaxError
from proofloom.logic.morphology import indefinite
from proofloom.logic.terms import Constant

PROOFWRITER_PEOPLE = frozenset({"anne", "bob", "charlie", "dave", "erin", "fiona", "gary", "harry"})


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Which constants are proper names ("Bob") rather than common nouns ("the cat"), and which unary
    predicates are class nouns ("Max is a wumpus") rather than adjectives ("Max is sour")."""

    proper_nouns: frozenset[str] = field(default=PROOFWRITER_PEOPLE)
    class_nouns: frozenset[str] = frozenset()

    def with_proper_nouns(self, names: frozenset[str] | set[str]) -> Lexicon:
        return Lexicon(self.proper_nouns | frozenset(names), self.class_nouns)

    def with_class_nouns(self, nouns: frozenset[str] | set[str]) -> Lexicon:
        return Lexicon(self.proper_nouns, self.class_nouns | frozenset(nouns))

    def merged(self, other: Lexicon) -> Lexicon:
        return Lexicon(self.proper_nouns | other.proper_nouns, self.class_nouns | other.class_nouns)

    def noun_phrase(self, constant: Constant) -> str:
        if constant.name in self.proper_nouns:
            return constant.name[:1].upper() + constant.name[1:]
        return "the " + constant.name.replace("_", " ")

    def complement(self, predicate: str) -> str:
        """What follows `is`: `a wumpus` for a class noun, `sour` for an adjective."""
        return indefinite(predicate) if predicate in self.class_nouns else predicate


class WordClass:
    """The classes a word can take (plain strings: they are written into error messages)."""

    NAME = "a name"
    COMMON = "a common noun"
    NOUN = "a class noun"
    ADJECTIVE = "an adjective"
    VERB = "a verb"


@dataclass(frozen=True, slots=True)
class SentenceWords:
    """The words one sentence uses, by class: constants by name, predicates by their logical name."""

    names: frozenset[str] = frozenset()
    commons: frozenset[str] = frozenset()
    nouns: frozenset[str] = frozenset()
    adjectives: frozenset[str] = frozenset()
    verbs: frozenset[str] = frozenset()
    plural_complements: tuple[tuple[str, str], ...] = ()  # ("impuses", "impus"): a noun if "impus" is one

    def entries(self) -> tuple[tuple[bool, str, str], ...]:
        """(is a constant, word, class) for every word, in a fixed order: what `WordUses.add` checks."""
        return _entries(self)


@dataclass(slots=True)
class WordsSeen:
    """The words of one sentence as a reader meets them, by class; `frozen()` is its `SentenceWords`."""

    names: set[str] = field(default_factory=set)
    commons: set[str] = field(default_factory=set)
    nouns: set[str] = field(default_factory=set)
    adjectives: set[str] = field(default_factory=set)
    verbs: set[str] = field(default_factory=set)
    plurals: dict[str, str] = field(default_factory=dict)

    def frozen(self) -> SentenceWords:
        return SentenceWords(
            frozenset(self.names),
            frozenset(self.commons),
            frozenset(self.nouns),
            frozenset(self.adjectives),
            frozenset(self.verbs),
            tuple(sorted(self.plurals.items())),
        )


@lru_cache(maxsize=65536)
def _entries(words: SentenceWords) -> tuple[tuple[bool, str, str], ...]:
    constants = [(w, WordClass.NAME) for w in words.names] + [(w, WordClass.COMMON) for w in words.commons]
    predicates = (
        [(w, WordClass.NOUN) for w in words.nouns]
        + [(w, WordClass.ADJECTIVE) for w in words.adjectives]
        + [(w, WordClass.VERB) for w in words.verbs]
    )
    return tuple((True, w, k) for w, k in sorted(constants)) + tuple((False, w, k) for w, k in sorted(predicates))


@dataclass(slots=True)
class WordUses:
    """Word classes gathered sentence by sentence; `add` raises on the first word used in two classes."""

    constants: dict[str, tuple[str, int]] = field(default_factory=dict)  # name -> (class, first sentence)
    predicates: dict[str, tuple[str, int]] = field(default_factory=dict)

    def add(self, words: SentenceWords, sentence: str, index: int) -> None:
        self.add_entries(words.entries(), sentence, index)

    def add_entries(self, entries: tuple[tuple[bool, str, str], ...], sentence: str, index: int) -> None:
        """`add` for entries already made (a cached sentence keeps its own)."""
        constants, predicates = self.constants, self.predicates
        for is_constant, word, kind in entries:
            table = constants if is_constant else predicates
            known = table.setdefault(word, (kind, index))
            if known[0] != kind:
                detail = f"'{word}' is {kind} here but {known[0]} in sentence {known[1]}"
                raise EnglishSyntaxError(sentence, index, None, detail)

    def nouns(self) -> frozenset[str]:
        return frozenset(w for w, (kind, _) in self.predicates.items() if kind == WordClass.NOUN)

    def names(self) -> frozenset[str]:
        return frozenset(w for w, (kind, _) in self.constants.items() if kind == WordClass.NAME)

    def lexicon(self) -> Lexicon:
        """The lexicon that renders this theory back: ProofWriter's people, its names and its class nouns."""
        return Lexicon(PROOFWRITER_PEOPLE | self.names(), self.nouns())
