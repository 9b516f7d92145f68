"""Building a theory to order: attempts, each from the same random stream, until one meets every slot."""

from __future__ import annotations

import random
from dataclasses import dataclass

from proofloom.errors import LogicError
from proofloom.generator.construct.chains import grow_chains
from proofloom.generator.construct.decoys import add_decoys
from proofloom.generator.construct.distractors import add_distractors
from proofloom.generator.construct.draft import Draft
from proofloom.generator.construct.ladder import climb_ladder
from proofloom.generator.construct.recheck import recheck
from proofloom.generator.questions import counter_model
from proofloom.generator.recipe import Recipe
from proofloom.generator.schedule import Cell
from proofloom.generator.vocabulary import Vocabulary
from proofloom.logic.semantics import Label
from proofloom.logic.terms import Literal, Theory
from proofloom.prover.reasoning.reasoner import Answer


@dataclass(frozen=True, slots=True)
class Built:
    """A theory built to order: one statement per slot, and the answers the reasoner re-checked."""

    theory: Theory
    statements: tuple[Literal, ...]
    answers: tuple[Answer, ...]
    near_misses: tuple[Literal | None, ...]  # for Unknown slots, the fact left out (an abduction answer)
    attempts: int


def _certified(theory: Theory, cells: tuple[Cell, ...], statements: tuple[Literal, ...]) -> bool:
    """Whether every Unknown statement has a Z3 counter-model. A rule and its mirror say the head as the link
    says it, so a cycle of such rules can decide an atom classically that forward chaining leaves Unknown (a
    semantic gap, in about 2% of Unknowns): where certificates are asked for, such an attempt is not kept."""
    return all(
        counter_model(theory, statement)
        for cell, statement in zip(cells, statements, strict=True)
        if cell.label is Label.UNKNOWN
    )


class ConstructionError(LogicError):
    """No attempt within the recipe's budget met every slot: the recipe asks for something too tight."""


def build_theory(rng: random.Random, recipe: Recipe, vocabulary: Vocabulary, cells: tuple[Cell, ...]) -> Built:
    """Try until an attempt meets every cell; each attempt draws from the same random stream.

    The family (relations or not, negation or not) is drawn once, before any attempt: were it drawn
    again on each, families that fail more often would be under-represented, and with them the balance
    of statement polarity.
    """
    relational = rng.random() < recipe.vocabulary.relation_rate
    negation = rng.random() < recipe.rules.negation_share
    for attempt in range(1, recipe.theory.max_attempts + 1):
        built = _attempt(Draft(rng, recipe, vocabulary, relational, negation), cells, attempt)
        if built is not None:
            return built
    wanted = ", ".join(f"{c.label.value}@{c.depth}" for c in cells)
    raise ConstructionError(f"no theory met {wanted} in {recipe.theory.max_attempts} attempts")


def _attempt(draft: Draft, cells: tuple[Cell, ...], number: int) -> Built | None:
    """One attempt: the proofs (chains over relations, a ladder over attributes), distractors, the re-check."""
    asked = grow_chains(draft, cells) if draft.relational else climb_ladder(draft, cells)
    if asked is None:
        return None
    add_distractors(draft)
    plain = dict(draft.facts)
    add_decoys(draft, asked)
    theory = draft.theory()
    statements = tuple(a.statement for a in asked)
    answers = recheck(theory, cells, statements, draft.closed, draft.recipe.questions.all_proofs)
    if answers is None and len(plain) < len(draft.facts):  # a decoy entity's derivations clashed: keep the proofs
        draft.facts = plain
        theory = draft.theory()
        answers = recheck(theory, cells, statements, draft.closed, draft.recipe.questions.all_proofs)
    if answers is None:
        return None
    if draft.recipe.questions.certificates and not _certified(theory, cells, statements):
        return None
    return Built(theory, statements, answers, tuple(a.near_miss for a in asked), number)
