"""proofloom's formal language: terms, theories, the DSL, ProofWriter English and the Z3 encoding."""

from __future__ import annotations

from typing import TYPE_CHECKING

from proofloom.lazy import lazy_names

if TYPE_CHECKING:  # the same names for type checkers; at run time each loads on first use
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

_HOMES = {
    "Lexicon": "proofloom.logic.english",
    "read_sentence": "proofloom.logic.english",
    "read_statement": "proofloom.logic.english",
    "read_theory": "proofloom.logic.english",
    "render_english": "proofloom.logic.english",
    "Label": "proofloom.logic.semantics",
    "Semantics": "proofloom.logic.semantics",
    "parse_literal": "proofloom.logic.syntax",
    "parse_theory": "proofloom.logic.syntax",
    "render_dsl": "proofloom.logic.syntax",
    "Atom": "proofloom.logic.terms",
    "Constant": "proofloom.logic.terms",
    "Literal": "proofloom.logic.terms",
    "Question": "proofloom.logic.terms",
    "Rule": "proofloom.logic.terms",
    "RuleForm": "proofloom.logic.terms",
    "RuleStyle": "proofloom.logic.terms",
    "Sentence": "proofloom.logic.terms",
    "Term": "proofloom.logic.terms",
    "Theory": "proofloom.logic.terms",
    "Variable": "proofloom.logic.terms",
}

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

__getattr__, __dir__ = lazy_names(__name__, _HOMES)
