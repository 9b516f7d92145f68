"""English theories, statements and chains of thought: read sentences into logic, render logic back.

One lark grammar (`english.lark`) reads ProofWriter's templates, PrOntoQA's forms and the frames a chain
of thought wraps them in, over any words: a word's class (name, common noun, class noun, adjective, verb)
comes from where it stands, and `read_english` checks a theory uses each word in one class (`lexicon.py`).
Inflection is `morphology.py`'s. A read rule records the template it was written in (`RuleStyle`), so
rendering it in its own style gives back the same words; ProofWriter's sentences round-trip exactly.
Relation predicates are named by their third-person verb (`chases`), attributes by the adjective, class
nouns by their singular (`wumpus`). A sentence saying several Horn clauses (`Every tumpus is small and a
rompus.`) reads as several; a disjunctive head (`Each impus is a wumpus or a vumpus.`) reads as one
`DisjunctiveRule`: not Horn, so classical semantics (Z3) reasons with it and owa/cwa refuse it by name.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache

from lark import Lark, Token, Transformer
from lark.exceptions import UnexpectedInput, VisitError

from proofloom.errors import EnglishSyntaxError, LogicError
from proofloom.logic.lalr_driver import LeanParser
from proofloom.logic.lexicon import PROOFWRITER_PEOPLE, Lexicon, SentenceWords, WordsSeen, WordUses
from proofloom.logic.morphology import base_form, looks_plural, plural, singular, third_person
from proofloom.logic.plain_english import read_plain, read_plain_chain
from proofloom.logic.terms import (
    Atom,
    Constant,
    Content,
    DisjunctiveRule,
    Literal,
    Rule,
    RuleForm,
    RuleStyle,
    Sentence,
    Term,
    Theory,
    Variable,
    default_ids,
)

__all__ = [
    "PROOFWRITER_PEOPLE",
    "ChainSentence",
    "EnglishReading",
    "Lexicon",
    "base_form",
    "clear_caches",
    "read_chain_sentence",
    "read_contents",
    "read_english",
    "read_sentence",
    "read_statement",
    "lexicon_of",
    "read_theory",
    "render_english",
    "render_sentence",
    "split_sentences",
    "third_person",
]

RULE_VARIABLE = Variable("X")
_PERSON_WORDS = frozenset({"someone", "they", "them", "everyone", "anyone", "people"})
_KIND_NOUNS = frozenset({"thing", "person", "one", "object", "entity"})
_THING_WORDS = frozenset({"something", "it", "everything", "anything", "things"})


class _NotRead(ValueError):
    """A sentence the grammar parses but whose logic cannot be said (a disjunctive head, a fact about 'it')."""


# --- what the transformer builds ---------------------------------------------------------------


ABILITY = "can_"  # `Arthur can fly.` is the attribute `can_fly(arthur)`, written back as it was said


@dataclass(frozen=True, slots=True)
class _Complement:
    """What follows `is`/`are`: `not a wumpus`, `sour`; `plural` when it follows `are`."""

    word: str
    noun: bool
    positive: bool
    plural: bool = False


@dataclass(frozen=True, slots=True)
class _Clause:
    subject: Term
    literal: Literal
    person: bool | None  # True for someone/they/them, False for something/it, None if no variable word
    plural: bool = False


@dataclass(frozen=True, slots=True)
class _Predicate:
    verb: str | None  # a relation's third-person verb; None for a copula
    objects: tuple[object, ...]
    positive: bool
    complement: _Complement | None = None


@dataclass(frozen=True, slots=True)
class _Joined:
    """Items joined by one conjunction: `and` (conjunction), `or` (disjunction), or a single item."""

    items: tuple[object, ...]
    disjunctive: bool


@dataclass(frozen=True, slots=True)
class ChainSentence:
    """One sentence of a chain of thought: what it restates, what it concludes, or the answer it gives.

    `stated` holds what a plain sentence says (a restatement, or in PrOntoQA's chains maybe a conclusion);
    `premises` what `Since A and B, C.` gives as reasons; `claims` what a connective marks as concluded."""

    stated: tuple[Content, ...] = ()
    premises: tuple[Content, ...] = ()
    claims: tuple[Content, ...] = ()
    answer: str | None = None  # "true", "false", "unknown", or an option letter "a"/"b"/"c"
    step: str | None = None  # the label it was numbered with ("Step 2:")


@dataclass(frozen=True, slots=True)
class _Reading:
    contents: tuple[Content, ...]
    words: SentenceWords
    question: bool = False
    entries: tuple[tuple[bool, str, str], ...] = ()  # words.entries(), made once for a cached sentence
    keys: frozenset[tuple[bool, str]] = frozenset()  # (constant?, word) of each entry: one class a word

    @classmethod
    def of(cls, contents: tuple[Content, ...], words: SentenceWords, question: bool = False) -> _Reading:
        entries = words.entries()
        return cls(contents, words, question, entries, frozenset((constant, word) for constant, word, _ in entries))


def _person(token: Token | str) -> bool | None:
    word = str(token).lower()
    return True if word in _PERSON_WORDS else False if word in _THING_WORDS else None


def _tokens(children: list[object], kind: str) -> list[Token]:
    return [c for c in children if isinstance(c, Token) and c.type == kind]


class _ToLogic(Transformer[Token, object]):
    """Parse tree -> contents (facts and Horn rules with their RuleStyle), noting each word's class."""

    def __init__(self) -> None:
        super().__init__()
        self.used = WordsSeen()
        self.asked = False  # the sentence is a question (`True or false: ...`)

    def reset(self) -> None:
        """Forget the last sentence's words: one reader serves every parse (lark calls it inline)."""
        self.used = WordsSeen()
        self.asked = False

    # --- words and noun phrases ---

    def word(self, children: list[Token]) -> str:
        return str(children[0]).lower()

    def words(self, children: list[str]) -> list[str]:
        return list(children)

    def name(self, children: list[Token]) -> Constant:
        name = str(children[0]).lower()
        self.used.names.add(name)
        return Constant(name)

    def common_noun(self, children: list[object]) -> Constant:
        words = children[1]
        assert isinstance(words, list)
        name = "_".join(words)
        self.used.commons.add(name)
        return Constant(name)

    def _term(self, value: object) -> tuple[Term, bool | None]:
        if isinstance(value, Constant):
            return value, None
        assert isinstance(value, Token)
        return RULE_VARIABLE, _person(value)

    # --- predicates ---

    def complement(self, children: list[object]) -> _Complement:
        word = children[-1]
        assert isinstance(word, str)
        return _Complement(word, bool(_tokens(children, "ARTICLE")), not _tokens(children, "NOT"))

    def complements(self, children: list[object]) -> _Joined:
        return self._joined(children)

    def copula(self, children: list[object]) -> _Predicate:
        complement = children[-1]
        assert isinstance(complement, _Complement)
        if _tokens(children, "ARE"):
            complement = _Complement(complement.word, complement.noun, complement.positive, plural=True)
        return _Predicate(None, (), complement.positive, complement)

    def can(self, children: list[object]) -> _Predicate:
        """`can fly`: the ability as an attribute, `can_fly` (ProofWriter's birds-electricity theories)."""
        return _Predicate(None, (), True, _Complement(f"{ABILITY}{children[-1]}", False, True))

    def cannot(self, children: list[object]) -> _Predicate:
        return _Predicate(None, (), False, _Complement(f"{ABILITY}{children[-1]}", False, False))

    def negated_relation(self, children: list[object]) -> _Predicate:
        verb = third_person(str(children[2]))
        return _Predicate(verb, (children[3],), False)

    def relation(self, children: list[object]) -> _Predicate:
        return _Predicate(str(children[0]), (children[1],), True)

    def plural_relation(self, children: list[object]) -> _Predicate:
        return _Predicate(third_person(str(children[0])), (children[1],), True)

    def relation_ending_noun(self, children: list[object]) -> _Predicate:
        return _Predicate("", (children[0],), True)  # the verb is the subject's last word: `the_clause` moves it

    # --- clauses ---

    def _unary(self, complement: _Complement, subject: Term) -> Literal:
        if complement.noun:
            name = complement.word if not complement.plural else (singular(complement.word) or complement.word)
            self.used.nouns.add(name)
        else:
            name = complement.word
            if complement.plural and singular(name) is not None:
                self.used.plurals[name] = singular(name) or name  # a noun if the theory has it as one
            else:
                self.used.adjectives.add(name)
        return Literal(Atom(name, (subject,)), complement.positive)

    def _clause(self, subject_value: object, predicate: _Predicate, plural_subject: bool = False) -> _Clause:
        subject, person = self._term(subject_value)
        if predicate.complement is not None:
            literal = self._unary(predicate.complement, subject)
            return _Clause(subject, literal, person, plural_subject)
        assert predicate.verb is not None
        self.used.verbs.add(predicate.verb)
        args: list[Term] = [subject]
        for obj in predicate.objects:
            term, object_person = self._term(obj)
            args.append(term)
            person = person if person is not None else object_person
        return _Clause(subject, Literal(Atom(predicate.verb, tuple(args)), predicate.positive), person, plural_subject)

    def named_clause(self, children: list[object]) -> _Clause:
        name = str(children[0]).lower()
        self.used.names.add(name)
        predicate = children[1]
        assert isinstance(predicate, _Predicate)
        return self._clause(Constant(name), predicate)

    def the_clause(self, children: list[object]) -> _Clause:
        words, predicate = children[1], children[2]
        assert isinstance(words, list) and isinstance(predicate, _Predicate)
        if predicate.verb == "":
            if len(words) < 2:
                raise _NotRead("a relation needs a verb between its subject and object")
            words, predicate = words[:-1], _Predicate(words[-1], predicate.objects, True)
        name = "_".join(words)
        self.used.commons.add(name)
        return self._clause(Constant(name), predicate)

    def variable_clause(self, children: list[object]) -> _Clause:
        predicate = children[1]
        assert isinstance(predicate, _Predicate)
        return self._clause(children[0], predicate, plural_subject=str(children[0]).lower() == "they")

    def _joined(self, children: list[object]) -> _Joined:
        conjunctions = {str(c).lower().lstrip(", ") for c in _tokens(children, "CONJUNCTION")}
        if len(conjunctions) > 1:
            raise _NotRead("it mixes 'and' and 'or' without saying which binds tighter")
        items = tuple(c for c in children if not (isinstance(c, Token) and c.type == "CONJUNCTION"))
        return _Joined(items, conjunctions == {"or"})

    def items(self, children: list[object]) -> _Joined:
        """Clauses and elided complements (`Bob is big and red`: `red` is about Bob too)."""
        joined = self._joined(children)
        clauses: list[_Clause] = []
        for item in joined.items:
            if isinstance(item, _Complement):
                previous = clauses[-1]
                complement = _Complement(item.word, item.noun, item.positive, previous.plural)
                clauses.append(_Clause(previous.subject, self._unary(complement, previous.subject), None))
            else:
                assert isinstance(item, _Clause)
                clauses.append(item)
        return _Joined(tuple(clauses), joined.disjunctive)

    def premises(self, children: list[object]) -> _Joined:
        """`Since` reasons: clauses (with elided complements) and whole rules, joined by `and`."""
        joined = self._joined(children)
        found: list[object] = []
        for item in joined.items:
            if isinstance(item, _Complement):
                previous = next(c for c in reversed(found) if isinstance(c, _Clause))
                complement = _Complement(item.word, item.noun, item.positive, previous.plural)
                found.append(_Clause(previous.subject, self._unary(complement, previous.subject), None))
            else:
                found.append(item)
        return _Joined(tuple(found), joined.disjunctive)

    # --- sentences ---

    def start(self, children: list[object]) -> tuple[Content, ...]:
        return self._contents(children[0])

    def question(self, children: list[object]) -> tuple[Content, ...]:
        self.asked = True
        return self._contents(children[1])

    def _contents(self, value: object) -> tuple[Content, ...]:
        if isinstance(value, tuple):
            return value
        assert isinstance(value, _Joined)
        return self._facts(value)

    def _facts(self, joined: _Joined) -> tuple[Content, ...]:
        if joined.disjunctive and len(joined.items) > 1:
            raise _NotRead("a disjunction of facts is not a Horn theory's fact")
        facts: list[Content] = []
        for clause in joined.items:
            assert isinstance(clause, _Clause)
            if not clause.literal.is_ground:
                raise _NotRead("a fact must name who it is about, not 'something' or 'it'")
            facts.append(clause.literal)
        return tuple(facts)

    def _rules(self, body: _Joined, head: _Joined, style: RuleStyle) -> tuple[Content, ...]:
        """Rules for `body -> head`: a disjunctive body gives a rule per disjunct, a conjunctive head a rule
        per conjunct, a disjunctive head one DisjunctiveRule (not Horn: only classical semantics uses it)."""
        conditions = [self._literal(item) for item in body.items]
        bodies = [(c,) for c in conditions] if body.disjunctive else [tuple(conditions)]
        if head.disjunctive and len(head.items) > 1:
            heads = tuple(self._literal(h) for h in head.items)
            return tuple(DisjunctiveRule(b, heads, style) for b in bodies)
        return tuple(Rule(b, self._literal(h), style) for b in bodies for h in head.items)

    def _literal(self, item: object) -> Literal:
        if isinstance(item, Literal):
            return item
        if isinstance(item, _Clause):
            return item.literal
        assert isinstance(item, _Complement)
        return self._unary(item, RULE_VARIABLE)

    def if_rule(self, children: list[object]) -> tuple[Content, ...]:
        body, head = (c for c in children if isinstance(c, _Joined))
        clauses = [c for c in (*body.items, *head.items) if isinstance(c, _Clause)]
        person = next((c.person for c in clauses if c.person is not None), False)
        return self._rules(body, head, RuleStyle(RuleForm.IF, person))

    def premise_if(self, children: list[object]) -> tuple[Content, ...]:
        """An if-rule among `Since` reasons: `Since if something is big then it is red and Bob is big, ...`.
        Its head runs to the comma, so a clause there about another subject than the head's first clause is
        a reason of its own (a fact), not a conjunct of the head (`big(X) -> big(bob)` would be a misreading)."""
        body, head = (c for c in children if isinstance(c, _Joined))
        first = head.items[0]
        kept: list[object] = [first]
        reasons: list[object] = []
        for item in head.items[1:]:
            if reasons or (isinstance(item, _Clause) and isinstance(first, _Clause) and item.subject != first.subject):
                reasons.append(item)
            else:
                kept.append(item)
        rules = self.if_rule([body, _Joined(tuple(kept), head.disjunctive)])
        return (*rules, *self._facts(_Joined(tuple(reasons), False)))

    def _head_and_rest(self, head: _Joined) -> tuple[_Joined, tuple[Content, ...]]:
        """A class rule's head complements, and what follows them after `and` as sentences of their own (a
        clause a fact, a rule its rules): `All big things are red and Bob is big` says a rule and a fact."""
        end = next((i for i, item in enumerate(head.items) if not isinstance(item, _Complement)), len(head.items))
        if end == len(head.items):
            return head, ()
        if head.disjunctive:
            raise _NotRead("it joins a rule's head and another sentence with 'or'")
        rest: list[Content] = []
        for item in head.items[end:]:
            rest.extend(item if isinstance(item, tuple) else self._contents(_Joined((item,), False)))
        return _Joined(head.items[:end], False), tuple(rest)

    def _adjectives(self, words: list[str]) -> list[Literal]:
        self.used.adjectives.update(words)
        return [Literal(Atom(w, (RULE_VARIABLE,))) for w in words]

    def word_list(self, children: list[str]) -> list[str]:
        return list(children)

    def capital_list(self, children: list[object]) -> list[str]:
        return [str(c).lower() for c in children]

    def _plural_head(self, complements: _Joined) -> _Joined:
        items = tuple(
            _Complement(c.word, c.noun, c.positive, plural=True) if isinstance(c, _Complement) else c
            for c in complements.items
        )
        return _Joined(items, complements.disjunctive)

    def kind_generic(self, children: list[object]) -> tuple[Content, ...]:
        """`All quiet things are rough.`, `Red, cold people are round.`"""
        form = RuleForm.ALL if _tokens(children, "ALL") else RuleForm.BARE
        adjectives = next((c for c in children if isinstance(c, list)), None) or [str(children[0])]
        head = children[-1]
        assert isinstance(head, _Joined)
        person = _person(_tokens(children, "KIND")[0]) is True
        body = _Joined(tuple(self._adjectives(adjectives)), False)
        head, rest = self._head_and_rest(head)
        return (*self._rules(body, self._plural_head(head), RuleStyle(form, person)), *rest)

    def noun_generic(self, children: list[object]) -> tuple[Content, ...]:
        """`Jompuses are not shy.`, `All red wumpuses are impuses.`"""
        form = RuleForm.ALL if _tokens(children, "ALL") else RuleForm.GENERIC
        words = next((c for c in children if isinstance(c, list)), None) or [str(children[0])]
        head = children[-1]
        assert isinstance(head, _Joined)
        noun = singular(words[-1]) or words[-1]
        self.used.nouns.add(noun)
        conditions = (*self._adjectives(words[:-1]), Literal(Atom(noun, (RULE_VARIABLE,))))
        head, rest = self._head_and_rest(head)
        return (*self._rules(_Joined(conditions, False), self._plural_head(head), RuleStyle(form)), *rest)

    def every_rule(self, children: list[object]) -> tuple[Content, ...]:
        """`Every wumpus is an impus.`, `Each red yumpus is not shy.`"""
        form = RuleForm.EACH if str(children[0]).lower() == "each" else RuleForm.EVERY
        words, head = children[1], children[-1]
        assert isinstance(words, list) and isinstance(head, _Joined)
        head, rest = self._head_and_rest(head)
        if words[-1] in _KIND_NOUNS:  # "Every blorpy thing is happy.": no class, only the adjectives
            return (*self._rules(_Joined(tuple(self._adjectives(words[:-1])), False), head, RuleStyle(form)), *rest)
        self.used.nouns.add(words[-1])
        conditions = (*self._adjectives(words[:-1]), Literal(Atom(words[-1], (RULE_VARIABLE,))))
        return (*self._rules(_Joined(conditions, False), head, RuleStyle(form)), *rest)

    def everything_rule(self, children: list[object]) -> tuple[Content, ...]:
        """`Everything that is a wumpus and a dumpus is a vumpus.`"""
        body, head = (c for c in children if isinstance(c, _Joined))
        if any(isinstance(item, tuple) for item in body.items):
            raise _NotRead("a rule's conditions cannot hold another rule")
        person = _person(str(children[0])) is True
        head, rest = self._head_and_rest(head)
        return (*self._rules(body, head, RuleStyle(RuleForm.EVERYTHING, person)), *rest)

    # --- chains of thought ---

    def chain(self, children: list[object]) -> ChainSentence:
        found = children[0]
        assert isinstance(found, ChainSentence)
        return found

    def chain_sentence(self, children: list[object]) -> ChainSentence:
        found = children[-1]
        assert isinstance(found, ChainSentence)
        step = str(children[0]).strip().rstrip(":.)").strip()
        return ChainSentence(found.stated, found.premises, found.claims, found.answer, step)

    def stated(self, children: list[object]) -> ChainSentence:
        """A restatement of the context (`Bob is big.`, `We know that Bob is big.`)."""
        return ChainSentence(stated=self._contents(children[-1]))

    def concluded(self, children: list[object]) -> ChainSentence:
        return ChainSentence(claims=self._contents(children[-1]))

    def _premises(self, value: object) -> tuple[Content, ...]:
        assert isinstance(value, _Joined)
        found: list[Content] = []
        for item in value.items:
            found.extend(item if isinstance(item, tuple) else self._facts(_Joined((item,), False)))
        return tuple(found)

    def since(self, children: list[object]) -> ChainSentence:
        reasons = next(c for c in children if isinstance(c, _Joined))
        return ChainSentence(premises=_flatten(reasons, self), claims=self._contents(children[-1]))

    def because_after(self, children: list[object]) -> ChainSentence:
        """`Bob is red because Bob is big and ...`, after a connective or not."""
        claim = next(c for c in children if not isinstance(c, Token))
        return ChainSentence(premises=_flatten(children[-1], self), claims=self._contents(claim))

    def so_that(self, children: list[object]) -> ChainSentence:
        return ChainSentence(premises=self._contents(children[0]), claims=self._contents(children[-1]))

    def answer(self, children: list[object]) -> ChainSentence:
        text = str(_tokens(children, "ANSWER")[0]).lower()
        for word in ("true", "false", "unknown"):
            if re.search(rf"\b{word}\b", text):
                return ChainSentence(answer=word)
        letter = text.rstrip(") ").rsplit(None, 1)[-1].strip("():")
        return ChainSentence(answer=letter)


def _flatten(value: object, reader: _ToLogic) -> tuple[Content, ...]:
    """`Since` premises as contents: a clause (and its elided complements) a fact, a rule its rules."""
    assert isinstance(value, _Joined)
    found: list[Content] = []
    for item in value.items:
        if isinstance(item, tuple):
            found.extend(item)
        elif isinstance(item, _Clause):
            found.extend(reader._facts(_Joined((item,), False)))
    return tuple(found)


# --- reading -----------------------------------------------------------------------------------


def _names_capitalised(sentence: str, names: frozenset[str]) -> str:
    """The theory's proper names capitalised where a sentence writes them in lower case."""
    if not names or not any(name in sentence for name in names):
        return sentence
    return _name_pattern(names).sub(lambda found: found.group(0).capitalize(), sentence)


@lru_cache(maxsize=256)
def _name_pattern(names: frozenset[str]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, names), key=len, reverse=True)) + r")\b")


