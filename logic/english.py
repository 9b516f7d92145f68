"""ProofWriter's templated English: read sentences into logic, render logic back as sentences.

The reader is a lark grammar (`english.lark`); it records the template a rule was written in
(`RuleStyle`), so rendering a read sentence in its own style gives back the same words.
Relation predicates are named by their third-person verb (`chases`); attributes by the adjective.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from lark import Lark, Token, Transformer
from lark.exceptions import UnexpectedInput, VisitError

from proofloom.errors import EnglishSyntaxError, LogicError
from proofloom.logic.terms import (
    Atom,
    Constant,
    Content,
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

_PARSER = Lark.open_from_package("proofloom.logic", "english.lark", parser="lalr", propagate_positions=True)

RULE_VARIABLE = Variable("X")
PROOFWRITER_PEOPLE = frozenset({"anne", "bob", "charlie", "dave", "erin", "fiona", "gary", "harry"})


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Which constants are proper names ("Bob") rather than common nouns ("the cat")."""

    proper_nouns: frozenset[str] = field(default=PROOFWRITER_PEOPLE)

    def with_proper_nouns(self, names: frozenset[str] | set[str]) -> Lexicon:
        return Lexicon(self.proper_nouns | frozenset(names))

    def noun_phrase(self, constant: Constant) -> str:
        if constant.name in self.proper_nouns:
            return constant.name[:1].upper() + constant.name[1:]
        return "the " + constant.name.replace("_", " ")


# --- verb forms -------------------------------------------------------------------------------

_SIBILANT_ENDINGS = ("ches", "shes", "sses", "xes", "zes", "oes")


def base_form(verb: str) -> str:
    """`chases` -> `chase`, `watches` -> `watch`, `carries` -> `carry`."""
    if verb.endswith(_SIBILANT_ENDINGS):
        return verb[:-2]
    if verb.endswith("ies") and len(verb) > 3:
        return verb[:-3] + "y"
    return verb[:-1] if verb.endswith("s") else verb


def third_person(verb: str) -> str:
    """`chase` -> `chases`, `watch` -> `watches`, `carry` -> `carries`."""
    if verb.endswith(("ch", "sh", "ss", "x", "z", "o")):
        return verb + "es"
    if verb.endswith("y") and len(verb) > 1 and verb[-2] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + "s"


# --- reading ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Clause:
    subject: Term
    literal: Literal
    person: bool | None  # True for someone/they/them, False for something/it, None if no variable word


@dataclass(frozen=True, slots=True)
class _Predicate:
    name: str
    objects: tuple[object, ...]  # Constants, or pronoun tokens standing for the rule variable
    positive: bool


@dataclass(frozen=True, slots=True)
class _Elided:
    adjective: str
    positive: bool


def _pronoun_person(token: Token) -> bool | None:
    return {"someone": True, "they": True, "them": True, "something": False, "it": False}.get(str(token))


