"""`proofloom solve`: label, depth and proof for every question of a file, with the symbolic reasoner."""

from __future__ import annotations

import argparse
from pathlib import Path

from proofloom.cli.choices import INPUT_FORMATS, SEMANTICS, STRATEGIES

HELP = "answer every question of a file with the symbolic reasoner"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The question file, the answers file, and how to reason."""
    parser.add_argument(
        "input",
        help="questions: a generated dataset folder or any file it holds (a native shard, ProofWriter meta, "
        "EntailmentBank, Parquet, Logic-LM), ProofWriter meta-*.jsonl, or proofloom question JSONL",
    )
    parser.add_argument("-o", "--output", required=True, help="JSON lines out, written atomically")
    parser.add_argument(
        "--semantics",
        choices=SEMANTICS,
        help="owa, cwa (negation as failure) or classical (Z3); default: the input's (ProofWriter's ids say "
        "OWA or CWA), else owa; a disjunctive head "
        "('Each impus is a wumpus or a vumpus.') is answered by cases under classical only: owa and cwa refuse "
        "its record naming the rule",
    )
    parser.add_argument("--format", dest="input_format", choices=INPUT_FORMATS)
    parser.add_argument("--strategy", default="forward", choices=STRATEGIES)
    parser.add_argument("--fail-fast", action="store_true", help="stop at the first bad record")


def run(args: argparse.Namespace) -> int:
    """One JSON line per question (`prover.reasoning.batch.solve_problems`), then the summary line."""
    from proofloom.cli.exits import status
    from proofloom.cli.inputs import input_semantics, records_file
    from proofloom.cli.output import write_json_lines
    from proofloom.cli.progress import Progress
    from proofloom.generator.formats.problems import InputFormat, read_problems
    from proofloom.prover.reasoning.batch import Summary, solve_problems
    from proofloom.prover.reasoning.reasoner import Strategy

    input_format = InputFormat(args.input_format) if args.input_format else None
    semantics, problems = input_semantics(args.semantics, read_problems(records_file(args.input), input_format))
    summary = Summary(semantics)
    with Progress("questions") as progress:
        records = solve_problems(
            problems, semantics, Strategy(args.strategy), summary, lambda s: progress.update(s.count, bad=s.errors)
        )
        write_json_lines(Path(args.output), records, stop_at_error=args.fail_fast)
    print(summary.line())
    return status(summary.errors)
