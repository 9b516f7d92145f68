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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from proofloom.errors import ProofloomError
from proofloom.logic.semantics import Label, Semantics
from proofloom.prover.loop.evaluation import Evaluation, Outcome, Scored, evaluate, share
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


@dataclass(frozen=True, slots=True)
class QuestionScore:
    """One question's runs (the model's, the floor's, the control's where it ran), or why it was left out (`bad`):
    what a resumable evaluation writes as a JSON line the moment the question is done."""

    id: str
    gold: Label | None = None
    depth: int | None = None
    model: Outcome | None = None
    floor: Outcome | None = None
    control: Outcome | None = None
    cpu_seconds: float = 0.0
    bad: str | None = None

    def to_json(self) -> dict[str, Any]:
        if self.bad is not None or self.gold is None or self.model is None or self.floor is None:
            return {"id": self.id, "bad": self.bad or "no gold label"}
        record: dict[str, Any] = {
            "id": self.id,
            "gold": self.gold.value,
            "depth": self.depth,
            "cpu_seconds": self.cpu_seconds,
            "model": self.model.to_json(),
            "do_nothing": self.floor.to_json(),
        }
        if self.control is not None:
            record["random_weights"] = self.control.to_json()
        return record

    @classmethod
    def from_json(cls, record: dict[str, Any]) -> QuestionScore:
        """The score `to_json` wrote (KeyError, TypeError or ValueError where the record is not one)."""
        if "bad" in record:
            return cls(str(record["id"]), bad=str(record["bad"]))
        control = record.get("random_weights")
        depth = record["depth"]
        return cls(
            str(record["id"]),
            Label(record["gold"]),
            None if depth is None else int(depth),
            Outcome.from_json(record["model"]),
            Outcome.from_json(record["do_nothing"]),
            None if control is None else Outcome.from_json(control),
            float(record["cpu_seconds"]),
        )


@dataclass
class _Tally:
    model: list[Scored] = field(default_factory=list)
    floor: list[Scored] = field(default_factory=list)
    control: list[Scored] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    bad: int = 0

    def add(self, score: QuestionScore) -> None:
        if score.bad is not None or score.gold is None or score.model is None or score.floor is None:
            self.bad += 1
            return
        self.model.append(Scored(score.model, score.gold, score.depth))
        self.floor.append(Scored(score.floor, score.gold, score.depth))
        if score.control is not None:
            self.control.append(Scored(score.control, score.gold, score.depth))
        self.seconds.append(score.cpu_seconds)


def report(
    problems: Iterable[Problem | BadRecord],
    model: StepModel,
    control: StepModel | None = None,
    *,
    settings: LoopSettings = LoopSettings(),
    control_limit: int = 100,
    on_question: Callable[[int, int], None] | None = None,
    done: Sequence[QuestionScore] = (),
    on_score: Callable[[QuestionScore], None] | None = None,
) -> Report:
    """Run every gold-labelled problem through the loop with `model`, `DoNothing` and (the first `control_limit`)
    `control`; `on_question(done, bad)` after each. Problems without a gold label, unreadable records and
    questions over a limit are counted as bad and left out.

    `done` are the scores of a stopped run (its questions are not among `problems`): they count as if this run
    had made them, the control's first questions included, so a resumed report equals an unstopped one.
    `on_score` is handed each new question's score as soon as it is made (to be written where a stop keeps it)."""
    tally = _Tally()
    for score in done:
        tally.add(score)
    for item in problems:
        if isinstance(item, BadRecord):
            score = QuestionScore(item.id, bad=item.message)
        elif item.gold is None:
            score = QuestionScore(item.id, bad="no gold label")
        else:
            try:
                score = _one(item, item.gold, model, control if len(tally.control) < control_limit else None, settings)
            except ProofloomError as error:  # a limit: this question only
                score = QuestionScore(item.id, bad=str(error))
        tally.add(score)
        if on_score:
            on_score(score)
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
    problem: Problem, gold: Label, model: StepModel, control: StepModel | None, settings: LoopSettings
) -> QuestionScore:
    depth = problem.gold_depth
    if depth is None and gold is not Label.UNKNOWN:
        depth = Reasoner(problem.theory, settings.semantics).answer(problem.statement).depth

    def attempt(with_model: StepModel) -> Outcome:
        proved = prove(
            problem.theory,
            problem.statement,
            with_model,
            settings.k,
            settings.max_rounds,
            feedback=settings.feedback,
            semantics=settings.semantics,
        )
        return Outcome.of(proved)

    started = time.process_time()
    by_model = attempt(model)
    seconds = time.process_time() - started
    floor = attempt(DoNothing())
    by_control = attempt(control) if control is not None else None
    return QuestionScore(problem.id, gold, depth, by_model, floor, by_control, seconds)
