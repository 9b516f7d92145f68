"""Batch proving: every question of a file through the refinement loop with one step model, one JSON record each.

A record that could not be read, or a question over a limit, becomes a record with an `error` naming where,
and the batch goes on. The summary counts what was proved and verified and, where the source gives gold
answers, scores the attempts (`evaluation.evaluate`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from proofloom.errors import ProofloomError
from proofloom.logic.semantics import Semantics
from proofloom.logic.terms import Literal, Theory
from proofloom.prover.loop.evaluation import Scored, evaluate
from proofloom.prover.loop.refine import ProofAttempt, prove
from proofloom.prover.loop.step_model import StepModel
from proofloom.prover.problem import BadRecord, Problem
from proofloom.prover.proof.entailmentbank import to_entailmentbank
from proofloom.words import counted


@dataclass(slots=True)
class ProveSummary:
    """Running totals of a batch: questions proved, proofs verified, bad records, scored attempts, wall time."""

    count: int = 0
    verified: int = 0
    errors: int = 0
    scored: list[Scored] = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter)

    @property
    def seconds(self) -> float:
        return time.perf_counter() - self.started

    def lines(self, max_rounds: int) -> list[str]:
        """The summary line, then the scores against gold where there was any (`max_rounds` bounds their table)."""
        line = (
            f"proved {counted(self.count, 'question')} ({counted(self.verified, 'proof')} verified), "
            f"{counted(self.errors, 'bad record')}; "
            f"{self.seconds:.1f}s"
        )
        return [line, *(evaluate(self.scored, max_rounds).lines() if self.scored else [])]


def attempt_record(problem: Problem, attempt: ProofAttempt) -> dict[str, Any]:
    """The JSON record of one attempt: label, depth, the proof (EntailmentBank linearized), how the loop went.
    An answer without a proof (Unknown) says so: `proof` and `verified` are null. `steps` says how each proof
    step follows (`refine.reasoning_of`): a contrapositive step is marked, valid only classically."""
    return {
        "id": problem.id,
        "label": attempt.label.value,
        "depth": attempt.depth,
        "proof": to_entailmentbank(attempt.proof) if attempt.proof is not None else None,
        "verified": attempt.verified if attempt.proof is not None else None,  # no proof, no claim
        "steps": [{"conclusion": str(literal), "reasoning": how} for literal, how in attempt.reasoning],
        "rounds": len(attempt.rounds),
        "accepted": attempt.accepted,
        "rejected": attempt.rejected,
        **({"gold": problem.gold.value} if problem.gold else {}),
    }


def prove_problems(
    problems: Iterable[Problem | BadRecord],
    model: StepModel,
    *,
    k: int = 8,
    max_rounds: int = 24,
    feedback: int = 6,
    semantics: Semantics = Semantics.OWA,
    summary: ProveSummary | None = None,
    on_record: Callable[[ProveSummary], None] | None = None,
) -> Iterator[dict[str, Any]]:
    """Prove each problem with `model` (`refine.prove` with these settings, every step checked under `semantics`).

    One record each, in order; `summary` is kept up to date as they are yielded, and `on_record` sees it after each.
    """
    summary = summary if summary is not None else ProveSummary()
    attempt = partial(prove, model=model, k=k, max_rounds=max_rounds, feedback=feedback, semantics=semantics)
    for item in problems:
        record = _record(item, attempt, summary)
        if on_record:
            on_record(summary)
        yield record


def _record(
    item: Problem | BadRecord, attempt: Callable[[Theory, Literal], ProofAttempt], summary: ProveSummary
) -> dict[str, Any]:
    if isinstance(item, BadRecord):
        summary.errors += 1
        return {"id": item.id, "error": f"{item.where}: {item.message}"}
    try:
        proved = attempt(item.theory, item.statement)
    except ProofloomError as error:  # a limit: this record only
        summary.errors += 1
        return {"id": item.id, "error": item.placed(str(error).splitlines()[0])}
    summary.count += 1
    summary.verified += proved.proof is not None and proved.verified
    if item.gold:
        summary.scored.append(Scored(proved, item.gold, item.gold_depth))
    return attempt_record(item, proved)
