"""What each generated question carries beyond its label: other semantics, certificates, abductions."""

from __future__ import annotations

from proofloom.logic.semantics import Label, Semantics
from proofloom.logic.terms import Literal, Rule, Theory
from proofloom.logic.z3_encoding import Outcome, check_entailment
from proofloom.prover.reasoning.backward import BackwardChainer
from proofloom.prover.reasoning.chaining import Closure
from proofloom.prover.reasoning.classical import Gap
from proofloom.prover.reasoning.reasoner import Reasoner


def other_labels(
    theory: Theory, statement: Literal, label: Label, semantics: Semantics
) -> tuple[tuple[tuple[Semantics, Label], ...], Gap | None]:
    """Labels under the other semantics where they differ from `label` (cwa only for positive theories)."""
    differing: list[tuple[Semantics, Label]] = []
    gap = None
    if semantics is Semantics.OWA and all(s.content.positive for s in theory.facts if isinstance(s.content, Literal)):
        try:
            closed = Reasoner(theory, Semantics.CWA).answer(statement).label
        except ValueError:
            closed = None  # unstratified: the closed world gives no answer
        if closed is not None and closed is not label:
            differing.append((Semantics.CWA, closed))
    classical = Reasoner(theory, Semantics.CLASSICAL).answer(statement)
    if classical.label is not label:
        differing.append((Semantics.CLASSICAL, classical.label))
        gap = classical.gap
    return tuple(differing), gap


def counter_model(theory: Theory, statement: Literal) -> tuple[Literal, ...]:
    """A Z3 model of the theory where the statement is false: a certificate that it is not entailed."""
    verdict = check_entailment(theory, statement)
    return verdict.counter_model if verdict.outcome is Outcome.NOT_ENTAILED else ()


def abductions(theory: Theory, statement: Literal, limit: int = 8) -> tuple[Literal, ...]:
    """Single missing facts that would make `statement` provable (ProofWriter's meta-abduct question)."""
    closure = Closure(theory, closed_world=False)
    known = set(closure.known())
    chainer = BackwardChainer(theory)
    candidates: dict[Literal, None] = {}
    for _, instance, _ in chainer.relevant_instances(statement):
        for condition in instance.conditions:
            if condition not in known and condition.negated() not in known:
                candidates[condition] = None
    found = []
    for candidate in candidates:
        extended = Theory.of(*(s.content for s in theory.sentences if isinstance(s.content, Literal | Rule)), candidate)
        if BackwardChainer(extended).prove(statement) is not None:
            found.append(candidate)
            if len(found) == limit:
                break
    return tuple(sorted(found))
