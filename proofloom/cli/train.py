"""`proofloom train`: the neural step model from scratch, on a recipe's step supervision."""

from __future__ import annotations

import argparse
import dataclasses
import time
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from proofloom.cli.numbers import positive

if TYPE_CHECKING:
    from proofloom.prover.neural.train import TrainingPlan

Number = TypeVar("Number", int, float)

HELP = "train the neural step model from scratch on a recipe's step data"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The recipe, the model folder, and the plan; an option left out keeps the shipped model's value."""
    # The plan's options default to None, filled from `TrainingPlan` when the verb runs: one source for the
    # shipped values, and building the parser need not import the trainer.
    parser.add_argument("recipe", help="a recipe (its step supervision is the training data), e.g. step-model")
    parser.add_argument("-o", "--output", required=True, help="model folder (safetensors, tokenizer, card)")
    parser.add_argument("-n", type=positive, default=12000, help="theories to generate for training")
    parser.add_argument("--epochs", type=positive)
    parser.add_argument("--batch-size", type=positive)
    parser.add_argument("--lr", type=float, help="peak learning rate (AdamW)")
    parser.add_argument("--minutes", type=float, default=0.0, help="stop after this many minutes (0: none)")
    parser.add_argument("--d-model", type=int)
    parser.add_argument("--layers", type=positive)
    parser.add_argument("--threads", type=int, default=0, help="torch threads (0: default)")


def run(args: argparse.Namespace) -> int:
    """Generate the training pairs, train (`prover.neural.train.train`), and say what was saved."""
    from proofloom.cli.progress import Progress
    from proofloom.cli.recipes import load_recipe
    from proofloom.generator.training import trained_words, training_pairs
    from proofloom.prover.neural.train import train
    from proofloom.words import counted

    recipe = load_recipe(args.recipe)
    started = time.perf_counter()
    with Progress("theories") as progress:
        data = training_pairs(recipe, progress.track(range(args.n), args.n))
    print(
        f"{counted(len(data), 'training pair')} from {counted(args.n, 'theory', 'theories')} "
        f"({time.perf_counter() - started:.0f}s)",
        flush=True,
    )
    card = train(
        data,
        Path(args.output),
        _plan(args),
        {"recipe": recipe.name, "seed": recipe.seed, "theories": args.n, "words": trained_words(recipe)},
        progress=lambda line: print(line, flush=True),  # one line per evaluation: the training log
    )
    loss = card["metrics"]["held_out_loss"]
    print(f"saved {args.output}: {card['parameters']:,} parameters, held-out loss {loss:.3f}")
    return 0


def _plan(args: argparse.Namespace) -> TrainingPlan:
    """The plan the options ask for: the shipped plan, with each option given in its place."""
    from proofloom.prover.neural.model import ModelShape
    from proofloom.prover.neural.train import TrainingPlan

    shipped = TrainingPlan()
    width = _given(args.d_model, shipped.shape.d_model)
    layers = _given(args.layers, shipped.shape.layers)
    return dataclasses.replace(
        shipped,
        shape=ModelShape.for_width(width, layers),
        epochs=_given(args.epochs, shipped.epochs),
        batch_size=_given(args.batch_size, shipped.batch_size),
        learning_rate=_given(args.lr, shipped.learning_rate),
        max_minutes=args.minutes,
        threads=args.threads,
    )


def _given(value: Number | None, default: Number) -> Number:
    return default if value is None else value
