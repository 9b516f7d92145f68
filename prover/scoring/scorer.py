"""Predictions scored against gold: ids matched, each proof read over its question's theory, the report filled."""

from __future__ import annotations

import re
from collections.abc import Iterable

from proofloom.errors import ProofloomError
from proofloom.logic.semantics import Label
from proofloom.prover.scoring.metrics import GoldQuestion, Report, score_question
from proofloom.prover.scoring.predictions import Prediction, PredictionError
from proofloom.prover.scoring.shapes import ProofShape, text_shape

SHOWN = 5  # unknown ids named in the error


def question_key(question_id: str) -> str:
    """An id with ProofWriter's `theory_Q1` and proofloom's `theory-Q1` spelled alike, so either side may use
    either (the meta reader joins theory and question with `_`, proofloom's own files with `-`)."""
    return re.sub(r"[-_](Q[0-9]+)$", r"-\1", question_id)


def score_predictions(golds: Iterable[GoldQuestion], predictions: Iterable[Prediction]) -> Report:
    """The report over every gold question; a gold question without a prediction counts as wrong (and missing),
    a prediction whose id is in no gold question is a PredictionError naming it."""
    gold_list = list(golds)
    by_key = {question_key(g.id): g for g in gold_list}
    predicted: dict[str, Prediction] = {}
    unknown: list[Prediction] = []
    for prediction in predictions:
        key = question_key(prediction.id)
        if key in by_key:
            predicted[key] = prediction
        else:
            unknown.append(prediction)
    if unknown:
        named = ", ".join(f"{p.id!r} ({p.where})" for p in unknown[:SHOWN])
        more = f" and {len(unknown) - SHOWN} more" if len(unknown) > SHOWN else ""
        raise PredictionError(f"{len(unknown)} predicted ids are not in the gold: {named}{more}")
    report = Report()
    for gold in gold_list:
        found = predicted.get(question_key(gold.id))
        if found is None:
            report.add(score_question(gold, None, None, missing=True))
            continue
        shape = None
        if found.proof is not None:
            shape = _shape(found, gold)
            if shape is None:
                report.unreadable_proofs += 1
                shape = ProofShape(())
        report.add(score_question(gold, found.label, shape, missing=False))
    return report


def _shape(prediction: Prediction, gold: GoldQuestion) -> ProofShape | None:
    """The predicted proof read over the gold theory, proving what the predicted label says; None: unreadable."""
    assert prediction.proof is not None
    proves = gold.statement.negated() if prediction.label is Label.FALSE else gold.statement
    try:
        return text_shape(prediction.proof, gold.theory, proves)
    except ProofloomError:
        return None
