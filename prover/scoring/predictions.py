"""A predictions file: JSON lines `{id, label | answer, proof?}`, from proofloom's `solve` or `prove` or from an LLM.

The label may be written as proofloom writes it (`True`, `False`, `Unknown`), as a JSON boolean (ProofWriter's
answers), or as a Logic-LM option letter (A, B, C); the proof in any form `prover.proof` reads (`proof`, else
`proofwriter`, else `explanation`). A line proofloom wrote for a record it could not read (`{id, error}`) is a
prediction without a label: it counts as wrong. A line that is not a prediction is an error naming file and line.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from proofloom.errors import ProofloomError
from proofloom.limits import LIMITS, bounded_lines
from proofloom.logic.semantics import Label

LABEL_FIELDS = ("label", "answer", "prediction", "predicted_label")
PROOF_FIELDS = ("proof", "proofwriter", "explanation")
LETTERS = {"A": Label.TRUE, "B": Label.FALSE, "C": Label.UNKNOWN}  # Logic-LM's options


class PredictionError(ProofloomError, ValueError):
    """A predictions file that cannot be scored (its message names the file and line)."""


@dataclass(frozen=True, slots=True)
class Prediction:
    """One predicted answer, its proof as written (None: no proof given), and the line it came from."""

    id: str
    label: Label | None
    proof: str | None
    where: str


def read_predictions(path: Path) -> list[Prediction]:
    """Every prediction of the file, in order; a bad line or a repeated id is a PredictionError naming it."""
    predictions: list[Prediction] = []
    seen: dict[str, str] = {}
    with path.open(encoding="utf-8", errors="replace") as stream:
        for line_number, line in bounded_lines(stream):
            where = f"{path}:{line_number}"
            if line is None:
                raise PredictionError(
                    f"{where}: the line is longer than the limit `line_chars` ({LIMITS.line_chars:,})"
                )
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise PredictionError(f"{where}: not JSON ({error.msg}, column {error.colno})") from None
            prediction = _prediction(record, where)
            if prediction.id in seen:
                raise PredictionError(
                    f"{where}: id {prediction.id!r} is predicted twice (first at {seen[prediction.id]})"
                )
            seen[prediction.id] = where
            predictions.append(prediction)
    return predictions


def _prediction(record: Any, where: str) -> Prediction:
    if not isinstance(record, dict) or record.get("id") is None:
        raise PredictionError(f"{where}: a prediction is a JSON object with an `id`")
    prediction_id = str(record["id"])
    if "error" in record and not any(record.get(key) is not None for key in LABEL_FIELDS):
        return Prediction(prediction_id, None, None, where)
    written = next((record[key] for key in LABEL_FIELDS if record.get(key) is not None), None)
    if written is None:
        raise PredictionError(f"{where}: prediction {prediction_id!r} has no label (one of {', '.join(LABEL_FIELDS)})")
    proof = next((record[key] for key in PROOF_FIELDS if record.get(key) not in (None, "")), None)
    if proof is not None and not isinstance(proof, str):
        raise PredictionError(f"{where}: prediction {prediction_id!r}: the proof is not a string")
    return Prediction(prediction_id, parse_label(written, f"{where}: prediction {prediction_id!r}"), proof, where)


def parse_label(written: Any, where: str) -> Label:
    """A label as predictions write it: a boolean, a label's name in any case, or a Logic-LM letter."""
    if isinstance(written, bool):
        return Label.TRUE if written else Label.FALSE
    text = str(written).strip()
    if text.upper() in LETTERS or (len(text) > 1 and text[0].upper() in LETTERS and text[1] in ")."):
        return LETTERS[text[0].upper()]
    try:
        return Label.parse(text)
    except ValueError as error:
        raise PredictionError(f"{where}: {error}") from None
