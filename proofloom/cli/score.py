"""`proofloom score`: predictions against gold as the field reports them (ProofWriter's and EntailmentBank's tables)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from proofloom.cli.choices import INPUT_FORMATS

if TYPE_CHECKING:
    from proofloom.prover.scoring.metrics import Report

HELP = "score predicted answers and proofs against gold: accuracy by depth and label, proof accuracy, EntailmentBank F1"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The predictions, the gold, and where to write the figures as JSON."""
    parser.add_argument(
        "predictions",
        help="JSON lines {id, label | answer, proof?}: solve's or prove's output, or an LLM's answers (proof as a "
        "ProofWriter proof string or EntailmentBank's linearized tree)",
    )
    parser.add_argument(
        "gold",
        help="the gold: a generated dataset folder or any file it holds, ProofWriter meta-*.jsonl, EntailmentBank "
        "JSONL, Parquet or Logic-LM JSON",
    )
    parser.add_argument("--gold-format", choices=INPUT_FORMATS, help="the gold's layout (default: detected)")
    parser.add_argument("--json", metavar="FILE", help="also write every figure to FILE as JSON (atomically)")


def run(args: argparse.Namespace) -> int:
    """Read both sides (`generator.formats.problems.read_gold`, `prover.scoring`), print the tables, write the JSON."""
    import json
    from pathlib import Path

    from proofloom.atomic import write_text_atomic
    from proofloom.cli.inputs import records_file
    from proofloom.generator.formats.problems import InputFormat, read_gold
    from proofloom.prover.scoring.predictions import read_predictions
    from proofloom.prover.scoring.scorer import score_predictions

    predictions = read_predictions(records_file(args.predictions))
    gold_format = InputFormat(args.gold_format) if args.gold_format else None
    golds = read_gold(records_file(args.gold), gold_format)
    report = score_predictions(golds, predictions)
    print("\n".join(table(report, len(predictions))))
    if args.json:
        figures = {"predictions": str(args.predictions), "gold": str(args.gold), **report.to_json()}
        write_text_atomic(Path(args.json), json.dumps(figures, indent=2) + "\n")
    return 0


def table(report: Report, predicted: int) -> list[str]:
    """The report as people read it: the headline, then by depth, by label, and EntailmentBank's metrics."""
    figures = report.to_json()
    overall = report.overall
    label, floor = report.majority
    lines = [
        f"{overall.questions} gold questions, {predicted} predictions; missing predictions: {report.missing} "
        f"(counted wrong); unreadable proofs: {report.unreadable_proofs}",
        f"answer accuracy {_count(overall.answers, overall.questions)} (floor: always {label} {floor:.2%})",
        f"proof accuracy  {_count(overall.proofs, overall.with_proofs)} (one gold proof matched; Unknown: none given)",
        f"full accuracy   {_count(overall.full, overall.with_proofs)} (answer and proof)",
        "",
        *_rows("depth", figures["by_depth"], figures),
        "",
        *_rows("label", figures["by_label"], figures),
    ]
    bank = figures["entailmentbank"]
    if bank["questions"]:
        lines += [
            "",
            f"EntailmentBank, over the {bank['questions']} questions with a gold proof:",
            f"{'':<15}{'F1':>8}{'AllCorrect':>12}",
        ]
        for part in ("leaves", "steps", "intermediates"):
            lines.append(f"{part:<15}{bank[part + '_f1']:>8.3f}{bank[part + '_all_correct']:>12.2%}")
        lines.append(f"{'overall':<15}{'':>8}{bank['overall_all_correct']:>12.2%}")
    return lines


def _rows(title: str, rows: dict[str, Any], overall: dict[str, Any]) -> list[str]:
    header = f"{title:<9}{'questions':>10}{'answer':>10}{'proof':>10}{'full':>10}"
    body = [_row(name, row) for name, row in rows.items()]
    return [header, *body, _row("all", overall)]


def _row(name: str, row: dict[str, Any]) -> str:
    return (
        f"{name:<9}{row['questions']:>10}{row['answer_accuracy']:>10.2%}"
        f"{_share(row['proof_accuracy']):>10}{_share(row['full_accuracy']):>10}"
    )


def _share(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2%}"


def _count(right: int, total: int) -> str:
    return f"{right}/{total} = {right / total:.2%}" if total else "n/a (the gold gives no proofs)"
