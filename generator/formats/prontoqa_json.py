"""PrOntoQA as its authors publish it: one JSON object of examples, each with in-context examples and its
`test_example` (`question`: the context, `query`: `True or false: Alex is not shy.`, `chain_of_thought`: the
gold chain as a list of sentences, `answer`). The test examples are the questions; the in-context ones, shown
to a model as demonstrations, are not. The gold chain is kept as the question's explanation text, for `verify`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from proofloom.errors import ProofloomError
from proofloom.generator.formats.reading import MALFORMED, InputError, gold_label, malformed
from proofloom.logic.english import read_statement, read_theory
from proofloom.prover.problem import BadRecord, Problem

TEST_EXAMPLE = "test_example"


def is_prontoqa_document(document: Any) -> bool:
    """Whether a JSON document is PrOntoQA's: an object whose values hold a `test_example`."""
    return (
        isinstance(document, dict)
        and bool(document)
        and all(isinstance(v, dict) and TEST_EXAMPLE in v for v in list(document.values())[:3])
    )


def read_prontoqa(path: Path) -> Iterator[Problem | BadRecord]:
    """Every example's test question as a Problem (gold from `answer`), or a BadRecord naming the example."""
    try:
        document = json.loads(path.read_text(encoding="utf-8-sig"))
    except json.JSONDecodeError as error:
        raise InputError(f"{path}:{error.lineno}:{error.colno}: not JSON ({error.msg})") from None
    if not is_prontoqa_document(document):
        raise InputError(f"{path}: PrOntoQA's layout is an object of examples, each with a {TEST_EXAMPLE!r}")
    for name, example in document.items():
        yield _problem(example.get(TEST_EXAMPLE), name, f"{path}: example {name!r}")


def _problem(record: Any, name: str, where: str) -> Problem | BadRecord:
    try:
        context = record["question"]
        query = str(record["query"])
        statement_text = query.split(":", 1)[1] if ":" in query else query  # `True or false: ...`
        answer = record.get("answer")
        gold = gold_label(answer) if answer not in (None, "") else None
        return Problem(name, read_theory(context), read_statement(statement_text), gold, context=context, where=where)
    except MALFORMED as error:
        return BadRecord(name, where, malformed(error))
    except ProofloomError as error:
        return BadRecord(name, where, str(error))
    except ValueError as error:
        return BadRecord(name, where, f"answer: {error}")


def prontoqa_explanations(path: Path) -> Iterator[dict[str, Any]]:
    """Each test example's gold chain of thought as a `verify` record (`{id, context, statement, explanation,
    format: cot}`): PrOntoQA's own chains, checked step by step."""
    document = json.loads(path.read_text(encoding="utf-8-sig"))
    for name, example in document.items():
        test = example.get(TEST_EXAMPLE, {})
        chain = test.get("chain_of_thought") or []
        query = str(test.get("query", ""))
        explanation = " ".join(chain) if isinstance(chain, list) else str(chain)
        answer = test.get("answer")
        if explanation and isinstance(answer, str) and answer.strip():  # the record's answer closes its chain:
            explanation += f" The answer is {answer.strip().lower()}."  # a False chain proves the negation
        yield {
            "id": name,
            "context": test.get("question", ""),
            "statement": query.split(":", 1)[1].strip() if ":" in query else query,
            "explanation": explanation,
            "format": "cot",
        }
