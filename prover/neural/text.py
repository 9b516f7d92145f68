"""Proof states as model input text, and proposed steps as text both ways.

The trained model reads and writes a compact symbolic form (a literal is `subject [not] predicate [object]`),
so that a proof state is about a hundred words and a small model on a CPU can learn rule application:

Input:  `goal bob red facts triple1 bob big rules rule1 X red if X big derived d1 bob cold
         rejected rule1 triple2 -> bob red not_entailed`
Output: `rule1 triple1 -> bob red` (the rule first, then the facts it uses, then the conclusion)

`parse_step` also reads English conclusions (`triple1 rule1 -> Bob is red.`), the form LLMs are asked for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from proofloom.errors import EnglishSyntaxError
from proofloom.logic.english import read_statement
from proofloom.logic.terms import Atom, Constant, Literal, Rule, Term, Variable
from proofloom.prover.step_model import ProofState

_SPACED = re.compile(r"([.,;:])")
_NAME = re.compile(r"[a-z][a-z0-9_]*\Z")
NEGATION = "not"


def spaced(text: str) -> str:
    """Punctuation as its own word, so a word-level tokenizer sees a closed vocabulary."""
    return " ".join(_SPACED.sub(r" \1 ", text).split())


def compact_literal(literal: Literal) -> str:
    """`bob big`, `bob not big`, `cat chases dog`: subject, polarity, predicate, object."""
    subject, *rest = (str(term) for term in literal.atom.args)
    polarity = [] if literal.positive else [NEGATION]
    return " ".join([subject, *polarity, literal.atom.predicate, *rest])


def compact_rule(rule: Rule) -> str:
    """`X nice if X big X red`: the head first, right after the rule's id, then the conditions in order.

    With the head a fixed two or three words from the id, T5's exact short-range position buckets let
    the id's position gather what the rule concludes in one layer: the copy a step needs is then one hop.
    """
    return " ".join([compact_literal(rule.head), "if", *(compact_literal(c) for c in rule.conditions)])


def state_text(state: ProofState) -> str:
    """The model's input for one round."""
    facts, rules = ["facts"], ["rules"]
    for sentence in state.theory.sentences:
        content = sentence.content
        if isinstance(content, Rule):
            rules.append(f"{sentence.id} {compact_rule(content)}")
        else:
            facts.append(f"{sentence.id} {compact_literal(content)}")
    parts = [f"goal {compact_literal(state.statement)}", *facts, *rules]
    if state.derived:
        parts += ["derived", *(f"{d.id} {compact_literal(d.literal)}" for d in state.derived)]
    if state.rejected:
        parts += ["rejected", *(f"{r.text} {r.error}" for r in state.rejected)]
    return " ".join(parts)


def step_text(premises: list[str], conclusion: Literal) -> str:
    """A step as the model writes it: the rule first (the one premise whose id starts with `rule`)."""
    ordered = sorted(premises, key=lambda p: not p.startswith("rule"))
    return f"{' '.join(ordered)} -> {compact_literal(conclusion)}"


@dataclass(frozen=True, slots=True)
class ParsedStep:
    """A proposal read back: the ids it names and the conclusion it claims."""

    premises: tuple[str, ...]
    conclusion: Literal


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
    """A proposal's premise ids and conclusion (compact or English), or None when it is not a step at all."""
    if "->" not in text:
        return None
    left, right = text.split("->", 1)
    premises = tuple(left.split())
    conclusion = read_compact(right)
    if conclusion is None:
        sentence = " ".join(right.replace(" .", ".").split())
        try:
            conclusion = read_statement(sentence[:1].upper() + sentence[1:])
        except EnglishSyntaxError:
            return None
    if any(isinstance(term, Variable) for term in conclusion.atom.args):
        return None
    return ParsedStep(premises, conclusion) if premises else None
