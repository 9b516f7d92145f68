"""What the verifier says: per-step verdicts and typed diagnoses a person can act on."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from proofloom.logic.english import render_sentence
from proofloom.logic.semantics import Label, Semantics
from proofloom.logic.terms import Literal
from proofloom.prover.verification.reasons import Reason

ErrorType = Reason  # the name the verifier's callers know: the same one enum


@dataclass(frozen=True, slots=True)
class Repair:
    """The least that makes a failing step valid: theory sentences to add, or one new literal."""

    sentences: tuple[str, ...] = ()
    literal: Literal | None = None

    def to_json(self) -> dict[str, Any]:
        if self.literal is not None:
            return {"add_literal": render_sentence(self.literal)}
        return {"add_sentences": list(self.sentences)}


@dataclass(frozen=True, slots=True)
class Diagnosis:
    """One failure: its type, a message, the step (1-based) it belongs to, and for `not_entailed` why."""

    error: Reason
    message: str
    step: int | None = None
    counter_model: tuple[Literal, ...] = ()
    repair: Repair | None = None

    def to_json(self) -> dict[str, Any]:
        record: dict[str, Any] = {"type": self.error.value, "message": self.message, "step": self.step}
        if self.counter_model:
            record["counter_model"] = [render_sentence(literal) for literal in self.counter_model]
        if self.repair is not None:
            record["repair"] = self.repair.to_json()
        return record


@dataclass(frozen=True, slots=True)
class StepVerdict:
    """One step checked: valid or not, and when valid how hard (`multi_hop`) and under which semantics."""

    index: int
    name: str  # the conclusion's name as written: int1, hypothesis, so2, step3
    premises: tuple[str, ...]
    conclusion: str
    valid: bool
    multi_hop: bool = False
    semantics: Semantics | None = None  # the weakest semantics the step is valid under
    error: Diagnosis | None = None

    def to_json(self) -> dict[str, Any]:
        record: dict[str, Any] = {
            "name": self.name,
            "premises": list(self.premises),
            "conclusion": self.conclusion,
            "valid": self.valid,
        }
        if self.valid:
            record["multi_hop"] = self.multi_hop
            record["semantics"] = self.semantics.value if self.semantics else None
        if self.error is not None:
            record["error"] = self.error.error.value
        return record


@dataclass(frozen=True, slots=True)
class Verification:
    """The verdict on a whole explanation: valid when no diagnosis was made."""

    steps: tuple[StepVerdict, ...]
    errors: tuple[Diagnosis, ...]
    answer: Label | None = None  # the label a chain of thought's closing line gives, to compare with the gold

    @property
    def valid(self) -> bool:
        return not self.errors

    @property
    def error_types(self) -> frozenset[Reason]:
        return frozenset(d.error for d in self.errors)

    def to_json(self) -> dict[str, Any]:
        record: dict[str, Any] = {
            "valid": self.valid,
            "steps": [s.to_json() for s in self.steps],
            "errors": [e.to_json() for e in self.errors],
        }
        if self.answer is not None:
            record["answer"] = self.answer.value
        return record


def verification_from_json(record: dict[str, Any]) -> Verification:
    """A verdict read back from `Verification.to_json` (KeyError, TypeError or ValueError where malformed).

    A step's diagnosis is the one the errors list gives for its number and type, so it keeps its message."""
    errors = tuple(_diagnosis_from_json(error) for error in record["errors"])
    steps = []
    for index, step in enumerate(record["steps"], start=1):
        reason = Reason(step["error"]) if step.get("error") else None
        found = next((e for e in errors if e.step == index and e.error is reason), None)
        diagnosis = found or (Diagnosis(reason, reason.value, index) if reason else None)
        semantics = step.get("semantics")
        steps.append(
            StepVerdict(
                index,
                str(step["name"]),
                tuple(str(p) for p in step["premises"]),
                str(step["conclusion"]),
                bool(step["valid"]),
                bool(step.get("multi_hop", False)),
                Semantics.parse(semantics) if semantics else None,
                diagnosis,
            )
        )
    answer = record.get("answer")
    return Verification(tuple(steps), errors, Label.parse(answer) if answer else None)


def _diagnosis_from_json(record: dict[str, Any]) -> Diagnosis:
    from proofloom.logic.english import read_statement

    repair = record.get("repair")
    if repair is None:
        fix = None
    elif "add_literal" in repair:
        fix = Repair(literal=read_statement(repair["add_literal"]))
    else:
        fix = Repair(sentences=tuple(str(s) for s in repair["add_sentences"]))
    step = record.get("step")
    return Diagnosis(
        Reason(record["type"]),
        str(record["message"]),
        int(step) if step is not None else None,
        tuple(read_statement(text) for text in record.get("counter_model", ())),
        fix,
    )
