"""The neural prover before and after a change, side by side in one run: the first dev questions proved by this
checkout and by the tree at a git revision (`NEURAL_BEFORE=<rev>`, default `1ac1206`, the last commit before the
speed work), each in its own Python process, alternated (`NEURAL_REPEATS`, default 2), so both meet the same load.

Each process reports its answers' figures (accuracy, True/False proof recall, Unknown precision, the do-nothing
floor, proposals per accepted step, rounds per question), the median CPU seconds a question and the whole
process's CPU seconds (start Python, import, load the model, prove every question). `PROOFLOOM_QUESTIONS` is how
many dev questions (default 30); `NEURAL_CONTROL` how many of them the random-weights control runs on (default 0).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from statistics import median
from typing import Any

from figure import DEV_FILE, Figure

ROOT = Path(__file__).resolve().parents[1]

# Run in each process, with that process's proofloom: prints one JSON object.
_CHILD = """
import json, resource, sys, time
from proofloom.logic.english import read_statement, read_theory
from proofloom.logic.semantics import Label
from proofloom.prover.loop.evaluation import Scored, evaluate
from proofloom.prover.loop.refine import prove
from proofloom.prover.neural.model import default_model
from proofloom.prover.neural.propose import NeuralStepModel, random_weights
from proofloom.prover.reasoning.reasoner import Reasoner

dev, wanted, control_wanted = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
gold_of = {"A": Label.TRUE, "B": Label.FALSE, "C": Label.UNKNOWN}
questions = []
for record in json.load(open(dev))[:wanted]:
    theory = read_theory(record["context"])
    statement = read_statement(record["question"].rsplit("? ", 1)[-1])
    questions.append((theory, statement, gold_of[record["answer"]], Reasoner(theory).answer(statement).depth))

def run(model, chosen):
    scored, seconds = [], []
    for theory, statement, gold, depth in chosen:
        started = time.process_time()
        attempt = prove(theory, statement, model, max_rounds=24, feedback=6)
        seconds.append(time.process_time() - started)
        scored.append(Scored(attempt, gold, depth))
    return scored, seconds

model = NeuralStepModel(default_model())
scored, seconds = run(model, questions)
result = evaluate(scored, 24)
out = {
    "questions": result.questions,
    "accuracy": result.accuracy,
    "recall": result.gold_proved / max(result.gold_provable, 1),
    "provable": result.gold_provable,
    "unknown_precision": result.answered_unknown_right / max(result.answered_unknown, 1),
    "answered_unknown": result.answered_unknown,
    "floor": result.floor / max(result.questions, 1),
    "verified": result.verified,
    "proofs": result.proofs,
    "proposals_per_step": result.proposals / max(result.accepted, 1),
    "rounds_per_question": result.rounds / max(result.questions, 1),
    "labels": [s.attempt.label.value for s in scored],
    "seconds": seconds,
    "rules_asked": getattr(model, "rules_asked", None),  # None: a proposer that asks every rule
    "rules_offered": getattr(model, "rules_offered", None),
}
if control_wanted:
    control, _ = run(random_weights(default_model(), seed=0), questions[:control_wanted])
    checked = evaluate(control, 24)
    out["control_accuracy"] = checked.accuracy
    out["control_recall"] = checked.gold_proved / max(checked.gold_provable, 1)
usage = resource.getrusage(resource.RUSAGE_SELF)
out["process_cpu"] = usage.ru_utime + usage.ru_stime
print(json.dumps(out))
"""


def _tree_at(revision: str, folder: Path) -> Path | None:
    """The repository as it was at `revision`, unpacked under `folder` (None when git cannot give it)."""
    archive = folder / "before.tar"
    try:
        with archive.open("wb") as sink:
            subprocess.run(["git", "archive", revision], cwd=ROOT, stdout=sink, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    tree = folder / "before"
    with tarfile.open(archive) as bundle:
        bundle.extractall(tree, filter="tar")
    return tree


def _prove_in(tree: Path, questions: int, control: int) -> dict[str, Any]:
    environment = {**os.environ, "PYTHONPATH": str(tree), "OMP_NUM_THREADS": "1"}
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(DEV_FILE), str(questions), str(control)],
        cwd=tree,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    found: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


def _figures(name: str, runs: list[dict[str, Any]]) -> list[Figure]:
    first = runs[0]
    seconds = [median(run["seconds"]) for run in runs]
    processes = [float(run["process_cpu"]) for run in runs]
    summary = (
        f"{first['questions']} questions: accuracy {100 * float(first['accuracy']):.1f}%, recall "
        f"{100 * float(first['recall']):.1f}% of {first['provable']}, Unknown precision "
        f"{100 * float(first['unknown_precision']):.1f}% of {first['answered_unknown']}, floor "
        f"{100 * float(first['floor']):.1f}%, verified {first['verified']}/{first['proofs']}, proposals/step "
        f"{float(first['proposals_per_step']):.2f}, rounds/question {float(first['rounds_per_question']):.2f}"
    )
    if first.get("rules_offered"):
        summary += f", rules asked {first['rules_asked']} of {first['rules_offered']} offered"
    if "control_accuracy" in first:
        summary += f", random-weights control {100 * float(first['control_accuracy']):.1f}%"
    return [
        Figure(f"{name}: CPU s a question (median)", min(seconds), "s", f"best of {len(runs)}; {summary}"),
        Figure(f"{name}: whole process CPU s", min(processes), "s", "start, import, load the model, prove all"),
    ]


def measure() -> list[Figure]:
    revision = os.environ.get("NEURAL_BEFORE", "1ac1206")
    questions = int(os.environ.get("PROOFLOOM_QUESTIONS", "30"))
    control = int(os.environ.get("NEURAL_CONTROL", "0"))
    repeats = int(os.environ.get("NEURAL_REPEATS", "2"))
    if not DEV_FILE.exists():
        return [Figure("neural before/after (skipped: no dev file)", 0, "", "")]
    with tempfile.TemporaryDirectory() as scratch:
        before_tree = _tree_at(revision, Path(scratch))
        if before_tree is None:
            return [Figure(f"neural before/after (skipped: no revision {revision})", 0, "", "")]
        before: list[dict[str, Any]] = []
        after: list[dict[str, Any]] = []
        for _ in range(repeats):
            before.append(_prove_in(before_tree, questions, control))
            after.append(_prove_in(ROOT, questions, control))
    same = sum(a == b for a, b in zip(before[0]["labels"], after[0]["labels"], strict=True))
    ratio = min(median(r["seconds"]) for r in after) / min(median(r["seconds"]) for r in before)
    return [
        *_figures(f"before ({revision})", before),
        *_figures("after (this checkout)", after),
        Figure("after / before, CPU s a question", 100 * ratio, "%", f"same answer on {same} of {questions} questions"),
    ]
