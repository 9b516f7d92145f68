"""The neural step model on the real dev file: answer accuracy by depth, proofs verified, CPU seconds a question.

Runs on the model folder named by PROOFLOOM_MODEL (made by `proofloom train`); skipped without one, as no
trained default ships yet. PROOFLOOM_QUESTIONS limits how many dev questions are tried (default 60).
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from pathlib import Path

from figure import DEV_FILE, Figure

from proofloom.logic.english import read_statement, read_theory
from proofloom.logic.semantics import Label
from proofloom.prover.neural.propose import NeuralStepModel
from proofloom.prover.reasoner import Reasoner
from proofloom.prover.refine import prove

GOLD = {"A": Label.TRUE, "B": Label.FALSE, "C": Label.UNKNOWN}


def measure() -> list[Figure]:
    folder = os.environ.get("PROOFLOOM_MODEL")
    if not folder or not DEV_FILE.exists():
        return [Figure("neural (skipped: set PROOFLOOM_MODEL to a trained model folder)", 0, "", "")]
    model = NeuralStepModel(Path(folder))
    records = json.loads(DEV_FILE.read_text())[: int(os.environ.get("PROOFLOOM_QUESTIONS", "60"))]
    right: Counter[object] = Counter()
    seen: Counter[object] = Counter()
    first_round = verified = proofs = round_zero = 0
    started = time.process_time()
    for record in records:
        theory = read_theory(record["context"])
        statement = read_statement(record["question"].rsplit("? ", 1)[-1])
        attempt = prove(theory, statement, model)
        depth = Reasoner(theory).answer(statement).depth
        seen[depth] += 1
        right[depth] += attempt.label is GOLD[record["answer"]]
        first_round += attempt.first_round_valid > 0
        round_zero += (attempt.labels_by_round[0] if attempt.labels_by_round else attempt.label) is GOLD[
            record["answer"]
        ]
        if attempt.proof is not None:
            proofs += 1
            verified += attempt.verified
    seconds = time.process_time() - started
    count = len(records)
    card = model.card
    figures = [
        Figure("answer accuracy", 100 * sum(right.values()) / count, "%", f"{count} dev questions; goal 99.7%"),
        Figure("   after round 1 only", 100 * round_zero / count, "%", "the refinement loop's gain is the difference"),
        Figure("proofs verified", 100 * verified / max(proofs, 1), "%", f"{proofs} proofs; goal 100%"),
        Figure("first round had a valid step", 100 * first_round / count, "%", "k proposals per round"),
        Figure(
            "CPU seconds a question",
            seconds / count,
            "s",
            f"{card.get('parameters', 0):,} parameters, trained {card.get('wall_seconds', 0):.0f}s",
        ),
    ]
    for depth in sorted(seen, key=lambda d: (d is None, d if d is not None else 0)):
        figures.append(
            Figure(f"   accuracy at depth {depth}", 100 * right[depth] / seen[depth], "%", f"{seen[depth]} q")
        )
    return figures
