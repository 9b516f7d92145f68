"""The neural step model in the refinement loop: answer accuracy on the real dev file, what refinement buys,
depth generalisation, model size, training time and CPU seconds a question.

Model: PROOFLOOM_MODEL (a folder made by `proofloom train`), else the shipped default, which was trained on
proofs of depth 0-3 only (`datasets/step-model.toml`): its depth-5 figures are depth generalisation.
PROOFLOOM_QUESTIONS limits the dev questions tried (default all 600); PROOFLOOM_FREE_QUESTIONS the first
ones the ablations run on (refusals in the prompt, no feedback, decoding unconstrained; default 200);
PROOFLOOM_DEEP_QUESTIONS the
generated depth-5 questions (default 300, from `datasets/proofwriter-owa-d5.toml` at indices no training
run uses).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterable
from pathlib import Path

from figure import DEV_FILE, Figure

from proofloom.generator.generate import generate_example
from proofloom.generator.recipe import Recipe
from proofloom.logic.english import read_statement, read_theory
from proofloom.logic.semantics import Label
from proofloom.logic.terms import Literal, Theory
from proofloom.prover.loop.evaluation import Evaluation, Scored, evaluate
from proofloom.prover.loop.refine import prove
from proofloom.prover.neural.model import default_model
from proofloom.prover.neural.propose import BEAMS, NeuralStepModel, random_weights
from proofloom.prover.reasoning.reasoner import Reasoner

GOLD = {"A": Label.TRUE, "B": Label.FALSE, "C": Label.UNKNOWN}
ROUNDS = 24
DATASETS = Path(__file__).resolve().parents[1] / "datasets"
Question = tuple[Theory, Literal, Label, int | None]


def _dev_questions() -> list[Question]:
    records = json.loads(DEV_FILE.read_text())[: int(os.environ.get("PROOFLOOM_QUESTIONS", "600"))]
    found = []
    for record in records:
        theory = read_theory(record["context"])
        statement = read_statement(record["question"].rsplit("? ", 1)[-1])
        found.append((theory, statement, GOLD[record["answer"]], Reasoner(theory).answer(statement).depth))
    return found


def _generated_at_depth(depth: int, wanted: int) -> list[Question]:
    recipe = Recipe.load(DATASETS / "proofwriter-owa-d5.toml")
    found: list[Question] = []
    index = 10_000_000  # far from any index a training run generates
    while len(found) < wanted:
        example = generate_example(recipe, index)
        found += [(example.theory, q.statement, q.label, q.depth) for q in example.questions if q.depth == depth]
        index += 1
    return found[:wanted]


def _run(model: NeuralStepModel, questions: Iterable[Question], feedback: int) -> tuple[Evaluation, float]:
    scored, seconds = _scored(model, questions, feedback)
    return evaluate(scored, ROUNDS), seconds


def _scored(model: NeuralStepModel, questions: Iterable[Question], feedback: int) -> tuple[list[Scored], float]:
    scored = []
    started = time.process_time()
    for theory, statement, gold, depth in questions:
        scored.append(Scored(prove(theory, statement, model, max_rounds=ROUNDS, feedback=feedback), gold, depth))
    return scored, (time.process_time() - started) / max(len(scored), 1)


def measure() -> list[Figure]:
    folder = Path(os.environ.get("PROOFLOOM_MODEL") or default_model())
    if not DEV_FILE.exists() or not (folder / "model.safetensors").exists():
        return [Figure(f"neural (skipped: no dev file or no model in {folder})", 0, "", "")]
    model = NeuralStepModel(folder)
    card = model.card
    questions = _dev_questions()
    every, seconds = _scored(model, questions, feedback=6)
    asked, offered = model.rules_asked, model.rules_offered  # before the ablations add theirs
    full = evaluate(every, ROUNDS)
    subset = int(os.environ.get("PROOFLOOM_FREE_QUESTIONS", "200"))  # the ablations run on the first ones
    same = evaluate(every[:subset], ROUNDS)
    model.rejections_in_prompt = True
    shown, _ = _run(model, questions[:subset], feedback=6)
    model.rejections_in_prompt = False
    blind, _ = _run(model, questions[:subset], feedback=0)
    for line in full.lines():
        print("   ", line)
    size = sum(p.stat().st_size for p in folder.iterdir() if p.is_file()) / 2**20
    control = random_weights(folder, seed=0)  # the same architecture, tokenizer and decoding; weights drawn afresh
    randomised, _ = _run(control, questions[:subset], feedback=6)
    figures = [
        Figure("dev answer accuracy", 100 * full.accuracy, "%", f"{full.questions} questions; goal 99.7%"),
        Figure(
            "   do-nothing floor",
            100 * full.floor / max(full.questions, 1),
            "%",
            "the loop with a model that proposes no step: the facts answer some, Unknown to the rest "
            f"({100 * full.gold_unknown / max(full.questions, 1):.1f}% are Unknown)",
        ),
        Figure(
            "   random-weights control",
            100 * randomised.accuracy,
            "%",
            f"first {randomised.questions} questions ({100 * same.accuracy:.1f}% trained): same model, weights "
            f"re-drawn; True/False proof recall {100 * randomised.gold_proved / max(randomised.gold_provable, 1):.1f}%",
        ),
        Figure(
            "True/False proof recall",
            100 * full.gold_proved / max(full.gold_provable, 1),
            "%",
            f"{full.gold_provable} gold True/False questions answered with a verified proof (the loop's real work)",
        ),
        Figure(
            "Unknown precision",
            100 * full.answered_unknown_right / max(full.answered_unknown, 1),
            "%",
            f"{full.answered_unknown} answers Unknown (an Unknown is only the absence of a proof)",
        ),
        Figure(
            "   rejections in the prompt",
            100 * shown.accuracy,
            "%",
            f"first {shown.questions} questions ({100 * same.accuracy:.1f}% without): the latest 6 refusals "
            "written into each rule's prompt (default: only never proposed again)",
        ),
        Figure(
            "   no feedback",
            100 * blind.accuracy,
            "%",
            f"first {blind.questions} questions: the loop never tells the model what it refused",
        ),
        Figure("proofs verified", 100 * full.verified / max(full.proofs, 1), "%", f"{full.proofs} proofs; goal 100%"),
        Figure(
            "first proposal valid",
            100 * full.first_proposal_valid / max(full.first_round_questions, 1),
            "%",
            f"top proposal of round 1, {full.first_round_questions} questions",
        ),
        Figure("CPU seconds a question", seconds, "s", f"k=8, {BEAMS} beams a rule, up to {ROUNDS} rounds"),
        Figure(
            "rules asked a round",
            100 * asked / max(offered, 1),
            "%",
            f"{asked} of {offered}: the loop asks the model only about rules that bear on the statement and can "
            "fire on what is known (prover/loop/relevance.py, symbolic); the model writes every step",
        ),
        Figure("model size", size, "MB", f"{card.get('parameters', 0):,} parameters; limit 40 MB"),
        Figure("training wall time", card.get("wall_seconds", 0) / 60, "min", f"{card.get('device', 'cpu')}"),
    ]
    model.constrained = False
    free, _ = _run(model, questions[:subset], feedback=6)
    model.constrained = True
    figures.append(
        Figure(
            "   decoding unconstrained",
            100 * free.accuracy,
            "%",
            f"first {free.questions} questions: {100 * same.accuracy:.1f}% constrained; "
            f"first proposal valid {100 * free.first_proposal_valid / max(free.first_round_questions, 1):.1f}%",
        )
    )
    for depth, right, seen in full.by_depth:
        figures.append(Figure(f"   depth {depth}", 100 * right / seen, "%", f"{seen} questions"))
    deep = _generated_at_depth(5, int(os.environ.get("PROOFLOOM_DEEP_QUESTIONS", "300")))
    result, _ = _run(model, deep, feedback=6)
    trained_on = "depths 0-3 only" if card.get("recipe") == "step-model" else f"recipe {card.get('recipe')}"
    figures.append(
        Figure("generated depth 5", 100 * result.accuracy, "%", f"{len(deep)} questions; trained on {trained_on}")
    )
    return figures
