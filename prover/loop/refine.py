"""The refinement loop: propose -> verify -> accept or feed back -> propose again.

Each round the step model proposes k steps; each is checked: its ids exist and the facts it quotes are
stated or derived, it names one rule, its conclusion is new (`admission.admit`, the checks the training
data's refusals come from too), and the verifier's own step check (`check_step`) accepts it under the
semantics the question is asked in (owa by default, where a contrapositive step is refused). Valid ones
become derived facts; rejected ones go back to the model with their `Reason`. The loop ends when the
statement or its negation is derived (True/False, with the verified entailment tree) or when `patience`
rounds in a row bring nothing new (Unknown, as the open world has it). The symbolic reasoner takes no part.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from proofloom.logic.grounding import domain
from proofloom.logic.semantics import Label, Semantics
from proofloom.logic.terms import Literal, Theory
from proofloom.logic.z3_encoding import StepSolver
from proofloom.prover.loop.admission import Known, admit
from proofloom.prover.loop.by_failure import assumptions, holds_by_failure, with_assumptions
from proofloom.prover.loop.step_model import Derived, ProofState, Rejection, StepModel
from proofloom.prover.proof.entailmentbank import to_entailmentbank
from proofloom.prover.proof.tree import EntailmentTree, Step, collect_tree
from proofloom.prover.verification.reasons import Reason
from proofloom.prover.verification.step_check import Classification, check_step
from proofloom.prover.verification.verifier import Verifier


@dataclass(frozen=True, slots=True)
class Round:
    """One round of the loop: what was proposed, which proposals were valid new steps, the label after it."""

    proposed: int
    valid: int
    first_valid: bool  # the model's top proposal was a valid new step
    label: Label


@dataclass(frozen=True, slots=True)
class ProofAttempt:
    """What the loop found, and how: its rounds, proposals accepted and rejected, the verified proof.

    `verified` says the proof passed the verifier again, step by step; with no proof (Unknown) it is False:
    nothing was shown, so nothing is claimed."""

    label: Label
    proof: EntailmentTree | None
    verified: bool
    rounds: tuple[Round, ...] = ()
    reasoning: tuple[tuple[Literal, str], ...] = ()  # each proof step's conclusion and how it follows (`reasoning_of`)

    @property
    def depth(self) -> int | None:
        return self.proof.depth if self.proof is not None else None

    @property
    def accepted(self) -> int:
        return sum(r.valid for r in self.rounds)

    @property
    def rejected(self) -> int:
        return sum(r.proposed - r.valid for r in self.rounds)

    def label_after(self, rounds: int) -> Label:
        """The answer the loop would have given had it stopped after `rounds` rounds (0: facts only)."""
        if rounds >= len(self.rounds):
            return self.label
        return self.rounds[rounds - 1].label if rounds else Label.UNKNOWN  # the loop runs only while Unknown


@dataclass
class _Run:
    theory: Theory
    statement: Literal
    solver: StepSolver
    semantics: Semantics
    derived: list[Derived] = field(default_factory=list)
    steps: dict[Literal, Step] = field(default_factory=dict)
    rejected: list[Rejection] = field(default_factory=list)
    reasoning: dict[Literal, str] = field(default_factory=dict)
    assumed: frozenset[Literal] = frozenset()  # under cwa: what holds by failure, quotable as NAF premises

    def __post_init__(self) -> None:
        self.known = Known(self.theory, self.derived, self.assumed)
        self.facts = self.known.facts

    def check(self, text: str) -> Reason | None:
        """Accept a proposal (returns None) or say why not: `admit`'s checks, then the verifier's step check."""
        admitted = admit(text, self.known)
        if isinstance(admitted, Reason):
            return admitted
        conclusion = admitted.conclusion
        checked = check_step(self.solver, admitted.premises, conclusion, self.semantics)
        if not checked.accepted:
            return checked.reason
        self.steps[conclusion] = Step(conclusion, admitted.nodes, admitted.rule)
        self.reasoning[conclusion] = reasoning_of(checked.classification)
        derived = Derived(f"d{len(self.derived) + 1}", conclusion)
        self.derived.append(derived)
        self.known.add(derived)
        return None

    def label(self) -> Label:
        statement = self.statement
        if statement in self.known or statement in self.assumed:
            return Label.TRUE
        negated = statement.negated()
        return Label.FALSE if negated in self.known or negated in self.assumed else Label.UNKNOWN

    def tree(self, target: Literal) -> EntailmentTree:
        return collect_tree(target, self.facts, self.steps.__getitem__, self.theory, self.assumed)


def prove(
    theory: Theory,
    statement: Literal,
    model: StepModel,
    k: int = 8,
    max_rounds: int = 24,
    patience: int = 4,
    feedback: int = 6,
    *,
    semantics: Semantics = Semantics.OWA,
) -> ProofAttempt:
    """Run the loop; every proof it returns has been checked again by the verifier, step by step.

    `feedback` is how many of the latest rejections the model is shown with their reasons; it is also told every
    step refused so far, never worth proposing again (0: neither, the loop without refinement). Steps are
    checked, and the proof verified, under `semantics`: the open world by default, as ProofWriter asks.
    The run holds its own Z3 session (its step solver's clause pool), gone when it returns.
    """
    constants = domain(theory, [statement])
    closed = semantics is Semantics.CWA
    assumed = assumptions(theory, constants) if closed else frozenset()
    run = _Run(theory, statement, StepSolver(theory, constants), semantics, assumed=assumed)
    shown = with_assumptions(theory, assumed)  # under cwa the model may quote what holds by failure
    negative = statement if not statement.positive else statement.negated()
    if closed and holds_by_failure(theory, negative):
        run.assumed = run.assumed | {negative}  # the closed world's answer, before any round: nothing derives it
    rounds: list[Round] = []
    idle = 0
    while len(rounds) < max_rounds and run.label() is Label.UNKNOWN and idle < patience:
        latest = tuple(run.rejected[-feedback:]) if feedback else ()
        refused = frozenset(r.text for r in run.rejected) if feedback else frozenset()
        state = ProofState(shown, statement, tuple(run.derived), latest, refused, semantics)
        proposals = list(dict.fromkeys(model.propose(state, k)))
        outcomes = [run.check(text) for text in proposals]
        run.rejected += [Rejection(text, reason) for text, reason in zip(proposals, outcomes, strict=True) if reason]
        valid = outcomes.count(None)
        first_valid = bool(outcomes) and outcomes[0] is None
        rounds.append(Round(len(proposals), valid, first_valid, run.label()))
        idle = 0 if valid else idle + 1
    label = run.label()
    if label is Label.UNKNOWN:
        return ProofAttempt(label, None, False, tuple(rounds))
    target = statement if label is Label.TRUE else statement.negated()
    tree = run.tree(target)
    verifier = Verifier(theory, pool=run.solver.pool, semantics=semantics)  # the run's Z3 session, warm
    verified = verifier.verify(target, to_entailmentbank(tree)).valid
    reasoning = tuple((step.conclusion, run.reasoning[step.conclusion]) for step in tree.steps())
    return ProofAttempt(label, tree, verified, tuple(rounds), reasoning)


def reasoning_of(classification: Classification | None) -> str:
    """How an accepted step follows, in a word: `rule` (one rule applied), `multi_hop`, `by_failure` (it rests
    on negation as failure), `contrapositive` (one rule used backwards, classical only) or `classical` (cases)."""
    if classification is None:
        return "rule"
    if classification.semantics is Semantics.CLASSICAL:
        return "classical" if classification.multi_hop else "contrapositive"
    if classification.by_failure:
        return "by_failure"
    return "multi_hop" if classification.multi_hop else "rule"
