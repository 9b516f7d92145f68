"""What `explore` reads: a dataset folder, a proofloom JSONL file of examples, a ProofWriter meta file, or verdicts.

The kind is told from the input itself (a folder with `manifest.json`; otherwise the first record's keys). A
record that cannot be read stops the run with one line naming the file, the line and the record's id.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from proofloom.errors import ProofloomError
from proofloom.generator.example import Example, GeneratedQuestion, example_from_json
from proofloom.generator.formats.proofwriter import read_meta
from proofloom.generator.formats.reading import MALFORMED, Unparsed, json_lines, malformed, record_id
from proofloom.generator.recipe import Recipe
from proofloom.logic.english import Lexicon, render_english
from proofloom.prover.verification.verdicts import Verification, verification_from_json


class ExploreError(ProofloomError, ValueError):
    """An input the explorer cannot show: not a dataset, examples or verdicts, or a record that does not read."""


def is_dataset(path: Path) -> bool:
    return path.is_dir() and (path / "manifest.json").is_file()


@dataclass(frozen=True, slots=True)
class Dataset:
    """A dataset folder opened: its examples (read as they are asked for), recipe name, lexicon and size."""

    examples: Iterator[Example]
    name: str
    lexicon: Lexicon | None
    questions: int


def dataset_examples(folder: Path) -> Dataset:
    """The examples of a dataset folder, shard by shard, with its recipe's name and lexicon, and its size."""
    manifest_path = folder / "manifest.json"
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        shards = [folder / str(shard["file"]) for shard in manifest["shards"]]
        questions = int(manifest["questions"])
    except (json.JSONDecodeError, *MALFORMED) as error:
        raise ExploreError(f"{manifest_path}: not a proofloom manifest ({error})") from None
    lexicon, name = None, folder.name
    recipe_path = folder / "recipe.toml"
    if recipe_path.is_file():
        recipe = Recipe.from_toml(recipe_path.read_text(encoding="utf-8"), str(recipe_path))
        lexicon, name = recipe.vocabulary.resolve().lexicon, recipe.name

    def examples() -> Iterator[Example]:
        for shard in shards:
            yield from file_examples(shard)

    return Dataset(examples(), name, lexicon, questions)


def question_count(path: Path) -> int:
    """How many questions a file of examples or ProofWriter meta records holds, from its JSON alone (no logic
    is read), so a page cut short by a limit can say how much it left out."""
    count = 0
    for _, record in json_lines(path):
        if isinstance(record, dict) and isinstance(record.get("questions"), list | dict):
            count += len(record["questions"])
    return count


def first_record(path: Path) -> Any:
    """The first JSON value of a JSON-lines file (an `ExploreError` when the file is empty or not JSON)."""
    if path.is_dir():
        raise ExploreError(f"{path}: a folder without manifest.json is not a proofloom dataset")
    for line_number, record in json_lines(path):
        if isinstance(record, Unparsed):
            raise ExploreError(f"{path}:{line_number}: {record.message}")
        return record
    raise ExploreError(f"{path}: the file is empty: nothing to explore")


def looks_like_examples(record: Any) -> bool:
    return isinstance(record, dict) and isinstance(record.get("questions"), list) and "theory" in record


def looks_like_meta(record: Any) -> bool:
    """ProofWriter's `meta-*.jsonl`: the theory in English, its triples and rules, questions keyed by id."""
    return isinstance(record, dict) and isinstance(record.get("questions"), dict) and "triples" in record


def meta_examples(path: Path) -> Iterator[Example]:
    """A ProofWriter meta file's theories as examples (labels, QDep and proofs as the file gives them)."""
    try:
        theories = read_meta(path)
    except ValueError as error:
        raise ExploreError(str(error).splitlines()[0]) from None
    for index, meta in enumerate(theories):
        questions = tuple(
            GeneratedQuestion(f"{meta.id}_Q{n}", q.statement, q.label, q.depth, q.depth or 0, q.proofs)
            for n, q in enumerate(meta.questions, start=1)
        )
        yield Example(meta.id, index, "proofwriter", 0, meta.theory, render_english(meta.theory), questions)


def looks_like_verdicts(record: Any) -> bool:
    return isinstance(record, dict) and "steps" in record and "valid" in record


def file_examples(path: Path) -> Iterator[Example]:
    """Every example of a proofloom JSONL file, in order."""
    for line_number, record in json_lines(path):
        where = f"{path}:{line_number}"
        if isinstance(record, Unparsed):
            raise ExploreError(f"{where}: {record.message}")
        try:
            yield example_from_json(record)
        except (*MALFORMED, ValueError) as error:
            raise ExploreError(
                f"{where}: record {record_id(record, '?')}: not a proofloom example ({_why(error)})"
            ) from None


def file_verdicts(path: Path) -> Iterator[tuple[str, Verification]]:
    """Every verdict of a `verify` output file, with its id."""
    for line_number, record in json_lines(path):
        where = f"{path}:{line_number}"
        if isinstance(record, Unparsed):
            raise ExploreError(f"{where}: {record.message}")
        try:
            yield str(record["id"]), verification_from_json(record)
        except (*MALFORMED, ValueError) as error:
            raise ExploreError(
                f"{where}: record {record_id(record, '?')}: not a verify verdict ({_why(error)})"
            ) from None


def explanations_by_id(path: Path) -> dict[str, dict[str, Any]]:
    """`verify`'s input records by id (their context, statement and explanation), to show beside the verdicts."""
    found: dict[str, dict[str, Any]] = {}
    for line_number, record in json_lines(path):
        if isinstance(record, dict) and "id" in record:
            found[str(record["id"])] = record
        elif not isinstance(record, Unparsed):
            raise ExploreError(f"{path}:{line_number}: an explanation record has no id")
    return found


def _why(error: Exception) -> str:
    """A record's problem in a few words: the missing field, or the first line of the reader's message."""
    if isinstance(error, MALFORMED):
        return malformed(error)
    return str(error).splitlines()[0] if str(error) else error.__class__.__name__
