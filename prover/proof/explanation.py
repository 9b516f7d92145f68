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
from proofloom.logic.english import Lexicon, read_chain_sentence, read_statement, render_sentence
from proofloom.logic.terms import Content, DisjunctiveRule, Literal, Rule
from proofloom.prover.proof.chain_text import NARRATED, chain_text
from proofloom.prover.proof.entailmentbank import HYPOTHESIS, parse_linearized
from proofloom.prover.proof.proof_strings import NAF_LEAF, ProofLeaf, RuleApplication, is_naf_leaf, parse_proofs
from proofloom.prover.proof.tree import EntailmentTree, TreeError


class ExplanationFormat(enum.Enum):
    """The ways an explanation can be written."""

    ENTAILMENTBANK = "entailmentbank"  # sent1 & sent3 -> int1: Bob is red.; int1 & sent5 -> hypothesis;
    PROOFWRITER = "proofwriter"  # [(((triple1) -> rule3))]
    CHAIN_OF_THOUGHT = "cot"  # Bob is big. If something is big then it is red. So Bob is red.

    @classmethod
    def _missing_(cls, value: object) -> ExplanationFormat:
        """A value no format has: the error a record's `format` field gets, listing the values there are."""
        raise ValueError(f"unknown explanation format {value!r}: one of {', '.join(f.value for f in cls)}")

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
    UNREAD = "unread"  # a chain-of-thought sentence that did not read: whatever it said, it is not checked


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
    restated: bool = False  # written with no connective: a restatement if the theory has it, else a conclusion


@dataclass(frozen=True, slots=True)
class Explanation:
    """Steps in the order written; `finals` name what the explanation offers as proving the statement."""

    format: ExplanationFormat
    steps: tuple[ClaimedStep, ...]
    finals: tuple[Premise, ...]
    unreadable: tuple[tuple[str, str], ...] = ()  # (sentence, reason) for quoted text that did not read
    quoted: tuple[Premise, ...] = ()  # every sentence a chain of thought quotes, in order
    answer: str | None = None  # a chain's closing answer line: "true", "false", "unknown", or an option letter
    set_aside: tuple[str, ...] = ()  # a chain's narration and questions (`Let's think step by step.`): not steps


class ExplanationSyntaxError(ProofloomError, ValueError):
    """An explanation that is not in any form proofloom reads."""


def parse_explanation(
    text: str,
    explanation_format: ExplanationFormat | None = None,
    nouns: frozenset[str] = frozenset(),
    names: frozenset[str] = frozenset(),
) -> Explanation:
    """Read an explanation in the given format, or the one its text looks like; `nouns` are the theory's
    predicates that a chain of thought may write in the plural (`Zorpuses are grimpuses.`), `names` its
    proper names, which a chain may write in lower case (`so bob is red`)."""
    if not isinstance(text, str):
        raise ExplanationSyntaxError(f"an explanation is text, not {type(text).__name__}")
    if not text.strip():
        raise ExplanationSyntaxError("the explanation is empty")
    check("the explanation's text", len(text), "line_chars")
    chosen = explanation_format or ExplanationFormat.detect(text)
    try:
        parsed = _parsed(text, chosen, nouns, names)
    except ExplanationSyntaxError as error:
        if explanation_format is not None or chosen is ExplanationFormat.CHAIN_OF_THOUGHT:
            raise
        # It only looked like a tree or a proof string (`(1) Bob is big. ...`, `a -> b -> c, so the
        # hypothesis is true`): read as the chain of thought it may be, if any of it reads so.
        chain = _chain_of_thought(text, nouns, names)
        if not any(step.unreadable is None for step in chain.steps):
            said = f"{error} (read as {chosen.value}: give the format to say otherwise)"
            raise ExplanationSyntaxError(said) from None
        parsed = chain
    check("the explanation", len(parsed.steps), "explanation_steps")
    return parsed


