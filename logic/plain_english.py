"""A hand-written reader for the plain sentences of ProofWriter's theories, beside the grammar's reader.

`english.lark` reads every form through lark's LALR loop and `_ToLogic`'s callbacks: about 80 us a sentence,
most of reading a theory that verify, solve and generate's readers would otherwise spend on nothing else. This
reader takes the few forms ProofWriter writes (and the generator renders) in one pass over the words:

    facts        `Bob is not big.`  `The bald eagle needs the lion.`  `Bob is big and red.`
    if-rules     `If something is red and it sees the dog, then the dog is big.`  (`someone`, `they`, `them`)
    class rules  `All red, big things are kind.`  `Red people are not big.`  `All wumpuses are cold.`
                 `Every red wumpus is an impus.`  `Each thing is big.`

and builds exactly the values and word classes `_ToLogic` builds for them (the same `Literal`s, `Rule`s with
their `RuleStyle`, and `SentenceWords`), by the same steps in the same order. It answers None for anything else
(another form, `or`, a word it does not know to be plain, a sentence the grammar would refuse or `_ToLogic`
would reject): the caller then reads it with lark, whose values and errors (with their columns) stay the
reference. Tests hold it to lark sentence by sentence on real and generated theories.

Only words that every one of lark's lexer states reads the same way are taken: a word that starts or belongs
to a frame, a connective or an answer (`since`, `so`, `that`, `true`, ...) sends the sentence to lark, as do
digits and punctuation other than commas and a final stop.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from proofloom.errors import LogicError
from proofloom.logic.lexicon import SentenceWords, WordsSeen
from proofloom.logic.morphology import singular, third_person
from proofloom.logic.terms import Atom, Constant, Content, Literal, Rule, RuleForm, RuleStyle, Term, Variable

__all__ = ["read_plain", "read_plain_chain"]

X = Variable("X")

# The grammar's keywords this reader uses, by their terminal's name (lark reads them in any case).
_KEYWORDS = {
    **dict.fromkeys(("is", "are", "not", "does", "do", "then", "if", "the", "all", "it", "they", "them"), ""),
    "and": "CONJ",
    "or": "OR",
    "a": "ARTICLE",
    "an": "ARTICLE",
    "every": "EVERY",
    "each": "EVERY",
    "something": "Q",
    "someone": "Q",
    "things": "KIND",
    "people": "KIND",
}
# Words that open or complete the grammar's other terminals (frames, connectives, answers, `everything that`):
# some lexer state reads them otherwise than as a plain word, so a sentence with one goes to lark. Each
# terminal of several words needs one of these (`we know that`, `it follows that`, `the answer is`), so the
# others (`we`, `follows`) are plain.
_DECLINED = frozenset(
    "based true false unknown correct option answer statement hypothesis this step so thus therefore hence "
    "consequently which that who as since because everything everyone anything anyone".split()
)
_PLAIN = re.compile(r"[A-Za-z ,]+")
_COMMA = re.compile(r"\s*,\s*")
_PERSON = {"someone": True, "they": True, "them": True, "something": False, "it": False}
_KIND_NOUNS = frozenset({"thing", "person", "one", "object", "entity"})
# Connectives a chain of thought opens a conclusion with (`So Bob is red.`), each one word.
_CONNECTIVES = frozenset({"so", "thus", "therefore", "hence", "consequently", "then"})


@lru_cache(maxsize=65536)
def _constant(name: str) -> Constant:
    """One `Constant` per name (values are frozen, so shared): the theory's literals then hold the same objects,
    and comparing them (the reasoners' and the solver's dict lookups) finds them equal by identity."""
    return Constant(name)


class _Declined(Exception):
    """Not a sentence this reader takes: lark reads it."""


@dataclass(slots=True)
class _Clause:
    """A clause's subject, literal, person (None: no variable word) and whether its verb is plural."""

    subject: Term
    literal: Literal
    person: bool | None
    plural: bool = False


