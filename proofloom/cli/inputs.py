"""Input files checked before a batch starts: a missing or empty file is one error naming it, not an empty run."""

from __future__ import annotations

from pathlib import Path

from proofloom.errors import ProofloomError


class EmptyInputError(ProofloomError, ValueError):
    """An input file with nothing in it but white space."""


def records_file(text: str) -> Path:
    """`text` as a path to a file that has something to read (a missing file raises the OSError that says so), or
    to a folder (a generated dataset: its reader checks the manifest)."""
    path = Path(text)
    if path.is_dir():
        return path
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 16):
            if chunk.strip():
                return path
    raise EmptyInputError(f"{path}: the file is empty: no records to read")