def _parsed(text: str, chosen: ExplanationFormat, nouns: frozenset[str], names: frozenset[str]) -> Explanation:
    try:
        if chosen is ExplanationFormat.ENTAILMENTBANK:
            return _entailmentbank(text)
        if chosen is ExplanationFormat.PROOFWRITER:
            return _proofwriter(text)
        return _chain_of_thought(text, nouns, names)
    except TreeError as error:
        raise ExplanationSyntaxError(str(error)) from None


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
        if is_naf_leaf(node.name):  # `NAF`, or cwa intermediates' numbered `naf1`: resolved with its rule
            return Premise(PremiseKind.NAF, NAF_LEAF)
        return Premise(PremiseKind.SENTENCE, node.name)
    assert isinstance(node, RuleApplication)
    premises = tuple(_flatten(p, steps) for p in node.premises)
    name = node.intermediate or f"step{len(steps) + 1}"
    steps.append(ClaimedStep(premises, name, None, f"what {node.rule} concludes", rule=node.rule))
    return Premise(PremiseKind.INTERMEDIATE, name)


def chain_sentences(text: str) -> list[str]:
    """A chain of thought's sentences as the reader gets them (`chain_text`: markup, citations, narration and
    questions taken off)."""
    return list(chain_text(text).sentences)


@dataclass(slots=True)
class _ChainReader:
    """Builds a chain of thought's steps sentence by sentence: what has been said so far is every later
    conclusion's premises."""

    stated: list[Premise]
    steps: list[ClaimedStep]
    answer: str | None = None
    last: Premise | None = None

    def say(self, content: Content, written: str, restated: bool) -> None:
        """A sentence the chain says: a rule is quoted; a fact is a conclusion, or (`restated`, no connective)
        a restatement of the context if the theory has it (the verifier decides)."""
        if isinstance(content, Rule | DisjunctiveRule):
            premise = Premise(PremiseKind.QUOTED, written, content)
            self.stated.append(premise)
            self.last = premise
            return
        name = f"so{len(self.steps) + 1}"
        text = render_sentence(content) if restated else written
        self.steps.append(ClaimedStep(tuple(self.stated), name, content, text, restated=restated))
        self.last = Premise(PremiseKind.INTERMEDIATE, name)
        self.stated.append(self.last)

    def unread(self, sentence: str, reason: str) -> None:
        """A sentence that does not read is a step of its own, invalid where it stands; later steps may
        rest on it (the verifier does not blame them twice)."""
        name = f"so{len(self.steps) + 1}"
        self.steps.append(
            ClaimedStep(tuple(self.stated), name, None, sentence, unreadable=f"cannot read {sentence!r} ({reason})")
        )
        self.stated.append(Premise(PremiseKind.UNREAD, name))


def _chain_of_thought(
    text: str, nouns: frozenset[str] = frozenset(), names: frozenset[str] = frozenset()
) -> Explanation:
    """Restated context sentences, and conclusions (after a connective, a `Since ...,` or a `..., so`, or in
    PrOntoQA's chains simply written down) that may use everything said before them; answer lines are kept
    apart, to be compared with the statement's label."""
    reader = _ChainReader([], [])
    written = chain_text(text)
    set_aside: list[str] = []
    index = 0
    for said, sentence in written.pieces:
        if sentence is None:
            set_aside.append(said)
            continue
        narrated = sentence.startswith(NARRATED)
        sentence = sentence.removeprefix(NARRATED)
        try:
            read = read_chain_sentence(sentence, index + 1, nouns, names)
        except EnglishSyntaxError as error:
            if narrated:  # narration that says nothing readable: set aside, as it was written
                set_aside.append(said)
                continue
            index += 1
            reader.unread(sentence, error.detail or "no sentence form matches")
            continue
        index += 1
        if read.answer is not None:
            reader.answer = read.answer
            continue
        single = len(read.stated) + len(read.premises) + len(read.claims) == 1
        for content in read.stated:
            reader.say(content, sentence if single else render_sentence(content), restated=True)
        for content in read.premises:
            reader.say(content, render_sentence(content), restated=True)
        for content in read.claims:
            reader.say(content, _claim_text(sentence, content, single), restated=False)
    finals = (reader.last,) if reader.last is not None else ()
    quoted = tuple(p for p in reader.stated if p.kind is PremiseKind.QUOTED)
    return Explanation(
        ExplanationFormat.CHAIN_OF_THOUGHT,
        tuple(reader.steps),
        finals,
        (),
        quoted,
        answer=reader.answer,
        set_aside=tuple(set_aside),
    )


