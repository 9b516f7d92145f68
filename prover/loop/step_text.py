"""Steps as text, both ways: the language every step model writes and the refinement loop reads.

A literal is written compactly, `subject [not] predicate [object]` (`bob big`, `cat chases dog`), and a step
is the ids it names, the facts it quotes joined by `&`, then `->` and its conclusion:
`rule1 bob big & bob kind -> bob red`. `parse_step` also reads steps that name ids and English conclusions
(`triple1 rule1 -> Bob is red.`), the form LLMs are asked for.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from proofloom.errors import EnglishSyntaxError
from proofloom.logic.english import read_statement
from proofloom.logic.terms import Atom, Constant, Literal, Term, Variable

_NAME = re.compile(r"[a-z][a-z0-9_]*\Z")
_ID = re.compile(r"(?:rule|triple|sent|int|d)\d+\Z")
NEGATION = "not"
AND = "&"


def compact_literal(literal: Literal) -> str:
    """`bob big`, `bob not big`, `cat chases dog`: subject, polarity, predicate, object."""
    subject, *rest = (str(term) for term in literal.atom.args)
    polarity = [] if literal.positive else [NEGATION]
    return " ".join([subject, *polarity, literal.atom.predicate, *rest])


def conjunction(literals: Iterable[Literal]) -> str:
    """Literals in the compact form, joined by `&`."""
    return f" {AND} ".join(compact_literal(literal) for literal in literals)


def step_text(ids: Sequence[str], quoted: Sequence[Literal], conclusion: Literal) -> str:
    """A step as the model writes it: the ids it names (the rule), the facts it quotes, the conclusion."""
    return " ".join([*ids, *([conjunction(quoted)] if quoted else []), "->", compact_literal(conclusion)])


@dataclass(frozen=True, slots=True)
class ParsedStep:
    """A proposal read back: the ids it names, the facts it quotes, and the conclusion it claims."""

    premises: tuple[str, ...]
    conclusion: Literal
    quoted: tuple[Literal, ...] = ()


def read_compact(text: str) -> Literal | None:
    """A ground literal in the compact form, or None when the words do not form one."""
    words = text.split()
    positive = not (len(words) > 1 and words[1] == NEGATION)
    if not positive:
        del words[1]
    if len(words) not in (2, 3) or not all(_NAME.match(w) for w in words) or NEGATION in words:
        return None
    subject, predicate, *rest = words
    args: tuple[Term, ...] = tuple(Constant(w) for w in (subject, *rest))
    return Literal(Atom(predicate, args), positive)


def parse_step(text: str) -> ParsedStep | None:
    """A proposal's premise ids, quoted facts and conclusion (compact or English), or None when it is not a
    step at all. Ids come first (`rule1 triple1`); whatever follows them is facts joined by `&`."""
    if "->" not in text:
        return None
    left, right = text.split("->", 1)
    words = left.split()
    named = 0
    while named < len(words) and _ID.match(words[named]):
        named += 1
    premises = tuple(words[:named])
    quoted: list[Literal] = []
    if named < len(words):
        for part in " ".join(words[named:]).split(AND):
            literal = read_compact(part)
            if literal is None:
                return None
            quoted.append(literal)
    conclusion = read_compact(right)
    if conclusion is None:
        sentence = " ".join(right.replace(" .", ".").split())
        try:
            conclusion = read_statement(sentence[:1].upper() + sentence[1:])
        except EnglishSyntaxError:
            return None
    if any(isinstance(term, Variable) for term in conclusion.atom.args):
        return None
    return ParsedStep(premises, conclusion, tuple(quoted)) if premises or quoted else None