@dataclass(slots=True)
class _Reader:
    """One sentence's tokens (their kinds, `$END` twice after the last, and their words) and the words it uses,
    by class (as `_ToLogic` notes them)."""

    kinds: list[str]
    texts: list[str]
    at: int = 0
    used: WordsSeen = field(default_factory=WordsSeen)

    # --- tokens ---

    def peek(self, ahead: int = 0) -> str:
        return self.kinds[self.at + ahead]

    def take(self, kind: str) -> str:
        at = self.at
        if self.kinds[at] != kind:
            raise _Declined
        self.at = at + 1
        return self.texts[at]

    def skip(self, kind: str) -> bool:
        if self.kinds[self.at] == kind:
            self.at += 1
            return True
        return False

    def run_of_words(self) -> list[str]:
        kinds, at = self.kinds, self.at
        end = at
        while kinds[end] == "WORD":
            end += 1
        if end == at:
            raise _Declined
        self.at = end
        return self.texts[at:end]

    # --- noun phrases and predicates ---

    def object_term(self) -> tuple[Term, bool | None]:
        kind = self.peek()
        if kind == "CAPWORD":
            name = self.take("CAPWORD").lower()
            self.used.names.add(name)
            return _constant(name), None
        if kind == "THE":
            self.at += 1
            name = "_".join(self.run_of_words())
            self.used.commons.add(name)
            return _constant(name), None
        if kind in ("Q", "IT", "THEM"):
            return X, _PERSON[self.take(kind).lower()]
        raise _Declined

    def complement(self) -> tuple[str, bool, bool]:
        """`not a wumpus` -> (word, noun, positive)."""
        positive = not self.skip("NOT")
        noun = self.skip("ARTICLE")
        return self.take("WORD"), noun, positive

    def unary(self, word: str, noun: bool, positive: bool, plural: bool, subject: Term) -> Literal:
        """`_ToLogic._unary`: a plural complement's word is a noun's singular or, if the theory says so later,
        an adjective (`_resolved` decides)."""
        if noun:
            name = word if not plural else (singular(word) or word)
            self.used.nouns.add(name)
        else:
            name = word
            if plural and singular(name) is not None:
                self.used.plurals[name] = singular(name) or name
            else:
                self.used.adjectives.add(name)
        return Literal(Atom(name, (subject,)), positive)

    def predicate(self, subject: Term, person: bool | None, plural: bool, noun_verb: str | None = None) -> _Clause:
        """What follows a subject: `is [not] [a] word`, `does not verb object`, `verb object`; `noun_verb`
        is a common noun's last word when the predicate is only an object (`the bald eagle needs Bob`)."""
        kind = self.peek()
        if noun_verb is None and kind == ("ARE" if plural else "IS"):
            self.at += 1
            word, noun, positive = self.complement()
            return _Clause(subject, self.unary(word, noun, positive, plural, subject), person, plural)
        if noun_verb is None and kind == ("DO" if plural else "DOES"):
            self.at += 1
            self.take("NOT")
            verb, positive = third_person(self.take("WORD")), False
        elif noun_verb is None:
            verb, positive = self.take("WORD"), True
            if plural:
                verb = third_person(verb)
        else:
            verb, positive = noun_verb, True
        self.used.verbs.add(verb)
        term, object_person = self.object_term()
        person = person if person is not None else object_person
        return _Clause(subject, Literal(Atom(verb, (subject, term)), positive), person, plural)

    def clause(self) -> _Clause:
        kind = self.peek()
        if kind == "CAPWORD":
            name = self.take("CAPWORD").lower()
            self.used.names.add(name)
            return self.predicate(_constant(name), None, False)
        if kind == "THE":
            self.at += 1
            words = self.run_of_words()
            if self.peek() in ("IS", "DOES"):
                name = "_".join(words)
                self.used.commons.add(name)
                return self.predicate(_constant(name), None, False)
            if len(words) < 2:
                raise _Declined  # lark: "a relation needs a verb between its subject and object"
            name = "_".join(words[:-1])
            self.used.commons.add(name)
            return self.predicate(_constant(name), None, False, noun_verb=words[-1])
        if kind in ("Q", "IT", "THEY"):
            word = self.take(kind).lower()
            return self.predicate(X, _PERSON[word], word == "they")
        raise _Declined

    def items(self) -> list[_Clause]:
        """Clauses joined by `and`; an elided complement (`Bob is big and red`) is about the last clause's
        subject, in its number (a clause made so is singular: `_ToLogic.items` does the same)."""
        clauses = [self.clause()]
        while self.skip("CONJ"):
            if self.peek() in ("NOT", "ARTICLE", "WORD"):
                previous = clauses[-1]
                word, noun, positive = self.complement()
                literal = self.unary(word, noun, positive, previous.plural, previous.subject)
                clauses.append(_Clause(previous.subject, literal, None))
            else:
                clauses.append(self.clause())
        return clauses

    def complements(self) -> list[tuple[str, bool, bool]]:
        """A class rule's head: complements joined by `and`, to the sentence's end (anything else after `and`,
        a sentence of its own, is lark's)."""
        found = [self.complement()]
        while self.skip("CONJ"):
            found.append(self.complement())
        if self.peek() != "$END":
            raise _Declined
        return found

    # --- sentences ---

    def content(self) -> tuple[Content, ...]:
        kind = self.peek()
        if kind == "IF":
            return self.if_rule()
        if kind == "ALL" or (kind == "CAPWORD" and self.peek(1) in (",", "KIND", "ARE")):
            return self.generic()
        if kind == "EVERY":
            return self.every_rule()
        facts: list[Content] = []
        for found in self.items():
            if not found.literal.atom.is_ground:
                raise _Declined  # lark: "a fact must name who it is about"
            facts.append(found.literal)
        if self.peek() != "$END":
            raise _Declined
        return tuple(facts)

    def if_rule(self) -> tuple[Content, ...]:
        self.take("IF")
        body = self.items()
        self.skip(",")
        self.skip("THEN")
        head = self.items()
        if self.peek() != "$END":
            raise _Declined
        person = next((c.person for c in (*body, *head) if c.person is not None), False)
        conditions = tuple(c.literal for c in body)
        style = RuleStyle(RuleForm.IF, person)
        return tuple(Rule(conditions, h.literal, style) for h in head)

    def generic(self) -> tuple[Content, ...]:
        """`All red, big things are kind.`, `Red people are big.`, `All wumpuses are cold.`, `Impuses are red.`"""
        every = self.skip("ALL")
        if every:  # word ("," word)* word*
            words = [self.take("WORD")]
            while self.skip(","):
                words.append(self.take("WORD"))
            while self.peek() == "WORD":
                words.append(self.take("WORD"))
        else:  # CAPWORD ("," word)*
            words = [self.take("CAPWORD").lower()]
            while self.skip(","):
                words.append(self.take("WORD"))
        kind = self.skip("KIND")
        if kind:
            person = self.texts[self.at - 1].lower() == "people"
            style = RuleStyle(RuleForm.ALL if every else RuleForm.BARE, person)
            self.used.adjectives.update(words)
            conditions = tuple(Literal(Atom(w, (X,))) for w in words)
        else:
            style = RuleStyle(RuleForm.ALL if every else RuleForm.GENERIC)
            noun = singular(words[-1]) or words[-1]
            self.used.nouns.add(noun)
            self.used.adjectives.update(words[:-1])
            conditions = (*(Literal(Atom(w, (X,))) for w in words[:-1]), Literal(Atom(noun, (X,))))
        self.take("ARE")
        heads = [self.unary(word, noun, positive, True, X) for word, noun, positive in self.complements()]
        return tuple(Rule(conditions, h, style) for h in heads)

    def every_rule(self) -> tuple[Content, ...]:
        """`Every red wumpus is an impus.`, `Each thing is big.` (a kind noun: only the adjectives)."""
        style = RuleStyle(RuleForm.EACH if self.take("EVERY").lower() == "each" else RuleForm.EVERY)
        words = self.run_of_words()
        self.take("IS")
        heads = self.complements()
        self.used.adjectives.update(words[:-1])
        conditions = tuple(Literal(Atom(w, (X,))) for w in words[:-1])
        if words[-1] not in _KIND_NOUNS:
            self.used.nouns.add(words[-1])
            conditions = (*conditions, Literal(Atom(words[-1], (X,))))
        literals = [self.unary(word, noun, positive, False, X) for word, noun, positive in heads]
        return tuple(Rule(conditions, h, style) for h in literals)


