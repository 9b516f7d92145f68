"""The scorer's figures on a gold set small enough to count by hand: four questions, one answered wrongly, one with a
partial proof, one with a wrong intermediate, every F1 worked out in the comments."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from proofloom.logic.semantics import Label
from proofloom.logic.syntax import parse_literal, parse_theory
from proofloom.prover.proof.entailmentbank import from_entailmentbank
from proofloom.prover.scoring.metrics import GoldQuestion, Report, compare_trees
from proofloom.prover.scoring.predictions import Prediction, PredictionError, parse_label, read_predictions
from proofloom.prover.scoring.scorer import question_key, score_predictions
from proofloom.prover.scoring.shapes import text_shape, tree_shape

# sent1 = triple1, sent2 = triple2, sent3 = rule1, sent4 = rule2, sent5 = rule3
THEORY = parse_theory("red(bob).\nbig(bob).\nred(X) -> round(X).\nround(X), big(X) -> blue(X).\nblue(X) -> cold(X).\n")
DEEP = "sent1 & sent3 -> int1: Bob is round.; int1 & sent2 & sent4 -> int2: Bob is blue.; int2 & sent5 -> hypothesis;"


def gold(question_id: str, statement: str, label: Label, depth: int | None, proof: str | None) -> GoldQuestion:
    literal = parse_literal(statement)
    proves = literal.negated() if label is Label.FALSE else literal
    shapes = (tree_shape(from_entailmentbank(proof, THEORY, proves)),) if proof else ()
    return GoldQuestion(question_id, THEORY, literal, label, depth, shapes)


GOLD = [
    gold("t-Q1", "cold(bob)", Label.TRUE, 3, DEEP),
    gold("t-Q2", "red(bob)", Label.TRUE, 0, "sent1 -> hypothesis;"),
    gold("t-Q3", "~round(bob)", Label.FALSE, 1, "sent1 & sent3 -> hypothesis;"),
    gold("t-Q4", "green(bob)", Label.UNKNOWN, None, None),
]


def predict(question_id: str, label: Label | None, proof: str | None = None) -> Prediction:
    return Prediction(question_id, label, proof, "test")


def test_a_partial_proof_a_wrong_label_and_a_right_proof_in_proofwriter_form() -> None:
    predictions = [
        # Q1: sent2 left out of the second step. Leaves 4 of the gold 5, all right: P 1, R 4/5, F1 8/9. Steps: the
        # intermediates align by their conclusions; 2 of 3 steps match each way: F1 2/3. Intermediates both right: 1.
        predict(
            "t-Q1",
            Label.TRUE,
            "sent1 & sent3 -> int1: Bob is round.; int1 & sent4 -> int2: Bob is blue.; int2 & sent5 -> hypothesis;",
        ),
        predict("t-Q2", Label.FALSE),  # wrong label, no proof: every F1 of a proved gold question is 0
        predict("t_Q3", Label.FALSE, "[(((triple1) -> rule1))]"),  # ProofWriter's id and proof string: all right
        predict("t-Q4", Label.UNKNOWN),  # Unknown with no proof: answer and proof right, no tree to score
    ]
    report = score_predictions(GOLD, predictions)
    figures = report.to_json()
    assert figures["answer_accuracy"] == 3 / 4 and figures["proof_accuracy"] == 2 / 4
    assert figures["full_accuracy"] == 2 / 4 and figures["missing_predictions"] == 0
    assert figures["majority_label"] == {"label": "True", "answer_accuracy": 0.5}
    assert figures["by_depth"]["3"] == {
        "questions": 1,
        "answer_accuracy": 1.0,
        "proof_accuracy": 0.0,
        "full_accuracy": 0.0,
    }
    assert figures["by_depth"]["0"]["answer_accuracy"] == 0.0
    assert figures["by_depth"]["N/A"] == {
        "questions": 1,
        "answer_accuracy": 1.0,
        "proof_accuracy": 1.0,
        "full_accuracy": 1.0,
    }
    assert list(figures["by_depth"]) == ["0", "1", "3", "N/A"]
    assert figures["by_label"]["True"] == {
        "questions": 2,
        "answer_accuracy": 0.5,
        "proof_accuracy": 0.0,
        "full_accuracy": 0.0,
    }
    bank = figures["entailmentbank"]
    assert bank["questions"] == 3  # Q1, Q2, Q3: the Unknown has no gold tree
    assert bank["leaves_f1"] == pytest.approx((8 / 9 + 0 + 1) / 3)
    assert bank["steps_f1"] == pytest.approx((2 / 3 + 0 + 1) / 3)
    assert bank["intermediates_f1"] == pytest.approx((1 + 0 + 1) / 3)
    assert bank["leaves_all_correct"] == pytest.approx(1 / 3) and bank["steps_all_correct"] == pytest.approx(1 / 3)
    assert bank["intermediates_all_correct"] == pytest.approx(2 / 3)
    assert bank["overall_all_correct"] == pytest.approx(1 / 3)


def test_a_wrong_intermediate_is_aligned_by_its_leaves_and_costs_only_the_intermediates() -> None:
    # int1 says `Bob is big.` (gold: round): it aligns with gold int1 by its leaves {sent1, sent3} (Jaccard 1 against
    # 1/2 for int2), so every step matches (steps F1 1) but only one of two intermediates is right: P = R = 1/2.
    wrong = (
        "sent1 & sent3 -> int1: Bob is big.; int1 & sent2 & sent4 -> int2: Bob is blue.; int2 & sent5 -> hypothesis;"
    )
    score = compare_trees(text_shape(wrong, THEORY), GOLD[0].proofs[0])
    assert (score.leaves, score.steps, score.intermediates) == (1.0, 1.0, 0.5)
    assert not score.all_correct


def test_an_extra_step_lowers_precision() -> None:
    # One more step than the gold's depth-1 proof: leaves 3 predicted, 2 gold, both found: P 2/3, R 1, F1 4/5.
    # Steps are matched by premises alone: int1's {sent1, sent3} is the gold step's, so 1 of 2 predicted and the one
    # gold step match: P 1/2, R 1, F1 2/3. The one predicted intermediate has no gold one to align with: F1 0.
    longer = "sent1 & sent3 -> int1: Bob is round.; int1 & sent2 -> hypothesis;"
    score = compare_trees(text_shape(longer, THEORY), GOLD[2].proofs[0])
    assert score.leaves == pytest.approx(4 / 5) and score.steps == pytest.approx(2 / 3) and score.intermediates == 0.0


def test_missing_predictions_count_wrong_and_unknown_ids_are_named() -> None:
    report: Report = score_predictions(GOLD, [predict("t-Q4", Label.UNKNOWN)])
    assert report.missing == 3 and report.overall.answers == 1 and report.to_json()["answer_accuracy"] == 0.25
    with pytest.raises(PredictionError, match=r"1 predicted ids are not in the gold: 'other-Q9' \(test\)"):
        score_predictions(GOLD, [predict("other-Q9", Label.TRUE)])


def test_an_unreadable_proof_is_counted_and_scores_nothing() -> None:
    report = score_predictions(GOLD, [predict("t-Q2", Label.TRUE, "sent1 & -> hypothesis;")])
    assert report.unreadable_proofs == 1 and report.trees[0].leaves == 0.0 and report.overall.proofs == 0


def test_predictions_are_read_in_every_spelling(tmp_path: Path) -> None:
    lines = [
        {"id": "a", "label": "True", "proof": "sent1 -> hypothesis;"},
        {"id": "b", "answer": False},
        {"id": "c", "answer": "C"},
        {"id": "d", "prediction": "unknown", "proofwriter": "[(triple1)]"},
        {"id": "e", "error": "q.jsonl:5: missing or malformed field 'statement'"},
    ]
    path = tmp_path / "p.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    read = read_predictions(path)
    assert [p.label for p in read] == [Label.TRUE, Label.FALSE, Label.UNKNOWN, Label.UNKNOWN, None]
    assert read[0].proof == "sent1 -> hypothesis;" and read[3].proof == "[(triple1)]" and read[1].proof is None
    assert parse_label("A) True", "x") is Label.TRUE
    path.write_text(json.dumps({"id": "a", "label": "True"}) + "\n" + json.dumps({"id": "a", "label": "False"}) + "\n")
    with pytest.raises(PredictionError, match=r"p\.jsonl:2: id 'a' is predicted twice"):
        read_predictions(path)
    path.write_text('{"id": "a"}\n')
    with pytest.raises(PredictionError, match=r"p\.jsonl:1: prediction 'a' has no label"):
        read_predictions(path)
    path.write_text('{"id": "a", "label": "maybe"}\n')
    with pytest.raises(PredictionError, match=r"p\.jsonl:1: prediction 'a': unknown label 'maybe'"):
        read_predictions(path)


def test_question_ids_match_in_either_spelling() -> None:
    assert question_key("RelNeg-OWA-D5-1_Q12") == question_key("RelNeg-OWA-D5-1-Q12") == "RelNeg-OWA-D5-1-Q12"
    assert question_key("plain") == "plain"


def test_a_gold_without_proofs_gives_answer_figures_only() -> None:
    # Logic-LM's layout has labels and no proofs: a proof figure there would count every True and False as wrong
    bare = [GoldQuestion(g.id, g.theory, g.statement, g.label, None, None) for g in GOLD]
    figures = score_predictions(bare, [predict("t-Q1", Label.TRUE, DEEP), predict("t-Q4", Label.UNKNOWN)]).to_json()
    assert figures["answer_accuracy"] == 0.5 and figures["missing_predictions"] == 2
    assert figures["proof_accuracy"] is None and figures["full_accuracy"] is None
    assert figures["entailmentbank"] == {"questions": 0} and list(figures["by_depth"]) == ["N/A"]
