"""The refinement loop's checks before Z3: is a proposal a step, on what the run has, with one rule, to something new?

`admit` is the one place these checks are written. The loop (`refine._Run.check`) runs it on every proposal
and sends only what it admits to the verifier's step check (`check_step`); the step model's training data
(`prover.neural.data`) runs it on the near misses it shows the model as rejected, so the reason each carries
is the one the loop itself would give, from the same code, never a copy of its order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from proofloom.logic.terms import Literal, Rule, Theory
from proofloom.prover.loop.step_model import Derived
from proofloom.prover.loop.step_text import parse_step
from proofloom.prover.proof.tree import NodeKey
from proofloom.prover.verification.reasons import Reason
from proofloom.prover.verification.step_check import StepPremises


class Known:
    """What a step may rest on: the theory's sentences (by id), its stated facts, and the facts derived so far.

    A run adds each step it accepts (`add`); a training pair builds one from the derived facts of a state
    along a gold proof, numbered `d1`, `d2`, ... as the loop numbers them.
    """

    def __init__(
        self, theory: Theory, derived: Iterable[Derived] = (), assumed: frozenset[Literal] = frozenset()
    ) -> None:
        self.theory = theory
        self.facts = theory.fact_ids()  # computed once: every proposal is looked up in it
        self.by_id: dict[str, Literal] = {}
        self.derived: set[Literal] = set()
        self.assumed = assumed  # under cwa: negative literals that hold by failure, quotable as NAF premises
        for fact in derived:
            self.add(fact)

    def add(self, fact: Derived) -> None:
        """A derived fact, addressable from now on by its id or quoted."""
        self.by_id[fact.id] = fact.literal
        self.derived.add(fact.literal)

    def __contains__(self, literal: object) -> bool:
        """Is this literal stated or derived already?"""
        return literal in self.facts or literal in self.derived


@dataclass(frozen=True, slots=True)
class Admitted:
    """A proposal that passed the checks before Z3: what the step check gets, and what the proof tree records."""

    premises: StepPremises
    nodes: tuple[NodeKey, ...]  # the tree nodes the step rests on: theory fact ids, derived literals
    rule: str  # the one rule it applies
    conclusion: Literal


def admit(text: str, known: Known) -> Admitted | Reason:
    """A proposal admitted to the step check, or the reason the loop refuses it before Z3 is asked.

    In the loop's order: not a step (`unparseable`); an id that is neither derived nor a theory sentence,
    or a quoted fact neither stated nor derived (`unknown_premise`); not exactly one rule named
    (`needs_one_rule`); a conclusion stated or derived already (`already_known`). Pure: `known` is read,
    never changed.
    """
    parsed = parse_step(text)
    if parsed is None:
        return Reason.UNPARSEABLE
    sentence_ids: list[str] = []
    literals: list[Literal] = []
    nodes: list[NodeKey] = []
    rules: list[str] = []
    for name in parsed.premises:  # ids name derived facts or theory sentences
        if name in known.by_id:
            literals.append(known.by_id[name])
            nodes.append(known.by_id[name])
        elif name in known.theory:
            sentence_ids.append(name)
            is_rule = isinstance(known.theory[name].content, Rule)
            (rules if is_rule else nodes).append(name)
        else:
            return Reason.UNKNOWN_PREMISE
    naf: list[Literal] = []
    for literal in parsed.quoted:  # a quoted fact is derived in an earlier round, or stated, or (cwa) assumed
        if literal in known.derived:
            literals.append(literal)
            nodes.append(literal)
        elif literal in known.facts:
            sentence_ids.append(known.facts[literal])
            nodes.append(known.facts[literal])
        elif literal in known.assumed:
            literals.append(literal)
            naf.append(literal)
            nodes.append(literal)
        else:
            return Reason.UNKNOWN_PREMISE
    if len(rules) != 1:
        return Reason.NEEDS_ONE_RULE
    if parsed.conclusion in known:
        return Reason.ALREADY_KNOWN
    labels = (*parsed.premises, *(str(literal) for literal in parsed.quoted))
    premises = StepPremises(tuple(sentence_ids), tuple(literals), tuple(naf), labels=labels)
    return Admitted(premises, tuple(nodes), rules[0], parsed.conclusion)
