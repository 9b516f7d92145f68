"""Question sets from disk, in whichever layout they come: detection, then the layout's own reader.

The readers live with their writers (`logiclm`, `proofwriter`, `native`); each streams `Problem`s, and a
record that cannot be read becomes a `BadRecord` naming the file, line and record id, so a batch can go
on past it. A file that cannot be read at all is an `InputError`.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Iterator
from pathlib import Path

from proofloom.generator.formats.logiclm import read_logiclm
from proofloom.generator.formats.native import read_questions
from proofloom.generator.formats.proofwriter import proofwriter_theory, read_meta_problems
from proofloom.generator.formats.reading import InputError
from proofloom.prover.problem import BadRecord, Problem

__all__ = [
    "BadRecord",
    "InputError",
    "InputFormat",
    "Problem",
    "detect_format",
    "proofwriter_theory",
    "read_problems",
]


class InputFormat(enum.Enum):
    """The question-set layouts proofloom reads."""

    LOGICLM = "logiclm"
    PROOFWRITER = "proofwriter"
    PROOFLOOM = "proofloom"


def detect_format(path: Path) -> InputFormat:
    """By the first record: a JSON array is Logic-LM's; JSON lines with `triples` are ProofWriter's."""
    with path.open(encoding="utf-8") as stream:
        head = stream.read(1 << 16).lstrip()
    if not head:
        raise InputError(f"{path}: the file is empty: no questions to read")
    if head.startswith("["):
        return InputFormat.LOGICLM
    first_line = head.split("\n", 1)[0]
    try:
        record = json.loads(first_line)
    except json.JSONDecodeError:
        raise InputError(f"{path}:1: neither a JSON array nor JSON lines; name the layout with --format") from None
    if isinstance(record, dict) and "triples" in record and "questions" in record:
        return InputFormat.PROOFWRITER
    return InputFormat.PROOFLOOM


def read_problems(path: Path, input_format: InputFormat | None = None) -> Iterator[Problem | BadRecord]:
    """Every question in the file, in order; unreadable records come as BadRecord."""
    chosen = input_format or detect_format(path)
    if chosen is InputFormat.LOGICLM:
        yield from read_logiclm(path)
    elif chosen is InputFormat.PROOFWRITER:
        yield from read_meta_problems(path)
    else:
        yield from read_questions(path)
