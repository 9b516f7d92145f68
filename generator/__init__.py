"""Programmable theory generation: a `Recipe` holds every knob, `generate(recipe, n)` yields `Example`s.

Example *i* depends only on the recipe's seed and *i*, so any worker can make any slice; `write_dataset`
writes shards atomically with a manifest and a card, and `formats/` holds every file format as a writer
with its reader.
"""

from __future__ import annotations

from proofloom.generator.dataset import OutputFormat, read_examples, write_dataset
from proofloom.generator.example import Example, GeneratedQuestion, supervision_of
from proofloom.generator.generate import generate, generate_example
from proofloom.generator.recipe import Recipe, RecipeError

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
