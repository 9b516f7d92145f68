"""What the batch verbs write: JSON lines into a file that appears whole or not at all."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from proofloom.atomic import atomic_output
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
