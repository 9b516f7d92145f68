"""Generating datasets/proofwriter-owa-d5.toml on one core, all questions with all proofs, written as JSON.

Timed is what `proofloom generate` runs in each worker (`shard_text`: generate, write a line, drop the
example), best of three passes in CPU seconds; the audit reads the same examples, generated again, untimed.

Reference figures measured elsewhere (issue 5): RuleTaker's generator about 34 theories/s (3.3/s with
relations and negation), PrOntoQA about 17 examples/s at 5 hops, FLD about 30 core-seconds an example.
"""

from __future__ import annotations

import time
from pathlib import Path

from figure import Figure

from proofloom.generator.audit import audit
from proofloom.generator.dataset import shard_text
from proofloom.generator.generate import generate_example
from proofloom.generator.recipe import Recipe

RECIPES = Path(__file__).resolve().parents[1] / "datasets"


def measure() -> list[Figure]:
    figures = []
    for name, count in (("proofwriter-owa-d5", 1000), ("proofwriter-owa-d10", 200), ("fictional-owa-d5", 300)):
        recipe = Recipe.load(RECIPES / f"{name}.toml")
        seconds = float("inf")
        for _ in range(3):
            started = time.process_time()
            text = shard_text(recipe, 0, count)
            seconds = min(seconds, time.process_time() - started)
        size = len(text.encode("utf-8"))
        examples = [generate_example(recipe, i) for i in range(count)]
        questions = sum(len(e.questions) for e in examples)
        reference = "goal 1,000/s/core; RuleTaker 34/s (3.3/s Rel+Neg), PrOntoQA 17/s"
        figures.append(Figure(f"{name}: theories per CPU second", count / seconds, "theories/s", reference))
        figures.append(
            Figure(
                f"   questions per CPU second ({questions // count} a theory)",
                questions / seconds,
                "questions/s",
                f"{size / count / 1024:.1f} KiB of JSON a theory, all proofs",
            )
        )
        if name == "proofwriter-owa-d5":
            report = audit(examples)
            figures.append(
                Figure(
                    "   audit: surface classifier accuracy",
                    100 * report.classifier_accuracy,
                    "%",
                    f"chance {100 * report.chance:.1f}%",
                )
            )
            figures.append(
                Figure(
                    "   audit: polarity shortcut", 100 * report.polarity_accuracy, "%", "none 50%; ProofWriter 95.8%"
                )
            )
    return figures
