"""The refinement loop under the closed world: NAF premises the model may quote, and the closed world's answer
for what nothing derives, each verified (`naf(...)` leaves), with the real shipped model and real Z3."""

from __future__ import annotations

import pytest

from proofloom.logic.english import read_statement, read_theory
from proofloom.logic.semantics import Label, Semantics
from proofloom.prover.loop.by_failure import assumptions
from proofloom.prover.loop.refine import prove
from proofloom.prover.loop.report import DoNothing
from proofloom.prover.neural.shipped import shipped_model
from proofloom.prover.proof.entailmentbank import to_entailmentbank


@pytest.mark.parametrize(
    ("context", "statement", "expected", "proof"),
    [
        ("Bob is big.", "Bob is red.", Label.FALSE, "naf(Bob is not red.) -> hypothesis;"),
        ("Bob is big.", "Bob is not red.", Label.TRUE, "naf(Bob is not red.) -> hypothesis;"),
        (
            "Bob is big. If someone is big and not kind then they are red.",
            "Bob is red.",
            Label.TRUE,
            "sent1 & naf(Bob is not kind.) & sent2 -> hypothesis;",
        ),
    ],
)
def test_under_cwa_the_loop_answers_by_failure_and_quotes_naf_premises(
    context: str, statement: str, expected: Label, proof: str
) -> None:
    theory, asked = read_theory(context), read_statement(statement)
    attempt = prove(theory, asked, shipped_model(), semantics=Semantics.CWA)
    assert attempt.label is expected and attempt.verified and attempt.proof is not None
    assert to_entailmentbank(attempt.proof) == proof
    open_world = prove(theory, asked, shipped_model(), semantics=Semantics.OWA)
    assert open_world.label is Label.UNKNOWN and open_world.proof is None  # no NAF under the open world


def test_a_derivable_atom_is_never_assumed_false_and_the_floor_needs_the_model_for_it() -> None:
    theory = read_theory(
        "Bob is big. If someone is big then they are kind. If someone is big and not kind then they are red."
    )
    assert assumptions(theory, theory.constants()) == frozenset()  # kind(bob) follows: `not kind` never holds
    red = prove(theory, read_statement("Bob is red."), shipped_model(), semantics=Semantics.CWA)
    assert red.label is Label.FALSE and red.verified  # red(bob) is not derivable: False by failure
    kind = read_statement("Bob is kind.")
    assert prove(theory, kind, DoNothing(), semantics=Semantics.CWA).label is Label.UNKNOWN  # needs a step
    proved = prove(theory, kind, shipped_model(), semantics=Semantics.CWA)
    assert proved.label is Label.TRUE and proved.verified and proved.depth == 1