_CONTRACTED = re.compile(r"\b(is|are|does|do)n[’']t\b", re.IGNORECASE)


def _prepared(sentence: str) -> str:
    """Case and spacing tolerance: a sentence may start in lower case (`bob is big.`), and `isn't`, `aren't`,
    `doesn't`, `don't` are their two words."""
    if "  " in sentence or "\n" in sentence or "\t" in sentence:
        sentence = " ".join(sentence.split())
    if "n't" in sentence or "n’t" in sentence:
        sentence = _CONTRACTED.sub(r"\1 not", sentence)
    return sentence if sentence[:1].isupper() else sentence[:1].upper() + sentence[1:]


# LALR with the transformer inline: lark calls `_ToLogic` as it reduces, so no parse tree is built. The one
# reader keeps the current sentence's words, so parses take turns (a lock; a parse is tens of microseconds).
_READER = _ToLogic()
_PARSER = Lark.open_from_package(
    "proofloom.logic",
    "english.lark",
    parser="lalr",
    start=["start", "chain"],
    propagate_positions=False,
    transformer=_READER,
    cache=True,  # the LALR tables, built once per lark version and kept in the temp folder
)
_PARSING = threading.Lock()
_LEAN = LeanParser(_PARSER)  # the same tables, lexers and transformer in a leaner loop


