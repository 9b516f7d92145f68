"""Batch solving: label, depth and proof for every question of a file, one JSON line each."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from proofloom.errors import ProofloomError
from proofloom.logic.english import lexicon_of
from proofloom.logic.semantics import Semantics
from proofloom.logic.terms import Literal
from proofloom.prover.problem import BadRecord, Problem
from proofloom.prover.proof.entailmentbank import to_entailmentbank
from proofloom.prover.proof.proof_strings import to_proofwriter
from proofloom.prover.reasoning.reasoner import Answer, Reasoner, Strategy
from proofloom.prover.theory_cache import TheoryCache
from proofloom.words import counted

# A file's questions about one context need not come together (ProofWriter's dev set asks its 600 questions of
# 345 contexts in no order), so enough reasoners are kept that each context's closure is computed once.
REASONERS_KEPT = 1024


@dataclass(slots=True)
class Summary:
    """Running totals of a batch: counts, accuracy against gold, wall time."""

    semantics: Semantics
    count: int = 0
    errors: int = 0
    with_gold: int = 0
    correct: int = 0
    labels: Counter[str] = field(default_factory=Counter)
    started: float = field(default_factory=time.perf_counter)

    @property
    def seconds(self) -> float:
        return time.perf_counter() - self.started

    def line(self) -> str:
        accuracy = (
            f", accuracy {self.correct}/{self.with_gold} = {self.correct / self.with_gold:.2%}"
            if (self.with_gold)
            else ""
        )
        labels = ", ".join(f"{k} {v}" for k, v in sorted(self.labels.items()))
        return (
            f"solved {counted(self.count, 'question')} under {self.semantics.value} ({labels}){accuracy}; "
            f"{counted(self.errors, 'bad record')}; {self.seconds:.2f}s"
        )


def answer_record(problem: Problem, answer: Answer) -> dict[str, Any]:
    """The JSON line for one answered question."""
    return _record(problem, answer, _answer_fields(problem, answer))


def _answer_fields(problem: Problem, answer: Answer) -> dict[str, Any]:
    """What a record says of its answer (label, depth, both proofs written out): the same for every question
    that asks this statement of this theory."""
    fields: dict[str, Any] = {
        "label": answer.label.value,
        "depth": answer.depth,
        "proof": to_entailmentbank(answer.proof, lexicon_of(problem.context)) if answer.proof is not None else None,
        "proofwriter": to_proofwriter(answer.proofs) if answer.proofs else None,
        "semantics": answer.semantics.value,
    }
    if answer.gap is not None:
        fields["gap"] = answer.gap.value
    return fields


def _record(problem: Problem, answer: Answer, fields: dict[str, Any]) -> dict[str, Any]:
    record: dict[str, Any] = {"id": problem.id, **fields}
    if problem.gold is not None:
        record["gold"] = problem.gold.value
    return record


def solve_problems(
    problems: Iterable[Problem | BadRecord],
    semantics: Semantics,
    strategy: Strategy = Strategy.FORWARD,
    summary: Summary | None = None,
    on_record: Callable[[Summary], None] | None = None,
) -> Iterator[dict[str, Any]]:
    """Answer each problem (one reasoner per distinct theory); bad records pass through as error lines."""
    summary = summary or Summary(semantics)
    reasoners: TheoryCache[_Answering] = TheoryCache(REASONERS_KEPT)
    for item in problems:
        if isinstance(item, BadRecord):
            summary.errors += 1
            yield {"id": item.id, "error": f"{item.where}: {item.message}"}
            continue
        try:
            answering = reasoners.get(
                item.context or repr(item.theory),
                partial(_Answering, partial(Reasoner, item.theory, semantics, strategy=strategy)),
            )
            answer, fields = answering.answer(item)
        except ProofloomError as error:  # a limit, an unstratified theory under cwa: this record only
            summary.errors += 1
            yield {"id": item.id, "error": item.placed(str(error).splitlines()[0])}
            continue
        summary.count += 1
        summary.labels[answer.label.value] += 1
        if item.gold is not None:
            summary.with_gold += 1
            summary.correct += answer.label is item.gold
        if on_record:
            on_record(summary)
        yield _record(item, answer, fields)


class _Answering:
    """A theory's reasoner, and each statement's answer with its record fields once asked: a question asked
    again of the same theory (a file that repeats its questions) is one lookup, its proofs already written."""

    def __init__(self, make: Callable[[], Reasoner]) -> None:
        self.reasoner = make()
        self.answers: dict[Literal, tuple[Answer, dict[str, Any]]] = {}

    def answer(self, problem: Problem) -> tuple[Answer, dict[str, Any]]:
        found = self.answers.get(problem.statement)
        if found is None:
            answer = self.reasoner.answer(problem.statement)
            found = self.answers[problem.statement] = (answer, _answer_fields(problem, answer))
        return found
