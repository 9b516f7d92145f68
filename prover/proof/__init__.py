"""Proof objects and their formats: the entailment tree and every way it is written, each a reader/writer pair.

`EntailmentTree` (a networkx DiGraph inside) is what every prover returns and every check walks;
ProofWriter's proof strings, EntailmentBank's linearized form and chains of thought read into it or
into an `Explanation` (steps as written, for the verifier) and are written from it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from proofloom.lazy import lazy_names

if TYPE_CHECKING:  # the same names for type checkers; at run time each loads on first use
    from proofloom.prover.proof.entailmentbank import from_entailmentbank, to_entailmentbank
    from proofloom.prover.proof.explanation import (
        Explanation,
        ExplanationFormat,
        parse_explanation,
        to_chain_of_thought,
    )
    from proofloom.prover.proof.proof_strings import from_proofwriter, to_proofwriter
    from proofloom.prover.proof.tree import EntailmentTree, Step, TreeError

_HOMES = {
    "from_entailmentbank": "proofloom.prover.proof.entailmentbank",
    "to_entailmentbank": "proofloom.prover.proof.entailmentbank",
    "Explanation": "proofloom.prover.proof.explanation",
    "ExplanationFormat": "proofloom.prover.proof.explanation",
    "parse_explanation": "proofloom.prover.proof.explanation",
    "to_chain_of_thought": "proofloom.prover.proof.explanation",
    "from_proofwriter": "proofloom.prover.proof.proof_strings",
    "to_proofwriter": "proofloom.prover.proof.proof_strings",
    "EntailmentTree": "proofloom.prover.proof.tree",
    "Step": "proofloom.prover.proof.tree",
    "TreeError": "proofloom.prover.proof.tree",
}

__all__ = [
    "EntailmentTree",
    "Explanation",
    "ExplanationFormat",
    "Step",
    "TreeError",
    "from_entailmentbank",
    "from_proofwriter",
    "parse_explanation",
    "to_chain_of_thought",
    "to_entailmentbank",
    "to_proofwriter",
]

__getattr__, __dir__ = lazy_names(__name__, _HOMES)