def _parsed(sentence: str, start: str) -> tuple[object, SentenceWords, bool]:
    """The sentence's value from the inline transformer, the words it used, and whether it is a question.
    The lean loop reads it; where it cannot (lark would raise), lark reads it again and raises its own error."""
    with _PARSING:
        _READER.reset()
        try:
            value = _LEAN.parse(sentence, start)
        except Exception:  # a transformer's refusal (`_NotRead`, LogicError): lark raises it in its own way
            value = None
        if value is None:
            _READER.reset()
            value = _PARSER.parse(sentence, start=start)
        return value, _READER.used.frozen(), _READER.asked


# Caches keyed by text: a sentence or context read once is one dictionary lookup after. Their values are frozen
# (readings, theories, lexicons), so sharing them is safe; each is bounded, so a long process stays flat.
@lru_cache(maxsize=65536)
def _read_cached(sentence: str) -> _Reading:
    plain = read_plain(sentence)  # ProofWriter's plain forms by hand; the rest (and every error) by lark
    if plain is not None:
        return _Reading.of(*plain)
    contents, words, question = _parsed(sentence, "start")
    assert isinstance(contents, tuple)
    return _Reading.of(contents, words, question)


@lru_cache(maxsize=65536)
def _read_as_written(sentence: str) -> _Reading:
    """`_read_cached` keyed by the sentence as written, so a repeated sentence skips even its tidying."""
    return _read_cached(_prepared(sentence.strip()))


