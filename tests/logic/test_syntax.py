"""The DSL: canonical text round-trips exactly, and every error names its line and column."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from proofloom.errors import TheorySyntaxError
from proofloom.logic.syntax import parse_literal, parse_theory, render_dsl
from proofloom.logic.terms import Atom, Constant, Literal, Rule, Theory, Variable
from tests.logic.strategies import dsl_theories


@settings(max_examples=300, deadline=None)
@given(dsl_theories())
def test_render_then_parse_is_identity(theory: Theory) -> None:
    assert parse_theory(render_dsl(theory)) == theory


@settings(max_examples=100, deadline=None)
@given(dsl_theories())
def test_canonical_text_is_a_fixed_point(theory: Theory) -> None:
    text = render_dsl(theory)
    assert render_dsl(parse_theory(text)) == text


def test_reads_the_documented_example() -> None:
    theory = parse_theory("big(bob).  ~kind(charlie).  r1: quiet(X), cold(X) -> smart(X).  chases(cat, dog).")
    x = Variable("X")
    assert [s.id for s in theory.sentences] == ["triple1", "triple2", "r1", "triple3"]
    assert theory["triple2"].content == Literal(Atom("kind", (Constant("charlie"),)), positive=False)
    assert theory["r1"].content == Rule(
        (Literal(Atom("quiet", (x,))), Literal(Atom("cold", (x,)))), Literal(Atom("smart", (x,)))
    )
    assert theory["triple3"].content == Literal(Atom("chases", (Constant("cat"), Constant("dog"))))


def test_comments_and_blank_lines_are_ignored() -> None:
    assert parse_theory("# facts\n\nbig(bob). % trailing\n") == parse_theory("big(bob).")


def test_literal_statement_with_or_without_full_stop() -> None:
    assert parse_literal("~chases(cat, dog)") == parse_literal("~chases(cat, dog).")


@pytest.mark.parametrize(
    ("text", "line", "column", "fragment"),
    [
        ("big(bob).\nsmall(bob)\nr1: a(X) -> b(X).", 3, 1, "expected"),  # missing full stop
        ("big(bob).\n  big(bob)) .", 2, 11, "unexpected"),  # stray parenthesis
        ("big(bob).\nbig(b@b).", 2, 6, "unexpected character '@'"),
        ("big(bob).\nbig(bob", 2, 8, "end of text"),
        ("a(X) -> b(X).\nr2: a(X) -> c(Y).", 2, 5, "variable(s) Y"),  # unsafe rule
        ("big(bob).\nbig(X).", 2, 1, "must be ground"),
        ("t: big(bob).\nt: small(bob).", 2, 1, "duplicate sentence id 't'"),
        ("big(bob).\nbig(bob, cat).", 2, 1, "used with 1 and 2 arguments"),
        ("Big(bob).", 1, 1, "lower-case"),
    ],
)
def test_errors_name_line_column_and_show_a_caret(text: str, line: int, column: int, fragment: str) -> None:
    with pytest.raises(TheorySyntaxError) as caught:
        parse_theory(text, path="theory.dsl")
    error = caught.value
    assert (error.line, error.column) == (line, column)
    assert fragment in error.message
    assert str(error).startswith(f"theory.dsl:{line}:{column}: ")
    source_line, caret = error.excerpt.splitlines()[-2:]
    assert source_line == text.splitlines()[line - 1]
    assert caret == " " * (column - 1) + "^"


def test_syntax_error_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        parse_theory("big(bob")
