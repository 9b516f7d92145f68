"""Batch verification: one JSON line in (`{id, context, statement, explanation, format?}`), one verdict out.

A record that cannot be read (bad JSON, an unreadable context) becomes an invalid verdict carrying
its error, and the batch goes on. Every step of the file is checked under one semantics (classical
unless told otherwise), in one clause pool: one Z3 session for the whole batch.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from proofloom.errors import ProofloomError
from proofloom.limits import bounded_lines
from proofloom.logic.english import lexicon_of
from proofloom.logic.files import naming_field, statement_from_text, theory_from_text
from proofloom.logic.semantics import Semantics
from proofloom.logic.terms import Theory
from proofloom.logic.z3_encoding import ClausePool
from proofloom.prover.proof.explanation import ExplanationFormat
from proofloom.prover.theory_cache import TheoryCache
from proofloom.prover.verification.reasons import Reason
from proofloom.prover.verification.verdicts import Diagnosis, Verification
from proofloom.prover.verification.verifier import Verifier
from proofloom.words import counted


@dataclass(slots=True)
class VerifySummary:
    """Counts over a batch: how many were valid, and how often each reason appeared (written as its word only in
    `line`, the summary printed)."""

    count: int = 0
    valid: int = 0
    steps: int = 0
    errors: Counter[Reason] = field(default_factory=Counter)

    def add(self, verification: Verification) -> None:
        self.count += 1
        self.valid += verification.valid
        self.steps += len(verification.steps)
        self.errors.update(d.error for d in verification.errors)

    def line(self) -> str:
        rate = f"{self.valid / self.count:.2%}" if self.count else "n/a"
        counts = sorted((reason.value, count) for reason, count in self.errors.items())  # by word, as printed
        kinds = ", ".join(f"{word} {count}" for word, count in counts) or "none"
        explanations, steps = counted(self.count, "explanation"), counted(self.steps, "step")
        return f"verified {explanations} ({steps}): {self.valid} valid ({rate}); errors: {kinds}"


@dataclass(frozen=True, slots=True)
class VerifiedRecord:
    """One output line, with the theory it was checked against (for pictures)."""

    id: str
    verification: Verification
    theory: Theory | None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, **self.verification.to_json()}


def verify_file(
    path: Path,
    summary: VerifySummary | None = None,
    pool: ClausePool | None = None,
    *,
    semantics: Semantics = Semantics.CLASSICAL,
) -> Iterator[VerifiedRecord]:
    """Verify every record of a JSON-lines file, in order, every step under `semantics` (one clause pool
    for the whole file)."""
    summary = summary or VerifySummary()
    verifier = LineVerifier(semantics, pool)
    for line, where in file_lines(path):
        record = verifier.verify(line, where)
        summary.add(record.verification)
        yield record


def file_lines(path: Path) -> Iterator[tuple[str, str]]:
    """Each non-blank line of a JSON-lines file with its place (`path:line`); an over-long line comes as ''."""
    with path.open(encoding="utf-8", errors="replace") as stream:
        for line_number, line in bounded_lines(stream):
            if line is not None and not line.strip():
                continue
            yield line or "", f"{path}:{line_number}"


# Records about one context need not come together; a verifier is small beside the clause pool's solvers
# (which the pool keeps for as many theories), so enough are kept that each context is read once.
VERIFIERS_KEPT = 1024


class LineVerifier:
    """Verifies records one line at a time: one clause pool and one verifier per theory across all of them."""

    def __init__(self, semantics: Semantics = Semantics.CLASSICAL, pool: ClausePool | None = None) -> None:
        self.semantics = semantics
        self.pool = pool or ClausePool()
        self.verifiers: TheoryCache[Verifier] = TheoryCache(VERIFIERS_KEPT)

    def verify(self, line: str, where: str) -> VerifiedRecord:
        """The verdict on one line (`where` names it in errors); a line that cannot be read is an invalid one."""
        return _verify_line(line, where, self._verifier_for)

    def _verifier_for(self, context: str) -> Verifier:
        def build() -> Verifier:
            # the context's own names and class nouns, so verdicts say `Sally is a dumpus.` as the context does
            lexicon = lexicon_of(context)
            return Verifier(theory_from_text(context), pool=self.pool, semantics=self.semantics, lexicon=lexicon)

        return self.verifiers.get(context, build)


def _verify_line(line: str, where: str, verifier_for: Callable[[str], Verifier]) -> VerifiedRecord:
    record_id = where
    try:
        record = json.loads(line)
        record_id = str(record.get("id", where))
        context, statement, explanation = record["context"], record["statement"], record["explanation"]
        with naming_field("context"):
            verifier = verifier_for(context)
        chosen = ExplanationFormat(record["format"]) if record.get("format") else None
        with naming_field("statement"):
            parsed = statement_from_text(statement)
        verification = verifier.verify(parsed, explanation, chosen)
        return VerifiedRecord(record_id, verification, verifier.theory)
    except json.JSONDecodeError as error:
        message = (
            f"{where}: not JSON ({error.msg}, column {error.colno})"
            if line
            else (f"{where}: the line is longer than the limit `line_chars`")
        )
    except RecursionError:
        message = f"{where}: JSON nested too deeply"
    except (KeyError, TypeError, AttributeError) as error:
        message = f"{where}: missing or malformed field {error}"
    except (ProofloomError, ValueError) as error:
        message = f"{where}: {str(error).splitlines()[0]}"
    failed = Verification((), (Diagnosis(Reason.UNPARSEABLE, message),))
    return VerifiedRecord(record_id, failed, None)
