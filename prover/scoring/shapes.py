"""A proof as the metrics see it: the sentences it rests on, and its steps as sets of premises with conclusions.

A gold proof comes as an `EntailmentTree`; a predicted one as text, in EntailmentBank's linearized form, a
ProofWriter proof string or a chain of thought, read leniently (`prover.proof.explanation`) so that a wrong proof
is still scored step by step instead of refused. Every shape ends in one step named `hypothesis`: a proof that is a
sentence of the theory is the step `sentN -> hypothesis`, as EntailmentBank writes it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from proofloom.errors import ProofloomError
from proofloom.logic.english import render_sentence
from proofloom.logic.terms import Literal, Theory
from proofloom.prover.proof.entailmentbank import HYPOTHESIS, sentence_position
from proofloom.prover.proof.explanation import Explanation, Premise, PremiseKind, parse_explanation
from proofloom.prover.proof.proof_strings import from_proofwriter
from proofloom.prover.proof.tree import EntailmentTree, NodeKey, NodeKind

SENTENCE, INTERMEDIATE, ASSUMED, UNRESOLVED = "sentence", "intermediate", "naf", "unresolved"


@dataclass(frozen=True, slots=True)
class Node:
    """A premise: a theory sentence (by id), an earlier step (by its name in this proof), a NAF assumption, or a
    label that names nothing in the theory (it matches no gold premise)."""

    kind: str
    name: str


@dataclass(frozen=True, slots=True)
class ShapeStep:
    """One step: its premises, its name (`intK`, `hypothesis`), and its conclusion where it is known."""

    premises: frozenset[Node]
    name: str
    conclusion: Literal | None
    text: str  # the conclusion as written, normalized (compared when a side does not read as logic)


@dataclass(frozen=True, slots=True)
class ProofShape:
    """The steps of one proof, premises before use, the last one concluding `hypothesis`."""

    steps: tuple[ShapeStep, ...]

    @property
    def leaves(self) -> frozenset[Node]:
        """The theory sentences and assumptions the proof rests on."""
        return frozenset(n for s in self.steps for n in s.premises if n.kind != INTERMEDIATE)

    @property
    def intermediates(self) -> tuple[ShapeStep, ...]:
        """The steps that conclude something on the way (every step but the hypothesis's)."""
        return tuple(s for s in self.steps if s.name != HYPOTHESIS)

    def leaves_under(self, name: str) -> frozenset[Node]:
        """The leaves a step's conclusion rests on (EntailmentBank aligns intermediates by them)."""
        by_name = {s.name: s for s in self.steps}
        found: set[Node] = set()
        pending, seen = [name], set()
        while pending:
            step = by_name.get(pending.pop())
            if step is None or step.name in seen:
                continue
            seen.add(step.name)
            for premise in step.premises:
                if premise.kind == INTERMEDIATE:
                    pending.append(premise.name)
                else:
                    found.add(premise)
        return frozenset(found)


def normalize(text: str) -> str:
    """Sentence text compared loosely: lower case, single spaces, no final full stop."""
    return re.sub(r"\s+", " ", text.strip().lower()).rstrip(".").strip()


def tree_shape(tree: EntailmentTree) -> ProofShape:
    """A gold tree's shape: each step's facts and rule as premises, intermediates named in step order."""
    names: dict[NodeKey, str] = {tree.root: HYPOTHESIS}

    def node(key: NodeKey) -> Node:
        if isinstance(key, str):
            return Node(SENTENCE, key)
        if tree.kind(key) is not NodeKind.DERIVED:
            return Node(ASSUMED, normalize(str(key)))
        return Node(INTERMEDIATE, names[key])

    if isinstance(tree.root, str):  # the statement is itself a sentence of the theory
        return ProofShape((ShapeStep(frozenset({Node(SENTENCE, tree.root)}), HYPOTHESIS, None, ""),))
    steps = []
    for step in tree.steps():
        name = names.setdefault(step.conclusion, f"int{len(names)}")
        premises = frozenset(node(p) for p in step.premises)
        steps.append(ShapeStep(premises, name, step.conclusion, normalize(render_sentence(step.conclusion))))
    return ProofShape(tuple(steps))


class UnreadableProof(ProofloomError, ValueError):
    """A predicted proof in no form proofloom reads (its message says where it stopped)."""


def text_shape(text: str, theory: Theory, proves: Literal | None = None) -> ProofShape:
    """A predicted proof's shape; a ProofWriter string whose rules apply is read exactly (its intermediates then have
    conclusions), any other text leniently, labels resolved against `theory` (`sentN` by place, ids as they are)."""
    stripped = text.strip()
    if stripped.startswith(("[", "(")):
        try:
            trees = from_proofwriter(stripped if stripped.startswith("[") else f"[{stripped}]", theory, proves=proves)
        except ProofloomError:
            trees = ()
        if trees:
            return tree_shape(trees[0])
    try:
        explanation = parse_explanation(stripped)
    except ProofloomError as error:
        raise UnreadableProof(str(error).splitlines()[0]) from None
    return _explanation_shape(explanation, theory)


def _explanation_shape(explanation: Explanation, theory: Theory) -> ProofShape:
    steps = list(explanation.steps)
    finals = explanation.finals
    final = finals[0] if finals else None
    shaped: list[ShapeStep] = []
    rename: dict[str, str] = {}
    if final is not None and final.kind is PremiseKind.INTERMEDIATE and final.label != HYPOTHESIS:
        rename[final.label] = HYPOTHESIS  # a ProofWriter string's outermost application proves the statement
    for step in steps:
        name = rename.get(step.name, step.name)
        premises = frozenset(_node(p, theory, rename) for p in step.premises)
        shaped.append(ShapeStep(premises, name, step.conclusion, normalize(step.text)))
    if final is not None and final.kind is not PremiseKind.INTERMEDIATE:  # `[(triple3)]`: a sentence as the proof
        shaped.append(ShapeStep(frozenset({_node(final, theory, rename)}), HYPOTHESIS, None, ""))
    return ProofShape(tuple(shaped))


def _node(premise: Premise, theory: Theory, rename: dict[str, str]) -> Node:
    label = premise.label
    if premise.kind is PremiseKind.INTERMEDIATE:
        return Node(INTERMEDIATE, rename.get(label, label))
    if premise.kind is PremiseKind.NAF:
        content = premise.content
        return Node(ASSUMED, normalize(str(content)) if content is not None else normalize(label))
    if premise.kind is PremiseKind.QUOTED and premise.content is not None:
        for sentence in theory.sentences:
            if sentence.content == premise.content:
                return Node(SENTENCE, sentence.id)
        return Node(UNRESOLVED, label)
    if label in theory:
        return Node(SENTENCE, label)
    position = sentence_position(label)
    if position is not None and 1 <= position <= len(theory):
        return Node(SENTENCE, theory.sentences[position - 1].id)
    return Node(UNRESOLVED, label)
