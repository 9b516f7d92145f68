"""The neural step model's training data made from a recipe: its examples' step supervision as text pairs.

The generator makes the typed step records; `prover.neural.data.pairs` turns them into (prompt, target) text.
This is the one place the two meet, so `proofloom train` stays a thin verb.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator

from proofloom.generator.example import supervision_of
from proofloom.generator.formats.native import example_problems
from proofloom.generator.generate import generate_example
from proofloom.generator.recipe import Recipe
from proofloom.prover.neural.data import pairs, state_pairs
from proofloom.prover.neural.text import STATE_PROMPT
from proofloom.prover.problem import Problem


def with_step_supervision(recipe: Recipe) -> Recipe:
    """The recipe, asking for step supervision (the training data) if it did not already."""
    if recipe.questions.step_supervision:
        return recipe
    return dataclasses.replace(recipe, questions=dataclasses.replace(recipe.questions, step_supervision=True))


def training_pairs(recipe: Recipe, indices: Iterable[int]) -> list[tuple[str, str]]:
    """(prompt, target) pairs from examples `indices` of the recipe, deduplicated, in a deterministic order: rule
    prompts or state prompts, as the recipe's `training.prompt` says."""
    supervised = with_step_supervision(recipe)
    supervisions = (supervision_of(generate_example(supervised, index)) for index in indices)
    if recipe.training.prompt == STATE_PROMPT:
        return state_pairs(supervisions, seed=recipe.seed)
    return pairs(supervisions)


def trained_words(recipe: Recipe) -> dict[str, list[str]]:
    """The recipe's words by role, for the model's card (`words`): the words a model trained on it knows, to which
    any other word is bound at inference (`prover.neural.placeholders.Renaming.onto`): entities by the kind of
    theory they appeared in (`Vocabulary.entities`: people without relations, animals with them)."""
    vocabulary = recipe.vocabulary.resolve()
    return {
        "entities": [*vocabulary.people, *vocabulary.animals],
        "attributes": list(vocabulary.attributes),
        "relations": list(vocabulary.relations),
        "attribute_theory_entities": [c.name for c in vocabulary.entities(relational=False)],
        "relational_theory_entities": [c.name for c in vocabulary.entities(relational=True)],
    }


HELD_OUT_START = 10_000_000  # the first example index evaluation draws from: far from any index training uses


def held_out_problems(recipe: Recipe, theories: int, start: int = HELD_OUT_START) -> Iterator[Problem]:
    """Every question of examples `start`.. `start + theories - 1` of the recipe, with its gold label and depth:
    data to evaluate a model trained on another recipe (or this one, at indices `proofloom train` never uses)."""
    for index in range(start, start + theories):
        yield from example_problems(generate_example(recipe, index))
