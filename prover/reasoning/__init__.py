"""Symbolic reasoning: labels, depths and entailment trees under the open world, the closed world and classically.

Forward closure (semi-naive, stratified negation as failure), backward chaining, classical answers through
Z3, and proof enumeration, behind one `Reasoner`. It makes training data and baselines; it never supplies
the neural prover's steps.
"""

from __future__ import annotations

from proofloom.prover.reasoning.batch import Summary, solve_problems
from proofloom.prover.reasoning.chaining import Closure
from proofloom.prover.reasoning.question import solve
from proofloom.prover.reasoning.reasoner import Answer, Reasoner, Strategy

__all__ = ["Answer", "Closure", "Reasoner", "Strategy", "Summary", "solve", "solve_problems"]
