"""proofloom's own JSONL, in two layouts (each written and read).

- Examples: one generated theory and all its questions a line (`example_to_json`), what `generate` writes.
  `read_example_problems` streams its questions for `solve`, `prove`, `verify` and `score`.
- Questions: one question a line, `{id, theory | context, statement, label?, depth?}`, the theory in the
  DSL (`theory`) or in English (`context`) and the statement likewise; what `solve` and `prove` read
  when a question set is neither Logic-LM's nor ProofWriter's.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from proofloom.errors import ProofloomError
from proofloom.generator.example import Example, GeneratedQuestion, example_from_json, example_to_json
from proofloom.generator.formats.reading import MALFORMED, Unparsed, gold_label, json_lines, malformed, record_id
from proofloom.logic.english import Lexicon, read_theory
from proofloom.logic.files import naming_field, statement_from_text
from proofloom.logic.syntax import parse_theory, render_dsl
from proofloom.prover.problem import BadRecord, Problem


def example_line(example: Example, lexicon: Lexicon) -> str:
    """One line, keys in a fixed order, so the same example always gives the same bytes."""
    return json.dumps(example_to_json(example, lexicon), ensure_ascii=False) + "\n"


def write_native(examples: list[Example], path: Path, lexicon: Lexicon) -> None:
    """The examples, one a line."""
    path.write_text("".join(example_line(example, lexicon) for example in examples), encoding="utf-8")


def read_native(path: Path) -> list[Example]:
    """Every example of a proofloom JSONL file; a bad line is a ValueError naming file and line."""
    examples = []
    with path.open(encoding="utf-8") as stream:
        for number, line in enumerate(stream, start=1):
            try:
                examples.append(example_from_json(json.loads(line)))
            except (KeyError, TypeError, ValueError) as error:
                raise ValueError(f"{path}:{number}: not a proofloom example ({error})") from None
    return examples


def read_example_problems(path: Path) -> Iterator[Problem | BadRecord]:
    """Every question of an examples file (a generated shard) as a Problem with its gold label, depth and trees;
    a line that cannot be read is one BadRecord naming it."""
    for line_number, record in json_lines(path):
        where = f"{path}:{line_number}"
        if isinstance(record, Unparsed):
            yield BadRecord(record_id(record, where), where, record.message)
            continue
        try:
            example = example_from_json(record)
        except MALFORMED as error:
            yield BadRecord(record_id(record, where), where, malformed(error))
            continue
        except (ProofloomError, ValueError) as error:
            yield BadRecord(record_id(record, where), where, str(error).splitlines()[0])
            continue
        yield from example_problems(example, where)


def example_problems(example: Example, where: str = "") -> Iterator[Problem]:
    """Each question of a generated example as a problem, with its gold label, depth and trees."""
    for question in example.questions:
        yield Problem(
            question.id,
            example.theory,
            question.statement,
            question.label,
            question.depth,
            context=example.context,
            gold_trees=question.proofs,
            where=where,
        )


def is_example_record(record: Any) -> bool:
    """Whether a JSON value is one line of the examples layout (a theory with its list of questions)."""
    return isinstance(record, dict) and "theory" in record and isinstance(record.get("questions"), list)


def question_record(example: Example, question: GeneratedQuestion) -> dict[str, Any]:
    """One question in the question layout, its theory and statement in the DSL."""
    return {
        "id": question.id,
        "theory": render_dsl(example.theory),
        "statement": str(question.statement),
        "label": question.label.value,
        "depth": question.depth,
    }


def write_questions(examples: list[Example], path: Path) -> None:
    """Every question of the examples, one a line."""
    with path.open("w", encoding="utf-8") as stream:
        for example in examples:
            for question in example.questions:
                stream.write(json.dumps(question_record(example, question), ensure_ascii=False) + "\n")


def read_questions(path: Path) -> Iterator[Problem | BadRecord]:
    """Every line of a question file as a Problem, or a BadRecord naming the line."""
    for line_number, record in json_lines(path):
        yield _problem(record, f"{path}:{line_number}")


def _problem(record: Any, where: str) -> Problem | BadRecord:
    problem_id = record_id(record, where)
    if isinstance(record, Unparsed):
        return BadRecord(problem_id, where, record.message)
    try:
        in_dsl = "theory" in record
        source = record["theory"] if in_dsl else record["context"]
        with naming_field("theory" if in_dsl else "context"):
            theory = parse_theory(source) if in_dsl else read_theory(source)
        text = record["statement"]
        with naming_field("statement"):
            statement = statement_from_text(text)
        gold = gold_label(record["label"]) if record.get("label") is not None else None
        depth = record.get("depth")
        return Problem(
            problem_id, theory, statement, gold, int(depth) if depth is not None else None, context=source, where=where
        )
    except MALFORMED as error:
        return BadRecord(problem_id, where, malformed(error))
    except (ProofloomError, ValueError) as error:
        return BadRecord(problem_id, where, str(error).splitlines()[0])  # a syntax error's first line names where
