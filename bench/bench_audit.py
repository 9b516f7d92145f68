"""The shortcut audit of every shipped recipe: 1,500 theories each (as the skeptic's audit in issue 20),
each classifier's held-out accuracy beside the majority label and the polarity rule beside 50%.

`python bench/bench_audit.py [THEORIES]` prints one block per recipe; `run.py audit` prints the same as figures.
"""

from __future__ import annotations

import sys
from multiprocessing import get_context
from pathlib import Path

from figure import Figure

from proofloom.generator.audit import AuditReport, audit
from proofloom.generator.generate import generate_example
from proofloom.generator.recipe import Recipe

RECIPES = Path(__file__).resolve().parents[1] / "datasets"
SHIPPED = sorted(RECIPES.glob("*.toml")) + sorted((RECIPES / "prontoqa").glob("*.toml"))


def _report(job: tuple[Path, int]) -> tuple[str, AuditReport]:
    path, theories = job
    recipe = Recipe.load(path)
    return recipe.name, audit(generate_example(recipe, i) for i in range(theories))


def reports(theories: int = 1500) -> list[tuple[str, AuditReport]]:
    with get_context("spawn").Pool(2) as pool:
        return pool.map(_report, [(p, theories) for p in SHIPPED if p.parent.name != "prontoqa"])


def measure() -> list[Figure]:
    figures = []
    for name, report in reports():
        floor = f"majority {100 * report.majority:.1f}%"
        for score in report.classifiers:
            figures.append(Figure(f"{name}: {score.name}", 100 * score.accuracy, "%", floor))
        figures.append(Figure(f"{name}: polarity shortcut", 100 * report.polarity_accuracy, "%", "none 50%"))
    return figures


if __name__ == "__main__":
    for name, report in reports(int(sys.argv[1]) if len(sys.argv) > 1 else 1500):
        print(f"== {name}")
        for line in report.lines():
            print(f"   {line}")
