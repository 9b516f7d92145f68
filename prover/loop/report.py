"""A step model's research report: its evaluation beside the do-nothing floor and a random-weights control.

Each question goes through the refinement loop three ways, with the same settings: with the model; with a
model that proposes nothing (`DoNothing`: the loop alone answers the questions whose statement, or its
negation, is a fact, and Unknown to the rest: the floor every figure stands on); and, on the first
`control_limit` questions, with a control (the same model with its weights drawn afresh: what the decoding,
the constraint and the verifier find without anything learned). A question whose source gives no gold depth
gets the depth of the symbolic reasoner's shallowest proof, the depth the field reports by (gold, never the
prover's steps). CPU seconds are the model's alone, per question.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from proofloom.errors import ProofloomError
from proofloom.logic.semantics import Label, Semantics
from proofloom.prover.loop.evaluation import Evaluation, Scored, evaluate, share
from proofloom.prover.loop.refine import prove
from proofloom.prover.loop.step_model import ProofState, StepModel
from proofloom.prover.problem import BadRecord, Problem
from proofloom.prover.reasoning.reasoner import Reasoner


class DoNothing:
    """A step model that never proposes a step: what the loop answers with no model at all."""

    def propose(self, state: ProofState, k: int) -> list[str]:
        return []


@dataclass(frozen=True, slots=True)
class LoopSettings:
    """The refinement loop's settings, the same for the model and its controls."""

    k: int = 8
    max_rounds: int = 24
    feedback: int = 6
    semantics: Semantics = Semantics.OWA


@dataclass(frozen=True, slots=True)
class Report:
    """The model's evaluation, the floor's (same questions) and the control's (the first questions)."""

    model: Evaluation
    floor: Evaluation
    control: Evaluation | None
    cpu_seconds: tuple[float, ...]  # the model's, one per question
    bad_records: int = 0

    def to_json(self) -> dict[str, object]:
        """Every figure of the model, with the floor's and the control's beside it."""
        seconds = self.cpu_seconds
        return {
            "model": self.model.to_json(),
            "do_nothing": self.floor.to_json(),
            "random_weights": self.control.to_json() if self.control is not None else None,
            "cpu_seconds_per_question": {
                "median": round(statistics.median(seconds), 4) if seconds else None,
                "mean": round(statistics.fmean(seconds), 4) if seconds else None,
            },
            "bad_records": self.bad_records,
        }

    def lines(self) -> list[str]:
        """The model's figures as text, then the floor's and the control's headline beside them."""
        out = ["model:", *(f"  {line}" for line in self.model.lines())]
        out.append(f"do-nothing (no step proposed): {_headline(self.floor)}")
        if self.control is not None:
            out.append(f"random weights (first {self.control.questions} questions): {_headline(self.control)}")
        if self.cpu_seconds:
            median, mean = statistics.median(self.cpu_seconds), statistics.fmean(self.cpu_seconds)
            out.append(f"model CPU seconds a question: median {median:.3f}, mean {mean:.3f}")
        if self.bad_records:
            out.append(f"{self.bad_records} records could not be read or were over a limit (left out)")
        return out


def _headline(evaluation: Evaluation) -> str:
    return (
        f"accuracy {share(evaluation.correct, evaluation.questions)}, True/False proof recall "
        f"{share(evaluation.gold_proved, evaluation.gold_provable)}, Unknown precision "
        f"{share(evaluation.answered_unknown_right, evaluation.answered_unknown)}"
    )


@dataclass
class _Tally:
    model: list[Scored] = field(default_factory=list)
    floor: list[Scored] = field(default_factory=list)
    control: list[Scored] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    bad: int = 0


def report(
    problems: Iterable[Problem | BadRecord],
    model: StepModel,
    control: StepModel | None = None,
    *,
    settings: LoopSettings = LoopSettings(),
    control_limit: int = 100,
    on_question: Callable[[int, int], None] | None = None,
) -> Report:
    """Run every gold-labelled problem through the loop with `model`, `DoNothing` and (the first `control_limit`)
    `control`; `on_question(done, bad)` after each. Problems without a gold label, unreadable records and
    questions over a limit are counted as bad and left out."""
    tally = _Tally()
    for item in problems:
        if isinstance(item, BadRecord) or item.gold is None:
            tally.bad += 1
        else:
            try:
                _one(item, item.gold, model, control if len(tally.control) < control_limit else None, settings, tally)
            except ProofloomError:  # a limit: this question only
                tally.bad += 1
        if on_question:
            on_question(len(tally.model), tally.bad)
    rounds = settings.max_rounds
    control_evaluation = evaluate(tally.control, rounds) if control is not None and tally.control else None
    return Report(
        evaluate(tally.model, rounds),
        evaluate(tally.floor, rounds),
        control_evaluation,
        tuple(tally.seconds),
        tally.bad,
    )


def _one(
    problem: Problem, gold: Label, model: StepModel, control: StepModel | None, settings: LoopSettings, tally: _Tally
) -> None:
    depth = problem.gold_depth
    if depth is None and gold is not Label.UNKNOWN:
        depth = Reasoner(problem.theory, settings.semantics).answer(problem.statement).depth

    def attempt(with_model: StepModel) -> Scored:
        proved = prove(
            problem.theory,
            problem.statement,
            with_model,
            settings.k,
            settings.max_rounds,
            feedback=settings.feedback,
            semantics=settings.semantics,
        )
        return Scored(proved, gold, depth)

    started = time.process_time()
    scored = attempt(model)
    tally.seconds.append(time.process_time() - started)
    tally.model.append(scored)
    tally.floor.append(attempt(DoNothing()))
    if control is not None:
        tally.control.append(attempt(control))
