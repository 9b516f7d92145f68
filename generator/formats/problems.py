"""Question sets from disk: the Logic-LM JSON layout, ProofWriter's `meta-*.jsonl`, proofloom's own JSONL.

Readers stream `Problem`s; a record that cannot be read becomes a `BadRecord` naming the file, line
and record id, so a batch can go on past it.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from proofloom.errors import ProofloomError
from proofloom.limits import LIMITS, bounded_lines
from proofloom.logic.english import read_sentence, read_statement, read_theory, split_sentences
from proofloom.logic.semantics import Label
from proofloom.logic.syntax import parse_literal, parse_theory
from proofloom.logic.terms import Content, Sentence, Theory
from proofloom.prover.problem import BadRecord, Problem

LOGICLM_ANSWERS = {"A": Label.TRUE, "B": Label.FALSE, "C": Label.UNKNOWN}


class InputFormat(enum.Enum):
    """The question-set layouts proofloom reads."""

    LOGICLM = "logiclm"
    PROOFWRITER = "proofwriter"
    PROOFLOOM = "proofloom"


class InputError(ProofloomError, ValueError):
    """A question file that cannot be read at all (not one bad record: the whole file)."""


def detect_format(path: Path) -> InputFormat:
    """By the first record: a JSON array is Logic-LM's; JSON lines with `triples` are ProofWriter's."""
    with path.open(encoding="utf-8") as stream:
        head = stream.read(1 << 16).lstrip()
    if head.startswith("["):
        return InputFormat.LOGICLM
    first_line = head.split("\n", 1)[0]
    try:
        record = json.loads(first_line)
    except json.JSONDecodeError:
        raise InputError(f"{path}:1: neither a JSON array nor JSON lines; name the layout with --format") from None
    if isinstance(record, dict) and "triples" in record and "questions" in record:
        return InputFormat.PROOFWRITER
    return InputFormat.PROOFLOOM


def read_problems(path: Path, input_format: InputFormat | None = None) -> Iterator[Problem | BadRecord]:
    """Every question in the file, in order; unreadable records come as BadRecord."""
    chosen = input_format or detect_format(path)
    if chosen is InputFormat.LOGICLM:
        yield from _read_logiclm(path)
    elif chosen is InputFormat.PROOFWRITER:
        for line_number, record in _json_lines(path):
            yield from _proofwriter_record(record, f"{path}:{line_number}")
    else:
        for line_number, record in _json_lines(path):
            yield _proofloom_record(record, f"{path}:{line_number}")


def _json_lines(path: Path) -> Iterator[tuple[int, Any]]:
    with path.open(encoding="utf-8", errors="replace") as stream:
        for line_number, line in bounded_lines(stream):
            if line is None:
                yield line_number, _Unparsed(f"the line is longer than the limit `line_chars` ({LIMITS.line_chars:,})")
                continue
            if not line.strip():
                continue
            try:
                yield line_number, json.loads(line)
            except json.JSONDecodeError as error:
                yield line_number, _Unparsed(f"not JSON ({error.msg}, column {error.colno})")
            except RecursionError:
                yield line_number, _Unparsed("JSON nested too deeply")


@dataclass(frozen=True, slots=True)
class _Unparsed:
    message: str


def _record_id(record: Any, fallback: str) -> str:
    return str(record.get("id", fallback)) if isinstance(record, dict) else fallback


def _read_logiclm(path: Path) -> Iterator[Problem | BadRecord]:
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise InputError(f"{path}:{error.lineno}:{error.colno}: not JSON ({error.msg})") from None
    if not isinstance(records, list):
        raise InputError(f"{path}: the Logic-LM layout is a JSON array of records")
    for index, record in enumerate(records):
        where = f"{path}: record {index}"
        record_id = _record_id(record, f"#{index}")
        try:
            context, question = record["context"], record["question"]
            statement_text = question.rsplit("? ", 1)[-1]
            gold = LOGICLM_ANSWERS.get(str(record.get("answer", "")).strip()[:1])
            yield Problem(record_id, read_theory(context), read_statement(statement_text), gold, context=context)
        except (KeyError, TypeError, AttributeError) as error:
            yield BadRecord(record_id, where, f"missing or malformed field {error}")
        except ProofloomError as error:
            yield BadRecord(record_id, where, str(error))


def _proofwriter_record(record: Any, where: str) -> Iterator[Problem | BadRecord]:
    theory_id = _record_id(record, where)
    if isinstance(record, _Unparsed):
        yield BadRecord(theory_id, where, record.message)
        return
    try:
        theory = proofwriter_theory(record)
        questions = record["questions"].items()
    except (KeyError, TypeError, AttributeError) as error:
        yield BadRecord(theory_id, where, f"missing or malformed field {error}")
        return
    except ProofloomError as error:
        yield BadRecord(theory_id, where, str(error))
        return
    for question_id, question in questions:
        problem_id = f"{theory_id}_{question_id}"
        try:
            yield _proofwriter_question(problem_id, theory, question, record.get("theory", ""))
        except (KeyError, TypeError, AttributeError, ValueError) as error:
            message = str(error) if isinstance(error, ProofloomError) else f"missing or malformed field {error}"
            yield BadRecord(problem_id, where, message)


def proofwriter_theory(record: dict[str, Any]) -> Theory:
    """A meta record's theory, keeping its `tripleN`/`ruleN` ids, in the order of its `theory` text."""
    texts = {key: value["text"] for key, value in {**record["triples"], **record["rules"]}.items()}
    contents: dict[str, Content] = {key: read_sentence(text, i) for i, (key, text) in enumerate(texts.items(), 1)}
    by_text = {text: key for key, text in texts.items()}
    order = [by_text.get(s) for s in split_sentences(record.get("theory", ""))]
    if sorted(k for k in order if k) != sorted(texts) or len(set(order)) != len(order):
        order = list(texts)  # the text does not list each sentence once: keep triples, then rules
    return Theory(tuple(Sentence(key, contents[key]) for key in order if key))


def _proofwriter_question(problem_id: str, theory: Theory, question: dict[str, Any], context: str) -> Problem:
    answer = question.get("answer")
    gold = {True: Label.TRUE, False: Label.FALSE}.get(answer) if isinstance(answer, bool) else None
    if gold is None and answer is not None:
        gold = Label.parse(str(answer))
    depth = question.get("QDep")
    gold_depth = int(depth) if depth not in (None, "") else None
    proofs = question.get("proofs")
    written = tuple(
        (str(proof["representation"]), tuple((key, str(said["text"])) for key, said in proof["intermediates"].items()))
        for proof in question.get("proofsWithIntermediates") or ()
    )
    statement = read_statement(question["question"])
    return Problem(problem_id, theory, statement, gold, gold_depth, proofs, written, context)


def _proofloom_record(record: Any, where: str) -> Problem | BadRecord:
    record_id = _record_id(record, where)
    if isinstance(record, _Unparsed):
        return BadRecord(record_id, where, record.message)
    try:
        source = record["theory"] if "theory" in record else record["context"]
        theory = parse_theory(source) if "theory" in record else read_theory(source)
        text = record["statement"]
        statement = parse_literal(text) if "(" in text else read_statement(text)
        gold = Label.parse(record["label"]) if record.get("label") is not None else None
        depth = record.get("depth")
        return Problem(record_id, theory, statement, gold, int(depth) if depth is not None else None, context=source)
    except (KeyError, TypeError, AttributeError) as error:
        return BadRecord(record_id, where, f"missing or malformed field {error}")
    except (ProofloomError, ValueError) as error:
        return BadRecord(record_id, where, str(error).splitlines()[0])
