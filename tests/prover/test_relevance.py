"""Which rules a round asks the model about: those that can bear on the goal and fire on what is known."""

from __future__ import annotations

from proofloom.logic.semantics import Label, Semantics
from proofloom.logic.syntax import parse_literal, parse_theory
from proofloom.prover.loop.refine import prove
from proofloom.prover.loop.relevance import toward, worth_asking
from proofloom.prover.loop.step_model import ProofState
from proofloom.prover.loop.step_text import parse_step
from proofloom.prover.neural.model import default_model
from proofloom.prover.neural.propose import NeuralStepModel

# rule1-rule3 chain to red(bob); rule4 derives what no proof of red needs; rule5 needs a literal nothing gives
THEORY = parse_theory(
    "big(bob). cold(bob). kind(anne). "
    "big(X) -> young(X). young(X) -> ~round(X). ~round(X) -> red(X). "
    "kind(X) -> nice(X). ~big(X) -> red(X)."
)
RED = parse_literal("red(bob)")


def test_backward_from_the_goal_by_predicate_and_polarity() -> None:
    assert toward(THEORY, RED, Semantics.OWA) == {"rule1", "rule2", "rule3", "rule5"}
    assert toward(THEORY, parse_literal("~red(bob)"), Semantics.OWA) == {"rule1", "rule2", "rule3", "rule5"}
    assert toward(THEORY, parse_literal("nice(anne)"), Semantics.OWA) == {"rule4"}
    # cwa: a negated condition is decided by the rules of either polarity; classical: every rule may bear on it
    positive = parse_theory("big(bob). ~round(X) -> red(X). round(X) -> big(X). big(X) -> round(X).")
    assert toward(positive, RED, Semantics.OWA) == {"rule1"}
    assert toward(positive, RED, Semantics.CWA) == {"rule1", "rule2", "rule3"}  # round, then big
    assert toward(THEORY, RED, Semantics.CLASSICAL) == {f"rule{n}" for n in range(1, 6)}


def test_forward_from_what_is_known() -> None:
    stated = [s.content for s in THEORY.facts]
    relevant = toward(THEORY, RED, Semantics.OWA)
    assert worth_asking(THEORY, relevant, stated, Semantics.OWA) == ("rule1",)  # ~big: nothing stated says it
    later = [*stated, parse_literal("young(bob)")]
    assert worth_asking(THEORY, relevant, later, Semantics.OWA) == ("rule1", "rule2")
    # under cwa a negated condition may hold by failure; classically a rule may be used backwards
    assert worth_asking(THEORY, relevant, stated, Semantics.CWA) == ("rule1", "rule3", "rule5")
    every = toward(THEORY, RED, Semantics.CLASSICAL)
    assert worth_asking(THEORY, every, stated, Semantics.CLASSICAL) == tuple(f"rule{n}" for n in range(1, 6))


def test_the_model_is_asked_only_rules_worth_asking_and_still_proves() -> None:
    model = NeuralStepModel(default_model())
    proposals = model.propose(ProofState(THEORY, RED), 8)
    steps = [parse_step(text) for text in proposals]
    assert steps and all(step is not None and step.premises[0] == "rule1" for step in steps)
    attempt = prove(THEORY, RED, model)
    assert attempt.label is Label.TRUE and attempt.verified and attempt.proof is not None
    assert attempt.proof.depth == 3