def _read(sentence: str, index: int) -> _Reading:
    try:
        return _read_as_written(sentence)
    except UnexpectedInput as error:
        text = sentence.strip()
        raise EnglishSyntaxError(text, index, error.column, "no sentence form matches") from None
    except VisitError as error:
        raise EnglishSyntaxError(sentence.strip(), index, None, str(error.orig_exc)) from None
    except (_NotRead, LogicError) as error:
        raise EnglishSyntaxError(sentence.strip(), index, None, str(error)) from None


def read_contents(sentence: str, index: int = 1) -> tuple[Content, ...]:
    """One English sentence -> the facts and Horn rules it says (`Every tumpus is small and a rompus.` says
    two rules); an unreadable one names itself and its index."""
    return _read(sentence, index).contents


def read_sentence(sentence: str, index: int = 1) -> Content:
    """One English sentence -> a ground fact or a rule; an unreadable one names itself and its index."""
    contents = read_contents(sentence, index)
    if len(contents) != 1:
        raise EnglishSyntaxError(sentence.strip(), index, None, f"it says {len(contents)} things, not one")
    return contents[0]


def read_statement(sentence: str, index: int = 1) -> Literal:
    """A question's statement (`Charlie is kind.`, `True or false: Max is not sour.`) -> a ground literal."""
    text = sentence.strip()
    contents = read_contents(text, index)
    if len(contents) != 1 or not isinstance(contents[0], Literal):
        raise EnglishSyntaxError(text, index, None, "a statement must be one fact, not a rule")
    return contents[0]


