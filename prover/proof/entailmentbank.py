"""EntailmentBank's linearized trees, both ways: `sent1 & sent3 -> int1: Bob is red.; int1 & sent5 -> hypothesis;`

`sentN` (FLD writes `factN`) is the N-th sentence of the context counting from 1; `hypothesis` is what the tree proves;
intermediates are numbered in step order and carry their text. A premise assumed by negation as
failure (closed world) is written `naf(Bob is not big.)`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lark import Lark, Tree
from lark.exceptions import UnexpectedInput

from proofloom.errors import EnglishSyntaxError
from proofloom.logic.english import Lexicon, read_statement, render_sentence
from proofloom.logic.terms import Literal, Rule, Theory
from proofloom.prover.proof.tree import EntailmentTree, NodeKey, NodeKind, Step, TreeError

_PARSER = Lark.open_from_package(
    "proofloom.prover.proof", "entailmentbank.lark", parser="lalr", start="steps", cache=True
)
HYPOTHESIS = "hypothesis"


def to_entailmentbank(tree: EntailmentTree, lexicon: Lexicon | None = None) -> str:
    """The tree in EntailmentBank's linearized form."""
    names: dict[NodeKey, str] = {tree.root: HYPOTHESIS}
    parts: list[str] = []
    steps = tree.steps()
    if not steps:
        return f"{_premise(tree, tree.root, names, lexicon)} -> {HYPOTHESIS};"
    for step in steps:  # derived premises are named before use: steps come premises first
        premises = " & ".join([_premise(tree, p, names, lexicon) for p in step.premises])
        if step.conclusion == tree.root:
            parts.append(f"{premises} -> {HYPOTHESIS};")
        else:
            name = names.setdefault(step.conclusion, f"int{len(names)}")
            parts.append(f"{premises} -> {name}: {render_sentence(step.conclusion, lexicon)};")
    return " ".join(parts)


def _premise(tree: EntailmentTree, node: NodeKey, names: dict[NodeKey, str], lexicon: Lexicon | None) -> str:
    if isinstance(node, str):  # a theory sentence: the only nodes named by strings
        return f"sent{tree.theory.index_of(node)}"
    if tree.kind(node) is not NodeKind.DERIVED:
        assert isinstance(node, Literal)
        return f"naf({render_sentence(node, lexicon)})"
    return names[node]


@dataclass(frozen=True, slots=True)
class LinearStep:
    """One step as written: premise labels (`sent3`, `int1`, `naf(...)`), the conclusion's name and text."""

    premises: tuple[str, ...]
    name: str  # `intK` or `hypothesis`
    text: str | None  # the intermediate's sentence; None for the hypothesis


def parse_linearized(text: str) -> tuple[LinearStep, ...]:
    """The steps of a linearized tree, as written; a syntax error names its column.

    A step cannot hold `;` (the grammar's text and naf premises exclude it), so each step between semicolons
    reads on its own and is kept by its text: explanations of one theory share most of their steps, and a step
    read before is one lookup. Where a step does not read alone, the whole text is read, for lark's column."""
    pieces = text.split(";")
    if pieces and not pieces[-1].strip():
        pieces.pop()  # the optional closing `;`
    if pieces and all(piece.strip() for piece in pieces):
        try:
            return tuple(step for piece in pieces for step in _steps_cached(piece.strip()))
        except TreeError:
            pass
    return _parsed_steps(text)


@lru_cache(maxsize=65536)
def _steps_cached(step: str) -> tuple[LinearStep, ...]:
    found = _read_plain_step(step)
    return _parsed_steps(step) if found is None else (found,)


# One step in the grammar's terms, as one regular expression: premises (`sentN`, `factN`, `intN`, `naf(...)`)
# joined by `&`, then `-> hypothesis` or `-> intN: text`, with the grammar's white space (`common.WS`) between.
_WS = r"[ \t\f\r\n]*"
_PREMISE = r"(?:(?:sent|fact)[0-9]+|int[0-9]+|naf\([^()&;]*\))"
_PLAIN_STEP = re.compile(
    rf"{_WS}({_PREMISE}(?:{_WS}&{_WS}{_PREMISE})*){_WS}->{_WS}(?:(hypothesis){_WS}|(int[0-9]+){_WS}:([^;]+))"
)


