"""Proving and verifying on Ray: batches of records sent to actors that each load the model (or Z3) once.

The records come back in input order, and each is what one process writes for it: a record's answer depends
only on the record (the model decodes by beam search, the verifier checks steps one by one), never on its batch.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from proofloom.logic.semantics import Semantics
from proofloom.prover.loop.batch import ProveSummary, prove_problems
from proofloom.prover.problem import BadRecord, Problem
from proofloom.prover.verification.batch import LineVerifier, VerifiedRecord, VerifySummary, file_lines
from proofloom.scale.cluster import in_order

Item = TypeVar("Item")
BATCH = 8  # records a task: big enough that a task outweighs Ray's overhead, small enough to spread a short file


@dataclass(frozen=True, slots=True)
class ProveSettings:
    """What `prove_problems` is told besides the problems and the model (the CLI's `prove` flags)."""

    model: Path
    constrained: bool = True
    k: int = 8
    max_rounds: int = 24
    feedback: int = 6
    semantics: Semantics = Semantics.OWA


class _Prover:
    """A Ray actor: the step model loaded once, proving batch after batch."""

    def __init__(self, settings: ProveSettings) -> None:
        from proofloom.prover.neural.propose import NeuralStepModel

        self.settings = settings
        self.model = NeuralStepModel(settings.model, settings.constrained)

    def prove(self, batch: list[Problem | BadRecord]) -> tuple[list[dict[str, Any]], ProveSummary]:
        s, summary = self.settings, ProveSummary()
        records = prove_problems(
            batch,
            self.model,
            k=s.k,
            max_rounds=s.max_rounds,
            feedback=s.feedback,
            semantics=s.semantics,
            summary=summary,
        )
        return list(records), summary


class _Verifier:
    """A Ray actor: one clause pool and a verifier per theory, verifying batch after batch of lines."""

    def __init__(self, semantics: Semantics) -> None:
        self.lines = LineVerifier(semantics)

    def verify(self, batch: list[tuple[str, str]]) -> list[VerifiedRecord]:
        return [self.lines.verify(line, where) for line, where in batch]


def prove_on_ray(
    problems: Iterable[Problem | BadRecord],
    settings: ProveSettings,
    actors: int,
    summary: ProveSummary | None = None,
    on_record: Callable[[ProveSummary], None] | None = None,
) -> Iterator[dict[str, Any]]:
    """`prove_problems` over `actors` Ray actors: the same records in the same order, `summary` kept up to date."""
    summary = summary if summary is not None else ProveSummary()
    for records, part in in_order(_Prover, (settings,), "prove", _batches(problems), actors):
        summary.count += part.count
        summary.verified += part.verified
        summary.errors += part.errors
        summary.scored.extend(part.scored)
        for record in records:
            if on_record:
                on_record(summary)
            yield record


def verify_on_ray(
    path: Path, semantics: Semantics, actors: int, summary: VerifySummary | None = None
) -> Iterator[VerifiedRecord]:
    """`verify_file` over `actors` Ray actors: the lines read here, verified there, the verdicts in file order."""
    summary = summary if summary is not None else VerifySummary()
    for records in in_order(_Verifier, (semantics,), "verify", _batches(file_lines(path)), actors):
        for record in records:
            summary.add(record.verification)
            yield record


def _batches(items: Iterable[Item]) -> Iterator[list[Item]]:
    stream = iter(items)
    while batch := list(itertools.islice(stream, BATCH)):
        yield batch