@lru_cache(maxsize=65536)
def _chain_cached(sentence: str) -> tuple[ChainSentence, SentenceWords]:
    plain = read_plain_chain(sentence)
    if plain is not None:
        contents, concluded, plain_words = plain
        return (ChainSentence(claims=contents) if concluded else ChainSentence(stated=contents)), plain_words
    found, words, _ = _parsed(sentence, "chain")
    assert isinstance(found, ChainSentence)
    return found, words


def read_chain_sentence(
    sentence: str, index: int = 1, nouns: frozenset[str] = frozenset(), names: frozenset[str] = frozenset()
) -> ChainSentence:
    """One sentence of a chain of thought: a restatement, a conclusion with its connective or reasons, or an
    answer line; `nouns` are class nouns known from the theory (for `Wumpuses are impuses.`), `names` its
    proper names, read as names in lower case too (`so bob is red`: language models write them so)."""
    text = sentence.strip()
    try:
        found, words = _chain_cached(_prepared(_names_capitalised(text, names)))
    except UnexpectedInput as error:
        raise EnglishSyntaxError(text, index, error.column, "no sentence form matches") from None
    except VisitError as error:
        raise EnglishSyntaxError(text, index, None, str(error.orig_exc)) from None
    except (_NotRead, LogicError) as error:
        raise EnglishSyntaxError(text, index, None, str(error)) from None
    if not words.plural_complements:  # nothing to tell apart (most sentences): no renames
        return found
    renames = _plural_renames(words, nouns | words.nouns)
    if not renames:
        return found
    return ChainSentence(
        tuple(_renamed(c, renames) for c in found.stated),
        tuple(_renamed(c, renames) for c in found.premises),
        tuple(_renamed(c, renames) for c in found.claims),
        found.answer,
        found.step,
    )


