"""Generating examples: example i depends only on (recipe, seed, i), so any worker can make any slice."""

from __future__ import annotations

import random
from collections import OrderedDict
from collections.abc import Iterator

from proofloom.generator.construct import Built, ConstructionError, build_theory
from proofloom.generator.example import Example, GeneratedQuestion, context_of
from proofloom.generator.paraphrase import paraphrased_context
from proofloom.generator.questions import abductions, counter_model, other_labels
from proofloom.generator.recipe import Recipe
from proofloom.generator.schedule import Cell, cells_for, cycle
from proofloom.generator.supervision import supervise
from proofloom.logic.semantics import Label, Semantics
from proofloom.prover.loop.supervision import StepRecord
from proofloom.prover.reasoning.reasoner import Reasoner

# The last few recipes' cycles, by identity (recipes hold dicts, so they cannot be hashed): a run uses one
# recipe, and a bounded cache cannot grow with every `with_seed` copy a long-lived process makes.
_SCHEDULES: OrderedDict[int, tuple[Recipe, tuple[Cell, ...]]] = OrderedDict()
_SCHEDULES_KEPT = 8


def _schedule(recipe: Recipe) -> tuple[Cell, ...]:
    """The recipe's cycle of cells, computed once per recipe object."""
    cached = _SCHEDULES.get(id(recipe))
    if cached is None or cached[0] is not recipe:
        cached = _SCHEDULES[id(recipe)] = (recipe, cycle(recipe))
        while len(_SCHEDULES) > _SCHEDULES_KEPT:
            _SCHEDULES.popitem(last=False)
    return cached[1]


def example_rng(recipe: Recipe, index: int) -> random.Random:
    """The random stream of example `index`: seeded by text, so it is the same in every process."""
    return random.Random(f"proofloom:{recipe.seed}:{index}")


def generate_example(recipe: Recipe, index: int) -> Example:
    """Example `index` of the recipe's dataset."""
    rng = example_rng(recipe, index)
    vocabulary = recipe.vocabulary.resolve()
    cells = cells_for(recipe, _schedule(recipe), index)
    semantics = recipe.semantics
    for _ in range(recipe.theory.max_attempts):
        built = build_theory(rng, recipe, vocabulary, cells)
        questions = _questions(recipe, index, built, cells, semantics, rng)
        if questions is not None:
            break
    else:
        raise ConstructionError(f"example {index}: every attempt had a question whose classical label differs")
    example_id = f"{recipe.name}-{index:07d}"
    supervision: tuple[StepRecord, ...] = ()
    if recipe.questions.step_supervision:
        closure = Reasoner(built.theory, semantics).closure
        supervision = tuple(
            record
            for question in questions
            if question.proofs
            for record in supervise(closure, question.proofs[0], question.id, rng)
        )
    context = context_of(built.theory, vocabulary.lexicon)
    if recipe.surface.paraphrase_rate > 0:  # its own stream: a recipe without paraphrases draws as before
        surface_rng = random.Random(f"{recipe.seed}:{index}:surface")
        context = paraphrased_context(built.theory, vocabulary.lexicon, recipe.surface.paraphrase_rate, surface_rng)
    return Example(example_id, index, recipe.name, recipe.seed, built.theory, context, questions, supervision)


def _questions(
    recipe: Recipe, index: int, built: Built, cells: tuple[Cell, ...], semantics: Semantics, rng: random.Random
) -> tuple[GeneratedQuestion, ...] | None:
    """The theory's questions with what the recipe asks each to carry; None where one's classical label
    differs and the recipe drops such questions (the caller builds another theory)."""
    questions = []
    for number, (cell, statement, answer) in enumerate(
        zip(cells, built.statements, built.answers, strict=True), start=1
    ):
        others: tuple[tuple[Semantics, Label], ...] = ()
        gap = None
        if recipe.questions.classical:
            others, gap = other_labels(built.theory, statement, answer.label, semantics)
            if gap is not None and recipe.questions.drop_semantic_gaps:
                return None
        unknown = answer.label is Label.UNKNOWN
        certificate = counter_model(built.theory, statement) if unknown and recipe.questions.certificates else ()
        missing = abductions(built.theory, statement) if unknown and recipe.questions.abduction else ()
        questions.append(
            GeneratedQuestion(
                f"{recipe.name}-{index:07d}-Q{number}",
                statement,
                answer.label,
                answer.depth,
                cell.depth,
                answer.proofs,
                others,
                certificate,
                missing,
            )
        )
    return tuple(questions)


def generate(recipe: Recipe, count: int, start: int = 0) -> Iterator[Example]:
    """Examples start, start+1, ..., start+count-1."""
    for index in range(start, start + count):
        yield generate_example(recipe, index)
