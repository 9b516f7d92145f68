"""Question sets from disk, in whichever layout they come: detection, then the layout's own reader.

The readers live with their writers (`logiclm`, `proofwriter`, `native`, `entailmentbank`, `huggingface`); each
streams `Problem`s, and a record that cannot be read becomes a `BadRecord` naming the file, line and record id, so
a batch can go on past it. A file that cannot be read at all is an `InputError`.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from proofloom.generator.formats.entailmentbank import is_entailmentbank_record, read_entailmentbank_problems
from proofloom.generator.formats.huggingface import read_parquet_problems
from proofloom.generator.formats.logiclm import read_logiclm
from proofloom.generator.formats.native import is_example_record, read_example_problems, read_questions
from proofloom.generator.formats.prontoqa_json import TEST_EXAMPLE, is_prontoqa_document, read_prontoqa
from proofloom.generator.formats.proofwriter import proofwriter_gold_trees, proofwriter_theory, read_meta_problems
from proofloom.generator.formats.reading import InputError
from proofloom.logic.semantics import Label
from proofloom.logic.syntax import render_dsl
from proofloom.prover.problem import BadRecord, Problem
from proofloom.prover.proof.entailmentbank import to_entailmentbank
from proofloom.prover.proof.tree import EntailmentTree, TreeError

if TYPE_CHECKING:  # the scorer's gold questions: loaded by `read_gold` alone, which only `score` calls
    from proofloom.prover.scoring.metrics import GoldQuestion

__all__ = [
    "BadRecord",
    "InputError",
    "InputFormat",
    "Problem",
    "dataset_shards",
    "detect_format",
    "explanation_records",
    "gold_trees",
    "proofwriter_theory",
    "read_gold",
    "read_problems",
]


class InputFormat(enum.Enum):
    """The question-set layouts proofloom reads: every one the generator writes, and the question layout."""

    LOGICLM = "logiclm"
    PROOFWRITER = "proofwriter"
    PROOFLOOM = "proofloom"  # one question a line: `{id, theory | context, statement, label?}`
    NATIVE = "native"  # a generated shard: one theory and its questions a line
    ENTAILMENTBANK = "entailmentbank"
    HF = "hf"  # HuggingFace Parquet
    DATASET = "dataset"  # a generated folder: its manifest's shards
    PRONTOQA = "prontoqa"  # PrOntoQA's own JSON: an object of examples, each with its `test_example`


MANIFEST = "manifest.json"
PARQUET_MAGIC = b"PAR1"


def detect_format(path: Path) -> InputFormat:
    """A folder is a generated dataset; Parquet is known by its magic bytes; a JSON array is Logic-LM's; JSON lines by
    the first record (`triples`: ProofWriter's, a list of `questions`: a native shard, `hypothesis`: EntailmentBank)."""
    if path.is_dir():
        return InputFormat.DATASET
    with path.open("rb") as binary:
        if binary.read(4) == PARQUET_MAGIC:
            return InputFormat.HF
    with path.open(encoding="utf-8-sig", errors="replace") as stream:
        head = stream.read(1 << 16).lstrip()
    if not head:
        raise InputError(f"{path}: the file is empty: no questions to read")
    if head.startswith("["):
        return InputFormat.LOGICLM
    if head.startswith("{") and TEST_EXAMPLE in head[:4096] and "\n" in head.split("}", 1)[0]:
        return InputFormat.PRONTOQA  # one pretty-printed object (JSON lines have no line break inside a record)
    first_line = head.split("\n", 1)[0]
    try:
        record = json.loads(first_line)
    except json.JSONDecodeError:
        raise InputError(f"{path}:1: neither a JSON array nor JSON lines; name the layout with --format") from None
    if is_prontoqa_document(record):
        return InputFormat.PRONTOQA
    if isinstance(record, dict) and "triples" in record and "questions" in record:
        return InputFormat.PROOFWRITER
    if is_example_record(record):
        return InputFormat.NATIVE
    if is_entailmentbank_record(record):
        return InputFormat.ENTAILMENTBANK
    return InputFormat.PROOFLOOM


def read_problems(path: Path, input_format: InputFormat | None = None) -> Iterator[Problem | BadRecord]:
    """Every question in the file (or generated folder), in order; unreadable records come as BadRecord."""
    chosen = input_format or detect_format(path)
    if chosen is InputFormat.DATASET:
        for shard in dataset_shards(path):
            yield from read_example_problems(shard)
    elif chosen is InputFormat.LOGICLM:
        yield from read_logiclm(path)
    elif chosen is InputFormat.PROOFWRITER:
        yield from read_meta_problems(path)
    elif chosen is InputFormat.NATIVE:
        yield from read_example_problems(path)
    elif chosen is InputFormat.ENTAILMENTBANK:
        yield from read_entailmentbank_problems(path)
    elif chosen is InputFormat.HF:
        yield from read_parquet_problems(path)
    elif chosen is InputFormat.PRONTOQA:
        yield from read_prontoqa(path)
    else:
        yield from read_questions(path)


def dataset_shards(folder: Path) -> list[Path]:
    """The native shards a generated folder's manifest lists, in order (every format writes them beside its own)."""
    if not folder.is_dir():
        raise InputError(f"{folder}: not a folder: a generated dataset is read from its folder")
    manifest_path = folder / MANIFEST
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        shards = [folder / str(shard["file"]) for shard in manifest["shards"]]
    except FileNotFoundError:
        raise InputError(f"{folder}: a folder is read as a generated dataset, but it has no {MANIFEST}") from None
    except json.JSONDecodeError as error:
        raise InputError(f"{manifest_path}:{error.lineno}:{error.colno}: not JSON ({error.msg})") from None
    except (KeyError, TypeError) as error:
        raise InputError(f"{manifest_path}: no list of shards ({error})") from None
    missing = [str(shard) for shard in shards if not shard.is_file()]
    if missing:
        raise InputError(f"{manifest_path}: lists shards that are not there: {', '.join(missing[:3])}")
    if not shards:
        raise InputError(f"{manifest_path}: the dataset has no shards: no questions to read")
    return shards


def gold_trees(problem: Problem) -> tuple[EntailmentTree, ...]:
    """A problem's gold proofs as trees: as its reader gave them, or built from ProofWriter's proof strings."""
    return problem.gold_trees or proofwriter_gold_trees(problem)


def explanation_records(problems: Iterable[Problem | BadRecord]) -> Iterator[dict[str, Any]]:
    """Each gold proof of each problem as a `verify` record (`{id, context, statement, explanation, format}`, the
    theory in the DSL so that `sentN` counts the same sentences); a BadRecord comes as `{id, error}`. A question
    with no proof (Unknown) has nothing to verify and gives nothing; a second proof's id ends `#2`."""
    for item in problems:
        if isinstance(item, BadRecord):
            yield {"id": item.id, "error": f"{item.where}: {item.message}"}
            continue
        try:
            trees = gold_trees(item)
        except TreeError as error:  # one unreadable gold proof: this record's error, the rest still verified
            yield {"id": item.id, "error": f"{item.where}: question {item.id!r}: gold proof cannot be read: {error}"}
            continue
        for number, tree in enumerate(trees, start=1):
            yield {
                "id": item.id if number == 1 else f"{item.id}#{number}",
                "context": render_dsl(item.theory),
                "statement": str(tree.conclusion),
                "explanation": to_entailmentbank(tree),
                "format": "entailmentbank",
            }


def read_gold(path: Path, input_format: InputFormat | None = None) -> list[GoldQuestion]:
    """Every question of a gold file or dataset folder with its label, depth (none for an Unknown: ProofWriter's
    N/A) and gold proofs (None for a layout that has none), for `score`; a record that cannot be read, or a question
    with no label, is an InputError naming it (a gold set with holes would score wrongly)."""
    from proofloom.prover.scoring.metrics import GoldQuestion
    from proofloom.prover.scoring.shapes import tree_shape

    chosen = input_format or detect_format(path)
    proofs_given = chosen not in (InputFormat.LOGICLM, InputFormat.PROOFLOOM)  # these layouts carry no proofs
    golds = []
    for item in read_problems(path, chosen):
        if isinstance(item, BadRecord):
            raise InputError(f"{item.where}: gold record {item.id!r} cannot be read: {item.message}")
        if item.gold is None:
            raise InputError(f"{path}: gold question {item.id!r} has no label")
        depth = None if item.gold is Label.UNKNOWN else item.gold_depth
        try:
            shapes = tuple(tree_shape(tree) for tree in gold_trees(item)) if proofs_given else None
        except TreeError as error:
            raise InputError(f"{item.where}: gold question {item.id!r}: its proof cannot be read: {error}") from None
        golds.append(GoldQuestion(item.id, item.theory, item.statement, item.gold, depth, shapes))
    if not golds:
        raise InputError(f"{path}: no gold questions to score against")
    return golds