_SENTENCE_END = re.compile(r"(?<=[.!])\s+")


def split_sentences(text: str) -> list[str]:
    """Sentences of a context: each ends with a full stop followed by space or the end."""
    return [s for s in _SENTENCE_END.split(text.strip()) if s]


@dataclass(frozen=True, slots=True)
class EnglishReading:
    """A theory read from English, with the lexicon that renders it back (its names and class nouns)."""

    theory: Theory
    lexicon: Lexicon


def _plural_renames(words: SentenceWords, nouns: frozenset[str]) -> dict[str, str]:
    return {word: single for word, single in words.plural_complements if single in nouns}


def _renamed(content: Content, renames: dict[str, str]) -> Content:
    def literal(found: Literal) -> Literal:
        name = renames.get(found.atom.predicate)
        return found if name is None else Literal(Atom(name, found.atom.args), found.positive)

    if not renames:
        return content
    if isinstance(content, Literal):
        return literal(content)
    conditions = tuple(literal(c) for c in content.conditions)
    if isinstance(content, DisjunctiveRule):
        return DisjunctiveRule(conditions, tuple(literal(h) for h in content.heads), content.style)
    return Rule(conditions, literal(content.head), content.style)


def _resolved(reading: _Reading, nouns: frozenset[str], adjectives: frozenset[str]) -> _Reading:
    """A sentence's reading once its plural complements are told apart: `impuses` is the class noun `impus`
    where the theory has that noun; an adjective where the theory uses the word so (`Bob is lizoos.`); and
    otherwise a class noun when the sentence is about classes (`Wumpuses are tumpuses.`, `All dogs are
    mammals.`: adjectives have no plural, and the statement will say `a tumpus`), else an adjective."""
    words = reading.words
    renames = _plural_renames(words, nouns)
    if _about_classes(reading):
        for word, single in words.plural_complements:
            if word not in renames and word not in adjectives and looks_plural(word):
                renames[word] = single
    words = SentenceWords(
        words.names,
        words.commons,
        words.nouns | frozenset(renames.values()),
        words.adjectives | frozenset(w for w, _ in words.plural_complements if w not in renames),
        words.verbs,
    )
    return _Reading.of(tuple(_renamed(c, renames) for c in reading.contents), words, reading.question)


def _about_classes(reading: _Reading) -> bool:
    """Whether the sentence is a rule whose every condition is a class noun (`Wumpuses are ...`)."""
    rules = [c for c in reading.contents if not isinstance(c, Literal)]
    nouns = reading.words.nouns
    return bool(rules) and all(condition.atom.predicate in nouns for rule in rules for condition in rule.conditions)


def read_english(text: str) -> EnglishReading:
    """An English context -> a Theory with ProofWriter's default ids (`triple<k>`, `rule<k>`) and its lexicon.
    Every word must keep one class across the theory (`Max` a name, `wumpus` a class noun, `sour` an
    adjective); the first sentence that uses a word otherwise is named in the error. A context read before is
    one lookup (a batch asks many questions of one context)."""
    return _english_cached(text)