class _ToLogic(Transformer[Token, object]):
    """Parse tree -> Literal or Rule (with its RuleStyle)."""

    def word(self, children: list[Token]) -> str:
        return str(children[0])

    def proper_noun(self, children: list[Token]) -> Constant:
        return Constant(str(children[0]).lower())

    def common_noun(self, children: list[object]) -> Constant:
        words = children[1]
        assert isinstance(words, list)
        return Constant("_".join(words))

    def words(self, children: list[str]) -> list[str]:
        return [str(c) for c in children]

    def _term(self, value: object) -> tuple[Term, bool | None]:
        if isinstance(value, Constant):
            return value, None
        assert isinstance(value, Token)
        return RULE_VARIABLE, _pronoun_person(value)

    def singular_subject(self, children: list[object]) -> object:
        return children[0]

    def relation_ending_noun(self, children: list[object]) -> _Predicate:
        # The verb is the subject's last word ("the bald eagle needs ..."): `clause` moves it over.
        return _Predicate("", (children[0],), True)

    def attribute(self, children: list[object]) -> _Predicate:
        return _Predicate(str(children[-1]), (), not any(str(c) == "not" for c in children[:-1]))

    def relation(self, children: list[object]) -> _Predicate:
        return _Predicate(str(children[0]), (children[1],), True)

    def relation_base(self, children: list[object]) -> _Predicate:
        return _Predicate(third_person(str(children[0])), (children[1],), True)

    def negated_relation_base(self, children: list[object]) -> _Predicate:
        return _Predicate(third_person(str(children[2])), (children[3],), False)

    def clause(self, children: list[object]) -> _Clause:
        if len(children) == 3:  # THE words predicate
            words, predicate = children[1], children[2]
            assert isinstance(words, list) and isinstance(predicate, _Predicate)
            if not predicate.name:
                if len(words) < 2:
                    raise ValueError("a relation needs a verb between its subject and object")
                words, predicate = words[:-1], _Predicate(words[-1], predicate.objects, True)
            children = [Constant("_".join(words)), predicate]
        subject, person = self._term(children[0])
        predicate = children[1]
        assert isinstance(predicate, _Predicate)
        args: list[Term] = [subject]
        for obj in predicate.objects:
            term, object_person = self._term(obj)
            args.append(term)
            person = person if person is not None else object_person
        return _Clause(subject, Literal(Atom(predicate.name, tuple(args)), predicate.positive), person)

    def fact(self, children: list[_Clause]) -> Literal:
        return children[0].literal

    def elided(self, children: list[object]) -> _Elided:
        return _Elided(str(children[-1]), positive=len(children) == 1)

    def class_rule(self, children: list[object]) -> Rule:
        form = RuleForm.ALL if isinstance(children[0], Token) and children[0].type == "ALL" else RuleForm.BARE
        parts = children[1:] if form is RuleForm.ALL else children
        adjectives, kind = parts[0], str(parts[1])
        assert isinstance(adjectives, list)
        positive = not any(isinstance(p, Token) and p.type == "NOT" for p in parts)
        conditions = tuple(Literal(Atom(a, (RULE_VARIABLE,))) for a in adjectives)
        head = Literal(Atom(str(parts[-1]), (RULE_VARIABLE,)), positive)
        return Rule(conditions, head, RuleStyle(form, person=kind == "people"))

    def adjectives(self, children: list[str]) -> list[str]:
        return [str(a) for a in children]

    def first_adjective(self, children: list[Token]) -> str:
        return str(children[0]).lower()

    def if_rule(self, children: list[object]) -> Rule:
        parts = [c for c in children if not isinstance(c, Token)]
        clauses: list[_Clause] = []
        for part in parts:
            if isinstance(part, _Elided):
                previous = clauses[-1]
                literal = Literal(Atom(part.adjective, (previous.subject,)), part.positive)
                clauses.append(_Clause(previous.subject, literal, None))
            else:
                assert isinstance(part, _Clause)
                clauses.append(part)
        person = next((c.person for c in clauses if c.person is not None), False)
        conditions = tuple(c.literal for c in clauses[:-1])
        return Rule(conditions, clauses[-1].literal, RuleStyle(RuleForm.IF, person))


@lru_cache(maxsize=65536)
def _read_cached(sentence: str) -> Content:
    tree = _PARSER.parse(sentence)
    content = _ToLogic().transform(tree)
    assert isinstance(content, Literal | Rule)
    return content


def read_sentence(sentence: str, index: int = 1) -> Content:
    """One English sentence -> a ground fact or a rule; an unreadable one names itself and its index."""
    text = sentence.strip()
    try:
        return _read_cached(text)
    except UnexpectedInput as error:
        raise EnglishSyntaxError(text, index, error.column, "no sentence form matches") from None
    except VisitError as error:
        raise EnglishSyntaxError(text, index, None, str(error.orig_exc)) from None


