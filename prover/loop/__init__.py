"""The step-model loop: anything that proposes steps, and refinement (propose, check, feed back, retry).

A `StepModel` (the shipped neural model, an LLM behind a callable or an endpoint, a scripted double) sees a
`ProofState` and proposes steps as text; `prove` checks each with the verifier's own step check under the
question's semantics and feeds refusals back with their `Reason` until a verified tree answers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from proofloom.lazy import lazy_names

if TYPE_CHECKING:  # the same names for type checkers; at run time each loads on first use
    from proofloom.prover.loop.batch import prove_problems
    from proofloom.prover.loop.llm import CallableStepModel, ChatEndpointStepModel
    from proofloom.prover.loop.refine import ProofAttempt, prove
    from proofloom.prover.loop.step_model import Derived, ProofState, Rejection, StepModel
    from proofloom.prover.loop.supervision import StepRecord, Supervision

_HOMES = {
    "prove_problems": "proofloom.prover.loop.batch",
    "CallableStepModel": "proofloom.prover.loop.llm",
    "ChatEndpointStepModel": "proofloom.prover.loop.llm",
    "ProofAttempt": "proofloom.prover.loop.refine",
    "prove": "proofloom.prover.loop.refine",
    "Derived": "proofloom.prover.loop.step_model",
    "ProofState": "proofloom.prover.loop.step_model",
    "Rejection": "proofloom.prover.loop.step_model",
    "StepModel": "proofloom.prover.loop.step_model",
    "StepRecord": "proofloom.prover.loop.supervision",
    "Supervision": "proofloom.prover.loop.supervision",
}

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

__getattr__, __dir__ = lazy_names(__name__, _HOMES)
