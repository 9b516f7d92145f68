"""Immutable values of the logic: terms, atoms, literals, rules, theories and questions.

A theory is an ordered tuple of sentences, each a ground fact (a literal) or a rule (a conjunction
of literals implying one literal, its variables universally quantified), each with a stable id.
Equality is logical: the English surface a rule was read from travels along but never compares.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from proofloom.errors import LogicError
from proofloom.logic.semantics import Label


def _hash_by_name(term: Constant | Variable) -> int:
    """A term's hash is its name's own (cached) one: terms key every index of the reasoners."""
    return hash(term.name)


def _same_name(term: Constant | Variable, other: object) -> bool:
    """Equal terms are of one kind with one name (a constant never equals a variable)."""
    if term is other:
        return True
    if other.__class__ is not term.__class__:
        return NotImplemented  # type: ignore[no-any-return]
    assert isinstance(other, (Constant, Variable))
    return term.name == other.name


@dataclass(frozen=True, slots=True, order=True)
class Constant:
    """A named individual: `bob`, `cat`, `bald_eagle`."""

    name: str

    __hash__ = _hash_by_name
    __eq__ = _same_name

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True, slots=True, order=True)
class Variable:
    """A universally quantified variable of a rule: `X`."""

    name: str

    __hash__ = _hash_by_name
    __eq__ = _same_name

    def __str__(self) -> str:
        return self.name


Term = Constant | Variable
_set = object.__setattr__  # frozen values set their fields once, in __init__
Setter = Callable[[Any, Any], None]


def slot_setters(cls: type, *names: str) -> tuple[Setter, ...]:
    """Each named slot's own setter (its member descriptor's `__set__`), for the values made by the hundred
    thousand whose frozen fields are set once, by hand, in `__init__`: a slot's setter costs about half of
    `object.__setattr__`, which looks the name up along the class's MRO on every call."""
    return tuple(cls.__dict__[name].__set__ for name in names)


Substitution = Mapping[Variable, Term]


@dataclass(frozen=True, slots=True, order=True, init=False)
class Atom:
    """A predicate applied to terms: an attribute `big(bob)` or a relation `chases(cat, dog)`."""

    predicate: str
    args: tuple[Term, ...]
    _hash: int = field(init=False, repr=False, compare=False)
    _text: str | None = field(init=False, repr=False, compare=False)  # str(), made on first use

    def __init__(self, predicate: str, args: tuple[Term, ...]) -> None:  # by hand: atoms are made by the million
        _atom_predicate(self, predicate)
        _atom_args(self, args)
        # over the names, not the terms: a tuple of strings hashes in C, while each term's hash is a Python
        # call (equal atoms have equal names, so equal hashes)
        count = len(args)
        if count == 1:
            _atom_hash(self, hash((predicate, args[0].name)))
        elif count == 2:
            _atom_hash(self, hash((predicate, args[0].name, args[1].name)))
        else:
            _atom_hash(self, hash((predicate, *[arg.name for arg in args])))
        _atom_text(self, None)

    def __hash__(self) -> int:  # cached: atoms are hashed constantly by the reasoners
        return self._hash

    def __reduce__(self) -> tuple[type[Atom], tuple[str, tuple[Term, ...]]]:  # unpickled: hashed afresh
        return (Atom, (self.predicate, self.args))

    def __eq__(self, other: object) -> bool:  # dict lookups compare on every hash hit: cheapest test first
        if self is other:
            return True
        if other.__class__ is not Atom:
            return NotImplemented
        assert isinstance(other, Atom)
        return self._hash == other._hash and self.predicate == other.predicate and self.args == other.args

    @property
    def arity(self) -> int:
        return len(self.args)

    @property
    def is_ground(self) -> bool:
        return all(isinstance(arg, Constant) for arg in self.args)

    def variables(self) -> Iterator[Variable]:
        return (arg for arg in self.args if isinstance(arg, Variable))

    def constants(self) -> Iterator[Constant]:
        return (arg for arg in self.args if isinstance(arg, Constant))

    def substitute(self, substitution: Substitution) -> Atom:
        args = [substitution.get(a, a) if isinstance(a, Variable) else a for a in self.args]
        return Atom(self.predicate, tuple(args))

    def __str__(self) -> str:  # cached: the words of a vocabulary are shared atoms, written again and again
        if self._text is None:
            _atom_text(self, f"{self.predicate}({', '.join([arg.name for arg in self.args])})")
        assert self._text is not None
        return self._text