def clear_caches() -> None:
    """Forget every sentence and context read so far (benchmarks time a cold read with it)."""
    for cache in (_read_as_written, _read_cached, _chain_cached, _english_cached, lexicon_of):
        cache.cache_clear()


@lru_cache(maxsize=4096)
def _english_cached(text: str) -> EnglishReading:
    sentences = split_sentences(text)
    readings = [_read(s, i) for i, s in enumerate(sentences, start=1)]
    for index, (sentence, reading) in enumerate(zip(sentences, readings, strict=True), start=1):
        if reading.question:
            raise EnglishSyntaxError(sentence, index, None, "a question is not a sentence of a theory")
    if any(r.words.plural_complements for r in readings):
        nouns = frozenset[str]().union(*(r.words.nouns for r in readings))
        adjectives = frozenset[str]().union(*(r.words.adjectives for r in readings))
        readings = [_resolved(r, nouns, adjectives) if r.words.plural_complements else r for r in readings]
    # One class a word: as many (constant?, word) keys as (constant?, word, class) entries. Set unions run in C.
    if len(set[tuple[bool, str]]().union(*(r.keys for r in readings))) != len(
        set[tuple[bool, str, str]]().union(*(r.entries for r in readings))
    ):
        uses = WordUses()  # some word has two classes: name the first sentence that says so
        for index, (sentence, reading) in enumerate(zip(sentences, readings, strict=True), start=1):
            uses.add_entries(reading.entries, sentence, index)
    names = frozenset[str]().union(*(r.words.names for r in readings))
    nouns_used = frozenset[str]().union(*(r.words.nouns for r in readings))
    found = tuple(c for r in readings for c in r.contents)
    theory = Theory(tuple(Sentence(i, c) for i, c in zip(default_ids(found), found, strict=True)))
    return EnglishReading(theory, Lexicon(PROOFWRITER_PEOPLE | names, nouns_used))


@lru_cache(maxsize=4096)
def lexicon_of(text: str) -> Lexicon:
    """The lexicon that renders an English context's own words back (`Max`, `a wumpus`); ProofWriter's
    default for text that is not English (a DSL theory)."""
    try:
        return read_english(text).lexicon
    except (EnglishSyntaxError, LogicError):
        return Lexicon()


def read_theory(text: str) -> Theory:
    """An English context -> a Theory with ProofWriter's default ids (`triple<k>`, `rule<k>`)."""
    return read_english(text).theory


# --- rendering ---------------------------------------------------------------------------------


def _capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


def _subject_words(term: Term, mentioned: set[Term], person: bool, lexicon: Lexicon) -> tuple[str, bool]:
    """The words for a subject and whether the verb agrees in the plural; a variable's first mention is
    `something`, later ones `it` (constants are named every time, so only variables are remembered)."""
    if isinstance(term, Constant):
        return lexicon.noun_phrase(term), False
    if term not in mentioned:
        mentioned.add(term)
        return ("someone" if person else "something"), False
    return ("they", True) if person else ("it", False)


def _object_words(term: Term, mentioned: set[Term], person: bool, lexicon: Lexicon) -> str:
    if isinstance(term, Constant):
        return lexicon.noun_phrase(term)
    if term not in mentioned:
        mentioned.add(term)
        return "someone" if person else "something"
    return "them" if person else "it"


def _complement(literal: Literal, lexicon: Lexicon, plural_subject: bool = False) -> str:
    predicate = literal.atom.predicate
    if plural_subject and predicate in lexicon.class_nouns:
        words = plural(predicate)
    else:
        words = lexicon.complement(predicate)
    return words if literal.positive else "not " + words


def _clause(literal: Literal, mentioned: set[Term], person: bool, lexicon: Lexicon) -> str:
    atom = literal.atom
    words, plural_subject = _subject_words(atom.args[0], mentioned, person, lexicon)
    if len(atom.args) == 1 and atom.predicate.startswith(ABILITY):  # `Arthur can fly`, `they cannot fly`
        return f"{words} {'can' if literal.positive else 'cannot'} {atom.predicate.removeprefix(ABILITY)}"
    if len(atom.args) == 1:
        return f"{words} {'are' if plural_subject else 'is'} {_complement(literal, lexicon, plural_subject)}"
    obj = _object_words(atom.args[1], mentioned, person, lexicon)
    if not literal.positive:
        return f"{words} {'do' if plural_subject else 'does'} not {base_form(atom.predicate)} {obj}"
    return f"{words} {base_form(atom.predicate) if plural_subject else atom.predicate} {obj}"


def _is_attribute_of_variable(literal: Literal) -> bool:
    args = literal.atom.args
    return len(args) == 1 and isinstance(args[0], Variable)


AnyRule = Rule | DisjunctiveRule


def _heads(rule: AnyRule) -> tuple[Literal, ...]:
    return (rule.head,) if isinstance(rule, Rule) else rule.heads


