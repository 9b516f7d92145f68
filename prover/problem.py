"""A question to answer: one statement about one theory, with what its source says about it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from proofloom.logic.semantics import Label, Semantics
from proofloom.logic.terms import Literal, Theory
from proofloom.prover.proof.tree import EntailmentTree

_SAID_SEMANTICS = re.compile(r"(?:^|[-_])(cwa|owa)(?=[-_]|$)", re.IGNORECASE)


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
    # where the source holds it (`q.jsonl:8`, `dev.json: record 3`), so that an error met while answering it
    # names the place as a reader's error does; not part of the question
    where: str = field(default="", compare=False)

    @property
    def semantics_said(self) -> Semantics | None:
        """The semantics the question's id says it was asked in, as ProofWriter's ids do (`AttNoneg-CWA-D2-3_Q1`,
        `ProofWriter_RelNeg-OWA-D5-745_Q8`) and generated ones from its recipes (`proofwriter-cwa-d5-0000001`)."""
        found = _SAID_SEMANTICS.search(self.id)
        return Semantics.parse(found.group(1)) if found else None

    def placed(self, message: str) -> str:
        """An error's message about this question, prefixed with where it came from when that is known."""
        return f"{self.where}: {message}" if self.where else message


@dataclass(frozen=True, slots=True)
class BadRecord:
    """A record that could not be read, and where it was."""

    id: str
    where: str
    message: str