@dataclass(frozen=True, slots=True, order=True, init=False)
class Literal:
    """An atom or its negation."""

    atom: Atom
    positive: bool
    _hash: int = field(init=False, repr=False, compare=False)

    def __init__(self, atom: Atom, positive: bool = True) -> None:  # by hand, as for Atom
        _literal_atom(self, atom)
        _literal_positive(self, positive)
        _literal_hash(self, hash((atom._hash, positive)))

    def __hash__(self) -> int:  # cached, as for Atom
        return self._hash

    def __reduce__(self) -> tuple[type[Literal], tuple[Atom, bool]]:  # another process hashes strings otherwise
        return (Literal, (self.atom, self.positive))

    def __eq__(self, other: object) -> bool:
        if self is other:
            return True
        if other.__class__ is not Literal:
            return NotImplemented
        assert isinstance(other, Literal)
        return self._hash == other._hash and self.positive == other.positive and self.atom == other.atom

    def negated(self) -> Literal:
        """The complementary literal: `big(bob)` and `~big(bob)`."""
        return Literal(self.atom, not self.positive)

    @property
    def is_ground(self) -> bool:
        return self.atom.is_ground

    def substitute(self, substitution: Substitution) -> Literal:
        return Literal(self.atom.substitute(substitution), self.positive)

    def __str__(self) -> str:
        text = self.atom._text or str(self.atom)  # the atom's cached text, read without a call when made
        return text if self.positive else "~" + text


_atom_predicate, _atom_args, _atom_hash, _atom_text = slot_setters(Atom, "predicate", "args", "_hash", "_text")
_literal_atom, _literal_positive, _literal_hash = slot_setters(Literal, "atom", "positive", "_hash")


class RuleForm(enum.Enum):
    """The English template a rule was written in."""

    IF = "if"  # "If something is quiet and cold then it is smart."
    ALL = "all"  # "All quiet things are rough."
    BARE = "bare"  # "Red, cold things are round."
    EVERY = "every"  # "Every wumpus is a tumpus."
    EACH = "each"  # "Each wumpus is not shy."
    GENERIC = "generic"  # "Wumpuses are not shy."  "All wumpuses are impuses."
    EVERYTHING = "everything"  # "Everything that is a wumpus and a dumpus is a vumpus."


@dataclass(frozen=True, slots=True)
class RuleStyle:
    """How a rule reads in English: its template, and `people`/`someone` rather than `things`/`something`."""

    form: RuleForm = RuleForm.IF
    person: bool = False


@dataclass(frozen=True, slots=True, init=False)
class Rule:
    """`conditions -> head`, every variable universally quantified; safe (head variables occur in conditions)."""

    conditions: tuple[Literal, ...]
    head: Literal
    style: RuleStyle | None = field(default=None, compare=False)
    _variables: tuple[Variable, ...] = field(init=False, repr=False, compare=False)
    _hash: int = field(init=False, repr=False, compare=False)

    def __init__(self, conditions: tuple[Literal, ...], head: Literal, style: RuleStyle | None = None) -> None:
        # by hand, as for Atom: construction makes rules by the ten thousand, and keys draft dicts with them
        if not conditions:
            raise LogicError(f"rule with head {head} has no conditions; write it as a fact")
        seen: dict[str, Variable] = {}  # by name: strings hash in C
        for condition in conditions:
            for arg in condition.atom.args:
                if arg.__class__ is Variable:
                    seen.setdefault(arg.name, arg)
        free = [v.name for v in head.atom.variables() if v.name not in seen]
        if free:
            raise LogicError(f"rule head {head} uses variable(s) {', '.join(free)} absent from its conditions")
        _rule_conditions(self, conditions)
        _rule_head(self, head)
        _rule_style(self, style)
        _rule_variables(self, tuple(seen.values()))  # safe: the head adds none
        _rule_hash(self, hash((conditions, head)))  # what the dataclass's hash would give, made once

    def __hash__(self) -> int:  # cached, as for Atom
        return self._hash

    def __reduce__(self) -> tuple[type[Rule], tuple[tuple[Literal, ...], Literal, RuleStyle | None]]:
        return (Rule, (self.conditions, self.head, self.style))  # unpickled: hashed afresh, as for Atom

    def variables(self) -> tuple[Variable, ...]:
        """The rule's variables in order of first appearance."""
        return self._variables

    @property
    def is_ground(self) -> bool:
        return not self.variables()

    def substitute(self, substitution: Substitution) -> Rule:
        conditions = tuple(c.substitute(substitution) for c in self.conditions)
        return Rule(conditions, self.head.substitute(substitution), self.style)

    def __str__(self) -> str:
        return f"{', '.join(map(str, self.conditions))} -> {self.head}"


