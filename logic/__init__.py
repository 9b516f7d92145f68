"""proofloom's formal language: terms, theories, the DSL, ProofWriter English and the Z3 encoding."""

from __future__ import annotations

from proofloom.logic.english import Lexicon, read_sentence, read_statement, read_theory, render_english
from proofloom.logic.semantics import Label, Semantics
from proofloom.logic.syntax import parse_literal, parse_theory, render_dsl
from proofloom.logic.terms import (
    Atom,
    Constant,
    Literal,
    Question,
    Rule,
    RuleForm,
    RuleStyle,
    Sentence,
    Term,
    Theory,
    Variable,
)

__all__ = [
    "Atom",
    "Constant",
    "Label",
    "Lexicon",
    "Literal",
    "Question",
    "Rule",
    "RuleForm",
    "RuleStyle",
    "Semantics",
    "Sentence",
    "Term",
    "Theory",
    "Variable",
    "parse_literal",
    "parse_theory",
    "read_sentence",
    "read_statement",
    "read_theory",
    "render_dsl",
    "render_english",
]
