"""The compact theory DSL: parse text to a Theory and render a Theory as canonical text.

Canonical text is one sentence per line, with the id written only where it differs from the
default; `parse_theory(render_dsl(t)) == t` and `render_dsl(parse_theory(s)) == s` for canonical s.
"""

from __future__ import annotations

from dataclasses import dataclass

from lark import Lark, Token, Transformer, v_args
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken, VisitError

from proofloom.errors import LogicError, TheorySyntaxError
from proofloom.logic.terms import (
    Atom,
    Constant,
    Content,
    DisjunctiveRule,
    Literal,
    Rule,
    Sentence,
    Term,
    Theory,
    Variable,
    default_ids,
)

_PARSER = Lark.open_from_package(
    "proofloom.logic", "theory.lark", start=["theory", "statement"], parser="lalr", propagate_positions=True, cache=True
)


@dataclass(frozen=True, slots=True)
class _Placed:
    """A parsed sentence with the place it was written, for errors found after parsing."""

    label: str | None
    content: Content
    line: int
    column: int


def _is_variable(name: str) -> bool:
    return name[0].isupper()


class _ToTerms(Transformer[Token, object]):
    """Parse tree -> logic values; a misused identifier is reported at its token."""

    @v_args(inline=True)
    def atom(self, predicate: Token, *args: Token) -> Atom:
        if _is_variable(predicate):
            raise _PlacedError(f"predicate {predicate!s} must start with a lower-case letter", predicate)
        terms: tuple[Term, ...] = tuple(Variable(a) if _is_variable(a) else Constant(str(a)) for a in args)
        return Atom(str(predicate), terms)

    def literal(self, children: list[object]) -> Literal:
        atom = children[-1]
        assert isinstance(atom, Atom)
        return Literal(atom, positive=len(children) == 1)

    def body(self, children: list[Literal]) -> tuple[Literal, ...]:
        return tuple(children)

    def heads(self, children: list[Literal]) -> tuple[Literal, ...]:
        return tuple(children)

    @v_args(meta=True)
    def rule(self, meta: object, children: list[tuple[Literal, ...]]) -> Rule | DisjunctiveRule:
        conditions, heads = children
        try:
            return Rule(conditions, heads[0]) if len(heads) == 1 else DisjunctiveRule(conditions, heads)
        except LogicError as error:
            raise _PlacedError(str(error), meta) from None

    @v_args(meta=True)
    def sentence(self, meta: object, children: list[object]) -> _Placed:
        label = str(children[0]) if len(children) == 2 else None
        content = children[-1]
        assert isinstance(content, Literal | Rule | DisjunctiveRule)
        return _Placed(label, content, getattr(meta, "line", 1), getattr(meta, "column", 1))

    def theory(self, children: list[_Placed]) -> list[_Placed]:
        return children

    @v_args(inline=True)
    def statement(self, literal: Literal) -> Literal:
        return literal


class _PlacedError(Exception):
    """Raised inside the transformer; carries the token or meta whose place the error names."""

    def __init__(self, message: str, where: object) -> None:
        super().__init__(message)
        self.line = int(getattr(where, "line", 1) or 1)
        self.column = int(getattr(where, "column", 1) or 1)


def _excerpt(text: str, line: int, column: int) -> str:
    source_line = text.splitlines()[line - 1] if 0 < line <= len(text.splitlines()) else ""
    return f"{source_line}\n{' ' * (column - 1)}^"


def _at_end(error: UnexpectedInput) -> bool:
    return isinstance(error, UnexpectedEOF) or (isinstance(error, UnexpectedToken) and error.token.type == "$END")


def _describe(error: UnexpectedInput) -> str:
    if isinstance(error, UnexpectedCharacters):
        return f"unexpected character {error.char!r}"
    if _at_end(error):
        return "unexpected end of text (a sentence must end with '.')"
    if isinstance(error, UnexpectedToken):
        expected = ", ".join(sorted(_readable(t) for t in error.accepts or error.expected))
        return f"unexpected {error.token!s:.20}; expected {expected}"
    return "unexpected input"


_TERMINAL_NAMES = {
    "DOT": "'.'",
    "COMMA": "','",
    "COLON": "':'",
    "LPAR": "'('",
    "RPAR": "')'",
    "__ANON_0": "'->'",
    "IDENT": "identifier",
    "NEGATION": "'~'",
    "$END": "end of text",
}


def _readable(terminal: str) -> str:
    return _TERMINAL_NAMES.get(terminal, terminal)


def _parse(text: str, start: str, path: str | None) -> object:
    try:
        return _ToTerms().transform(_PARSER.parse(text, start=start))
    except UnexpectedInput as error:
        line, column = max(error.line, 1), max(error.column, 1)
        if _at_end(error):
            lines = text.splitlines() or [""]
            line, column = len(lines), len(lines[-1]) + 1
        raise TheorySyntaxError(_describe(error), line, column, _excerpt(text, line, column), path) from None
    except VisitError as error:
        inner = error.orig_exc
        if isinstance(inner, _PlacedError):
            excerpt = _excerpt(text, inner.line, inner.column)
            raise TheorySyntaxError(str(inner), inner.line, inner.column, excerpt, path) from None
        raise


def parse_theory(text: str, path: str | None = None) -> Theory:
    """Read DSL text into a Theory; errors name the line and column with a caret excerpt."""
    placed = _parse(text, "theory", path)
    assert isinstance(placed, list)
    return _assemble(placed, text, path)


def _assemble(placed: list[_Placed], text: str, path: str | None) -> Theory:
    """Give each sentence its id and check the theory, naming the sentence that breaks a rule."""
    ids = default_ids(tuple(item.content for item in placed))
    seen: set[str] = set()
    arity: dict[str, int] = {}
    for item, default in zip(placed, ids, strict=True):
        problem = _first_problem(item, item.label or default, seen, arity)
        if problem:
            excerpt = _excerpt(text, item.line, item.column)
            raise TheorySyntaxError(problem, item.line, item.column, excerpt, path)
    return Theory(tuple(Sentence(item.label or d, item.content) for item, d in zip(placed, ids, strict=True)))


def _first_problem(item: _Placed, sentence_id: str, seen: set[str], arity: dict[str, int]) -> str | None:
    if sentence_id in seen:
        return f"duplicate sentence id {sentence_id!r}"
    seen.add(sentence_id)
    if isinstance(item.content, Literal) and not item.content.is_ground:
        return f"fact {item.content} has variables; facts must be ground"
    content = item.content
    if isinstance(content, Rule):
        literals: tuple[Literal, ...] = (*content.conditions, content.head)
    elif isinstance(content, DisjunctiveRule):
        literals = (*content.conditions, *content.heads)
    else:
        literals = (content,)
    for literal in literals:
        atom = literal.atom
        if arity.setdefault(atom.predicate, atom.arity) != atom.arity:
            return f"predicate {atom.predicate!r} used with {arity[atom.predicate]} and {atom.arity} arguments"
    return None


def parse_literal(text: str) -> Literal:
    """Read one literal, `big(bob)` or `~chases(cat, dog).`."""
    literal = _parse(text, "statement", None)
    assert isinstance(literal, Literal)
    return literal


def render_dsl(theory: Theory) -> str:
    """Canonical DSL text: one sentence a line, ids only where they differ from the default."""
    defaults = default_ids(tuple(sentence.content for sentence in theory.sentences))
    lines = (
        f"{'' if s.id == default else s.id + ': '}{s.content}.\n"
        for s, default in zip(theory.sentences, defaults, strict=True)
    )
    return "".join(lines)