_rule_conditions, _rule_head, _rule_style, _rule_variables, _rule_hash = slot_setters(
    Rule, "conditions", "head", "style", "_variables", "_hash"
)


@dataclass(frozen=True, slots=True)
class DisjunctiveRule:
    """`conditions -> head1 | head2 | ...` (`Each impus is a wumpus or a vumpus.`): not Horn, so no chaining
    can use it; classical semantics (Z3) reasons with it, owa and cwa refuse a theory that has one."""

    conditions: tuple[Literal, ...]
    heads: tuple[Literal, ...]
    style: RuleStyle | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if len(self.heads) < 2:
            raise LogicError(f"a disjunctive rule needs two heads or more, not {len(self.heads)}")
        Rule(self.conditions, self.heads[0])  # the same safety checks, head by head
        for head in self.heads[1:]:
            Rule(self.conditions, head)

    def variables(self) -> tuple[Variable, ...]:
        """The rule's variables in order of first appearance (the heads add none)."""
        return Rule(self.conditions, self.heads[0]).variables()

    def substitute(self, substitution: Substitution) -> DisjunctiveRule:
        conditions = tuple(c.substitute(substitution) for c in self.conditions)
        return DisjunctiveRule(conditions, tuple(h.substitute(substitution) for h in self.heads), self.style)

    def __str__(self) -> str:
        return f"{', '.join(map(str, self.conditions))} -> {' | '.join(map(str, self.heads))}"


Content = Literal | Rule | DisjunctiveRule
HornContent = Literal | Rule


@dataclass(frozen=True, slots=True, init=False)
class Sentence:
    """One sentence of a theory: a ground fact or a rule, under a stable id."""

    id: str
    content: Content

    def __init__(self, id: str, content: Content) -> None:  # by hand, as for Atom: a theory has dozens
        _sentence_id(self, id)
        _sentence_content(self, content)


_sentence_id, _sentence_content = slot_setters(Sentence, "id", "content")


def default_ids(contents: tuple[Content, ...]) -> tuple[str, ...]:
    """ProofWriter's ids: `triple{k}` for the k-th fact, `rule{k}` for the k-th rule (disjunctive or not)."""
    facts = rules = 0
    ids: list[str] = []
    for content in contents:
        if isinstance(content, Literal):
            facts += 1
            ids.append(f"triple{facts}")
        else:
            rules += 1
            ids.append(f"rule{rules}")
    return tuple(ids)


