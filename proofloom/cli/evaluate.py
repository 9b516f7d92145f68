"""`proofloom evaluate MODEL DATA`: a step model's report on any data, beside the do-nothing floor and a
random-weights control; as text, JSON and an SVG of accuracy by depth."""

from __future__ import annotations

import argparse
import contextlib
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from proofloom.cli.choices import INPUT_FORMATS, SEMANTICS
from proofloom.cli.numbers import non_negative, positive

if TYPE_CHECKING:
    from proofloom.logic.semantics import Semantics
    from proofloom.prover.loop.report import QuestionScore
    from proofloom.prover.problem import BadRecord, Problem

QUESTION_SUFFIXES = {".json", ".jsonl", ".parquet"}  # DATA named so is a question file even when missing

HELP = "score a step model on questions or a recipe: accuracy and proofs by depth and label, floor and control"
SHIPPED = "shipped"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The model, the data, where the report goes, the loop's settings and the control's size."""
    parser.add_argument("model", help=f"a model folder made by `proofloom train`, or {SHIPPED!r} for the shipped one")
    parser.add_argument(
        "data",
        help="questions with gold labels (any format solve reads, or a generated dataset folder), or a recipe "
        "(a TOML file or a shipped recipe's name), whose held-out examples are generated (-n)",
    )
    parser.add_argument("-n", type=positive, default=50, help="with a recipe: theories to generate (default 50)")
    parser.add_argument(
        "--start",
        type=non_negative,
        help="with a recipe: the first example index (default 10,000,000, far from every index training uses)",
    )
    parser.add_argument("--limit", type=positive, help="evaluate only the first LIMIT questions")
    parser.add_argument(
        "--depth",
        type=non_negative,
        help="evaluate only questions of this gold proof depth (where the data gives none, the reasoner's); "
        "with --limit, the first LIMIT of them",
    )
    parser.add_argument("--format", dest="input_format", choices=INPUT_FORMATS)
    parser.add_argument(
        "-o",
        "--output",
        help="the report as JSON; while the run goes, each question's scores are kept in OUTPUT.partial as it "
        "finishes, and the same command resumes a stopped run from there",
    )
    parser.add_argument("--plot", help="an SVG of accuracy by gold depth: the model, the floor and the control")
    parser.add_argument(
        "--control",
        type=non_negative,
        default=100,
        help="questions the random-weights control runs on, the first ones (default 100; 0: none)",
    )
    parser.add_argument("--seed", type=int, default=0, help="the seed of the control's weights (default 0)")
    parser.add_argument(
        "--semantics",
        choices=SEMANTICS,
        help="every step is checked under it (default: the recipe's, or the input's as ProofWriter's ids say it, "
        "else owa)",
    )
    parser.add_argument("--max-rounds", type=positive, default=24)
    parser.add_argument("-k", type=positive, default=8, help="proposals per round")
    parser.add_argument("--feedback", type=non_negative, default=6, help="latest rejections fed back (0: none)")
    parser.add_argument("--unconstrained", action="store_true", help="decode freely (default: held to a step)")


def run(args: argparse.Namespace) -> int:
    """Score the model, its floor and its control (`prover.loop.report.report`); print, then write what was asked.

    With `-o`, every question's scores go to `OUTPUT.partial` as it finishes (`cli.output`), marked with a
    fingerprint of the model, data and settings: the same command resumes a stopped run, asking the model only
    about the questions not yet scored; other settings are refused rather than mixed into one report."""
    from proofloom.atomic import write_text_atomic
    from proofloom.cli.progress import Progress
    from proofloom.logic.semantics import Semantics
    from proofloom.prover.loop.plot import accuracy_by_depth_svg
    from proofloom.prover.loop.report import LoopSettings, report
    from proofloom.prover.neural.model import default_model
    from proofloom.prover.neural.propose import NeuralStepModel, random_weights

    if args.semantics is None:
        args.semantics = _input_semantics(args)
    folder = default_model() if args.model == SHIPPED else Path(args.model)
    settings = LoopSettings(args.k, args.max_rounds, args.feedback, Semantics.parse(args.semantics))
    output = Path(args.output) if args.output else None
    run_id = _fingerprint(args, folder)
    done = _scored_so_far(output, run_id) if output is not None else []
    problems = _problems(args)
    if output is not None and done:
        print(f"resuming: {len(done)} questions already scored in {_partial(output)}", flush=True)
        problems = _after(problems, done, _partial(output))
    with contextlib.ExitStack() as stack:
        progress = stack.enter_context(Progress("questions"))
        progress.phase("loading the step model")
        model = NeuralStepModel(folder, not args.unconstrained)
        control = random_weights(folder, args.seed, not args.unconstrained) if args.control else None
        on_score = None
        if output is not None:
            from proofloom.atomic import make_folder

            partial = _partial(output)
            make_folder(partial.parent)
            stream = stack.enter_context(partial.open("a", encoding="utf-8"))

            def on_score(score: QuestionScore) -> None:
                stream.write(json.dumps({**score.to_json(), "run": run_id}) + "\n")
                stream.flush()

        def show(scored: int, bad: int) -> None:
            progress.update(scored, bad=bad)

        result = report(
            problems,
            model,
            control,
            settings=settings,
            control_limit=args.control,
            on_question=show,
            done=done,
            on_score=on_score,
        )
    for line in result.lines():
        print(line)
    if output is not None:
        record = {"model": str(folder), "data": args.data, "settings": _settings(args), **result.to_json()}
        write_text_atomic(output, json.dumps(record, indent=2) + "\n")
        _partial(output).unlink(missing_ok=True)
    if args.plot:
        lines = {"model": result.model, "do-nothing": result.floor}
        if result.control is not None:
            lines["random weights"] = result.control
        write_text_atomic(Path(args.plot), accuracy_by_depth_svg(lines, f"{folder.name} on {Path(args.data).name}"))
    return 0


def _after(
    problems: Iterable[Problem | BadRecord], done: list[QuestionScore], partial: Path
) -> Iterator[Problem | BadRecord]:
    """The problems after the first `len(done)`, which must be the ones scored, in order (by position, not by id:
    a file may repeat an id); data that changed since (another id there, another gold label) is refused."""
    from proofloom.errors import ProofloomError
    from proofloom.prover.problem import Problem

    iterator = iter(problems)
    for line, score in enumerate(done, start=1):
        item = next(iterator, None)
        gold = item.gold if isinstance(item, Problem) else None
        if item is None or item.id != score.id or (score.bad is None and gold is not score.gold):
            now = "nothing" if item is None else f"{item.id!r}" + (f" ({gold.value})" if gold else "")
            raise ProofloomError(
                f"{partial}:{line}: scored {score.id!r}, but the data now has {now} there: the data changed since; "
                f"remove {partial} to start afresh"
            )
    yield from iterator


def _partial(output: Path) -> Path:
    from proofloom.cli.output import partial_path

    return partial_path(output)


def _fingerprint(args: argparse.Namespace, folder: Path) -> str:
    """What makes two runs' scores one report: the model (its weights' size and time), the data, the settings."""
    import hashlib

    weights = folder / "model.safetensors"
    stamp = [weights.stat().st_size, weights.stat().st_mtime_ns] if weights.is_file() else None
    said = json.dumps([str(folder.resolve()), stamp, args.data, args.input_format, _settings(args)], sort_keys=True)
    return hashlib.sha256(said.encode("utf-8")).hexdigest()[:16]


def _scored_so_far(output: Path, run_id: str) -> list[QuestionScore]:
    """The scores a stopped run left in OUTPUT.partial (a line cut off mid-write dropped); refused when they were
    made with another model, other data or other settings."""
    from proofloom.cli.output import answered_so_far
    from proofloom.errors import ProofloomError
    from proofloom.prover.loop.report import QuestionScore

    records = answered_so_far(output)
    partial = _partial(output)
    scores = []
    for line, record in enumerate(records, start=1):
        if record.get("run") != run_id:
            raise ProofloomError(
                f"{partial}:{line}: scored by another run (other model, data or settings); rerun with the same "
                f"ones to resume it, or remove {partial} to start afresh"
            )
        try:
            scores.append(QuestionScore.from_json(record))
        except (KeyError, TypeError, ValueError) as error:
            wrong = f"{partial}:{line}: not a question's scores ({error!r}); remove it to start afresh"
            raise ProofloomError(wrong) from None
    return scores


def _input_semantics(args: argparse.Namespace) -> str:
    """A recipe's semantics, or the input's as its first question's id says it (`cli.inputs.input_semantics`)."""
    from proofloom.cli.inputs import input_semantics, records_file

    if not _is_question_file(Path(args.data)):
        from proofloom.cli.recipes import load_recipe

        return load_recipe(args.data).semantics.value
    from proofloom.generator.formats.problems import InputFormat, read_problems

    chosen = InputFormat(args.input_format) if args.input_format else None
    semantics, _ = input_semantics(None, read_problems(records_file(args.data), chosen))
    return semantics.value


