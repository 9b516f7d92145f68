"""`proofloom demo`: the main job end to end on the embedded defaults (`proofloom.demo.run_demo`)."""

from __future__ import annotations

import argparse
from pathlib import Path

from proofloom.cli.numbers import non_negative, positive

HELP = "run the main job end to end on the embedded defaults"
RECIPE = "proofwriter-owa-d5"  # the shipped recipe the demo generates from


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """How much to generate and prove, and where to keep the dataset."""
    parser.add_argument("-n", type=positive, default=20, help="theories to generate (default 20)")
    parser.add_argument("-o", "--output", help="keep the generated dataset in this folder")
    parser.add_argument(
        "--neural",
        type=non_negative,
        default=24,
        help="questions the neural step model proves (default 24: seconds each)",
    )


def run(args: argparse.Namespace) -> int:
    """Print the demo's report line by line; exit 1 if any label disagreed or any proof failed to verify."""
    from proofloom.cli.progress import Progress
    from proofloom.cli.recipes import load_recipe
    from proofloom.demo import DemoSummary, run_demo

    summary = DemoSummary()
    folder = Path(args.output) if args.output else None
    with Progress("theories generated") as progress:

        def stage(unit: str, done: int, total: int) -> None:
            progress.update(done, total, unit=unit)

        for line in run_demo(load_recipe(RECIPE), args.n, args.neural, folder, summary, stage):
            progress.clear()  # the report starts at the margin, not after the progress line
            print(line)
    return 0 if summary.ok else 1