def read_statement(sentence: str, index: int = 1) -> Literal:
    """A question's statement ("Charlie is kind.") -> a ground literal."""
    text = sentence.strip()
    content = read_sentence(text if text.endswith(".") else text + ".", index)
    if not isinstance(content, Literal):
        raise EnglishSyntaxError(text, index, None, "a statement must be a fact, not a rule")
    return content


_SENTENCE_END = re.compile(r"(?<=\.)\s+")


def split_sentences(text: str) -> list[str]:
    """Sentences of a context: each ends with a full stop followed by space or the end."""
    return [s for s in _SENTENCE_END.split(text.strip()) if s]


def read_theory(text: str) -> Theory:
    """A ProofWriter context -> a Theory with ProofWriter's default ids (`triple<k>`, `rule<k>`)."""
    contents = tuple(read_sentence(s, i) for i, s in enumerate(split_sentences(text), start=1))
    return Theory(tuple(Sentence(i, c) for i, c in zip(default_ids(contents), contents, strict=True)))


# --- rendering --------------------------------------------------------------------------------


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


def _clause(literal: Literal, mentioned: set[Term], person: bool, lexicon: Lexicon) -> str:
    atom = literal.atom
    words, plural = _subject_words(atom.args[0], mentioned, person, lexicon)
    if len(atom.args) == 1:
        verb = "are" if plural else "is"
        return f"{words} {verb}{'' if literal.positive else ' not'} {atom.predicate}"
    obj = _object_words(atom.args[1], mentioned, person, lexicon)
    if not literal.positive:
        return f"{words} {'do' if plural else 'does'} not {base_form(atom.predicate)} {obj}"
    return f"{words} {base_form(atom.predicate) if plural else atom.predicate} {obj}"


def _is_attribute_of_variable(literal: Literal) -> bool:
    args = literal.atom.args
    return len(args) == 1 and isinstance(args[0], Variable)


def _class_form_fits(rule: Rule) -> bool:
    return all(_is_attribute_of_variable(c) and c.positive for c in rule.conditions) and (
        _is_attribute_of_variable(rule.head)
    )


def _render_class_rule(rule: Rule, style: RuleStyle) -> str:
    adjectives = ", ".join(c.atom.predicate for c in rule.conditions)
    kind = "people" if style.person else "things"
    negation = "" if rule.head.positive else "not "
    body = f"{adjectives} {kind} are {negation}{rule.head.atom.predicate}."
    return f"All {body}" if style.form is RuleForm.ALL else _capitalize(body)


def _render_if_rule(rule: Rule, person: bool, lexicon: Lexicon) -> str:
    mentioned: set[Term] = set()
    parts: list[str] = []
    previous: Literal | None = None
    for condition in rule.conditions:
        if previous is not None and _is_attribute_of_variable(previous) and _is_attribute_of_variable(condition):
            # "is quiet and not cold": the subject carries over from the previous condition.
            parts.append(f"{'' if condition.positive else 'not '}{condition.atom.predicate}")
        else:
            parts.append(_clause(condition, mentioned, person, lexicon))
        previous = condition
    head = _clause(rule.head, mentioned, person, lexicon)
    return f"If {' and '.join(parts)} then {head}."


def render_sentence(content: Content, lexicon: Lexicon | None = None) -> str:
    """One fact or rule as English, rules in the style they carry (an if-rule about things by default)."""
    lexicon = lexicon or Lexicon()
    if isinstance(content, Literal):
        return _capitalize(_clause(content, set(), False, lexicon)) + "."
    if len(content.variables()) > 1:
        raise LogicError(f"English templates express rules over one variable, not {content}")
    style = content.style or RuleStyle()
    if style.form is not RuleForm.IF and _class_form_fits(content):
        return _render_class_rule(content, style)
    return _render_if_rule(content, style.person, lexicon)


def render_english(theory: Theory, lexicon: Lexicon | None = None) -> str:
    """A theory as a ProofWriter context: its sentences in order, separated by single spaces."""
    return " ".join(render_sentence(s.content, lexicon) for s in theory.sentences)
