"""Every size limit in one place, with defaults far above the real data (ProofWriter: at most ~30 sentences).

Exceeding a limit is a `LimitError` naming the limit and where, never a hang or running out of memory.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TextIO

from proofloom.errors import ProofloomError


@dataclass(frozen=True, slots=True)
class Limits:
    """Sizes proofloom accepts; each field is checked where that size first becomes known."""

    sentences: int = 2_000  # per theory
    entities: int = 500  # distinct constants per theory
    conditions: int = 16  # per rule
    groundings: int = 500_000  # ground rule instances per theory (entities ** variables, summed over rules)
    explanation_steps: int = 2_000  # steps in one explanation
    proof_depth: int = 1_000  # rounds of forward chaining (the depth of the deepest derivation)
    model_tokens: int = 1_024  # tokens of one step-model input (a longer proof state is refused, not cut)
    proofs: int = 64  # proofs listed for one question when all are asked for
    line_chars: int = 2_000_000  # characters in one input line or record
    z3_timeout_ms: int = 10_000  # per Z3 check; a timeout is its own outcome, never "invalid"


LIMITS = Limits()


class LimitError(ProofloomError, ValueError):
    """A size limit was exceeded; the message names the limit and its value."""

    def __init__(self, what: str, size: int, limit: str, value: int) -> None:
        super().__init__(f"{what} has {size:,}; the limit `{limit}` is {value:,}")
        self.limit = limit


def check(what: str, size: int, limit: str, limits: Limits = LIMITS) -> None:
    """Raise LimitError when `size` exceeds the named limit."""
    value = getattr(limits, limit)
    if size > value:
        raise LimitError(what, size, limit, value)


def bounded_lines(stream: TextIO, limits: Limits = LIMITS) -> Iterator[tuple[int, str | None]]:
    """(line number, text) for each line; None for a line over `line_chars`, read past without keeping it."""
    number = 0
    while True:
        line = stream.readline(limits.line_chars + 1)
        if not line:
            return
        number += 1
        if len(line) > limits.line_chars and not line.endswith("\n"):
            while (rest := stream.readline(limits.line_chars)) and not rest.endswith("\n"):
                pass
            yield number, None
            continue
        yield number, line
