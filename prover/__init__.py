"""Everything that answers, proves and checks, one subpackage a part, importing one way (top to bottom):

- `neural`: the small transformers step model, trained from scratch (imported only when asked for: torch);
- `loop`: the `StepModel` protocol and the refinement loop;
- `verification`: the one step check and the `Verifier`;
- `reasoning`: the symbolic `Reasoner` under owa, cwa and classical semantics;
- `proof`: `EntailmentTree` and its formats.

`Problem` (a question as read from a file) and the batch helpers sit beside them.
"""

from __future__ import annotations

from proofloom.prover.loop import ProofAttempt, ProofState, StepModel
from proofloom.prover.problem import BadRecord, Problem
from proofloom.prover.proof import EntailmentTree
from proofloom.prover.reasoning import Answer, Reasoner
from proofloom.prover.verification import Reason, Verification, Verifier, check_step, verify

__all__ = [
    "Answer",
    "BadRecord",
    "EntailmentTree",
    "ProofAttempt",
    "ProofState",
    "Problem",
    "Reason",
    "Reasoner",
    "StepModel",
    "Verification",
    "Verifier",
    "check_step",
    "verify",
]
