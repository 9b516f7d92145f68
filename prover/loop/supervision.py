"""Step supervision as typed records: along a gold proof, the state, every valid next step and near misses.

The generator makes these records and the neural prover trains on them; they live here, beside the loop
they teach, so that training needs only the prover's own types (the prover never imports the generator).
The JSON form is the one the generator's native records carry.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from proofloom.logic.syntax import parse_literal
from proofloom.logic.terms import Literal, Theory


class InvalidKind(enum.Enum):
    """How a near miss differs from the gold step it was made from."""

    MISSING_PREMISE = "missing_premise"
    WRONG_BINDING = "wrong_binding"
    POLARITY_FLIP = "polarity_flip"
    FACT_NOT_IN_THEORY = "fact_not_in_theory"
    WRONG_RULE = "wrong_rule"


@dataclass(frozen=True, slots=True)
class SupervisedStep:
    """A step: its premises (theory sentence ids, or derived facts written out) and its conclusion."""

    premises: tuple[str, ...]
    conclusion: Literal

    def to_json(self) -> dict[str, Any]:
        return {"premises": list(self.premises), "conclusion": str(self.conclusion)}

    @classmethod
    def from_json(cls, record: Mapping[str, Any]) -> SupervisedStep:
        return cls(tuple(str(p) for p in record["premises"]), parse_literal(record["conclusion"]))


@dataclass(frozen=True, slots=True)
class InvalidStep:
    """A near miss of the gold step, with the kind of mistake it makes."""

    kind: InvalidKind
    premises: tuple[str, ...]
    conclusion: Literal

    def to_json(self) -> dict[str, Any]:
        return {"type": self.kind.value, "premises": list(self.premises), "conclusion": str(self.conclusion)}

    @classmethod
    def from_json(cls, record: Mapping[str, Any]) -> InvalidStep:
        premises = tuple(str(p) for p in record["premises"])
        return cls(InvalidKind(record["type"]), premises, parse_literal(record["conclusion"]))


@dataclass(frozen=True, slots=True)
class StepRecord:
    """One state along a gold proof of question `question`: what is derived, the gold step, and the others."""

    question: str
    target: Literal  # the literal the gold proof concludes
    derived: tuple[Literal, ...]  # derived so far, in the order of their text
    gold: SupervisedStep
    valid: tuple[SupervisedStep, ...]
    invalid: tuple[InvalidStep, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "target": str(self.target),
            "derived": [str(literal) for literal in self.derived],
            "gold": self.gold.to_json(),
            "valid": [step.to_json() for step in self.valid],
            "invalid": [step.to_json() for step in self.invalid],
        }

    @classmethod
    def from_json(cls, record: Mapping[str, Any]) -> StepRecord:
        return cls(
            str(record["question"]),
            parse_literal(record["target"]),
            tuple(parse_literal(text) for text in record["derived"]),
            SupervisedStep.from_json(record["gold"]),
            tuple(SupervisedStep.from_json(step) for step in record["valid"]),
            tuple(InvalidStep.from_json(step) for step in record["invalid"]),
        )


@dataclass(frozen=True, slots=True)
class Supervision:
    """One theory's step records, with the statement of each question they are about."""

    theory: Theory
    statements: Mapping[str, Literal]
    records: tuple[StepRecord, ...]
