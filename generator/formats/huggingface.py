"""HuggingFace `datasets`: one row per question, written as Parquet that `datasets.load_dataset` reads."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from proofloom.errors import ProofloomError
from proofloom.generator.example import Example
from proofloom.generator.formats.reading import MALFORMED, InputError, malformed, record_id
from proofloom.logic.english import Lexicon, render_sentence
from proofloom.logic.files import naming_field, statement_from_text
from proofloom.logic.semantics import Label
from proofloom.logic.syntax import parse_theory, render_dsl
from proofloom.prover.problem import BadRecord, Problem
from proofloom.prover.proof.entailmentbank import from_entailmentbank, to_entailmentbank

COLUMNS = ("id", "theory_id", "context", "theory", "statement", "question", "label", "depth", "target_depth", "proofs")
LABELS = ("True", "False", "Unknown")  # the label's class names, in the order of its class ids
# Each column's HuggingFace type ("class_label" for the label): the Parquet files' features and the card's YAML.
DTYPES = {
    "id": "string",
    "theory_id": "string",
    "context": "string",
    "theory": "string",
    "statement": "string",
    "question": "string",
    "label": "class_label",
    "depth": "int64",
    "target_depth": "int64",
    "proofs": "list[string]",
}


def to_rows(example: Example, lexicon: Lexicon) -> list[dict[str, Any]]:
    theory = render_dsl(example.theory)
    return [
        {
            "id": q.id,
            "theory_id": example.id,
            "context": example.context,
            "theory": theory,
            "statement": str(q.statement),
            "question": render_sentence(q.statement, lexicon),
            "label": q.label.value,
            "depth": -1 if q.depth is None else q.depth,
            "target_depth": q.target_depth,
            "proofs": [to_entailmentbank(t, lexicon) for t in q.proofs],
        }
        for q in example.questions
    ]


def rows_of_record(record: dict[str, Any]) -> list[dict[str, Any]]:
    """The same rows as `to_rows`, from the example's native record (`example_to_json`), which has rendered
    everything a row holds already: the generator's workers make both without rendering twice."""
    return [
        {
            "id": q["id"],
            "theory_id": record["id"],
            "context": record["context"],
            "theory": record["theory"],
            "statement": q["statement"],
            "question": q["text"],
            "label": q["label"],
            "depth": -1 if q["depth"] is None else q["depth"],
            "target_depth": q["target_depth"],
            "proofs": q["proofs"],
        }
        for q in record["questions"]
    ]


def write_parquet(examples: list[Example], path: Path, lexicon: Lexicon) -> None:
    """Rows to a Parquet file whose features make the label a ClassLabel (True/False/Unknown), so a model
    trains on it as is (imports `datasets` only here: it is slow to import)."""
    import datasets

    datasets.disable_progress_bars()
    rows = [row for example in examples for row in to_rows(example, lexicon)]
    datasets.Dataset.from_list(rows, features=_features()).to_parquet(str(path))


def _features() -> Any:
    """The `datasets.Features` of a row, from DTYPES."""
    import datasets

    def feature(dtype: str) -> Any:
        if dtype == "class_label":
            return datasets.ClassLabel(names=list(LABELS))
        if dtype == "list[string]":
            listed = getattr(datasets, "List", None) or datasets.Sequence  # `List` since datasets 4
            return listed(datasets.Value("string"))
        return datasets.Value(dtype)

    return datasets.Features({name: feature(dtype) for name, dtype in DTYPES.items()})


def read_parquet(paths: list[Path]) -> list[dict[str, Any]]:
    """The rows back, through `datasets.load_dataset` as a user would load them (the label by its name)."""
    import datasets

    loaded = datasets.load_dataset("parquet", data_files=[str(p) for p in paths], split="train")
    label = loaded.features["label"]
    named = isinstance(label, datasets.ClassLabel)
    return [{**row, "label": label.int2str(row["label"]) if named else row["label"]} for row in loaded]


def read_parquet_problems(path: Path) -> Iterator[Problem | BadRecord]:
    """Every row of a Parquet file as a Problem with its gold label, depth and trees, or a BadRecord naming the row.

    Read with pyarrow (what `datasets` reads Parquet with), so no cache is written; without it, an InputError."""
    try:
        import pyarrow.parquet
    except ImportError:
        raise InputError(f"{path}: reading Parquet needs pyarrow (pip install 'proofloom[hf]')") from None
    try:
        rows = pyarrow.parquet.read_table(path).to_pylist()
    except (OSError, ValueError) as error:  # pyarrow's ArrowInvalid is a ValueError
        raise InputError(f"{path}: not a Parquet file ({str(error).splitlines()[0]})") from None
    for index, row in enumerate(rows):
        where = f"{path}: row {index}"
        problem_id = record_id(row, where)
        try:
            yield _problem(row, problem_id, where)
        except MALFORMED as error:
            yield BadRecord(problem_id, where, malformed(error))
        except (ProofloomError, ValueError) as error:
            yield BadRecord(problem_id, where, str(error).splitlines()[0])


def _problem(row: dict[str, Any], problem_id: str, where: str) -> Problem:
    with naming_field("theory"):
        theory = parse_theory(row["theory"])
    with naming_field("statement"):
        statement = statement_from_text(row["statement"])
    raw = row["label"]  # a class id where the file's features make the label a ClassLabel, else its name
    label = Label.parse(LABELS[raw] if isinstance(raw, int) and 0 <= raw < len(LABELS) else str(raw))
    proves = statement.negated() if label is Label.FALSE else statement
    trees = tuple(from_entailmentbank(text, theory, proves) for text in row["proofs"] or ())
    depth = row.get("depth")
    gold_depth = None if depth is None or int(depth) < 0 else int(depth)
    return Problem(
        problem_id,
        theory,
        statement,
        label,
        gold_depth,
        context=row.get("context") or "",
        gold_trees=trees,
        where=where,
    )
