"""`proofloom prove`: every question of a file through the refinement loop with the neural step model."""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from proofloom.cli.choices import INPUT_FORMATS, SEMANTICS
from proofloom.cli.cluster import add_ray_argument, ray_address
from proofloom.cli.numbers import positive

HELP = "prove questions with the neural step model, every step verified"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The question file, the answers file, the model and the loop's settings."""
    parser.add_argument("input", help="questions, as for solve")
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        help="answers, one JSON line each; written as they come to OUTPUT.partial, so the same command run again "
        "resumes a stopped run, and renamed to OUTPUT when every question is answered",
    )
    parser.add_argument("--model", help="a model folder made by `proofloom train` (default: the shipped model)")
    parser.add_argument("--format", dest="input_format", choices=INPUT_FORMATS)
    parser.add_argument(
        "--semantics",
        choices=SEMANTICS,
        help="the semantics the questions are asked in; every step is checked under it (default: the input's, as "
        "ProofWriter's ids say OWA or CWA, else owa)",
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
    add_ray_argument(parser, "--workers")
    parser.add_argument("--workers", type=positive, help="with --ray: actors, each loading the model once (default 1)")


def run(args: argparse.Namespace) -> int:
    """One JSON line per question (`prover.loop.batch.prove_problems`, or on Ray `scale.batches.prove_on_ray`),
    each written as it is answered into `OUTPUT.partial` (the same command resumes a stopped run from it),
    then the summary and the scores of this run's questions."""
    from proofloom.cli.exits import status
    from proofloom.cli.inputs import input_semantics, records_file
    from proofloom.cli.output import answered_so_far, partial_path, write_json_lines_resumable
    from proofloom.cli.progress import Progress
    from proofloom.generator.formats.problems import InputFormat, read_problems
    from proofloom.prover.loop.batch import ProveSummary

    questions = records_file(args.input)
    input_format = InputFormat(args.input_format) if args.input_format else None
    semantics, problems = input_semantics(args.semantics, read_problems(questions, input_format))
    args.semantics = semantics.value  # what every part of the run is told
    if args.workers and not args.ray:
        from proofloom.errors import ProofloomError

        raise ProofloomError(
            f"--workers runs {args.workers} Ray actors, so it needs --ray (pip install 'proofloom[ray]')"
        )
    output = Path(args.output)
    done = {str(record["id"]) for record in answered_so_far(output)}  # a stopped run's answers: not asked again
    if done:
        print(f"resuming: {len(done)} answers already in {partial_path(output)}", flush=True)
        problems = (p for p in problems if p.id not in done)
    summary = ProveSummary()
    with contextlib.ExitStack() as stack:
        progress = stack.enter_context(Progress("questions"))

        def show(s: ProveSummary) -> None:
            progress.update(s.count, bad=s.errors)

        records = (
            _on_ray(args, problems, summary, show, stack)
            if args.ray
            else _here(args, problems, summary, show, progress.phase)
        )
        write_json_lines_resumable(output, records, stop_at_error=args.fail_fast)
    for line in summary.lines(args.max_rounds):
        print(line)
    return status(summary.errors)


def _model_folder(args: argparse.Namespace) -> Path:
    from proofloom.prover.neural.model import default_model

    return Path(args.model) if args.model else default_model()


def _here(
    args: argparse.Namespace,
    problems: Iterable[Any],
    summary: Any,
    show: Callable[[Any], None],
    phase: Callable[[str], None],
) -> Iterator[Any]:
    """The records proved in this process, with the model loaded once."""
    from proofloom.logic.semantics import Semantics
    from proofloom.prover.loop.batch import prove_problems
    from proofloom.prover.neural.propose import NeuralStepModel

    phase("loading the step model")
    model = NeuralStepModel(_model_folder(args), not args.unconstrained)
    semantics = Semantics.parse(args.semantics)
    settings = {"k": args.k, "max_rounds": args.max_rounds, "feedback": args.feedback}
    return prove_problems(problems, model, **settings, semantics=semantics, summary=summary, on_record=show)


def _on_ray(
    args: argparse.Namespace,
    problems: Iterable[Any],
    summary: Any,
    show: Callable[[Any], None],
    stack: contextlib.ExitStack,
) -> Iterator[Any]:
    """The records proved on Ray actors (a local Ray of --workers CPUs, or the cluster at --ray ADDRESS)."""
    from proofloom.logic.semantics import Semantics
    from proofloom.scale.batches import ProveSettings, prove_on_ray
    from proofloom.scale.cluster import ray_session

    session = stack.enter_context(ray_session(ray_address(args), args.workers or 1))
    settings = ProveSettings(
        _model_folder(args),
        not args.unconstrained,
        args.k,
        args.max_rounds,
        args.feedback,
        Semantics.parse(args.semantics),
    )
    return prove_on_ray(problems, settings, args.workers or session.cpus, summary, show)
