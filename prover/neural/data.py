"""Training pairs for the step model, from the generator's step supervision.

For each state along a gold proof: input = the proof state as text, target = the gold next step. For
feedback, the same state with one typed invalid step shown as rejected, and the same target: the model
learns to answer the verifier's refusal with a valid step.
"""

from __future__ import annotations

from collections.abc import Iterable

from proofloom.generator.example import Example
from proofloom.logic.syntax import parse_literal
from proofloom.logic.terms import Literal
from proofloom.prover.neural.text import state_text, step_text
from proofloom.prover.step_model import Derived, ProofState, Rejection


def pairs(examples: Iterable[Example], feedback: bool = True) -> list[tuple[str, str]]:
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
            found.append((state_text(state), target))
            if feedback and record["invalid"]:
                wrong = record["invalid"][len(found) % len(record["invalid"])]
                rejected = Rejection(_named(wrong["premises"], wrong["conclusion"], ids), wrong["type"])
                fed_back = ProofState(example.theory, statements[record["question"]], derived, (rejected,))
                found.append((state_text(fed_back), target))
    return found


def _named(premises: list[str], conclusion: str, ids: dict[str, str]) -> str:
    literal: Literal = parse_literal(conclusion)
    return step_text([ids.get(p, p) for p in premises], literal)
