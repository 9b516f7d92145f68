"""`proofloom generate`: a dataset of theories and questions from a recipe, written shard by shard."""

from __future__ import annotations

import argparse
import contextlib
import time
from pathlib import Path

from proofloom.cli.choices import OUTPUT_FORMATS
from proofloom.cli.cluster import add_ray_argument, ray_address
from proofloom.cli.numbers import non_negative, positive

HELP = "generate a dataset of theories and questions from a recipe"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The recipe, the output folder, the size, and what may be overridden."""
    parser.add_argument("recipe", help="a recipe TOML file, or a shipped recipe's name (proofwriter-owa-d5, ...)")
    parser.add_argument("-o", "--output", required=True, help="output folder (a killed run resumes there)")
    parser.add_argument("-n", type=positive, default=1000, help="number of theories (default 1000)")
    parser.add_argument("--seed", type=non_negative, help="override the recipe's seed")
    parser.add_argument("--workers", type=positive, default=1, help="processes (the bytes do not depend on it)")
    parser.add_argument("--shard-size", type=positive, help="theories per shard file (default: the recipe's)")
    parser.add_argument("--format", dest="output_format", default="native", choices=OUTPUT_FORMATS)
    parser.add_argument(
        "--overwrite",
        action="store_true",
        help="replace the dataset the folder holds if it has another recipe or -n (built aside, then swapped in)",
    )
    add_ray_argument(parser, "--workers")


def run(args: argparse.Namespace) -> int:
    """Write the dataset (`generator.dataset.write_dataset`), then say what it holds and where."""
    import dataclasses

    from proofloom.cli.progress import Progress
    from proofloom.cli.recipes import load_recipe
    from proofloom.generator.dataset import OutputFormat, write_dataset
    from proofloom.words import counted

    recipe = load_recipe(args.recipe)
    if args.seed is not None:
        recipe = recipe.with_seed(args.seed)
    if args.shard_size is not None:
        recipe = dataclasses.replace(recipe, shard_size=args.shard_size)
    started = time.perf_counter()
    with contextlib.ExitStack() as stack:
        engine = None
        if args.ray is not None:
            from proofloom.scale.cluster import ray_session
            from proofloom.scale.shards import RayShards

            engine = RayShards(stack.enter_context(ray_session(ray_address(args), args.workers)))
        progress = stack.enter_context(Progress("theories", resumable=True))
        output_format = OutputFormat(args.output_format)
        manifest = write_dataset(
            recipe,
            Path(args.output),
            args.n,
            args.workers,
            output_format,
            progress.update,
            args.overwrite,
            progress.phase,
            engine=engine,
        )
    seconds = time.perf_counter() - started
    print(
        f"{counted(manifest['theories'], 'theory', 'theories')}, {counted(manifest['questions'], 'question')} "
        f"in {args.output} "
        f"({seconds:.1f}s); see its README.md for counts per cell and the shortcut audit"
    )
    return 0
