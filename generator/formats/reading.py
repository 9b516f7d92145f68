"""What the question-set readers share: JSON lines read within the limits, and the error for a whole file.

A line that cannot be parsed becomes an `Unparsed` value, which each reader turns into a `BadRecord`
naming the file, line and record id, so a batch goes on past it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from proofloom.errors import ProofloomError
from proofloom.limits import LIMITS, bounded_lines
from proofloom.logic.semantics import Label


class InputError(ProofloomError, ValueError):
    """A question file that cannot be read at all (not one bad record: the whole file)."""


@dataclass(frozen=True, slots=True)
class Unparsed:
    """A line that is not a JSON value, and why."""

    message: str


def json_lines(path: Path) -> Iterator[tuple[int, Any]]:
    """(line number, JSON value or `Unparsed`) for each line that is not blank."""
    with path.open(encoding="utf-8-sig", errors="replace") as stream:
        for line_number, line in bounded_lines(stream):
            if line is None:
                yield line_number, Unparsed(f"the line is longer than the limit `line_chars` ({LIMITS.line_chars:,})")
                continue
            if not line.strip():
                continue
            try:
                yield line_number, json.loads(line)
            except json.JSONDecodeError as error:
                yield line_number, Unparsed(f"not JSON ({error.msg}, column {error.colno})")
            except RecursionError:
                yield line_number, Unparsed("JSON nested too deeply")


def record_id(record: Any, fallback: str) -> str:
    """The record's own `id`, or `fallback` where it has none (or is not even an object)."""
    return str(record.get("id", fallback)) if isinstance(record, dict) else fallback


MALFORMED = (KeyError, TypeError, AttributeError)  # what reading a field of a record of the wrong shape raises


def malformed(error: Exception) -> str:
    """The message of a BadRecord whose record lacks a field or has one of the wrong type."""
    return f"missing or malformed field {error}"


_OPTION = re.compile(r"^\(?([abc])\)?(?:[\s.:)]+(.*?))?[.\s]*$", re.IGNORECASE | re.DOTALL)  # `C) Uncertain`
_OPTION_LABELS = {"a": "True", "b": "False", "c": "Unknown"}


def gold_label(value: Any) -> Label:
    """A gold answer as datasets write it: a JSON boolean (ProofWriter, EntailmentBank), a label in any case
    (`"True"`, `"unknown"`), or a Logic-LM option (`"A"`, `"(a)"`, `"A) True"`); a ValueError naming what it was."""
    if isinstance(value, bool):
        return Label.TRUE if value else Label.FALSE
    if not isinstance(value, str):
        raise ValueError(f"a gold label is text or true/false, not {value!r}")
    option = _OPTION.match(value.strip())
    if option is not None:
        said = (option.group(2) or "").lower()
        return Label.parse(said if said in ("true", "false", "unknown") else _OPTION_LABELS[option.group(1).lower()])
    return Label.parse(value)
