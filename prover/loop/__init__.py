"""The step-model loop: anything that proposes steps, and refinement (propose, check, feed back, retry).

A `StepModel` (the shipped neural model, an LLM behind a callable or an endpoint, a scripted double) sees a
`ProofState` and proposes steps as text; `prove` checks each with the verifier's own step check under the
question's semantics and feeds refusals back with their `Reason` until a verified tree answers.
"""

from __future__ import annotations

from proofloom.prover.loop.batch import prove_problems
from proofloom.prover.loop.llm import CallableStepModel, ChatEndpointStepModel
from proofloom.prover.loop.refine import ProofAttempt, prove
from proofloom.prover.loop.step_model import Derived, ProofState, Rejection, StepModel
from proofloom.prover.loop.supervision import StepRecord, Supervision

__all__ = [
    "CallableStepModel",
    "ChatEndpointStepModel",
    "Derived",
    "ProofAttempt",
    "ProofState",
    "Rejection",
    "StepModel",
    "StepRecord",
    "Supervision",
    "prove",
    "prove_problems",
]
