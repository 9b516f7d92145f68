"""Everything that answers, proves and checks, one subpackage a part, importing one way (top to bottom):

- `neural`: the small transformers step model, trained from scratch (imported only when asked for: torch);
- `loop`: the `StepModel` protocol and the refinement loop;
- `verification`: the one step check and the `Verifier`;
- `reasoning`: the symbolic `Reasoner` under owa, cwa and classical semantics;
- `proof`: `EntailmentTree` and its formats.

`Problem` (a question as read from a file) and the batch helpers sit beside them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from proofloom.lazy import lazy_names

if TYPE_CHECKING:  # the same names for type checkers; at run time each loads on first use
    from proofloom.prover.loop import ProofAttempt, ProofState, StepModel
    from proofloom.prover.problem import BadRecord, Problem
    from proofloom.prover.proof import EntailmentTree
    from proofloom.prover.reasoning import Answer, Reasoner
    from proofloom.prover.verification import Reason, Verification, Verifier, check_step, verify

_HOMES = {
    "ProofAttempt": "proofloom.prover.loop",
    "ProofState": "proofloom.prover.loop",
    "StepModel": "proofloom.prover.loop",
    "BadRecord": "proofloom.prover.problem",
    "Problem": "proofloom.prover.problem",
    "EntailmentTree": "proofloom.prover.proof",
    "Answer": "proofloom.prover.reasoning",
    "Reasoner": "proofloom.prover.reasoning",
    "Reason": "proofloom.prover.verification",
    "Verification": "proofloom.prover.verification",
    "Verifier": "proofloom.prover.verification",
    "check_step": "proofloom.prover.verification",
    "verify": "proofloom.prover.verification",
}

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

__getattr__, __dir__ = lazy_names(__name__, _HOMES)
