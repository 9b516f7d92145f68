"""The refinement loop: propose -> verify -> accept or feed back -> propose again.

Each round the step model proposes k steps; each is checked (its ids exist and the facts it quotes are
stated or derived, one names a rule, Z3 says
the premises entail the conclusion, the conclusion is new). Valid ones become derived facts; rejected
ones go back to the model with the verifier's reason. The loop ends when the statement or its negation
is derived (True/False, with the verified entailment tree) or when `patience` rounds in a row bring
nothing new (Unknown, as the open world has it). The symbolic reasoner takes no part.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from proofloom.logic.grounding import domain
from proofloom.logic.semantics import Label
from proofloom.logic.terms import Literal, Rule, Theory
from proofloom.logic.z3_encoding import Outcome, StepSolver
from proofloom.prover.loop.step_model import Derived, ProofState, Rejection, StepModel
from proofloom.prover.loop.step_text import parse_step
from proofloom.prover.proof.entailmentbank import to_entailmentbank
from proofloom.prover.proof.tree import EntailmentTree, NodeKey, Step, collect_tree
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
    """What the loop found, and how: its rounds, proposals accepted and rejected, the verified proof."""

    label: Label
    proof: EntailmentTree | None
    verified: bool
    rounds: tuple[Round, ...] = ()

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
    derived: list[Derived] = field(default_factory=list)
    steps: dict[Literal, Step] = field(default_factory=dict)
    rejected: list[Rejection] = field(default_factory=list)

    def known(self, literal: Literal) -> bool:
        return literal in self.facts or literal in self.steps

    def __post_init__(self) -> None:
        self.facts = self.theory.fact_ids()
        self.by_id = {d.id: d.literal for d in self.derived}

    def check(self, text: str) -> str | None:
        """Accept a proposal (returns None) or say why not."""
        parsed = parse_step(text)
        if parsed is None:
            return "unparseable"
        sentence_ids: list[str] = []
        literals: list[Literal] = []
        nodes: list[NodeKey] = []
        rules = 0
        for name in parsed.premises:
            if name in self.by_id:
                literals.append(self.by_id[name])
                nodes.append(self.by_id[name])
                continue
            try:
                content = self.theory[name].content
            except KeyError:
                return "unknown_premise"
            sentence_ids.append(name)
            rules += isinstance(content, Rule)
            if not isinstance(content, Rule):
                nodes.append(name)
        for literal in parsed.quoted:  # a quoted fact: stated in the theory, or derived in an earlier round
            if literal in self.steps:
                literals.append(literal)
                nodes.append(literal)
            elif literal in self.facts:
                sentence_ids.append(self.facts[literal])
                nodes.append(self.facts[literal])
            else:
                return "unknown_premise"
        if rules != 1:
            return "needs_one_rule"
        if self.known(parsed.conclusion):
            return "already_known"
        verdict = self.solver.check(sentence_ids, literals, parsed.conclusion)
        if verdict.outcome is not Outcome.ENTAILED:
            return "not_entailed" if verdict.outcome is Outcome.NOT_ENTAILED else "timeout"
        rule = next(s for s in sentence_ids if isinstance(self.theory[s].content, Rule))
        self.steps[parsed.conclusion] = Step(parsed.conclusion, tuple(nodes), rule)
        identifier = f"d{len(self.derived) + 1}"
        self.derived.append(Derived(identifier, parsed.conclusion))
        self.by_id[identifier] = parsed.conclusion
        return None

    def label(self) -> Label:
        if self.known(self.statement):
            return Label.TRUE
        return Label.FALSE if self.known(self.statement.negated()) else Label.UNKNOWN

    def tree(self, target: Literal) -> EntailmentTree:
        return collect_tree(target, self.facts, self.steps.__getitem__, self.theory)


def prove(
    theory: Theory,
    statement: Literal,
    model: StepModel,
    k: int = 8,
    max_rounds: int = 24,
    patience: int = 4,
    feedback: int = 6,
) -> ProofAttempt:
    """Run the loop; every proof it returns has been checked again by the verifier, step by step.

    `feedback` is how many of the latest rejections the model is shown with their reasons; it is also told every
    step refused so far, never worth proposing again (0: neither, the loop without refinement).
    """
    run = _Run(theory, statement, StepSolver(theory, domain(theory, [statement])))
    rounds: list[Round] = []
    idle = 0
    while len(rounds) < max_rounds and run.label() is Label.UNKNOWN and idle < patience:
        latest = tuple(run.rejected[-feedback:]) if feedback else ()
        refused = frozenset(r.text for r in run.rejected) if feedback else frozenset()
        state = ProofState(theory, statement, tuple(run.derived), latest, refused)
        proposals = list(dict.fromkeys(model.propose(state, k)))
        outcomes = [run.check(text) for text in proposals]
        run.rejected += [Rejection(text, reason) for text, reason in zip(proposals, outcomes, strict=True) if reason]
        valid = outcomes.count(None)
        first_valid = bool(outcomes) and outcomes[0] is None
        rounds.append(Round(len(proposals), valid, first_valid, run.label()))
        idle = 0 if valid else idle + 1
    label = run.label()
    if label is Label.UNKNOWN:
        return ProofAttempt(label, None, True, tuple(rounds))
    target = statement if label is Label.TRUE else statement.negated()
    tree = run.tree(target)
    verified = Verifier(theory).verify(target, to_entailmentbank(tree)).valid
    return ProofAttempt(label, tree, verified, tuple(rounds))
