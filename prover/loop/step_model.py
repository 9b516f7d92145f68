"""The StepModel protocol: anything that proposes the next implication steps of a proof.

A transformers model, an LLM behind a callable, or a scripted test double: each gets the theory, the
statement, what has been derived so far and feedback on its rejected proposals, and proposes up to k
steps. Proposals are only candidates: the refinement loop verifies every one before it is used.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from proofloom.logic.semantics import Semantics
from proofloom.logic.terms import Literal, Theory
from proofloom.prover.verification.reasons import Reason


@dataclass(frozen=True, slots=True)
class Derived:
    """A fact derived in an earlier round, with the id proposals use for it (`d1`, `d2`, ...)."""

    id: str
    literal: Literal


@dataclass(frozen=True, slots=True)
class Rejection:
    """A proposal the loop refused, and why: a `Reason`, shown to a model as its word (`reason.value`)."""

    text: str
    error: Reason


@dataclass(frozen=True, slots=True)
class ProofState:
    """Everything a step model sees in one round."""

    theory: Theory
    statement: Literal
    derived: tuple[Derived, ...] = ()
    rejected: tuple[Rejection, ...] = ()  # the latest refusals, with reasons: what is fed back
    refused: frozenset[str] = frozenset()  # every proposal refused so far: never worth proposing again
    semantics: Semantics = Semantics.OWA  # what every step is checked under: which rules can bear on the goal


class StepModel(Protocol):
    """Proposes next steps as text: `triple1 rule3 -> Bob is red.` (premise ids, then the conclusion)."""

    def propose(self, state: ProofState, k: int) -> list[str]: ...
