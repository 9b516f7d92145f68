"""Input files checked before a batch starts: a missing or empty file is one error naming it, not an empty run."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from proofloom.errors import ProofloomError

if TYPE_CHECKING:
    from proofloom.logic.semantics import Semantics


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


def input_semantics(chosen: str | None, problems: Iterable[Any]) -> tuple[Semantics, Iterator[Any]]:
    """The semantics a run asks its questions in: `--semantics` where given, else the input's (the first
    question's id: ProofWriter's `...-CWA-...`), else owa; and the problems, none lost to the look. Said on
    standard error when taken from the input, so a closed-world file is never silently read open."""
    import itertools
    import sys

    from proofloom.logic.semantics import Semantics
    from proofloom.prover.problem import Problem

    if chosen is not None:
        return Semantics.parse(chosen), iter(problems)
    seen: list[Any] = []
    found = None
    iterator = iter(problems)
    for item in iterator:
        seen.append(item)
        if isinstance(item, Problem):
            found = item
            break
    said = found.semantics_said if found is not None else None
    if found is not None and said is not None:
        print(f"semantics: {said.value}, as the input's ids say ({found.id}); --semantics to choose", file=sys.stderr)
    return said or Semantics.OWA, itertools.chain(seen, iterator)
