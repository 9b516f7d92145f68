"""Generated examples as values, and their proofloom JSON form (one theory and its questions a line).

Every record carries its recipe name, seed, index and proofloom version, so it can be made again bit
for bit; `example_from_json(example_to_json(e)) == e` for every example.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from proofloom._version import __version__
from proofloom.logic.english import Lexicon, read_statement, render_english, render_sentence
from proofloom.logic.semantics import Label, Semantics
from proofloom.logic.syntax import parse_literal, parse_theory, render_dsl
from proofloom.logic.terms import Literal, Theory
from proofloom.prover.loop.supervision import StepRecord, Supervision
from proofloom.prover.proof.entailmentbank import from_entailmentbank, to_entailmentbank
from proofloom.prover.proof.proof_strings import to_proofwriter
from proofloom.prover.proof.tree import EntailmentTree


@dataclass(frozen=True, slots=True)
class GeneratedQuestion:
    """A question with everything the generator knows about it."""

    id: str
    statement: Literal
    label: Label
    depth: int | None  # height of the shallowest proof; None for Unknown
    target_depth: int  # the schedule's cell: for Unknown, the depth of the near miss
    proofs: tuple[EntailmentTree, ...]  # shallowest first: of the statement (True) or its negation (False)
    other_labels: tuple[tuple[Semantics, Label], ...] = ()  # under other semantics, where they differ
    counter_model: tuple[Literal, ...] = ()  # for Unknown, with certificates on: a model where it fails
    abductions: tuple[Literal, ...] = ()  # for Unknown, with abduction on: single facts that would prove it


@dataclass(frozen=True, slots=True)
class Example:
    """One generated theory, its English context, and its questions."""

    id: str
    index: int
    recipe: str
    seed: int
    theory: Theory
    context: str
    questions: tuple[GeneratedQuestion, ...]
    supervision: tuple[StepRecord, ...] = ()  # step supervision records, when the recipe asks for them
    version: str = __version__


def example_to_json(example: Example, lexicon: Lexicon | None = None) -> dict[str, Any]:
    """The proofloom JSON record: logic in the DSL, text in English, proofs in EntailmentBank form."""
    return {
        "id": example.id,
        "index": example.index,
        "recipe": example.recipe,
        "seed": example.seed,
        "version": example.version,
        "theory": render_dsl(example.theory),
        "context": example.context,
        "questions": [_question_to_json(q, lexicon) for q in example.questions],
        **({"supervision": [record.to_json() for record in example.supervision]} if example.supervision else {}),
    }


def _question_to_json(question: GeneratedQuestion, lexicon: Lexicon | None) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": question.id,
        "statement": str(question.statement),
        "text": render_sentence(question.statement, lexicon),
        "label": question.label.value,
        "depth": question.depth,
        "target_depth": question.target_depth,
        "proofs": [to_entailmentbank(tree, lexicon) for tree in question.proofs],
        "proofwriter": to_proofwriter(question.proofs) if question.proofs else None,
    }
    if question.other_labels:
        record["labels"] = {semantics.value: label.value for semantics, label in question.other_labels}
    if question.counter_model:
        record["counter_model"] = [str(literal) for literal in question.counter_model]
    if question.abductions:
        record["abductions"] = [render_sentence(literal, lexicon) for literal in question.abductions]
    return record


def example_from_json(record: dict[str, Any]) -> Example:
    """Read a record back (KeyError, ValueError or a ProofloomError where it is malformed)."""
    theory = parse_theory(record["theory"])
    questions = tuple(_question_from_json(q, theory) for q in record["questions"])
    return Example(
        record["id"],
        int(record["index"]),
        record["recipe"],
        int(record["seed"]),
        theory,
        record["context"],
        questions,
        tuple(StepRecord.from_json(step) for step in record.get("supervision", ())),
        record["version"],
    )


def _question_from_json(record: dict[str, Any], theory: Theory) -> GeneratedQuestion:
    statement = parse_literal(record["statement"])
    label = Label.parse(record["label"])
    target = statement if label is not Label.FALSE else statement.negated()
    proofs = tuple(from_entailmentbank(text, theory, target) for text in record["proofs"])
    other = tuple((Semantics.parse(s), Label.parse(v)) for s, v in record.get("labels", {}).items())
    return GeneratedQuestion(
        record["id"],
        statement,
        label,
        record["depth"],
        int(record["target_depth"]),
        proofs,
        other,
        tuple(parse_literal(text) for text in record.get("counter_model", ())),
        tuple(read_statement(text) for text in record.get("abductions", ())),
    )


def supervision_of(example: Example) -> Supervision:
    """The example's step records with its questions' statements: the step model's training data."""
    return Supervision(example.theory, {q.id: q.statement for q in example.questions}, example.supervision)


def context_of(theory: Theory, lexicon: Lexicon) -> str:
    """The English context of a generated theory."""
    return render_english(theory, lexicon)
