"""Label shortcuts in every shipped recipe: `python bench/bench_shortcuts.py [-n THEORIES] [--features]`.

Issue 20 asks that on every shipped recipe the best classifier of the audit (`generator/audit.py`) stay
within 3 points of the majority label (held-out accuracy) and the polarity rule within 2 points of 50%.
Per recipe this prints the majority label's accuracy, each classifier's, the best one's edge over the
majority and its top features, and the polarity rule's accuracy on True/False questions; a last table
sums them up with whether each target is met. 300 theories leave about ±3 points of noise on the edge:
the default is 1,500 (as the skeptic's audit in the issue).

With `--features`, each structural feature is also scored alone (naive Bayes over that one count, capped
at 3, fitted on the audit's training part and scored on its held-out part), strongest first, with its mean
by label: which feature carries the label, and so what in construction to change.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

import numpy as np
from figure import Figure

from proofloom.generator.audit import LABELS, STRUCTURAL, AuditReport, audit
from proofloom.generator.audit_features import rows_of, structural_matrix
from proofloom.generator.generate import generate_example
from proofloom.generator.recipe import Recipe
from proofloom.logic.semantics import Semantics

RECIPES = Path(__file__).resolve().parents[1] / "datasets"
SHIPPED = sorted(RECIPES.glob("*.toml"))
MAX_EDGE = 0.03  # issue 20: best classifier within 3 points of the majority label
MAX_POLARITY = 0.02  # and the polarity rule within 2 points of 50%


@dataclass(frozen=True, slots=True)
class Single:
    """One structural feature scored alone: held-out accuracy, and its mean by label (True, False, Unknown)."""

    name: str
    accuracy: float
    means: tuple[float, ...]


@dataclass(frozen=True, slots=True)
class Measured:
    name: str
    semantics: Semantics
    report: AuditReport
    singles: tuple[Single, ...]


def _singles(rows: list[tuple[list[float], int, bool]]) -> tuple[Single, ...]:
    x = np.minimum(np.array([r[0] for r in rows]), 3).astype(np.int64)
    y = np.array([r[1] for r in rows])
    test = np.array([r[2] for r in rows])
    train = ~test
    out = []
    for f, name in enumerate(STRUCTURAL):
        counts = np.ones((4, len(LABELS)))
        for c in range(len(LABELS)):
            for v in range(4):
                counts[v, c] += ((x[train, f] == v) & (y[train] == c)).sum()
        prior = np.bincount(y[train], minlength=len(LABELS)) + 1.0
        likelihood = counts / counts.sum(axis=0, keepdims=True)
        predicted = np.argmax(np.log(prior) + np.log(likelihood[x[test, f]]), axis=1)
        raw = np.array([r[0][f] for r in rows])
        means = tuple(float(raw[y == c].mean()) if (y == c).any() else float("nan") for c in range(len(LABELS)))
        out.append(Single(name, float((predicted == y[test]).mean()), means))
    return tuple(sorted(out, key=lambda s: -s.accuracy))


def measure_recipe(job: tuple[Path, int, bool]) -> Measured:
    """Generate `theories` examples of the recipe and audit them (and, if asked, score each feature alone)."""
    path, theories, features = job
    recipe = Recipe.load(path)
    examples = [generate_example(recipe, i) for i in range(theories)]
    report = audit(examples)
    singles: tuple[Single, ...] = ()
    if features:
        audited, _ = rows_of(examples)  # the audit's own rows and held-out split
        table = structural_matrix(audited)
        rows = [
            (list(values), LABELS.index(row.question.label), row.held_out)
            for values, row in zip(table, audited, strict=True)
        ]
        singles = _singles(rows)
    return Measured(recipe.name, recipe.semantics, report, singles)


def measure_all(paths: Sequence[Path], theories: int, features: bool, jobs: int) -> list[Measured]:
    work = [(p, theories, features) for p in paths]
    if jobs <= 1:
        return [measure_recipe(w) for w in work]
    with get_context("spawn").Pool(jobs) as pool:
        return pool.map(measure_recipe, work)


def _print(results: list[Measured]) -> bool:
    for m in results:
        print(f"== {m.name} ({m.semantics.value})")
        for line in m.report.lines():
            print(f"   {line}")
        for single in m.singles[:8]:
            means = " / ".join(f"{v:.2f}" for v in single.means)
            print(f"   alone {100 * single.accuracy:5.1f}%  {single.name}  (mean T/F/U {means})")
    print()
    print(f"{'recipe':34} {'majority':>8} {'best':>6} {'edge':>6} {'polarity':>8}  targets")
    clean = True
    for m in results:
        r = m.report
        polarity_ok = abs(r.polarity_accuracy - 0.5) <= MAX_POLARITY
        ok = r.edge <= MAX_EDGE and polarity_ok
        clean &= ok
        print(
            f"{m.name:34} {100 * r.majority:7.1f}% {100 * r.best.accuracy:5.1f}% {100 * r.edge:+5.1f} "
            f"{100 * r.polarity_accuracy:7.1f}%  {'met' if ok else 'MISSED'}"
        )
    return clean


def measure() -> list[Figure]:
    """For `bench/run.py`: each shipped recipe's audit edge and polarity rule at 1,500 theories, as figures."""
    figures = []
    for m in measure_all(SHIPPED, 1500, False, min(2, os.cpu_count() or 1)):
        r = m.report
        figures.append(
            Figure(
                f"{m.name}: best audit classifier's edge over the majority label ({100 * r.majority:.1f}%)",
                100 * r.edge,
                "points",
                f"goal <= {100 * MAX_EDGE:.0f}; best: {r.best.name}",
            )
        )
        figures.append(
            Figure(
                f"{m.name}: polarity rule on True/False questions",
                100 * r.polarity_accuracy,
                "%",
                f"goal 50 +- {100 * MAX_POLARITY:.0f}; ProofWriter 95.8",
            )
        )
    return figures


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=1500, help="theories per recipe (default 1,500)")
    parser.add_argument("--features", action="store_true", help="also score each structural feature alone")
    parser.add_argument("--recipe", action="append", default=[], help="only recipes whose name contains this")
    parser.add_argument("-j", type=int, default=min(2, os.cpu_count() or 1), help="worker processes")
    args = parser.parse_args(argv)
    paths = [p for p in SHIPPED if not args.recipe or any(r in p.stem for r in args.recipe)]
    if not paths:
        print(f"no shipped recipe matches {args.recipe}", file=sys.stderr)
        return 2
    clean = _print(measure_all(paths, args.n, args.features, args.j))
    return 0 if clean else 1


if __name__ == "__main__":
    sys.exit(main())
