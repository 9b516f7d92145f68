"""Proof states as model input text, and proposed steps as text both ways.

The trained model reads and writes a compact symbolic form (a literal is `subject [not] predicate [object]`)
and is asked about one rule at a time, so that an input is about fifty words and a small model trained on
a CPU can learn rule application:

Input:  `rule1 X red if X big & X kind facts bob big & bob cold derived bob kind
         rejected rule1 bob cold & bob kind -> bob red not_entailed`
Output: `rule1 bob big & bob kind -> bob red` (the rule, the facts it uses, quoted, then the conclusion), or `none`

A step quotes its premises rather than naming their ids: writing `bob big` is copying the rule's condition
under the binding, a skill a small causal model learns quickly, while finding the id written before a
matching fact is not (measured: the id-naming model picked the right rule and conclusion with the wrong ids).
The loop looks each quoted fact up among the facts and derived facts; one that is not there is rejected as
`unknown_premise`, as a step naming a missing id is. `parse_step` also reads steps that name ids and
English conclusions (`triple1 rule1 -> Bob is red.`), the form LLMs are asked for.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from proofloom.errors import EnglishSyntaxError
from proofloom.logic.english import read_statement
from proofloom.logic.terms import Atom, Constant, Literal, Rule, Term, Variable
from proofloom.prover.step_model import ProofState

_SPACED = re.compile(r"([.,;:])")
_NAME = re.compile(r"[a-z][a-z0-9_]*\Z")
_ID = re.compile(r"(?:rule|triple|sent|int|d)\d+\Z")
NEGATION = "not"
AND = "&"


def spaced(text: str) -> str:
    """Punctuation as its own word, so a word-level tokenizer sees a closed vocabulary."""
    return " ".join(_SPACED.sub(r" \1 ", text).split())


def compact_literal(literal: Literal) -> str:
    """`bob big`, `bob not big`, `cat chases dog`: subject, polarity, predicate, object."""
    subject, *rest = (str(term) for term in literal.atom.args)
    polarity = [] if literal.positive else [NEGATION]
    return " ".join([subject, *polarity, literal.atom.predicate, *rest])


def compact_rule(rule: Rule) -> str:
    """`X nice if X big & X red`: the head first, then the conditions in order."""
    return f"{compact_literal(rule.head)} if {_conjunction(rule.conditions)}"


def _conjunction(literals: Iterable[Literal]) -> str:
    return f" {AND} ".join(compact_literal(literal) for literal in literals)


NO_STEP = "none"
# The name the proposer gives every rule it asks about, in the prompt and the answer, whatever the rule's id: the
# id is only an address. Written out, it tied the model to the ids it was trained on: asked about rule17 of a
# 25-rule theory, a model trained on theories of 2-12 rules answered `none` or wrote rule9. Every theory has a rule1.
ASKED = "rule1"


def rule_prompt(state: ProofState, rule_id: str, shown_as: str | None = None) -> str:
    """The model's input when asked what one rule yields now: the rule (named `shown_as`, by default its own id),
    the facts, derived facts, and the rejections of its earlier proposals with this rule. Its answer is a step
    using the rule, or `none`.

    One rule at a time keeps the input short (about fifty words) and puts the rule at a fixed place, where a
    small model finds what to copy by position.
    """
    rule = state.theory[rule_id].content
    assert isinstance(rule, Rule), rule_id
    name = shown_as or rule_id
    facts = [s.content for s in state.theory.sentences if isinstance(s.content, Literal)]
    parts = [f"{name} {compact_rule(rule)}", "facts", _conjunction(facts)]
    if state.derived:
        parts += ["derived", _conjunction(d.literal for d in state.derived)]
    own = [f"{renamed(r.text, rule_id, name)} {r.error}" for r in state.rejected if r.text.startswith(f"{rule_id} ")]
    if own:
        parts += ["rejected", *own]
    return " ".join(parts)


def renamed(step: str, old: str, new: str) -> str:
    """A step written with its first id (the rule) `old` written with `new` instead; other steps unchanged."""
    first, _, rest = step.partition(" ")
    return f"{new} {rest}" if first == old else step


def step_text(ids: Sequence[str], quoted: Sequence[Literal], conclusion: Literal) -> str:
    """A step as the model writes it: the ids it names (the rule), the facts it quotes, the conclusion."""
    return " ".join([*ids, *([_conjunction(quoted)] if quoted else []), "->", compact_literal(conclusion)])


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