def _class_form_fits(rule: AnyRule) -> bool:
    return all(_is_attribute_of_variable(c) and c.positive for c in rule.conditions) and all(
        _is_attribute_of_variable(h) for h in _heads(rule)
    )


def _head_complement(rule: AnyRule, lexicon: Lexicon, plural_subject: bool = False) -> str:
    """The head's words after `is`/`are`; a disjunctive head's alternatives joined by `or`."""
    return " or ".join(_complement(h, lexicon, plural_subject) for h in _heads(rule))


def _split_noun(rule: AnyRule, lexicon: Lexicon) -> tuple[list[str], str | None] | None:
    """A class rule's conditions as (adjectives, its one class noun or None); None when it has several nouns."""
    nouns = [c.atom.predicate for c in rule.conditions if c.atom.predicate in lexicon.class_nouns]
    if len(nouns) > 1:
        return None
    adjectives = [c.atom.predicate for c in rule.conditions if c.atom.predicate not in lexicon.class_nouns]
    return adjectives, (nouns[0] if nouns else None)


def _render_class_rule(rule: AnyRule, style: RuleStyle, lexicon: Lexicon) -> str | None:
    """The rule in its class template, or None when the template cannot say it (the caller falls back)."""
    split = _split_noun(rule, lexicon)
    if split is None:
        return None
    adjectives, noun = split
    form = style.form
    if form is RuleForm.EVERYTHING:
        who = "Everyone who" if style.person else "Everything that"
        body = " and ".join(_complement(c, lexicon) for c in rule.conditions)
        return f"{who} is {body} is {_head_complement(rule, lexicon)}."
    if form in (RuleForm.EVERY, RuleForm.EACH):
        if noun is None:
            return None
        quantifier = "Every" if form is RuleForm.EVERY else "Each"
        return f"{quantifier} {' '.join([*adjectives, noun])} is {_head_complement(rule, lexicon)}."
    head = _head_complement(rule, lexicon, plural_subject=True)
    if noun is not None:
        if form is RuleForm.GENERIC and not adjectives:
            return f"{_capitalize(plural(noun))} are {head}."
        return f"All {' '.join([*adjectives, plural(noun)])} are {head}."
    if form is RuleForm.GENERIC:
        return None
    kind = "people" if style.person else "things"
    body = f"{', '.join(adjectives)} {kind} are {head}."
    return f"All {body}" if form is RuleForm.ALL else _capitalize(body)


def _render_if_rule(rule: AnyRule, person: bool, lexicon: Lexicon) -> str:
    mentioned: set[Term] = set()
    parts: list[str] = []
    previous: Literal | None = None
    for condition in rule.conditions:
        if previous is not None and _is_attribute_of_variable(previous) and _is_attribute_of_variable(condition):
            # "is quiet and not cold": the subject carries over from the previous condition.
            parts.append(_complement(condition, lexicon))
        else:
            parts.append(_clause(condition, mentioned, person, lexicon))
        previous = condition
    heads = _heads(rule)
    said = [_clause(heads[0], mentioned, person, lexicon)]
    for before, head in zip(heads, heads[1:], strict=False):
        carried = _is_attribute_of_variable(before) and _is_attribute_of_variable(head)
        said.append(_complement(head, lexicon) if carried else _clause(head, mentioned, person, lexicon))
    return f"If {' and '.join(parts)} then {' or '.join(said)}."


_PLAIN_LEXICON = Lexicon()


@lru_cache(maxsize=65536)
def _fact_sentence(literal: Literal, lexicon: Lexicon) -> str:
    """A fact's sentence, made once for each fact and lexicon: a verifier writes the same facts again and again
    (a chain of thought's restatements, every verdict's conclusion and counter-model)."""
    return _capitalize(_clause(literal, set(), False, lexicon)) + "."


@lru_cache(maxsize=65536)
def _plain_fact_sentence(literal: Literal) -> str:
    """`_fact_sentence` in the default lexicon, keyed by the fact alone (hashing a lexicon costs a call)."""
    return _fact_sentence(literal, _PLAIN_LEXICON)


def render_sentence(content: Content, lexicon: Lexicon | None = None) -> str:
    """One fact or rule as English, rules in the style they carry (an if-rule about things by default)."""
    if isinstance(content, Literal):
        return _plain_fact_sentence(content) if lexicon is None else _fact_sentence(content, lexicon)
    lexicon = lexicon or Lexicon()
    if len(content.variables()) > 1:
        raise LogicError(f"English templates express rules over one variable, not {content}")
    style = content.style or RuleStyle()
    if style.form is not RuleForm.IF and _class_form_fits(content):
        rendered = _render_class_rule(content, style, lexicon)
        if rendered is not None:
            return rendered
    if style.form is RuleForm.EVERYTHING and all(_is_attribute_of_variable(c) for c in content.conditions):
        rendered = _render_class_rule(content, style, lexicon)
        if rendered is not None and all(_is_attribute_of_variable(h) for h in _heads(content)):
            return rendered
    return _render_if_rule(content, style.person, lexicon)


def render_english(theory: Theory, lexicon: Lexicon | None = None) -> str:
    """A theory as a ProofWriter context: its sentences in order, separated by single spaces."""
    return " ".join(render_sentence(s.content, lexicon) for s in theory.sentences)