@lru_cache(maxsize=65536)
def _kind(word: str) -> str | None:
    """A word's token kind as lark's lexer reads it in the forms taken, or None: the sentence goes to lark."""
    if word[0].islower() and not word.islower():
        return None  # `bIG`, `iS`: lark's lexer reads a lower-case word's lower-case start as a word
    lower = word.lower()
    kind = _KEYWORDS.get(lower)
    if kind is not None:
        return None if kind == "OR" else (kind or lower.upper())  # `or`: lark's (a disjunctive head)
    if lower in _DECLINED:
        return None
    return "WORD" if word.islower() else "CAPWORD"


def _tokens(text: str) -> tuple[list[str], list[str]] | None:
    """The sentence's token kinds (`$END` twice after the last) and words as lark's lexer makes them, or None
    where a word or a character is not plain."""
    if text[-1:] in ".!":
        text = text[:-1]
    if not _PLAIN.fullmatch(text):
        return None
    kinds: list[str] = []
    texts: list[str] = []
    for piece, part in enumerate(_COMMA.split(text)):
        words = part.split()
        if piece:
            if words and words[0].lower() == "and":  # `, and` is one conjunction, as lark lexes it
                kinds.append("CONJ")
                texts.append(words[0])
                words = words[1:]
            elif words and words[0].lower() == "or":
                return None
            else:
                kinds.append(",")
                texts.append(",")
        for word in words:
            kind = _kind(word)
            if kind is None:
                return None
            kinds.append(kind)
            texts.append(word)
    if not kinds:
        return None
    kinds += ("$END", "$END")
    return kinds, texts


