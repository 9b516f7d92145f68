"""`proofloom train`: the neural step model from scratch, on a recipe's step supervision."""

from __future__ import annotations

import argparse
import dataclasses
import time
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from proofloom.cli.numbers import positive

if TYPE_CHECKING:
    from proofloom.generator.recipe import TrainingSection
    from proofloom.prover.neural.train import TrainingPlan

Number = TypeVar("Number", int, float)

HELP = "train the neural step model from scratch on a recipe's step data"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The recipe, the model folder, and overrides of the recipe's `[training]` plan."""
    # Every knob of a run is the recipe's (`[training]`, whose defaults are the shipped model's); these options
    # default to None and only override it. Building the parser need not import the trainer.
    parser.add_argument(
        "recipe", help="a recipe (its step supervision is the training data, its [training] the plan), e.g. step-model"
    )
    parser.add_argument("-o", "--output", required=True, help="model folder (safetensors, tokenizer, card)")
    parser.add_argument("-n", type=positive, help="theories to generate for training (default: training.theories)")
    parser.add_argument("--epochs", type=positive, help="default: training.epochs")
    parser.add_argument("--batch-size", type=positive, help="default: training.batch_size")
    parser.add_argument("--lr", type=float, help="peak learning rate, AdamW (default: training.learning_rate)")
    parser.add_argument("--minutes", type=float, default=0.0, help="stop after this many minutes (0: none)")
    parser.add_argument("--d-model", type=positive, help="default: training.d_model")
    parser.add_argument("--layers", type=positive, help="default: training.layers")
    parser.add_argument("--threads", type=int, default=0, help="torch threads (0: default)")


def run(args: argparse.Namespace) -> int:
    """Generate the training pairs, train (`prover.neural.train.train`), and say what was saved."""
    from proofloom.cli.progress import Progress
    from proofloom.cli.recipes import load_recipe
    from proofloom.generator.training import trained_words, training_pairs
    from proofloom.prover.neural.train import train
    from proofloom.words import counted

    recipe = load_recipe(args.recipe)
    theories = _given(args.n, recipe.training.theories)
    started = time.perf_counter()
    with Progress("theories") as progress:
        data = training_pairs(recipe, progress.track(range(theories), theories))
    print(
        f"{counted(len(data), 'training pair')} from {counted(theories, 'theory', 'theories')} "
        f"({time.perf_counter() - started:.0f}s)",
        flush=True,
    )
    card = train(
        data,
        Path(args.output),
        _plan(args, recipe.training),
        {
            "recipe": recipe.name,
            "seed": recipe.seed,
            "theories": theories,
            "words": trained_words(recipe),
            "prompt": recipe.training.prompt,
        },
        progress=lambda line: print(line, flush=True),  # one line per evaluation: the training log
    )
    loss = card["metrics"]["held_out_loss"]
    print(f"saved {args.output}: {card['parameters']:,} parameters, held-out loss {loss:.3f}")
    return 0


def _plan(args: argparse.Namespace, recipe: TrainingSection) -> TrainingPlan:
    """The recipe's plan, with each option given in its place."""
    from proofloom.prover.neural.model import ModelShape
    from proofloom.prover.neural.train import TrainingPlan

    width = _given(args.d_model, recipe.d_model)
    layers = _given(args.layers, recipe.layers)
    return dataclasses.replace(
        TrainingPlan(),
        shape=ModelShape.for_width(width, layers),
        epochs=_given(args.epochs, recipe.epochs),
        batch_size=_given(args.batch_size, recipe.batch_size),
        learning_rate=_given(args.lr, recipe.learning_rate),
        warmup_share=recipe.warmup_share,
        eval_pairs=recipe.eval_pairs,
        eval_every=recipe.eval_every,
        patience=recipe.patience,
        seed=recipe.seed,
        max_minutes=args.minutes,
        threads=args.threads,
    )


def _given(value: Number | None, default: Number) -> Number:
    return default if value is None else value
