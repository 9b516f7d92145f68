"""Programmable theory generation: a `Recipe` holds every knob, `generate(recipe, n)` yields `Example`s.

Example *i* depends only on the recipe's seed and *i*, so any worker can make any slice; `write_dataset`
writes shards atomically with a manifest and a card, and `formats/` holds every file format as a writer
with its reader.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from proofloom.lazy import lazy_names

if TYPE_CHECKING:  # the same names for type checkers; at run time each loads on first use
    from proofloom.generator.dataset import OutputFormat, read_examples, write_dataset
    from proofloom.generator.example import Example, GeneratedQuestion, supervision_of
    from proofloom.generator.generate import generate, generate_example
    from proofloom.generator.recipe import Recipe, RecipeError

_HOMES = {
    "OutputFormat": "proofloom.generator.dataset",
    "read_examples": "proofloom.generator.dataset",
    "write_dataset": "proofloom.generator.dataset",
    "Example": "proofloom.generator.example",
    "GeneratedQuestion": "proofloom.generator.example",
    "supervision_of": "proofloom.generator.example",
    "generate": "proofloom.generator.generate",
    "generate_example": "proofloom.generator.generate",
    "Recipe": "proofloom.generator.recipe",
    "RecipeError": "proofloom.generator.recipe",
}

__all__ = [
    "Example",
    "GeneratedQuestion",
    "OutputFormat",
    "Recipe",
    "RecipeError",
    "generate",
    "generate_example",
    "read_examples",
    "supervision_of",
    "write_dataset",
]

__getattr__, __dir__ = lazy_names(__name__, _HOMES)
