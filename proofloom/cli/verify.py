"""`proofloom verify`: check every explanation of a file step by step with Z3, one verdict a line."""

from __future__ import annotations

import argparse
import contextlib
import itertools
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from proofloom.cli.choices import SEMANTICS
from proofloom.cli.cluster import add_ray_argument, ray_address
from proofloom.cli.numbers import positive

if TYPE_CHECKING:
    from proofloom.logic.terms import Theory
    from proofloom.prover.verification.batch import VerifiedRecord

HELP = "check explanations step by step with Z3 and diagnose failures"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The explanations file, the verdicts file, and the optional pictures folder."""
    parser.add_argument(
        "input",
        help="JSON lines: {id, context, statement, explanation, format?}; or a generated dataset (its folder or "
        "any file it holds but Logic-LM's, which has no proofs): every gold proof is verified",
    )
    parser.add_argument("-o", "--output", required=True, help="JSON lines out, written atomically")
    parser.add_argument(
        "--semantics",
        default="classical",
        choices=SEMANTICS,
        help="the semantics every step is checked under (default classical: first-order entailment, where a "
        "contrapositive step is valid; owa refuses it)",
    )
    parser.add_argument("--html", metavar="DIR", help="also draw each verified tree as an HTML page in DIR")
    parser.add_argument("--fail-fast", action="store_true", help="stop at the first record that cannot be read")
    add_ray_argument(parser, "--workers")
    parser.add_argument("--workers", type=positive, help="with --ray: actors, each with its own Z3 (default 1)")


def run(args: argparse.Namespace) -> int:
    """One JSON verdict per record (`prover.verification.batch.verify_file`), then the summary line."""
    from proofloom.cli.exits import status
    from proofloom.cli.inputs import records_file
    from proofloom.cli.output import write_json_lines
    from proofloom.cli.progress import Progress
    from proofloom.logic.semantics import Semantics
    from proofloom.prover.verification.batch import VerifySummary, verify_file
    from proofloom.words import counted

    if args.workers and not args.ray:
        from proofloom.errors import ProofloomError

        raise ProofloomError(
            f"--workers runs {args.workers} Ray actors, so it needs --ray (pip install 'proofloom[ray]')"
        )
    summary = VerifySummary()
    pictures = Path(args.html) if args.html else None
    unread: list[str] = []
    semantics = Semantics.parse(args.semantics)
    questions = records_file(args.input)
    with contextlib.ExitStack() as stack:
        questions, gold_errors = _explanations(questions, stack)
        if args.ray is None:
            verified = verify_file(questions, summary, semantics=semantics)
        else:
            from proofloom.scale.batches import verify_on_ray
            from proofloom.scale.cluster import ray_session

            session = stack.enter_context(ray_session(ray_address(args), args.workers or 1))
            verified = verify_on_ray(questions, semantics, args.workers or session.cpus, summary)
        records = stack.enter_context(Progress("explanations")).track(verified)
        verdicts = _verdicts(records, pictures, args.fail_fast, unread)
        write_json_lines(
            Path(args.output), itertools.chain(verdicts, _unread_gold(gold_errors, unread, args.fail_fast))
        )
    print(summary.line() + (f"; {counted(len(unread), 'bad record')}" if unread else ""))
    return status(len(unread))


def _explanations(path: Path, stack: contextlib.ExitStack) -> tuple[Path, list[dict[str, Any]]]:
    """`path` itself when it holds explanations; for a generated dataset, a file (in a temporary folder that `stack`
    removes) of its gold proofs as explanations, and the dataset's records that could not be read."""
    import json
    import tempfile

    from proofloom.generator.formats.problems import InputError, InputFormat, detect_format, explanation_records
    from proofloom.generator.formats.problems import read_problems as read_gold

    chosen = detect_format(path)
    if chosen is InputFormat.PROOFLOOM:
        return path, []
    if chosen is InputFormat.LOGICLM:
        raise InputError(f"{path}: the Logic-LM layout has no proofs: nothing to verify")
    folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="proofloom-verify-")))
    explanations = folder / "explanations.jsonl"
    errors: list[dict[str, Any]] = []
    if chosen is InputFormat.PRONTOQA:  # its gold proofs are chains of thought, as its authors wrote them
        from proofloom.generator.formats.prontoqa_json import prontoqa_explanations

        records: Iterator[dict[str, Any]] = prontoqa_explanations(path)
    else:
        records = explanation_records(read_gold(path, chosen))
    with explanations.open("w", encoding="utf-8") as stream:
        for record in records:
            if "error" in record:
                errors.append(record)
                continue
            stream.write(json.dumps(record) + "\n")
    return explanations, errors


def _unread_gold(errors: list[dict[str, Any]], unread: list[str], fail_fast: bool) -> Iterator[dict[str, Any]]:
    """The dataset's records that could not be read, each an error line (after the verdicts), counted in `unread`."""
    from proofloom.errors import BadRecordError

    for record in errors:
        unread.append(record["id"])
        if fail_fast:
            raise BadRecordError(record["error"])
        yield record


def _verdicts(
    records: Iterable[VerifiedRecord], pictures: Path | None, fail_fast: bool, unread: list[str]
) -> Iterator[dict[str, Any]]:
    """Each record's JSON, drawing its picture on the way; the ids of records not read go to `unread`, and with
    `fail_fast` the first one stops the run."""
    from proofloom.errors import BadRecordError

    for record in records:
        if record.theory is None:
            unread.append(record.id)
            if fail_fast:
                raise BadRecordError(record.verification.errors[0].message)
        if pictures is not None and record.theory is not None:
            _draw(record, record.theory, pictures)
        yield record.to_json()


def _draw(record: VerifiedRecord, theory: Theory, folder: Path) -> None:
    """The record's tree as `folder/<id>.html`, the id made a safe file name."""
    from proofloom.atomic import write_text_atomic
    from proofloom.prover.verification.render import render_html

    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", record.id)[:120]
    write_text_atomic(folder / f"{name}.html", render_html(record.verification, theory, record.id))