def _read_plain_step(step: str) -> LinearStep | None:
    """A step (no `;`) read without lark where the whole of it has the grammar's one form, as lark reads it
    (premises as written, the text stripped); None for anything else, which lark then reads or rejects with its
    column. Lark built a tree and walked it for every new step, about a twelfth of verifying EntailmentBank."""
    match = _PLAIN_STEP.fullmatch(step)
    if match is None:
        return None
    premises = tuple(p.strip(" \t\f\r\n") for p in match[1].split("&"))  # no premise holds `&`
    if match[2] is not None:
        return LinearStep(premises, HYPOTHESIS, None)
    return LinearStep(premises, match[3], match[4].strip())


def _parsed_steps(text: str) -> tuple[LinearStep, ...]:
    try:
        parsed = _PARSER.parse(text)
    except UnexpectedInput as error:
        raise TreeError(f"EntailmentBank tree, column {error.column}: cannot read {text.strip()!r}") from None
    steps = []
    for step_tree in parsed.children:
        assert isinstance(step_tree, Tree)
        *premise_trees, conclusion = step_tree.children
        premises = tuple(str(p.children[0]) for p in premise_trees if isinstance(p, Tree))
        assert isinstance(conclusion, Tree)
        if conclusion.data == "hypothesis":
            steps.append(LinearStep(premises, HYPOTHESIS, None))
        else:
            name, sentence = (str(t) for t in conclusion.children)
            steps.append(LinearStep(premises, name, sentence.strip()))
    return tuple(steps)


def from_entailmentbank(text: str, theory: Theory, hypothesis: Literal) -> EntailmentTree:
    """Read a linearized tree over `theory` whose `hypothesis` node stands for the given literal."""
    intermediates: dict[str, Literal] = {}
    steps: list[Step] = []
    naf: list[Literal] = []
    root: NodeKey = hypothesis
    for written in parse_linearized(text):
        premises = [_read_premise(p, theory, intermediates, naf) for p in written.premises]
        conclusion = _read_conclusion(written, hypothesis, intermediates)
        if conclusion == hypothesis and len(premises) == 1 and _is_leaf_proof(premises[0], hypothesis, theory):
            root = premises[0]
            continue
        steps.append(_step(conclusion, premises, theory))
    return EntailmentTree(root, tuple(steps), theory, tuple(naf))


def _is_leaf_proof(premise: NodeKey, hypothesis: Literal, theory: Theory) -> bool:
    """`sent4 -> hypothesis;`: the statement is itself a sentence (or an assumption) of the theory."""
    if isinstance(premise, Literal):
        return premise == hypothesis
    return theory[premise].content == hypothesis


def sentence_position(label: str) -> int | None:
    """N for a context sentence named by its place, `sentN` (EntailmentBank's) or `factN` (FLD's); else None."""
    match = _POSITIONAL.fullmatch(label)
    return int(match[2]) if match else None


_POSITIONAL = re.compile(r"(sent|fact)([0-9]+)")


def _read_premise(label: str, theory: Theory, intermediates: dict[str, Literal], naf: list[Literal]) -> NodeKey:
    position = sentence_position(label)
    if position is not None:
        if label in theory:  # a theory whose own ids are `fact1`, ...: the id, not the place
            return label
        if not 1 <= position <= len(theory):
            raise TreeError(f"{label} does not exist: the context has {len(theory)} sentences")
        return theory.sentences[position - 1].id
    if label.startswith("int"):
        if label not in intermediates:
            raise TreeError(f"{label} is used before a step concludes it")
        return intermediates[label]
    literal = read_naf(label)
    naf.append(literal)
    return literal


def read_naf(label: str) -> Literal:
    """The literal of a `naf(Bob is not big.)` premise."""
    return _read_text(label[4:-1], label)


def _read_conclusion(written: LinearStep, hypothesis: Literal, intermediates: dict[str, Literal]) -> Literal:
    if written.text is None:
        return hypothesis
    if written.name in intermediates:
        raise TreeError(f"{written.name} is concluded twice")
    intermediates[written.name] = _read_text(written.text, written.name)
    return intermediates[written.name]


def _read_text(text: str, where: str) -> Literal:
    try:
        return read_statement(text.strip())
    except EnglishSyntaxError as error:
        raise TreeError(f"{where}: {error.detail or 'cannot read'} ({text.strip()!r})") from None


def _step(conclusion: Literal, premises: list[NodeKey], theory: Theory) -> Step:
    """Facts and intermediates first; the first premise that is a rule sentence becomes the step's rule."""
    rules = [p for p in premises if isinstance(p, str) and isinstance(theory[p].content, Rule)]
    rule = rules[0] if rules else None
    facts = tuple(p for p in premises if p != rule)
    return Step(conclusion, facts, rule)
