"""`proofloom prove`: every question of a file through the refinement loop with the neural step model."""

from __future__ import annotations

import argparse
from pathlib import Path

from proofloom.cli.choices import INPUT_FORMATS, SEMANTICS
from proofloom.cli.numbers import positive

HELP = "prove questions with the neural step model, every step verified"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The question file, the answers file, the model and the loop's settings."""
    parser.add_argument("input", help="questions, as for solve")
    parser.add_argument("-o", "--output", required=True)
    parser.add_argument("--model", help="a model folder made by `proofloom train` (default: the shipped model)")
    parser.add_argument("--format", dest="input_format", choices=INPUT_FORMATS)
    parser.add_argument(
        "--semantics",
        default="owa",
        choices=SEMANTICS,
        help="the semantics the questions are asked in; every step is checked under it (default owa, ProofWriter's)",
    )
    parser.add_argument("--max-rounds", type=positive, default=24)
    parser.add_argument("-k", type=positive, default=8, help="proposals per round")
    parser.add_argument(
        "--feedback",
        type=int,
        default=6,
        help="latest rejections fed back to the model (0: none, nor the list of steps it may not repeat)",
    )
    parser.add_argument(
        "--unconstrained",
        action="store_true",
        help="decode freely (default: held to the shape of a step, quoting listed facts)",
    )
    parser.add_argument("--fail-fast", action="store_true", help="stop at the first bad record")


def run(args: argparse.Namespace) -> int:
    """One JSON line per question (`prover.loop.batch.prove_problems`), then the summary and the scores."""
    from proofloom.cli.exits import status
    from proofloom.cli.inputs import records_file
    from proofloom.cli.output import write_json_lines
    from proofloom.cli.progress import Progress
    from proofloom.generator.formats.problems import InputFormat, read_problems
    from proofloom.logic.semantics import Semantics
    from proofloom.prover.loop.batch import ProveSummary, prove_problems
    from proofloom.prover.neural.model import default_model
    from proofloom.prover.neural.propose import NeuralStepModel

    questions = records_file(args.input)
    input_format = InputFormat(args.input_format) if args.input_format else None
    summary = ProveSummary()
    with Progress("questions") as progress:
        progress.phase("loading the step model")
        model = NeuralStepModel(Path(args.model) if args.model else default_model(), not args.unconstrained)
        records = prove_problems(
            read_problems(questions, input_format),
            model,
            k=args.k,
            max_rounds=args.max_rounds,
            feedback=args.feedback,
            semantics=Semantics.parse(args.semantics),
            summary=summary,
            on_record=lambda s: progress.update(s.count, bad=s.errors),
        )
        write_json_lines(Path(args.output), records, stop_at_error=args.fail_fast)
    for line in summary.lines(args.max_rounds):
        print(line)
    return status(summary.errors)
