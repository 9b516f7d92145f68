"""Distractors: facts and rules on words no proof uses, so a theory holds more than its proofs need.

They are drawn after every proof, from atoms still fresh, so they cannot complete a near miss or
contradict a proof's facts; a distractor rule can still fire, and the re-check refuses any attempt
in which one changed a label or a depth.
"""

from __future__ import annotations

from proofloom.generator.construct.draft import Draft, degenerate, lift
from proofloom.logic.terms import Rule


def add_distractors(draft: Draft) -> None:
    """The recipe's number of distractor facts, then of distractor rules (fewer where words run out)."""
    _add_facts(draft)
    _add_rules(draft)


def _add_facts(draft: Draft) -> None:
    low, high = draft.recipe.theory.distractor_facts
    for _ in range(draft.rng.randint(low, high)):
        subject = draft.rng.choice(draft.entities)
        literal = draft.words.fresh_literal(draft.entities, subject, positive_only=draft.closed)
        if literal is not None:
            draft.facts[literal] = None


def _add_rules(draft: Draft) -> None:
    low, high = draft.recipe.theory.distractor_rules
    for _ in range(draft.rng.randint(low, high)):
        subject = draft.rng.choice(draft.entities)
        head = draft.words.fresh_literal(draft.entities, subject, positive_only=draft.closed)
        body = draft.body(subject, draft.draw_conditions(), False, set())
        if head is None or body is None:
            continue
        rule = Rule(tuple(lift(b, subject) for b in body), lift(head, subject), draft.draw_style())
        if rule not in draft.rules and not degenerate(rule):
            draft.rules[rule] = None
