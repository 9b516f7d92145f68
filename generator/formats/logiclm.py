"""The Logic-LM layout: a JSON array of multiple-choice questions (write and read).

Each record is `{id, context, question, options, answer}`: the context is the theory in English, the
question a fixed preamble and then the statement, the answer a letter (A = True, B = False,
C = Unknown). It is the layout of the Logic-LM repository's `data/ProofWriter/dev.json`, written with
the same indentation, so a file proofloom writes reads like theirs and theirs reads like one written here.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from proofloom.errors import ProofloomError
from proofloom.generator.example import Example, GeneratedQuestion
from proofloom.generator.formats.reading import MALFORMED, InputError, gold_label, malformed, record_id
from proofloom.logic.english import Lexicon, read_statement, read_theory, render_sentence
from proofloom.logic.semantics import Label
from proofloom.prover.problem import BadRecord, Problem

PREAMBLE = "Based on the above information, is the following statement true, false, or unknown? "
OPTIONS = ("A) True", "B) False", "C) Unknown")
LETTERS = {Label.TRUE: "A", Label.FALSE: "B", Label.UNKNOWN: "C"}
ANSWERS = {letter: label for label, letter in LETTERS.items()}


def to_record(example: Example, question: GeneratedQuestion, lexicon: Lexicon) -> dict[str, Any]:
    """One question as a Logic-LM record (a ValueError for a label the three options cannot give)."""
    if question.label not in LETTERS:
        raise ValueError(f"{question.id}: the Logic-LM layout has no option for {question.label.value}")
    return {
        "id": question.id,
        "context": example.context,
        "question": PREAMBLE + render_sentence(question.statement, lexicon),
        "options": list(OPTIONS),
        "answer": LETTERS[question.label],
    }


def dumps(records: list[dict[str, Any]]) -> str:
    """The file's text: the array indented by two, no newline after it, as Logic-LM's own files."""
    return json.dumps(records, indent=2)


def write_logiclm(examples: list[Example], path: Path, lexicon: Lexicon) -> None:
    """Every question of the examples, in order, as one JSON array."""
    records = [to_record(example, question, lexicon) for example in examples for question in example.questions]
    path.write_text(dumps(records), encoding="utf-8")


def read_logiclm(path: Path) -> Iterator[Problem | BadRecord]:
    """Every record as a Problem (its gold label from the answer letter), or a BadRecord naming it."""
    try:
        records = json.loads(path.read_text(encoding="utf-8-sig"))
    except json.JSONDecodeError as error:
        raise InputError(f"{path}:{error.lineno}:{error.colno}: not JSON ({error.msg})") from None
    if not isinstance(records, list):
        raise InputError(f"{path}: the Logic-LM layout is a JSON array of records")
    for index, record in enumerate(records):
        yield _problem(record, f"{path}: record {index + 1}", record_id(record, f"#{index + 1}"))  # 1-based, as lines


def _problem(record: Any, where: str, problem_id: str) -> Problem | BadRecord:
    try:
        context, question = record["context"], record["question"]
        statement_text = question.rsplit("? ", 1)[-1]  # the statement follows the preamble's question mark
        answer = record.get("answer")
        gold = gold_label(answer) if answer not in (None, "") else None
        return Problem(
            problem_id, read_theory(context), read_statement(statement_text), gold, context=context, where=where
        )
    except MALFORMED as error:
        return BadRecord(problem_id, where, malformed(error))
    except ProofloomError as error:
        return BadRecord(problem_id, where, str(error))
    except ValueError as error:  # an answer that is no label: `"D"`
        return BadRecord(problem_id, where, f"answer: {error}")
