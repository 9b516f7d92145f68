"""Proof objects and their formats: the entailment tree and every way it is written, each a reader/writer pair.

`EntailmentTree` (a networkx DiGraph inside) is what every prover returns and every check walks;
ProofWriter's proof strings, EntailmentBank's linearized form and chains of thought read into it or
into an `Explanation` (steps as written, for the verifier) and are written from it.
"""

from __future__ import annotations

from proofloom.prover.proof.entailmentbank import from_entailmentbank, to_entailmentbank
from proofloom.prover.proof.explanation import Explanation, ExplanationFormat, parse_explanation, to_chain_of_thought
from proofloom.prover.proof.proof_strings import from_proofwriter, to_proofwriter
from proofloom.prover.proof.tree import EntailmentTree, Step, TreeError

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
