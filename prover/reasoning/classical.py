"""Classical semantics: Z3 decides the label; unit propagation names how it differs from owa.

Unit propagation over the grounded rules (each rule usable forwards, or backwards by contraposition)
finds the classical conclusions that need no case split; what Z3 proves beyond it needs reasoning
by cases. A theory with no model is Inconsistent, whether or not owa's chaining sees the clash.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

from proofloom.limits import LIMITS
from proofloom.logic.grounding import domain, groundings
from proofloom.logic.semantics import Label, Semantics
from proofloom.logic.terms import Literal, Rule, Theory
from proofloom.logic.z3_encoding import Outcome, classical_verdict
from proofloom.prover.proof.tree import Direction, EntailmentTree, NodeKey, Step, collect_tree

if TYPE_CHECKING:
    from proofloom.prover.reasoning.reasoner import Answer


class Gap(enum.Enum):
    """Why a classical answer differs from owa's."""

    CONTRAPOSITION = "contraposition"  # a rule used backwards: from not-head, infer not-condition
    CASE_ANALYSIS = "case_analysis"  # true in every model, but only by splitting cases
    INCONSISTENCY = "inconsistency"  # the theory has no model, yet owa's chaining derives no clash


def classical_answer(theory: Theory, statement: Literal, owa: Answer, timeout_ms: int = LIMITS.z3_timeout_ms) -> Answer:
    """The classical label of `statement`, reusing owa's proofs where the two agree."""
    from proofloom.prover.reasoning.reasoner import Answer

    verdict = classical_verdict(theory, statement, timeout_ms)
    if verdict.consistent is Outcome.NOT_ENTAILED:
        gap = None if owa.label is Label.INCONSISTENT else Gap.INCONSISTENCY
        return Answer(statement, Label.INCONSISTENT, Semantics.CLASSICAL, gap=gap)
    if verdict.entails.holds:
        label, core = Label.TRUE, verdict.entails.core
    elif verdict.refutes.holds:
        label, core = Label.FALSE, verdict.refutes.core
    else:
        return Answer(statement, Label.UNKNOWN, Semantics.CLASSICAL)
    if label is owa.label:
        return Answer(statement, label, Semantics.CLASSICAL, owa.depth, owa.proofs, core=core)
    target = statement if label is Label.TRUE else statement.negated()
    tree = UnitPropagation(theory, [statement]).tree(target)
    if tree is None:
        return Answer(statement, label, Semantics.CLASSICAL, gap=Gap.CASE_ANALYSIS, core=core)
    return Answer(statement, label, Semantics.CLASSICAL, tree.depth, (tree,), Gap.CONTRAPOSITION, core)


class UnitPropagation:
    """Breadth-first unit propagation over ground rule instances, keeping the first (shallowest) reason."""

    def __init__(self, theory: Theory, extra: list[Literal]) -> None:
        self.theory = theory
        self.facts = theory.fact_ids()
        self.reasons: dict[Literal, Step] = {}
        constants = domain(theory, extra)
        self._instances = [
            (s.id, instance)
            for s in theory.rules
            if isinstance(s.content, Rule)
            for instance in groundings(s.content, constants)
        ]
        self._propagate()

    def _known(self, literal: Literal) -> bool:
        return literal in self.facts or literal in self.reasons

    def _propagate(self) -> None:
        while True:
            found: dict[Literal, Step] = {}
            for rule_id, instance in self._instances:
                for step in self._implied(rule_id, instance):
                    if not self._known(step.conclusion) and step.conclusion not in found:
                        found[step.conclusion] = step
            if not found:
                return
            self.reasons.update(found)

    def _implied(self, rule_id: str, instance: Rule) -> list[Step]:
        conditions, head = instance.conditions, instance.head
        steps: list[Step] = []
        if all(self._known(c) for c in conditions):
            steps.append(Step(head, tuple(self._node(c) for c in conditions), rule_id))
        if self._known(head.negated()):
            for i, condition in enumerate(conditions):
                others = conditions[:i] + conditions[i + 1 :]
                if all(self._known(c) for c in others):
                    premises = tuple(self._node(c) for c in others) + (self._node(head.negated()),)
                    steps.append(Step(condition.negated(), premises, rule_id, direction=Direction.CONTRAPOSITIVE))
        return steps

    def _node(self, literal: Literal) -> NodeKey:
        return self.facts.get(literal, literal)

    def tree(self, literal: Literal) -> EntailmentTree | None:
        """The propagation's proof of `literal`, or None when unit propagation does not reach it."""
        if literal not in self.facts and literal not in self.reasons:
            return None
        return collect_tree(literal, self.facts, self.reasons.__getitem__, self.theory)
