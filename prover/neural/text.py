"""Proof states as model input text, and proposed steps as text both ways.

Input:  `goal Bob is red . facts triple1 Bob is big . rules rule1 If something is big then it is red .
         derived d1 Bob is cold . rejected triple2 rule1 -> Bob is red . not_entailed`
Output: `triple1 rule1 -> Bob is red .`
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from proofloom.errors import EnglishSyntaxError
from proofloom.logic.english import Lexicon, read_statement, render_sentence
from proofloom.logic.terms import Literal
from proofloom.prover.step_model import ProofState

_SPACED = re.compile(r"([.,;:])")


def spaced(text: str) -> str:
    """Punctuation as its own word, so a word-level tokenizer sees a closed vocabulary."""
    return " ".join(_SPACED.sub(r" \1 ", text).split())


def state_text(state: ProofState, lexicon: Lexicon | None = None) -> str:
    """The model's input for one round."""
    parts = [f"goal {render_sentence(state.statement, lexicon)}", "facts"]
    rules = ["rules"]
    for sentence in state.theory.sentences:
        target = parts if isinstance(sentence.content, Literal) else rules
        target.append(f"{sentence.id} {render_sentence(sentence.content, lexicon)}")
    parts += rules
    if state.derived:
        parts += ["derived", *(f"{d.id} {render_sentence(d.literal, lexicon)}" for d in state.derived)]
    if state.rejected:
        parts += ["rejected", *(f"{r.text} {r.error}" for r in state.rejected)]
    return spaced(" ".join(parts))


def step_text(premises: list[str], conclusion: Literal, lexicon: Lexicon | None = None) -> str:
    """A step as the model writes it."""
    return spaced(f"{' '.join(premises)} -> {render_sentence(conclusion, lexicon)}")


@dataclass(frozen=True, slots=True)
class ParsedStep:
    """A proposal read back: the ids it names and the conclusion it claims."""

    premises: tuple[str, ...]
    conclusion: Literal


def parse_step(text: str) -> ParsedStep | None:
    """A proposal's premise ids and conclusion, or None when it is not a step at all."""
    if "->" not in text:
        return None
    left, right = text.split("->", 1)
    sentence = " ".join(right.replace(" .", ".").split())
    try:
        conclusion = read_statement(sentence[:1].upper() + sentence[1:])
    except EnglishSyntaxError:
        return None
    premises = tuple(left.split())
    return ParsedStep(premises, conclusion) if premises else None
