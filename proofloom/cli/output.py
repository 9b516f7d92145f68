"""What the batch verbs write: JSON lines into a file that appears whole or not at all, or (for the long runs)
line by line into a partial file that a stopped run resumes from."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from proofloom.atomic import atomic_output, make_folder
from proofloom.errors import BadRecordError


def write_json_lines(path: Path, records: Iterable[dict[str, Any]], stop_at_error: bool = False) -> None:
    """One JSON line per record, written atomically; with `stop_at_error` the first `error` record ends the run.

    Stopping raises before the file is replaced, so whatever `path` held before is kept.
    """
    with atomic_output(path) as stream:
        for record in records:
            stream.write(json.dumps(record) + "\n")
            if stop_at_error and "error" in record:
                raise BadRecordError(record["error"])


def partial_path(path: Path) -> Path:
    """Where a resumable run keeps the answers it has written so far: `OUTPUT.partial`, beside the output."""
    return path.with_name(f"{path.name}.partial")


def answered_so_far(path: Path) -> list[dict[str, Any]]:
    """The whole records a stopped run left in `path`'s partial file; a last line cut off mid-write is dropped
    (the file is truncated to the records kept, so the run goes on from there)."""
    partial = partial_path(path)
    if not partial.is_file():
        return []
    kept: list[dict[str, Any]] = []
    end = 0
    with partial.open("rb") as stream:
        for line in stream:
            if not line.endswith(b"\n"):
                break
            try:
                record = json.loads(line)
            except ValueError:
                break
            if not isinstance(record, dict) or "id" not in record:
                break
            kept.append(record)
            end += len(line)
    with partial.open("r+b") as stream:
        stream.truncate(end)
    return kept


def write_json_lines_resumable(path: Path, records: Iterable[dict[str, Any]], stop_at_error: bool = False) -> None:
    """One JSON line per record, each flushed to `OUTPUT.partial` as it comes, so a stopped run loses nothing
    and the same command resumes it (`answered_so_far`); the whole file is renamed to `path` at the end.

    Stopping at an error leaves the partial file (and whatever `path` held before) as it is.
    """
    partial = partial_path(path)
    make_folder(partial.parent)
    with partial.open("a", encoding="utf-8") as stream:
        for record in records:
            stream.write(json.dumps(record) + "\n")
            stream.flush()
            if stop_at_error and "error" in record:
                raise BadRecordError(record["error"])
        os.fsync(stream.fileno())
    os.replace(partial, path)
