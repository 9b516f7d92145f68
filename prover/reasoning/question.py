"""One question answered by the symbolic reasoner: its label, depth and shallowest proof under a named semantics.

>>> from proofloom.logic.english import read_statement, read_theory
>>> theory = read_theory("Bob is big. If something is big then it is red.")
>>> answer = solve(theory, read_statement("Bob is not red."))
>>> answer.label.value, answer.depth, str(answer.proof.conclusion)
('False', 1, 'red(bob)')
"""

from __future__ import annotations

from proofloom.logic.semantics import Semantics
from proofloom.logic.terms import Literal, Theory
from proofloom.prover.reasoning.reasoner import Answer, Reasoner, Strategy


def solve(
    theory: Theory, statement: Literal, semantics: Semantics = Semantics.OWA, strategy: Strategy = Strategy.FORWARD
) -> Answer:
    """Label `statement` about `theory` and prove it (True) or its negation (False).

    For many questions about one theory, keep one `Reasoner`: it computes the theory's closure once.
    """
    return Reasoner(theory, semantics, strategy=strategy).answer(statement)