def _claim_text(sentence: str, content: Content, single: bool) -> str:
    return render_sentence(content) if not single or isinstance(content, Rule) else sentence


class ChainStyle(enum.Enum):
    """How a chain of thought is worded: the styles language models write (each read back by the verifier)."""

    SO = "so"  # Bob is big. If something is big then it is red. So Bob is red.
    CONNECTIVES = "connectives"  # ... Therefore Bob is red. ... Thus Bob is round. (connectives in turn)
    COMMA = "comma"  # If something is big then it is red. Bob is big, so Bob is red.
    SINCE = "since"  # If something is big then it is red. Since Bob is big, Bob is red.
    NUMBERED = "numbered"  # Step 1: Bob is big.\nStep 2: ...\nStep 3: So Bob is red.
    PRONTOQA = "prontoqa"  # Bob is big. If something is big then it is red. Bob is red. (no connectives)


_CONNECTIVES = ("Therefore", "Thus", "Hence", "This means that", "It follows that", "So")
_ANSWER_LINES = {True: "The correct option is: A", False: "The correct option is: B"}


def to_chain_of_thought(
    tree: EntailmentTree,
    lexicon: Lexicon | None = None,
    style: ChainStyle = ChainStyle.SO,
    answer: bool | None = None,
) -> str:
    """The tree as an LLM would write it: each theory premise said once, before the step that uses it, then
    the step's conclusion in `style`; `answer` adds a closing line (`The correct option is: A` for True)."""
    quoted: set[str] = set()
    sentences: list[str] = []
    for number, step in enumerate(tree.steps()):
        facts: list[str] = []
        for premise in step.premises:
            if isinstance(premise, str) and premise not in quoted:
                quoted.add(premise)
                content = tree.theory[premise].content
                if isinstance(content, Literal) and style in (ChainStyle.COMMA, ChainStyle.SINCE):
                    facts.append(render_sentence(content, lexicon))
                else:
                    sentences.append(render_sentence(content, lexicon))
        conclusion = render_sentence(step.conclusion, lexicon)
        sentences.extend(_worded(style, number, facts, conclusion))
    if not tree.steps():
        assert isinstance(tree.root, str)
        sentences.append(render_sentence(tree.theory[tree.root].content, lexicon))
    if answer is not None:
        sentences.append(
            ("So the statement is true." if answer else "So the statement is false.")
            if style is ChainStyle.SO
            else _ANSWER_LINES[answer]
        )
    if style is ChainStyle.NUMBERED:
        return "\n".join(f"Step {i}: {sentence}" for i, sentence in enumerate(sentences, start=1))
    return " ".join(sentences)


def _worded(style: ChainStyle, number: int, facts: list[str], conclusion: str) -> list[str]:
    """One step's conclusion, with the facts it says first (COMMA and SINCE join them to it)."""
    if style is ChainStyle.PRONTOQA:
        return [conclusion]
    if style is ChainStyle.CONNECTIVES:
        return [f"{_CONNECTIVES[number % len(_CONNECTIVES)]} {_lower_first(conclusion)}"]
    if style is ChainStyle.COMMA and facts:
        return [*facts[:-1], f"{facts[-1][:-1]}, so {_lower_first(conclusion)}"]
    if style is ChainStyle.SINCE and facts:
        joined = " and ".join(_lower_first(f[:-1]) for f in facts)
        return [f"Since {joined}, {_lower_first(conclusion)}"]
    return ["So " + _lower_first(conclusion)]


def _lower_first(sentence: str) -> str:
    """`The cat is big.` -> `the cat is big.`; proper names keep their capital."""
    return "the" + sentence[3:] if sentence.startswith("The ") else sentence
