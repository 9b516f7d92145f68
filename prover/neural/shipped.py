"""The step model that ships inside the package, loaded once per process, as the default prover.

>>> from proofloom.logic.english import read_statement, read_theory
>>> theory = read_theory("Bob is big. If something is big then it is red.")
>>> attempt = prove(theory, read_statement("Bob is red."))
>>> attempt.label.value, attempt.verified, attempt.depth
('True', True, 1)
"""

from __future__ import annotations

from functools import cache

from proofloom.logic.semantics import Semantics
from proofloom.logic.terms import Literal, Theory
from proofloom.prover.loop.refine import ProofAttempt
from proofloom.prover.loop.refine import prove as refine
from proofloom.prover.loop.step_model import StepModel
from proofloom.prover.neural.model import default_model
from proofloom.prover.neural.propose import NeuralStepModel


@cache
def shipped_model() -> NeuralStepModel:
    """The shipped model (`prover/neural/step-model`), loaded on first use and shared after."""
    return NeuralStepModel(default_model())


def prove(
    theory: Theory, statement: Literal, model: StepModel | None = None, semantics: Semantics = Semantics.OWA
) -> ProofAttempt:
    """Prove `statement` (or its negation) from `theory` in the refinement loop; the shipped model by default.

    Every step the model proposes is checked under `semantics` before it is used, and the proof returned is
    checked again whole; for the loop's other settings call `prover.loop.refine.prove` itself.
    """
    return refine(theory, statement, model if model is not None else shipped_model(), semantics=semantics)
