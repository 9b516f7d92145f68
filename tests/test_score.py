"""`proofloom score` end to end: generate a tiny dataset, solve it, score it (everything right), then change one
prediction at a time and see exactly the figures it should move, and only those."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from proofloom.cli import main


@pytest.fixture(scope="module")
def solved(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[dict[str, Any]]]:
    """A 4-theory dataset (native, and ProofWriter meta of the same recipe) and `solve`'s answers to it."""
    root = tmp_path_factory.mktemp("score")
    data, meta = root / "data", root / "meta"
    assert main(["generate", "proofwriter-owa-d5", "-n", "4", "-o", str(data)]) == 0
    assert main(["generate", "proofwriter-owa-d5", "-n", "4", "-o", str(meta), "--format", "proofwriter"]) == 0
    answers = root / "answers.jsonl"
    assert main(["solve", str(data), "-o", str(answers)]) == 0
    records = [json.loads(line) for line in answers.read_text(encoding="utf-8").splitlines()]
    return data, meta, records


def score(gold: Path, records: list[dict[str, Any]], tmp_path: Path) -> dict[str, Any]:
    predictions, figures = tmp_path / "predictions.jsonl", tmp_path / "scores.json"
    predictions.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    assert main(["score", str(predictions), str(gold), "--json", str(figures)]) == 0
    return dict(json.loads(figures.read_text(encoding="utf-8")))


def test_solved_data_scores_perfectly(solved: tuple[Path, Path, list[dict[str, Any]]], tmp_path: Path) -> None:
    data, meta, records = solved
    figures = score(data, records, tmp_path)
    assert figures["answer_accuracy"] == 1.0 and figures["proof_accuracy"] == 1.0 and figures["full_accuracy"] == 1.0
    assert figures["missing_predictions"] == 0 and figures["majority_label"]["answer_accuracy"] == pytest.approx(1 / 3)
    bank = figures["entailmentbank"]
    assert bank["questions"] == sum(r["label"] != "Unknown" for r in records)
    assert all(value == 1.0 for key, value in bank.items() if key != "questions")
    assert set(figures["by_depth"]) == {"0", "1", "2", "3", "4", "5", "N/A"}
    # the same answers against ProofWriter's meta files of the same data (ids `theory_Q1`, every proof listed)
    (shard,) = (meta / "proofwriter").iterdir()
    against_meta = score(shard, records, tmp_path)
    assert against_meta["answer_accuracy"] == 1.0 and against_meta["proof_accuracy"] == 1.0


def test_a_wrong_label_moves_the_answer_and_its_proof(
    solved: tuple[Path, Path, list[dict[str, Any]]], tmp_path: Path
) -> None:
    data, _, records = solved
    n, proved = len(records), sum(r["label"] != "Unknown" for r in records)
    changed = [dict(r) for r in records]
    target = next(r for r in changed if r["label"] == "True")
    target.update(label="Unknown", proof=None, proofwriter=None)  # an answer of Unknown gives no proof
    figures = score(data, changed, tmp_path)
    assert figures["answer_accuracy"] == pytest.approx((n - 1) / n)
    assert figures["proof_accuracy"] == pytest.approx((n - 1) / n)
    assert figures["by_label"]["True"]["answer_accuracy"] == pytest.approx((n / 3 - 1) / (n / 3))
    assert figures["by_label"]["False"]["answer_accuracy"] == 1.0
    assert figures["entailmentbank"]["leaves_f1"] == pytest.approx((proved - 1) / proved)


def test_a_premise_left_out_moves_the_proof_figures_only(
    solved: tuple[Path, Path, list[dict[str, Any]]], tmp_path: Path
) -> None:
    data, _, records = solved
    n, proved = len(records), sum(r["label"] != "Unknown" for r in records)
    changed = [dict(r) for r in records]
    target, dropped = next(
        (r, s) for r in changed if r["depth"] and r["depth"] >= 2 and (s := _once_in_last(r["proof"]))
    )
    leaves = len(set(re.findall(r"sent[0-9]+", target["proof"])))
    steps = target["proof"].count(";")
    *head, last = target["proof"].rstrip(";").split(";")
    target["proof"] = ";".join([*head, last.replace(f" & {dropped}", "").replace(f"{dropped} & ", "")]) + ";"
    target["proofwriter"] = None
    figures = score(data, changed, tmp_path)
    assert figures["answer_accuracy"] == 1.0 and figures["proof_accuracy"] == pytest.approx((n - 1) / n)
    bank = figures["entailmentbank"]
    # that question: leaves P 1, R (L-1)/L, F1 2(L-1)/(2L-1); steps: the last one of S matches no gold step
    assert bank["leaves_f1"] == pytest.approx((proved - 1 + 2 * (leaves - 1) / (2 * leaves - 1)) / proved)
    assert bank["steps_f1"] == pytest.approx((proved - 1 + (steps - 1) / steps) / proved)
    assert bank["intermediates_f1"] == 1.0 and bank["steps_all_correct"] == pytest.approx((proved - 1) / proved)


def _once_in_last(proof: str) -> str | None:
    """A sentence premise of the proof's last step that the proof uses nowhere else."""
    last = proof.rstrip(";").split(";")[-1]
    for name in re.findall(r"sent[0-9]+", last.split("->")[0]):
        if len(re.findall(rf"\b{name}\b", proof)) == 1:
            return name
    return None


def test_missing_and_unknown_predictions(
    solved: tuple[Path, Path, list[dict[str, Any]]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data, _, records = solved
    n = len(records)
    figures = score(data, records[1:], tmp_path)
    assert figures["missing_predictions"] == 1 and figures["answer_accuracy"] == pytest.approx((n - 1) / n)
    assert "missing predictions: 1 (counted wrong)" in capsys.readouterr().out
    stray = tmp_path / "stray.jsonl"
    stray.write_text(json.dumps({"id": "nowhere-Q1", "label": "True"}) + "\n", encoding="utf-8")
    assert main(["score", str(stray), str(data)]) == 2
    assert f"1 predicted ids are not in the gold: 'nowhere-Q1' ({stray}:1)" in capsys.readouterr().err