@dataclass(frozen=True, slots=True)
class Theory:
    """Facts and rules in the order given; ids unique, facts ground, each predicate of one arity."""

    sentences: tuple[Sentence, ...]
    _positions: dict[str, int] = field(init=False, repr=False, compare=False, hash=False)
    _constants: tuple[Constant, ...] = field(init=False, repr=False, compare=False, hash=False)
    _facts: tuple[Sentence, ...] = field(init=False, repr=False, compare=False, hash=False)
    _rules: tuple[Sentence, ...] = field(init=False, repr=False, compare=False, hash=False)
    _disjunctions: tuple[Sentence, ...] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        positions: dict[str, int] = {}
        arities: dict[str, int] = {}
        constants: dict[str, Constant] = {}  # by name (strings hash in C), in order of first appearance
        facts: list[Sentence] = []
        rules: list[Sentence] = []
        disjunctions: list[Sentence] = []
        for position, sentence in enumerate(self.sentences, start=1):  # one pass: theories are made by the thousand
            if positions.setdefault(sentence.id, position) != position:
                raise LogicError(f"duplicate sentence id {sentence.id!r}")
            content = sentence.content
            kind = content.__class__
            fact = kind is Literal
            if fact:
                facts.append(sentence)
                literals: tuple[Literal, ...] = (content,)  # type: ignore[assignment]
            elif kind is Rule:
                rules.append(sentence)
                literals = (*content.conditions, content.head)  # type: ignore[union-attr]
            else:
                disjunctions.append(sentence)
                literals = (*content.conditions, *content.heads)  # type: ignore[union-attr]
            for literal in literals:
                atom = literal.atom
                if arities.setdefault(atom.predicate, len(atom.args)) != len(atom.args):
                    raise LogicError(
                        f"predicate {atom.predicate!r} used with {arities[atom.predicate]} and {atom.arity} arguments"
                    )
                for arg in atom.args:
                    if arg.__class__ is Constant:
                        constants.setdefault(arg.name, arg)
                    elif fact:
                        raise LogicError(f"fact {sentence.id} ({content}) is not ground")
        object.__setattr__(self, "_positions", positions)  # ids are looked up constantly: by index, not scan
        object.__setattr__(self, "_constants", tuple(constants.values()))  # asked for by every reasoner
        object.__setattr__(self, "_facts", tuple(facts))
        object.__setattr__(self, "_rules", tuple(rules))
        object.__setattr__(self, "_disjunctions", tuple(disjunctions))

    @classmethod
    def of(cls, *contents: Content) -> Theory:
        """A theory of these facts and rules under ProofWriter's default ids."""
        return cls(tuple(Sentence(i, c) for i, c in zip(default_ids(contents), contents, strict=True)))

    @property
    def facts(self) -> tuple[Sentence, ...]:
        """The fact sentences, in theory order."""
        return self._facts

    @property
    def rules(self) -> tuple[Sentence, ...]:
        """The Horn rule sentences, in theory order."""
        return self._rules

    @property
    def disjunctions(self) -> tuple[Sentence, ...]:
        """The rules with a disjunctive head (not Horn: only classical semantics reasons with them)."""
        return self._disjunctions

    def refuse_disjunctions(self, semantics: str) -> None:
        """A LogicError naming the first disjunctive rule: `semantics`' chaining cannot use one."""
        if self._disjunctions:
            first = self._disjunctions[0]
            raise LogicError(
                f"{first.id} ({first.content}) has a disjunctive head, which is not Horn: {semantics} chaining "
                "cannot use it; ask under classical semantics (Z3 reasons by cases)"
            )

    def fact_ids(self) -> dict[Literal, str]:
        """Each stated fact and the id of its first statement."""
        found: dict[Literal, str] = {}
        for sentence in self.sentences:
            if isinstance(sentence.content, Literal):
                found.setdefault(sentence.content, sentence.id)
        return found

    def __getitem__(self, sentence_id: str) -> Sentence:
        return self.sentences[self._positions[sentence_id] - 1]

    def __contains__(self, sentence_id: object) -> bool:
        return sentence_id in self._positions

    def __len__(self) -> int:
        return len(self.sentences)

    def index_of(self, sentence_id: str) -> int:
        """The 1-based position of a sentence: EntailmentBank's `sentN`."""
        return self._positions[sentence_id]

    def literals(self) -> Iterator[Literal]:
        """Every literal written in the theory: facts, rule conditions and heads."""
        for sentence in self.sentences:
            content = sentence.content
            if isinstance(content, Rule):
                yield from content.conditions
                yield content.head
            elif isinstance(content, DisjunctiveRule):
                yield from content.conditions
                yield from content.heads
            else:
                yield content

    def constants(self) -> tuple[Constant, ...]:
        """Every constant mentioned, in order of first appearance."""
        return self._constants

    def check_limits(self) -> None:
        """Sentences, entities, conditions and groundings within `proofloom.limits` (LimitError otherwise)."""
        from proofloom.limits import LIMITS, check

        check("the theory", len(self.sentences), "sentences")
        constants = len(self.constants())
        check("the theory's entities", constants, "entities")
        groundings, base, most = 0, max(constants, 1), LIMITS.conditions
        for sentence in self._rules:  # every re-check of every generated attempt asks: Horn rules' variables are cached
            rule = sentence.content
            assert isinstance(rule, Rule)
            if len(rule.conditions) > most:  # the message is only made when needed
                check(f"rule {sentence.id}'s conditions", len(rule.conditions), "conditions")
            groundings += base ** len(rule._variables)
        for sentence in self._disjunctions:
            disjunction = sentence.content
            assert isinstance(disjunction, DisjunctiveRule)
            if len(disjunction.conditions) > most:
                check(f"rule {sentence.id}'s conditions", len(disjunction.conditions), "conditions")
            groundings += base ** len(disjunction.variables())
        check("the theory's ground rule instances", groundings, "groundings")

    def predicates(self) -> dict[str, int]:
        """Each predicate's arity, in order of first appearance."""
        return {literal.atom.predicate: literal.atom.arity for literal in self.literals()}


@dataclass(frozen=True, slots=True)
class Question:
    """A ground statement to label against a theory, with its gold label when known."""

    id: str
    statement: Literal
    gold: Label | None = None

    def __post_init__(self) -> None:
        if not self.statement.is_ground:
            raise LogicError(f"question {self.id}: statement {self.statement} is not ground")