def _is_question_file(path: Path) -> bool:
    return path.suffix.lower() in QUESTION_SUFFIXES or (
        path.exists() and not (path.is_file() and path.suffix == ".toml")
    )


def _problems(args: argparse.Namespace) -> Iterable[Problem | BadRecord]:
    """The questions: read from a file or folder, or generated from a recipe's held-out examples."""
    import itertools

    from proofloom.cli.inputs import records_file

    path = Path(args.data)
    if _is_question_file(path):
        from proofloom.generator.formats.problems import InputFormat, read_problems

        problems: Iterable[Problem | BadRecord] = read_problems(
            records_file(args.data), InputFormat(args.input_format) if args.input_format else None
        )
    else:
        from proofloom.cli.recipes import load_recipe
        from proofloom.generator.training import HELD_OUT_START, held_out_problems

        start = HELD_OUT_START if args.start is None else args.start
        problems = held_out_problems(load_recipe(args.data), args.n, start)
    if args.depth is not None:
        from proofloom.logic.semantics import Semantics

        problems = _at_depth(problems, args.depth, Semantics.parse(args.semantics))
    return itertools.islice(problems, args.limit) if args.limit else problems


def _at_depth(
    problems: Iterable[Problem | BadRecord], depth: int, semantics: Semantics
) -> Iterator[Problem | BadRecord]:
    """The problems whose gold depth is `depth` (the reasoner's where the data gives none), and every bad record
    (still counted as bad)."""
    from proofloom.logic.semantics import Label
    from proofloom.prover.problem import BadRecord
    from proofloom.prover.reasoning.reasoner import Reasoner

    for problem in problems:
        if isinstance(problem, BadRecord):
            yield problem
            continue
        found = problem.gold_depth
        if found is None and problem.gold is not None and problem.gold is not Label.UNKNOWN:
            found = Reasoner(problem.theory, semantics).answer(problem.statement).depth
        if found == depth:
            yield problem


def _settings(args: argparse.Namespace) -> dict[str, object]:
    names = (
        "n",
        "start",
        "limit",
        "depth",
        "control",
        "seed",
        "semantics",
        "max_rounds",
        "k",
        "feedback",
        "unconstrained",
    )
    return {name: getattr(args, name) for name in names}
