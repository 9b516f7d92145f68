"""Training pairs for the step model, from the generator's step supervision.

The model is asked about one rule at a time (`rule_prompt`): what does this rule yield now? For each
state along a gold proof and each rule of the theory, the target is a valid step with that rule (the
gold step for the gold rule, else the first valid one), or `none` when the rule yields nothing new; as
many `none` pairs are kept as there are rules that apply, so neither answer dominates. For feedback, the
gold rule's prompt with one or more typed invalid steps shown as rejected (the loop shows up to six), and
the gold step as the target: the model learns to answer the verifier's refusals with a valid step.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from proofloom.generator.example import Example
from proofloom.logic.syntax import parse_literal
from proofloom.logic.terms import Literal, Theory
from proofloom.prover.neural.text import NO_STEP, rule_prompt, step_text
from proofloom.prover.step_model import Derived, ProofState, Rejection


def pairs(examples: Iterable[Example], feedback: bool = True) -> list[tuple[str, str]]:
    """(input text, target text) pairs, deduplicated, in a deterministic order."""
    found: dict[tuple[str, str], None] = {}
    for example in examples:
        statements = {q.id: q.statement for q in example.questions}
        rules = [s.id for s in example.theory.rules]
        for record in example.supervision:
            derived_literals = [parse_literal(text) for text in record["derived"]]
            derived = tuple(Derived(f"d{i}", lit) for i, lit in enumerate(derived_literals, start=1))
            state = ProofState(example.theory, statements[record["question"]], derived)
            gold = _quoted(record["gold"], example.theory)
            by_rule: dict[str, str] = {gold.split(" ", 1)[0]: gold}
            for step in record["valid"]:
                text = _quoted(step, example.theory)
                by_rule.setdefault(text.split(" ", 1)[0], text)
            idle = [r for r in rules if r not in by_rule]
            stride = max(1, len(idle) // max(1, len(by_rule)))
            for rule in rules:
                if rule in by_rule:
                    found[(rule_prompt(state, rule), by_rule[rule])] = None
            for rule in idle[len(found) % stride :: stride][: len(by_rule)]:
                found[(rule_prompt(state, rule), NO_STEP)] = None
            wrong = [w for w in record["invalid"] if w["type"] != "wrong_rule"]
            if feedback and wrong:
                start = len(found) % len(wrong)  # show one to all of them, from here on: the loop shows up to six
                rejected = tuple(
                    _as_the_loop_rejects(wrong[(start + i) % len(wrong)], example.theory) for i in range(start + 1)
                )
                fed_back = ProofState(example.theory, state.statement, derived, rejected)
                found[(rule_prompt(fed_back, gold.split(" ", 1)[0]), gold)] = None
    return list(found)


def _quoted(step: dict[str, Any], theory: Theory) -> str:
    """A supervision step as the model writes it: the rule's id, then its premises quoted, in condition order."""
    return step_text(*_split(step["premises"], theory), parse_literal(step["conclusion"]))


def _split(premises: list[str], theory: Theory) -> tuple[list[str], list[Literal]]:
    """Rule ids apart from facts; a premise is a theory sentence's id or a derived fact written out."""
    ids: list[str] = []
    quoted: list[Literal] = []
    for premise in premises:
        content = theory[premise].content if premise in theory else parse_literal(premise)
        if isinstance(content, Literal):
            quoted.append(content)
        else:
            ids.append(premise)
    return ids, quoted


def _as_the_loop_rejects(wrong: dict[str, Any], theory: Theory) -> Rejection:
    """A typed invalid step worded as the refinement loop words its rejections (the loop's own reasons).

    A fact not in the theory is quoted and refused as `unknown_premise`; a step left without its rule as
    `needs_one_rule`; the other kinds (missing premise, wrong binding, polarity flip) are steps Z3 finds
    `not_entailed`.
    """
    ids, quoted = _split(wrong["premises"], theory)
    reason = "not_entailed"
    if wrong["type"] == "fact_not_in_theory":
        reason = "unknown_premise"
    elif not ids:
        reason = "needs_one_rule"
    return Rejection(step_text(ids, quoted, parse_literal(wrong["conclusion"])), reason)
