"""Proof states as the neural model's input text (its answers are steps in `prover.loop.step_text`'s form).

The trained model reads and writes a compact symbolic form (a literal is `subject [not] predicate [object]`)
and is asked about one rule at a time, so that an input is about fifty words and a small model trained on
a CPU can learn rule application:

Input:  `rule1 X red if X big & X kind facts bob big & bob cold derived bob kind
         rejected rule1 bob cold & bob kind -> bob red not_entailed`
Output: `rule1 bob big & bob kind -> bob red` (the rule, the facts it uses, quoted, then the conclusion), or `none`

A step quotes its premises rather than naming their ids: writing `bob big` is copying the rule's condition
under the binding, a skill a small causal model learns quickly, while naming a fact's id means finding the
fact by its content elsewhere in the input and copying what is written before it, which such a model gets
wrong even when it has the rule and the conclusion right.
The loop looks each quoted fact up among the facts and derived facts; one that is not there is rejected as
`unknown_premise`, as a step naming a missing id is.
"""

from __future__ import annotations

from proofloom.logic.terms import Literal, Rule
from proofloom.prover.loop.step_model import ProofState
from proofloom.prover.loop.step_text import compact_literal, conjunction


def compact_rule(rule: Rule) -> str:
    """`X nice if X big & X red`: the head first, then the conditions in order."""
    return f"{compact_literal(rule.head)} if {conjunction(rule.conditions)}"


NO_STEP = "none"
# The name the proposer gives the rule it asks about, in the prompt and the answer, whatever the theory calls it
# (`rule17`, or `r1` in a DSL theory with ids of its own): a fixed name, independent of the theory's ids, so the
# model never has to write an id it was not trained on, and the prompt's first word always means "the asked
# rule". The proposer puts the answer back under the rule's own id (`renamed`) before the loop checks it.
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
    parts = [f"{name} {compact_rule(rule)}", "facts", conjunction(facts)]
    if state.derived:
        parts += ["derived", conjunction(d.literal for d in state.derived)]
    own = [
        f"{renamed(r.text, rule_id, name)} {r.error.value}" for r in state.rejected if r.text.startswith(f"{rule_id} ")
    ]
    if own:
        parts += ["rejected", *own]
    return " ".join(parts)


def renamed(step: str, old: str, new: str) -> str:
    """A step written with its first id (the rule) `old` written with `new` instead; other steps unchanged."""
    first, _, rest = step.partition(" ")
    return f"{new} {rest}" if first == old else step


RULE_SEPARATOR = ";"
STATE_PROMPT = "state"  # the card's `prompt` for a model asked about the whole state (`state_prompt`)
RULE_PROMPT = "rule"  # the card's `prompt` for a model asked one rule at a time (`rule_prompt`)


def state_prompt(state: ProofState) -> str:
    """The model's input when asked for the next step toward the goal: the statement, every rule, the facts,
    what is derived, and the latest rejections with the verifier's reason for each. Its answer is one step.

    `goal c3 not p7 rules rule1 X p2 if X p5 ; rule2 X p7 if X p2 facts c3 p5 derived c3 p2
    rejected rule2 c3 p5 -> c3 p7 not_entailed`, over placeholders (`placeholders.Renaming`): the goal comes
    first, so every later word is read knowing what the proof is for.
    """
    rules = [(s.id, rule) for s in state.theory.rules if isinstance(rule := s.content, Rule)]
    facts = [s.content for s in state.theory.sentences if isinstance(s.content, Literal)]
    parts = ["goal", compact_literal(state.statement), "rules"]
    parts.append(f" {RULE_SEPARATOR} ".join(f"{name} {compact_rule(rule)}" for name, rule in rules))
    parts += ["facts", conjunction(facts)]
    if state.derived:
        parts += ["derived", conjunction(d.literal for d in state.derived)]
    if state.rejected:
        parts += ["rejected", *(f"{r.text} {r.error.value}" for r in state.rejected)]
    return " ".join(parts)
