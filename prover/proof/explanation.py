"""Explanations as written, before any checking: EntailmentBank trees, ProofWriter proofs, chains of thought.

Parsing here is lenient on purpose: a dangling id, a cycle or an unreadable sentence is kept as
written, so the verifier can say exactly which step is wrong and why, instead of failing to read.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from proofloom.errors import EnglishSyntaxError, ProofloomError
from proofloom.limits import check
from proofloom.logic.english import Lexicon, read_sentence, read_statement, render_sentence, split_sentences
from proofloom.logic.terms import Content, Literal
from proofloom.prover.proof.entailmentbank import HYPOTHESIS, parse_linearized
from proofloom.prover.proof.proof_strings import NAF_LEAF, ProofLeaf, RuleApplication, parse_proofs
from proofloom.prover.proof.tree import EntailmentTree, TreeError


class ExplanationFormat(enum.Enum):
    """The ways an explanation can be written."""

    ENTAILMENTBANK = "entailmentbank"  # sent1 & sent3 -> int1: Bob is red.; int1 & sent5 -> hypothesis;
    PROOFWRITER = "proofwriter"  # [(((triple1) -> rule3))]
    CHAIN_OF_THOUGHT = "cot"  # Bob is big. If something is big then it is red. So Bob is red.

    @classmethod
    def detect(cls, text: str) -> ExplanationFormat:
        stripped = text.strip()
        if stripped.startswith(("[", "(")):  # ProofWriter's proof string, with or without its outer brackets
            return cls.PROOFWRITER
        if "->" in stripped and re.search(r"\b(sent|fact|int)\d+\b|hypothesis", stripped):
            return cls.ENTAILMENTBANK
        return cls.CHAIN_OF_THOUGHT


class PremiseKind(enum.Enum):
    """What a premise label points at."""

    SENTENCE = "sentence"  # a theory sentence by id or position: triple3, rule1, sent4
    INTERMEDIATE = "intermediate"  # an earlier step's conclusion: int1, or a chain of thought's "So ..."
    QUOTED = "quoted"  # a theory sentence quoted in words
    NAF = "naf"  # a negative literal assumed by negation as failure


@dataclass(frozen=True, slots=True)
class Premise:
    """A premise as written, with what could be read of it."""

    kind: PremiseKind
    label: str
    content: Content | None = None  # the logic of a quoted or NAF premise, when it reads


@dataclass(frozen=True, slots=True)
class ClaimedStep:
    """A step as written: premises, the name of its conclusion, and the conclusion when it is stated."""

    premises: tuple[Premise, ...]
    name: str
    conclusion: Literal | None
    text: str  # the conclusion as written, or a description of it
    rule: str | None = None  # ProofWriter names the rule; other formats leave it to the premises
    unreadable: str | None = None  # why the stated conclusion could not be read


@dataclass(frozen=True, slots=True)
class Explanation:
    """Steps in the order written; `finals` name what the explanation offers as proving the statement."""

    format: ExplanationFormat
    steps: tuple[ClaimedStep, ...]
    finals: tuple[Premise, ...]
    unreadable: tuple[tuple[str, str], ...] = ()  # (sentence, reason) for quoted text that did not read
    quoted: tuple[Premise, ...] = ()  # every sentence a chain of thought quotes, in order


class ExplanationSyntaxError(ProofloomError, ValueError):
    """An explanation that is not in any form proofloom reads."""


def parse_explanation(text: str, explanation_format: ExplanationFormat | None = None) -> Explanation:
    """Read an explanation in the given format, or the one its text looks like."""
    chosen = explanation_format or ExplanationFormat.detect(text)
    if not text.strip():
        raise ExplanationSyntaxError("the explanation is empty")
    check("the explanation's text", len(text), "line_chars")
    try:
        if chosen is ExplanationFormat.ENTAILMENTBANK:
            parsed = _entailmentbank(text)
        elif chosen is ExplanationFormat.PROOFWRITER:
            parsed = _proofwriter(text)
        else:
            parsed = _chain_of_thought(text)
    except TreeError as error:
        raise ExplanationSyntaxError(str(error)) from None
    check("the explanation", len(parsed.steps), "explanation_steps")
    return parsed


def _sentence_premise(label: str) -> Premise:
    if label.startswith("int"):
        return Premise(PremiseKind.INTERMEDIATE, label)
    if label.startswith("naf("):
        return Premise(PremiseKind.NAF, label, _read_or_none(label[4:-1]))
    return Premise(PremiseKind.SENTENCE, label)


def _read_or_none(text: str) -> Literal | None:
    try:
        return read_statement(text.strip())
    except EnglishSyntaxError:
        return None


def _entailmentbank(text: str) -> Explanation:
    steps = []
    for written in parse_linearized(text):
        premises = tuple(_sentence_premise(label) for label in written.premises)
        if written.text is None:
            steps.append(ClaimedStep(premises, HYPOTHESIS, None, HYPOTHESIS))
            continue
        conclusion = _read_or_none(written.text)
        reason = None if conclusion else f"cannot read {written.text!r}"
        steps.append(ClaimedStep(premises, written.name, conclusion, written.text, unreadable=reason))
    return Explanation(ExplanationFormat.ENTAILMENTBANK, tuple(steps), (Premise(PremiseKind.INTERMEDIATE, HYPOTHESIS),))


def _proofwriter(text: str) -> Explanation:
    proofs = parse_proofs(text)
    steps: list[ClaimedStep] = []
    finals = tuple(_flatten(proof, steps) for proof in proofs)
    return Explanation(ExplanationFormat.PROOFWRITER, tuple(steps), finals)


def _flatten(node: object, steps: list[ClaimedStep]) -> Premise:
    """Post-order: sub-proofs become earlier steps named `step<k>`; a leaf is a sentence or NAF."""
    if isinstance(node, ProofLeaf):
        kind = PremiseKind.NAF if node.name == NAF_LEAF else PremiseKind.SENTENCE
        return Premise(kind, node.name)
    assert isinstance(node, RuleApplication)
    premises = tuple(_flatten(p, steps) for p in node.premises)
    name = node.intermediate or f"step{len(steps) + 1}"
    steps.append(ClaimedStep(premises, name, None, f"what {node.rule} concludes", rule=node.rule))
    return Premise(PremiseKind.INTERMEDIATE, name)


_CONCLUSION = re.compile(r"^(so|therefore|thus|hence|then)\b,?\s*", re.IGNORECASE)


def _chain_of_thought(text: str) -> Explanation:
    """Quoted sentences, and `So ...` conclusions that may use everything stated before them."""
    stated: list[Premise] = []
    steps: list[ClaimedStep] = []
    unreadable: list[tuple[str, str]] = []
    for sentence in split_sentences(text):
        match = _CONCLUSION.match(sentence)
        if match:
            claim = sentence[match.end() :]
            claim = claim[:1].upper() + claim[1:]
            conclusion = _read_or_none(claim)
            name = f"so{len(steps) + 1}"
            reason = None if conclusion else f"cannot read {claim!r}"
            steps.append(ClaimedStep(tuple(stated), name, conclusion, claim, unreadable=reason))
            stated.append(Premise(PremiseKind.INTERMEDIATE, name))
            continue
        try:
            stated.append(Premise(PremiseKind.QUOTED, sentence, read_sentence(sentence)))
        except EnglishSyntaxError as error:
            unreadable.append((sentence, error.detail or "no sentence form matches"))
    finals = (stated[-1],) if stated else ()
    quoted = tuple(p for p in stated if p.kind is PremiseKind.QUOTED)
    return Explanation(ExplanationFormat.CHAIN_OF_THOUGHT, tuple(steps), finals, tuple(unreadable), quoted)


def to_chain_of_thought(tree: EntailmentTree, lexicon: Lexicon | None = None) -> str:
    """The tree as an LLM would write it: each premise quoted once, then `So <conclusion>.` for each step."""
    quoted: set[str] = set()
    sentences: list[str] = []
    leaf_only = not tree.steps()
    for step in tree.steps():
        for premise in step.premises:
            if isinstance(premise, str) and premise not in quoted:
                quoted.add(premise)
                sentences.append(render_sentence(tree.theory[premise].content, lexicon))
        sentences.append("So " + _lower_first(render_sentence(step.conclusion, lexicon)))
    if leaf_only:
        assert isinstance(tree.root, str)
        sentences.append(render_sentence(tree.theory[tree.root].content, lexicon))
    return " ".join(sentences)


def _lower_first(sentence: str) -> str:
    """`The cat is big.` -> `the cat is big.`; proper names keep their capital."""
    return "the" + sentence[3:] if sentence.startswith("The ") else sentence
