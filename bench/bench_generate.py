"""Generating datasets/proofwriter-owa-d5.toml on one core, all questions with all proofs, written as JSON.

Reference figures measured elsewhere (issue 5): RuleTaker's generator about 34 theories/s (3.3/s with
relations and negation), PrOntoQA about 17 examples/s at 5 hops, FLD about 30 core-seconds an example.
"""

from __future__ import annotations

import time
from pathlib import Path

from figure import Figure

from proofloom.generator.audit import audit
from proofloom.generator.formats.native import example_line
from proofloom.generator.generate import generate_example
from proofloom.generator.recipe import Recipe

RECIPES = Path(__file__).resolve().parents[1] / "datasets"


def measure() -> list[Figure]:
    figures = []
    for name, count in (("proofwriter-owa-d5", 1000), ("proofwriter-owa-d10", 200), ("fictional-owa-d5", 300)):
        recipe = Recipe.load(RECIPES / f"{name}.toml")
        lexicon = recipe.vocabulary.resolve().lexicon
        started = time.process_time()
        examples = [generate_example(recipe, i) for i in range(count)]
        size = sum(len(example_line(e, lexicon)) for e in examples)
        seconds = time.process_time() - started
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
