"""The symbolic reasoner: label, depth and entailment trees for a statement, under a named semantics.

- owa (ProofWriter's open world): True if forward chaining derives the statement, False if it
  derives the complement, Unknown otherwise; negative literals are explicit facts.
- cwa: negation as failure over a stratified theory; a literal not derived is false.
- classical: first-order entailment decided by Z3 (`prover/classical.py`), with the difference
  from owa named when there is one.
Depth is the height of the shallowest proof tree (ProofWriter's QDep; a fact is 0).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING

from proofloom.logic.semantics import Label, Semantics
from proofloom.logic.terms import Literal, Theory
from proofloom.prover.proof.tree import EntailmentTree
from proofloom.prover.reasoning.backward import BackwardChainer
from proofloom.prover.reasoning.chaining import Closure
from proofloom.prover.reasoning.proofs import all_trees, shallowest_tree

if TYPE_CHECKING:  # classical answers need Z3, loaded only when a question is asked classically
    from proofloom.prover.reasoning.classical import Gap


class Strategy(enum.Enum):
    """Forward chaining computes everything once (best for many questions about one theory);
    backward chaining touches only what one question depends on (open world, shallowest proof)."""

    FORWARD = "forward"
    BACKWARD = "backward"


@dataclass(frozen=True, slots=True)
class Answer:
    """A labelled statement with its proofs: of the statement for True, of its negation for False."""

    statement: Literal
    label: Label
    semantics: Semantics
    depth: int | None = None
    proofs: tuple[EntailmentTree, ...] = ()
    gap: Gap | None = None  # classical only: how the answer differs from owa's
    core: tuple[str, ...] = ()  # classical only: the sentences Z3 needed

    @property
    def proof(self) -> EntailmentTree | None:
        """The shallowest proof, if any."""
        return self.proofs[0] if self.proofs else None


class Reasoner:
    """Answers questions about one theory; the closure is computed once and shared by every question."""

    def __init__(
        self,
        theory: Theory,
        semantics: Semantics = Semantics.OWA,
        all_proofs: bool = False,
        strategy: Strategy = Strategy.FORWARD,
        closure: Closure | None = None,
    ) -> None:
        """`closure`: this theory's complete closure under these semantics, where a caller has made it already
        (and checked the theory's limits, as this does before it makes one)."""
        if closure is None:
            theory.check_limits()
        self.theory = theory
        self.semantics = semantics
        self.all_proofs = all_proofs
        self.strategy = strategy
        if closure is not None and (
            closure.theory is not theory or closure.stopped or closure.closed_world != (semantics is Semantics.CWA)
        ):
            raise ValueError("the closure given is not this theory's complete closure under these semantics")
        self._closure = closure

    @property
    def closure(self) -> Closure:
        if self._closure is None:
            closed = self.semantics is Semantics.CWA
            self._closure = Closure(self.theory, closed_world=closed)
        return self._closure

    def answer(self, statement: Literal) -> Answer:
        """Label `statement` and prove it (True) or its negation (False)."""
        if self.semantics is Semantics.CLASSICAL:
            from proofloom.prover.reasoning.classical import classical_answer

            # owa's chaining over the Horn rules: its proofs stand classically too (a disjunctive rule,
            # which chaining cannot use, only ever adds classical conclusions)
            owa = Reasoner(self.theory, Semantics.OWA, self.all_proofs, self.strategy)._answer_chaining(statement)
            return classical_answer(self.theory, statement, owa)
        self.theory.refuse_disjunctions(self.semantics.value)
        return self._answer_chaining(statement)

    def _answer_chaining(self, statement: Literal) -> Answer:
        if self.semantics is Semantics.CWA:
            return self._answer_closed_world(statement)
        if self.strategy is Strategy.BACKWARD and not self.all_proofs:
            return self._answer_backward(statement)
        return self._answer_open_world(statement)

    def _answer_backward(self, statement: Literal) -> Answer:
        chainer = BackwardChainer(self.theory)
        proof, refutation = chainer.prove(statement), chainer.prove(statement.negated())
        if proof is not None and refutation is not None:
            return Answer(statement, Label.INCONSISTENT, self.semantics)
        tree = proof if proof is not None else refutation
        if tree is None:
            return Answer(statement, Label.UNKNOWN, self.semantics)
        label = Label.TRUE if proof is not None else Label.FALSE
        return Answer(statement, label, self.semantics, tree.depth, (tree,))

    def _answer_open_world(self, statement: Literal) -> Answer:
        closure = self.closure
        holds, refuted = closure.holds(statement), closure.holds(statement.negated())
        if holds and refuted:
            return Answer(statement, Label.INCONSISTENT, self.semantics)
        if not holds and not refuted:
            return Answer(statement, Label.UNKNOWN, self.semantics)
        target = statement if holds else statement.negated()
        return self._proved(statement, Label.TRUE if holds else Label.FALSE, target)

    def _answer_closed_world(self, statement: Literal) -> Answer:
        closure = self.closure
        new = [c for c in statement.atom.constants() if c not in closure.domain]
        if new:  # a name the theory never mentions: the closed world ranges over it too
            wider = Closure(self.theory, closed_world=True, constants=new)
            return Reasoner(self.theory, self.semantics, self.all_proofs, self.strategy, wider)._answer_closed_world(
                statement
            )
        atom_holds = closure.holds(Literal(statement.atom))
        label = Label.TRUE if atom_holds == statement.positive else Label.FALSE
        target = statement if label is Label.TRUE else statement.negated()
        if target.positive:
            return self._proved(statement, label, target)
        naf = EntailmentTree(target, (), self.theory, naf=(target,))
        return Answer(statement, label, self.semantics, depth=0, proofs=(naf,))

    def _proved(self, statement: Literal, label: Label, target: Literal) -> Answer:
        if self.all_proofs:
            proofs = all_trees(self.closure, target)
        else:
            tree = shallowest_tree(self.closure, target)
            proofs = (tree,) if tree is not None else ()
        return Answer(statement, label, self.semantics, self.closure.height[target], proofs)
