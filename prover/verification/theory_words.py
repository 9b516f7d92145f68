"""An explanation's English read in the theory's own relation names.

English writes a negated relation with the verb's base form (`The cat does not see the dog.`), and reading it
gives the third-person form (`sees`), as ProofWriter names its relations. A theory written in the DSL may name a
relation otherwise (`see(X, Y)`, `fezoolorv(X, Y)`): its own proof, written out in English and read back, would
then speak of another predicate, and no step would follow. So a relation name that reading can give and the
theory does not have, but that one of the theory's relations is written as, is read as that relation.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Mapping

from proofloom.logic.morphology import base_form, third_person
from proofloom.logic.terms import Atom, Content, DisjunctiveRule, Literal, Rule, Theory
from proofloom.prover.proof.explanation import ClaimedStep, Explanation, Premise

Spellings = Mapping[str, str]  # a name English reading gives -> the theory's relation it stands for


def relation_spellings(theory: Theory) -> dict[str, str]:
    """Each name reading gives one of the theory's two-place predicates (its negated English form read back)
    that differs from the predicate's own name and names nothing else in the theory; ambiguous ones are left out."""
    names = theory.predicates()
    read = {p: third_person(base_form(p)) for p, arity in names.items() if arity == 2}
    counts = Counter(read.values())
    return {spelled: p for p, spelled in read.items() if spelled != p and spelled not in names and counts[spelled] == 1}


def literal_in(literal: Literal, spellings: Spellings) -> Literal:
    """The literal with its predicate in the theory's name (unchanged when it has it already)."""
    name = spellings.get(literal.atom.predicate)
    return literal if name is None else Literal(Atom(name, literal.atom.args), literal.positive)


def content_in(content: Content, spellings: Spellings) -> Content:
    if isinstance(content, Literal):
        return literal_in(content, spellings)
    conditions = tuple(literal_in(c, spellings) for c in content.conditions)
    if isinstance(content, Rule):
        return Rule(conditions, literal_in(content.head, spellings), content.style)
    assert isinstance(content, DisjunctiveRule)
    return DisjunctiveRule(conditions, tuple(literal_in(h, spellings) for h in content.heads), content.style)


def explanation_in(explanation: Explanation, spellings: Spellings) -> Explanation:
    """Every literal the explanation states or quotes, in the theory's relation names."""
    if not spellings:
        return explanation

    def premise(p: Premise) -> Premise:
        return p if p.content is None else dataclasses.replace(p, content=content_in(p.content, spellings))

    def step(s: ClaimedStep) -> ClaimedStep:
        conclusion = None if s.conclusion is None else literal_in(s.conclusion, spellings)
        return dataclasses.replace(s, premises=tuple(map(premise, s.premises)), conclusion=conclusion)

    return dataclasses.replace(
        explanation,
        steps=tuple(map(step, explanation.steps)),
        finals=tuple(map(premise, explanation.finals)),
        quoted=tuple(map(premise, explanation.quoted)),
    )
