"""Verification: the one step check, and whole explanations checked step by step with Z3 and diagnosed.

`check_step` is the only place a step is judged (premises entail the conclusion under a named semantics);
the `Verifier` adds grounding, structure and a diagnosis per failure (counter-model, repair), and the
refinement loop calls the same check. Every refusal is one `Reason`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from proofloom.lazy import lazy_names

if TYPE_CHECKING:  # the same names for type checkers; at run time each loads on first use
    from proofloom.prover.verification.batch import verify_file
    from proofloom.prover.verification.reasons import Reason
    from proofloom.prover.verification.step_check import StepCheck, check_step
    from proofloom.prover.verification.verdicts import Diagnosis, StepVerdict, Verification
    from proofloom.prover.verification.verifier import Verifier, verify

_HOMES = {
    "verify_file": "proofloom.prover.verification.batch",
    "Reason": "proofloom.prover.verification.reasons",
    "StepCheck": "proofloom.prover.verification.step_check",
    "check_step": "proofloom.prover.verification.step_check",
    "Diagnosis": "proofloom.prover.verification.verdicts",
    "StepVerdict": "proofloom.prover.verification.verdicts",
    "Verification": "proofloom.prover.verification.verdicts",
    "Verifier": "proofloom.prover.verification.verifier",
    "verify": "proofloom.prover.verification.verifier",
}

__all__ = [
    "Diagnosis",
    "Reason",
    "StepCheck",
    "StepVerdict",
    "Verification",
    "Verifier",
    "check_step",
    "verify",
    "verify_file",
]

__getattr__, __dir__ = lazy_names(__name__, _HOMES)
