"""Verification: the one step check, and whole explanations checked step by step with Z3 and diagnosed.

`check_step` is the only place a step is judged (premises entail the conclusion under a named semantics);
the `Verifier` adds grounding, structure and a diagnosis per failure (counter-model, repair), and the
refinement loop calls the same check. Every refusal is one `Reason`.
"""

from __future__ import annotations

from proofloom.prover.verification.batch import verify_file
from proofloom.prover.verification.reasons import Reason
from proofloom.prover.verification.step_check import StepCheck, check_step
from proofloom.prover.verification.verdicts import Diagnosis, StepVerdict, Verification
from proofloom.prover.verification.verifier import Verifier, verify

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
