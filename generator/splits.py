"""Train/validation/test splits of a dataset, and the per-depth test sets ProofWriter ships, as question rows.

Theory i goes to a split by a hash of the recipe's seed and i alone, so the split does not depend on the
worker count or the shard size, and the same recipe gives the same split. Its questions go with it: no
theory is seen in two splits. The test questions are also grouped by depth (`test_depth_N`, the schedule's
cell: for Unknown the near miss's depth), as ProofWriter's depth-N test sets are. Each split's rows are
the HuggingFace rows (`formats.huggingface.rows_of_record`) as JSON lines under `data/SPLIT/`, which the card's
YAML header declares, so `datasets.load_dataset(FOLDER)` loads them.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

from proofloom.generator.recipe import SplitsSection

__all__ = ["DATA_FOLDER", "SPLITS", "depth_split", "split_of", "split_rows"]

DATA_FOLDER = "data"
# The recipe's shares by HuggingFace's split names (the recipe's `dev` is HuggingFace's `validation`).
SPLITS = ("train", "validation", "test")


def split_of(seed: int, index: int, shares: SplitsSection) -> str:
    """Theory `index`'s split: a uniform draw from sha256(seed, index) against the recipe's shares."""
    digest = hashlib.sha256(f"proofloom-split/{seed}/{index}".encode()).digest()
    draw = int.from_bytes(digest[:8], "big") / 2**64
    if draw < shares.train:
        return "train"
    if draw < shares.train + shares.dev:
        return "validation"
    return "test"


def depth_split(depth: int) -> str:
    """The name of the test questions of one depth, as a split (`test_depth_3`)."""
    return f"test_depth_{depth}"


def split_rows(records: Iterable[tuple[str, dict[str, Any]]]) -> dict[str, list[str]]:
    """Each split's JSON lines (one question a line) for (split, native record) pairs in index order; test
    questions also under their depth's split. Only splits with a question appear."""
    lines: dict[str, list[str]] = {}
    for split, record in records:
        for line, target_depth in row_lines(record):
            lines.setdefault(split, []).append(line)
            if split == "test":
                lines.setdefault(depth_split(target_depth), []).append(line)
    return lines


# one encoder for every piece of every row (json.dumps with ensure_ascii=False makes one a call)
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


def row_lines(record: dict[str, Any]) -> list[tuple[str, int]]:
    """Each of the record's rows (`rows_of_record`) as its JSON line, the bytes `json.dumps(row,
    ensure_ascii=False)` gives, with its target depth. The fields every row of a theory shares (its context
    and DSL theory, most of a row's bytes) are encoded once, not once a question."""
    encode = _ENCODE
    shared = (
        f', "theory_id": {encode(record["id"])}, "context": {encode(record["context"])}, '
        f'"theory": {encode(record["theory"])}, "statement": '
    )
    made = []
    for q in record["questions"]:
        depth = -1 if q["depth"] is None else q["depth"]
        target = q["target_depth"]
        line = (
            f'{{"id": {encode(q["id"])}{shared}{encode(q["statement"])}, "question": {encode(q["text"])}, '
            f'"label": {encode(q["label"])}, "depth": {encode(depth)}, "target_depth": {encode(target)}, '
            f'"proofs": {encode(q["proofs"])}}}\n'
        )
        made.append((line, target))
    return made