def _read(tokens: tuple[list[str], list[str]]) -> tuple[tuple[Content, ...], SentenceWords] | None:
    reader = _Reader(*tokens)
    try:
        contents = reader.content()
    except (_Declined, LogicError):
        return None
    return contents, reader.used.frozen()


def read_plain(sentence: str) -> tuple[tuple[Content, ...], SentenceWords] | None:
    """A prepared sentence's contents and words, as lark's `start` reads them, or None: lark reads it."""
    tokens = _tokens(sentence)
    return None if tokens is None else _read(tokens)


def read_plain_chain(sentence: str) -> tuple[tuple[Content, ...], bool, SentenceWords] | None:
    """A chain of thought's plain sentence: (contents, concluded, words), `concluded` when a one-word
    connective opens it (`So Bob is red.`, `Thus, the cat is big.`), or None: lark reads it."""
    first, _, rest = sentence.partition(" ")
    concluded = first.rstrip(",").lower() in _CONNECTIVES and (first.count(",") <= 1)
    tokens = _tokens(rest if concluded else sentence)
    if tokens is None:
        return None
    if concluded and tokens[0][0] == "," and not first.endswith(","):
        tokens = (tokens[0][1:], tokens[1][1:])  # `So , Bob is red.`: the connective's optional comma
    found = _read(tokens)
    return None if found is None else (found[0], concluded, found[1])
