"""The neural step model's training data made from a recipe: its examples' step supervision as text pairs.

The generator makes the typed step records; `prover.neural.data.pairs` turns them into (prompt, target) text.
This is the one place the two meet, so `proofloom train` stays a thin verb.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from proofloom.generator.example import supervision_of
from proofloom.generator.generate import generate_example
from proofloom.generator.recipe import Recipe
from proofloom.prover.neural.data import pairs


def with_step_supervision(recipe: Recipe) -> Recipe:
    """The recipe, asking for step supervision (the training data) if it did not already."""
    if recipe.questions.step_supervision:
        return recipe
    return dataclasses.replace(recipe, questions=dataclasses.replace(recipe.questions, step_supervision=True))


def training_pairs(recipe: Recipe, indices: Iterable[int]) -> list[tuple[str, str]]:
    """(prompt, target) pairs from examples `indices` of the recipe, deduplicated, in a deterministic order."""
    supervised = with_step_supervision(recipe)
    return pairs(supervision_of(generate_example(supervised, index)) for index in indices)
