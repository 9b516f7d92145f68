"""Atomic output: write to a temporary file beside the target, then rename over it.

A reader sees the old file or the whole new one, never half; an interrupted run leaves the old file. The
file gets the mode a plain `open` would give it (0666 less the umask), not `mkstemp`'s private 0600, so a
dataset written for collaborators is readable by them.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, TextIO, cast


def current_umask() -> int:
    """The process's umask (reading it means setting it, so it is set straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def make_folder(folder: Path) -> None:
    """`folder` and any folders missing above it, as `mkdir -p` makes them: every output (`-o FILE` as much as
    `generate -o DIR`) may name folders that do not exist yet. A file in the way is `NotADirectoryError` naming
    it (`mkdir` says `FileExistsError`, which reads as if the folder were there)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError as error:
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), error.filename) from None


def temporary_beside(path: Path) -> tuple[int, Path]:
    """A new, uniquely named file in `path`'s folder (made if missing), opened for writing, with the umask's mode."""
    make_folder(path.parent)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.fchmod(handle, 0o666 & ~current_umask())
    return handle, Path(temporary)


@contextmanager
def _replacing(path: Path, mode: str) -> Iterator[IO[Any]]:
    """A stream (text or binary, by `mode`) whose content replaces `path` only when the block ends cleanly."""
    handle, temporary = temporary_beside(path)
    try:
        with os.fdopen(handle, mode, encoding="utf-8" if "b" not in mode else None) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


@contextmanager
def atomic_output(path: Path) -> Iterator[TextIO]:
    """A text stream whose content replaces `path` only when the block ends without an exception."""
    with _replacing(path, "w") as stream:
        yield cast(TextIO, stream)  # opened in text mode


def write_text_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` atomically."""
    with atomic_output(path) as stream:
        stream.write(text)


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically (a Parquet file, or any file made elsewhere and handed over as bytes)."""
    with _replacing(path, "wb") as stream:
        stream.write(data)
