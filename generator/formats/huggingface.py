"""HuggingFace `datasets`: one row per question, written as Parquet that `datasets.load_dataset` reads."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from proofloom.generator.example import Example
from proofloom.logic.english import Lexicon, render_sentence
from proofloom.logic.syntax import render_dsl
from proofloom.prover.proof.entailmentbank import to_entailmentbank

COLUMNS = ("id", "theory_id", "context", "theory", "statement", "question", "label", "depth", "target_depth", "proofs")


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


def write_parquet(examples: list[Example], path: Path, lexicon: Lexicon) -> None:
    """Rows to a Parquet file (imports `datasets` only here: it is slow to import)."""
    import datasets

    datasets.disable_progress_bars()
    rows = [row for example in examples for row in to_rows(example, lexicon)]
    datasets.Dataset.from_list(rows).to_parquet(str(path))


def read_parquet(paths: list[Path]) -> list[dict[str, Any]]:
    """The rows back, through `datasets.load_dataset` as a user would load them."""
    import datasets

    loaded = datasets.load_dataset("parquet", data_files=[str(p) for p in paths], split="train")
    return [dict(row) for row in loaded]
