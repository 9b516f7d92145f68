"""A question to answer: one statement about one theory, with what its source says about it."""

from __future__ import annotations

from dataclasses import dataclass, field

from proofloom.logic.semantics import Label
from proofloom.logic.terms import Literal, Theory
from proofloom.prover.proof.tree import EntailmentTree


@dataclass(frozen=True, slots=True)
class Problem:
    """One question about one theory, with what the source says about it."""

    id: str
    theory: Theory
    statement: Literal
    gold: Label | None = None
    gold_depth: int | None = None
    gold_proofs: str | None = None
    # ProofWriter's proofsWithIntermediates: each proof written alone, with its intermediates' texts
    gold_intermediates: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()
    context: str = field(default="", compare=False)  # the theory's source text: a cache key for solvers
    # the gold proofs as trees, where the source gives them ready (proofloom's shards, EntailmentBank, Parquet);
    # ProofWriter's are built from `gold_proofs` and `gold_intermediates` when asked (`formats.problems.gold_trees`)
    gold_trees: tuple[EntailmentTree, ...] = field(default=(), compare=False)


@dataclass(frozen=True, slots=True)
class BadRecord:
    """A record that could not be read, and where it was."""

    id: str
    where: str
    message: str
