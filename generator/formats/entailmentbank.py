"""EntailmentBank-style JSONL: one question a line, with its context, hypothesis and linearized proof."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

from proofloom.errors import ProofloomError
from proofloom.generator.example import Example
from proofloom.generator.formats.context import sentence_texts
from proofloom.generator.formats.reading import MALFORMED, Unparsed, gold_label, json_lines, malformed, record_id
from proofloom.logic.english import Lexicon, read_statement, read_theory, render_sentence
from proofloom.logic.semantics import Label
from proofloom.logic.terms import Literal, Theory
from proofloom.prover.problem import BadRecord, Problem
from proofloom.prover.proof.entailmentbank import from_entailmentbank, to_entailmentbank
from proofloom.prover.proof.tree import EntailmentTree


def to_records(example: Example, lexicon: Lexicon) -> list[dict[str, Any]]:
    """The proved questions of an example (Unknown ones have no tree to give)."""
    records = []
    texts = list(sentence_texts(example, lexicon).values())  # as the context says them, in theory order
    for question in example.questions:
        if not question.proofs:
            continue
        tree = question.proofs[0]
        records.append(
            {
                "id": question.id,
                "context": example.context,
                "question": render_sentence(question.statement, lexicon),
                "answer": question.label.value,
                "hypothesis": render_sentence(tree.conclusion, lexicon),
                "proof": to_entailmentbank(tree, lexicon),
                "depth_of_proof": question.depth,
                "meta": {"triples": {f"sent{i}": text for i, text in enumerate(texts, start=1)}},
            }
        )
    return records


def write_records(examples: list[Example], path: Path, lexicon: Lexicon) -> None:
    with path.open("w", encoding="utf-8") as stream:
        for example in examples:
            for record in to_records(example, lexicon):
                stream.write(json.dumps(record, ensure_ascii=False) + "\n")


class EntailmentRecord(NamedTuple):
    """One line read back: a proved question and its tree."""

    id: str
    theory: Theory
    statement: Literal
    label: Label
    depth: int
    tree: EntailmentTree


def read_records(path: Path) -> list[EntailmentRecord]:
    """Each line's question and tree; a bad line is a ValueError naming it."""
    rows = []
    with path.open(encoding="utf-8") as stream:
        for number, line in enumerate(stream, start=1):
            try:
                record = json.loads(line)
                theory = read_theory(plain_context(record["context"]))
                hypothesis = read_statement(record["hypothesis"])
                tree = from_entailmentbank(record["proof"], theory, hypothesis)
                label = gold_label(record["answer"])
                rows.append(
                    EntailmentRecord(
                        record["id"],
                        theory,
                        read_statement(record["question"]),
                        label,
                        int(record["depth_of_proof"]),
                        tree,
                    )
                )
            except (KeyError, TypeError, ValueError) as error:
                raise ValueError(f"{path}:{number}: not an EntailmentBank record ({error})") from None
    return rows


def read_entailmentbank_problems(path: Path) -> Iterator[Problem | BadRecord]:
    """Every line as a Problem with its gold label, depth and tree, or a BadRecord naming the line."""
    for line_number, record in json_lines(path):
        where = f"{path}:{line_number}"
        problem_id = record_id(record, where)
        if isinstance(record, Unparsed):
            yield BadRecord(problem_id, where, record.message)
            continue
        try:
            yield _problem(record, problem_id, where)
        except MALFORMED as error:
            yield BadRecord(problem_id, where, malformed(error))
        except (ProofloomError, ValueError) as error:
            yield BadRecord(problem_id, where, str(error).splitlines()[0])


def _problem(record: dict[str, Any], problem_id: str, where: str) -> Problem:
    context = plain_context(record["context"])
    theory = read_theory(context)
    label = gold_label(record["answer"])
    tree = from_entailmentbank(record["proof"], theory, read_statement(record["hypothesis"]))
    depth = record.get("depth_of_proof")
    statement = read_statement(record["question"])
    gold_depth = int(depth) if depth is not None else None
    return Problem(problem_id, theory, statement, label, gold_depth, context=context, gold_trees=(tree,), where=where)


def is_entailmentbank_record(record: Any) -> bool:
    """Whether a JSON value is one line of this layout (a hypothesis with its linearized proof)."""
    return isinstance(record, dict) and "hypothesis" in record and "proof" in record and "context" in record


_LABELLED = re.compile(r"(?:^|\s)sent(\d+)\s*:\s*")


def plain_context(context: str) -> str:
    """EntailmentBank's own layout, `sent1: Bob is big. sent2: ...`, as plain sentences in the labels' order (so
    `sentN` names the N-th sentence, as in the tree); a plain context unchanged."""
    pieces = _LABELLED.split(context)
    if len(pieces) < 3 or pieces[0].strip():
        return context
    numbered = sorted((int(pieces[i]), pieces[i + 1].strip()) for i in range(1, len(pieces) - 1, 2))
    texts = [text if text.endswith((".", "!")) else f"{text}." for _, text in numbered]
    return " ".join(texts)
