"""proofloom: generate ProofWriter-style reasoning benchmarks, prove with entailment trees, verify with Z3."""

from __future__ import annotations

from proofloom._version import __version__
from proofloom.errors import EnglishSyntaxError, LogicError, ProofloomError, TheorySyntaxError

__all__ = [
    "EnglishSyntaxError",
    "LogicError",
    "ProofloomError",
    "TheorySyntaxError",
    "__version__",
]
