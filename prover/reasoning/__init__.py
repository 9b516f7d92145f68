"""Symbolic reasoning: labels, depths and entailment trees under the open world, the closed world and classically.

Forward closure (semi-naive, stratified negation as failure), backward chaining, classical answers through
Z3, and proof enumeration, behind one `Reasoner`. It makes training data and baselines; it never supplies
the neural prover's steps.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from proofloom.lazy import lazy_names

if TYPE_CHECKING:  # the same names for type checkers; at run time each loads on first use
    from proofloom.prover.reasoning.batch import Summary, solve_problems
    from proofloom.prover.reasoning.chaining import Closure
    from proofloom.prover.reasoning.question import solve
    from proofloom.prover.reasoning.reasoner import Answer, Reasoner, Strategy

_HOMES = {
    "Summary": "proofloom.prover.reasoning.batch",
    "solve_problems": "proofloom.prover.reasoning.batch",
    "Closure": "proofloom.prover.reasoning.chaining",
    "solve": "proofloom.prover.reasoning.question",
    "Answer": "proofloom.prover.reasoning.reasoner",
    "Reasoner": "proofloom.prover.reasoning.reasoner",
    "Strategy": "proofloom.prover.reasoning.reasoner",
}

__all__ = ["Answer", "Closure", "Reasoner", "Strategy", "Summary", "solve", "solve_problems"]

__getattr__, __dir__ = lazy_names(__name__, _HOMES)
