"""proofloom: generate ProofWriter-style reasoning benchmarks, prove with entailment trees, verify with Z3.

The names a researcher needs live here, each loaded on first use so that `import proofloom` stays fast. The tour
below uses every one of them and runs as a doctest.

Logic, in ProofWriter English or in the DSL:

>>> import proofloom
>>> theory = proofloom.read_theory("Bob is big. If something is big then it is red.")
>>> isinstance(theory, proofloom.Theory), proofloom.render_english(theory)
(True, 'Bob is big. If something is big then it is red.')
>>> print(proofloom.render_dsl(theory), end="")
big(bob).
big(X) -> red(X).
>>> proofloom.parse_theory("big(bob). big(X) -> red(X).").sentences[1].id
'rule1'
>>> statement = proofloom.read_statement("Bob is red.")
>>> isinstance(statement, proofloom.Literal), statement == proofloom.parse_literal("red(bob)")
(True, True)

An answer with its proof, from the symbolic reasoner under a named semantics:

>>> answer = proofloom.solve(theory, statement, proofloom.Semantics.OWA)
>>> answer.label is proofloom.Label.TRUE, answer.depth, isinstance(answer.proof, proofloom.EntailmentTree)
(True, 1, True)
>>> proofloom.Reasoner(theory, proofloom.Semantics.CWA).answer(proofloom.read_statement("Bob is not kind.")).label
<Label.TRUE: 'True'>

Anybody's explanation, checked step by step with Z3:

>>> proofloom.verify(theory, statement, "sent1 & sent2 -> hypothesis;").valid
True
>>> verdict = proofloom.Verifier(theory).verify(statement, "sent2 -> hypothesis;")
>>> verdict.valid, verdict.errors[0].error.value
(False, 'not_entailed')

The neural prover: the shipped step model proposes steps and the verifier checks each one; any `StepModel`
can stand in for it:

>>> proofloom.prove(theory, statement).verified
True
>>> class Scripted(proofloom.StepModel):
...     def propose(self, state, k):
...         return ["rule1 bob big -> bob red"]
>>> proofloom.prove(theory, statement, Scripted()).label
<Label.TRUE: 'True'>

Benchmarks from a recipe, where example i depends only on the recipe and i:

>>> import pathlib, tempfile
>>> recipe = proofloom.Recipe(seed=1)
>>> example = next(proofloom.generate(recipe, 1))
>>> with tempfile.TemporaryDirectory() as folder:
...     manifest = proofloom.write_dataset(recipe, pathlib.Path(folder), 2)
...     written = list(proofloom.read_examples(pathlib.Path(folder)))
>>> manifest["theories"], written[0] == example
(2, True)

Every error proofloom reports is a `ProofloomError` naming where it went wrong:

>>> try:
...     proofloom.parse_theory("big(bob")
... except proofloom.TheorySyntaxError as error:
...     print(error.line, error.column)
1 8
>>> try:
...     proofloom.read_theory("Bob is a big dog.")
... except proofloom.EnglishSyntaxError as error:
...     print(error.index, error.column, error.sentence)
1 14 Bob is a big dog.
>>> try:
...     proofloom.solve(proofloom.read_theory("Bob is not big."), statement, proofloom.Semantics.CWA)
... except proofloom.LogicError as error:
...     print(error)
triple1: closed-world theories state positive facts only (~big(bob))
>>> issubclass(proofloom.LimitError, proofloom.ProofloomError), proofloom.__version__.count(".")
(True, 2)
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from proofloom._version import __version__
from proofloom.errors import EnglishSyntaxError, LogicError, ProofloomError, TheorySyntaxError

if TYPE_CHECKING:  # the same names, seen by type checkers; at run time `__getattr__` loads them
    from proofloom.generator.dataset import read_examples, write_dataset
    from proofloom.generator.generate import generate
    from proofloom.generator.recipe import Recipe
    from proofloom.limits import LimitError
    from proofloom.logic.english import read_statement, read_theory, render_english
    from proofloom.logic.semantics import Label, Semantics
    from proofloom.logic.syntax import parse_literal, parse_theory, render_dsl
    from proofloom.logic.terms import Literal, Theory
    from proofloom.prover.loop.step_model import StepModel
    from proofloom.prover.neural.shipped import prove
    from proofloom.prover.proof.tree import EntailmentTree
    from proofloom.prover.reasoning.question import solve
    from proofloom.prover.reasoning.reasoner import Reasoner
    from proofloom.prover.verification.verifier import Verifier, verify

# Where each lazily loaded name lives; importing any of these modules pulls in lark, networkx, Z3 or torch.
_HOMES = {
    "Recipe": "proofloom.generator.recipe",
    "generate": "proofloom.generator.generate",
    "write_dataset": "proofloom.generator.dataset",
    "read_examples": "proofloom.generator.dataset",
    "Theory": "proofloom.logic.terms",
    "Literal": "proofloom.logic.terms",
    "read_theory": "proofloom.logic.english",
    "read_statement": "proofloom.logic.english",
    "render_english": "proofloom.logic.english",
    "parse_theory": "proofloom.logic.syntax",
    "parse_literal": "proofloom.logic.syntax",
    "render_dsl": "proofloom.logic.syntax",
    "Label": "proofloom.logic.semantics",
    "Semantics": "proofloom.logic.semantics",
    "EntailmentTree": "proofloom.prover.proof.tree",
    "Reasoner": "proofloom.prover.reasoning.reasoner",
    "solve": "proofloom.prover.reasoning.question",
    "Verifier": "proofloom.prover.verification.verifier",
    "verify": "proofloom.prover.verification.verifier",
    "StepModel": "proofloom.prover.loop.step_model",
    "prove": "proofloom.prover.neural.shipped",
    "LimitError": "proofloom.limits",
}

__all__ = [
    "EnglishSyntaxError",
    "EntailmentTree",
    "Label",
    "LimitError",
    "Literal",
    "LogicError",
    "ProofloomError",
    "Reasoner",
    "Recipe",
    "Semantics",
    "StepModel",
    "Theory",
    "TheorySyntaxError",
    "Verifier",
    "__version__",
    "generate",
    "parse_literal",
    "parse_theory",
    "prove",
    "read_examples",
    "read_statement",
    "read_theory",
    "render_dsl",
    "render_english",
    "solve",
    "verify",
    "write_dataset",
]


def __getattr__(name: str) -> object:
    """Load a public name from its home module on first use (PEP 562), and keep it for the next time."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'proofloom' has no attribute {name!r}")
    value: object = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
