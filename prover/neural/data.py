"""Training pairs for the step model, from the generator's step supervision.

For each state along a gold proof: input = the proof state as text, target = the gold next step, and
also up to `alternatives` other valid next steps of the same state as targets of their own: the model
learns which steps are valid at all, not only the one a planner would choose, so its beam holds several
valid steps and the loop's forward progress never hangs on one guess. For feedback, the same state with
one typed invalid step shown as rejected, and the gold target: the model learns to answer the
verifier's refusal with a valid step.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from proofloom.generator.example import Example
from proofloom.logic.syntax import parse_literal
from proofloom.prover.neural.text import state_text, step_text
from proofloom.prover.step_model import Derived, ProofState, Rejection


def pairs(examples: Iterable[Example], feedback: bool = True, alternatives: int = 2) -> list[tuple[str, str]]:
    """(input text, target text) pairs, in a deterministic order."""
    found: list[tuple[str, str]] = []
    for example in examples:
        statements = {q.id: q.statement for q in example.questions}
        for record in example.supervision:
            derived_literals = [parse_literal(text) for text in record["derived"]]
            ids = {str(lit): f"d{i}" for i, lit in enumerate(derived_literals, start=1)}
            derived = tuple(Derived(ids[str(lit)], lit) for lit in derived_literals)
            gold = record["gold"]
            target = step_text([ids.get(p, p) for p in gold["premises"]], parse_literal(gold["conclusion"]))
            state = ProofState(example.theory, statements[record["question"]], derived)
            shown = state_text(state)
            found.append((shown, target))
            others = [_named(step, ids) for step in record["valid"]]
            others = [text for text in others if text != target]
            if others and alternatives:
                stride = max(1, len(others) // alternatives)
                found += [(shown, text) for text in others[len(found) % stride :: stride][:alternatives]]
            if feedback and record["invalid"]:
                wrong = record["invalid"][len(found) % len(record["invalid"])]
                rejected = _as_the_loop_rejects(wrong, ids, len(example.theory.facts))
                fed_back = ProofState(example.theory, statements[record["question"]], derived, (rejected,))
                found.append((state_text(fed_back), target))
    return found


def _named(step: dict[str, Any], ids: dict[str, str]) -> str:
    return step_text([ids.get(p, p) for p in step["premises"]], parse_literal(step["conclusion"]))


def _as_the_loop_rejects(wrong: dict[str, Any], ids: dict[str, str], facts: int) -> Rejection:
    """A typed invalid step worded as the refinement loop words its rejections (ids only, the loop's reasons).

    A fact not in the theory becomes an id past the theory's last fact (`unknown_premise`); the other
    kinds (missing premise, wrong binding, polarity flip, wrong rule) are steps Z3 finds `not_entailed`.
    """
    premises = [ids.get(p, p) for p in wrong["premises"]]
    reason = "not_entailed"
    if wrong["type"] == "fact_not_in_theory":
        premises = [p if p.startswith(("rule", "triple", "d")) else f"triple{facts + 1}" for p in premises]
        reason = "unknown_premise"
    return Rejection(step_text(premises, parse_literal(wrong["conclusion"])), reason)
