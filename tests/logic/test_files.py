"""Theory text given inline: one rule tells the DSL from English, for theories and statements alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from proofloom.errors import EnglishSyntaxError, TheorySyntaxError
from proofloom.logic.english import read_statement, read_theory
from proofloom.logic.files import TheoryFormat, statement_from_text, theory_from_text
from proofloom.logic.syntax import parse_literal, parse_theory


def test_the_dsl_and_english_are_told_apart_by_parentheses() -> None:
    dsl, english = "big(bob). big(X) -> red(X).", "Bob is big. If something is big then it is red."
    assert theory_from_text(dsl) == parse_theory(dsl) and theory_from_text(english) == read_theory(english)
    assert statement_from_text("~red(bob)") == parse_literal("~red(bob)")
    assert statement_from_text("Bob is not red.") == read_statement("Bob is not red.")
    assert TheoryFormat.of_text(dsl) is TheoryFormat.DSL is TheoryFormat.detect(Path("t"), dsl)
    assert TheoryFormat.of_text(english) is TheoryFormat.ENGLISH is TheoryFormat.detect(Path("t"), english)


def test_inline_text_raises_the_parsers_own_errors() -> None:
    with pytest.raises(TheorySyntaxError):
        theory_from_text("big(bob")
    with pytest.raises(EnglishSyntaxError):
        statement_from_text("If Bob is big then Bob is red.")
