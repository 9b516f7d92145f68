"""Every format is a writer and a reader: what is written reads back equal, and each file is detected."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from proofloom.generator.dataset import OutputFormat, read_examples, write_dataset
from proofloom.generator.example import Example
from proofloom.generator.formats import entailmentbank, huggingface, logiclm, native, proofwriter
from proofloom.generator.formats.problems import InputFormat, detect_format, read_problems
from proofloom.generator.generate import generate_example
from proofloom.generator.recipe import Recipe
from proofloom.logic.semantics import Label
from proofloom.prover.problem import Problem
from tests.conftest import DEV_FILE

DATASETS = Path(__file__).resolve().parents[2] / "datasets"
RECIPE = dataclasses.replace(Recipe.load(DATASETS / "proofwriter-owa-d5.toml"), shard_size=10)
LEXICON = RECIPE.vocabulary.resolve().lexicon


@pytest.fixture(scope="module")
def examples() -> list[Example]:
    return [generate_example(RECIPE, i) for i in range(30)]


def _problems(examples: list[Example], depth: bool = False) -> list[Problem]:
    """Each question as the Problem a reader should give back (with its depth where the format keeps it)."""
    return [
        Problem(q.id, e.theory, q.statement, q.label, q.depth if depth else None) for e in examples for q in e.questions
    ]


def test_native_examples_round_trip(examples: list[Example], tmp_path: Path) -> None:
    path = tmp_path / "shard.jsonl"
    native.write_native(examples, path, LEXICON)
    assert native.read_native(path) == examples


def test_native_questions_round_trip(examples: list[Example], tmp_path: Path) -> None:
    path = tmp_path / "questions.jsonl"
    native.write_questions(examples, path)
    assert detect_format(path) is InputFormat.PROOFLOOM
    assert list(native.read_questions(path)) == list(read_problems(path)) == _problems(examples, depth=True)


def test_logiclm_round_trip(examples: list[Example], tmp_path: Path) -> None:
    path = tmp_path / "dev.json"
    logiclm.write_logiclm(examples, path, LEXICON)
    assert detect_format(path) is InputFormat.LOGICLM
    assert list(logiclm.read_logiclm(path)) == list(read_problems(path)) == _problems(examples)


def test_logiclm_writes_the_layout_of_the_real_file() -> None:
    if not DEV_FILE.exists():
        pytest.skip("no ../shared data")
    text = DEV_FILE.read_text(encoding="utf-8")
    records = json.loads(text)
    assert logiclm.dumps(records) == text
    assert {r["question"][: len(logiclm.PREAMBLE)] for r in records} == {logiclm.PREAMBLE}
    assert {tuple(r["options"]) for r in records} == {logiclm.OPTIONS}


def test_logiclm_refuses_a_label_it_has_no_option_for(examples: list[Example]) -> None:
    example = examples[0]
    inconsistent = dataclasses.replace(example.questions[0], label=Label.INCONSISTENT)
    with pytest.raises(ValueError, match="no option for Inconsistent"):
        logiclm.to_record(example, inconsistent, LEXICON)


def test_proofwriter_meta_round_trip(examples: list[Example], tmp_path: Path) -> None:
    path = tmp_path / "meta-test.jsonl"
    proofwriter.write_meta(examples, path, LEXICON)
    assert detect_format(path) is InputFormat.PROOFWRITER
    read = proofwriter.read_meta(path)
    assert [key for key, _, _ in read] == [e.id for e in examples]
    for example, (_, theory, questions) in zip(examples, read, strict=True):
        assert theory == example.theory
        expected = [
            (q.statement, q.label, q.depth if q.depth is not None else q.target_depth, q.proofs)
            for q in example.questions
        ]
        assert list(questions) == expected


def test_proofwriter_meta_problems_carry_ids_labels_and_depths(examples: list[Example], tmp_path: Path) -> None:
    path = tmp_path / "meta-test.jsonl"
    proofwriter.write_meta(examples, path, LEXICON)
    problems = list(proofwriter.read_meta_problems(path))
    assert problems == list(read_problems(path))
    expected = [
        (f"{e.id}_Q{n}", e.theory, q.statement, q.label, q.depth if q.depth is not None else q.target_depth)
        for e in examples
        for n, q in enumerate(e.questions, start=1)
    ]
    assert [(p.id, p.theory, p.statement, p.gold, p.gold_depth) for p in problems if isinstance(p, Problem)] == expected


def test_proofwriter_meta_round_trip_under_closed_world(tmp_path: Path) -> None:
    recipe = Recipe.load(DATASETS / "proofwriter-cwa-d5.toml")
    examples = [generate_example(recipe, i) for i in range(40, 50)]  # 49: a step concluded by NAF alone
    path = tmp_path / "meta-cwa.jsonl"
    proofwriter.write_meta(examples, path, recipe.vocabulary.resolve().lexicon)
    read = proofwriter.read_meta(path)
    assert sum(len(q.proofs) for e in examples for q in e.questions) > 20
    for example, (_, theory, questions) in zip(examples, read, strict=True):
        assert theory == example.theory
        assert [proofs for *_, proofs in questions] == [q.proofs for q in example.questions]


def test_meta_abduct_round_trip(tmp_path: Path) -> None:
    recipe = dataclasses.replace(RECIPE, questions=dataclasses.replace(RECIPE.questions, abduction=True))
    examples = [generate_example(recipe, i) for i in range(10)]
    path = tmp_path / "meta-abduct-test.jsonl"
    proofwriter.write_meta_abduct(examples, path, LEXICON)
    read = proofwriter.read_meta_abduct(path)
    assert [key for key, _, _ in read] == [e.id for e in examples]
    assert '"QDep": "' in path.read_text()  # a string, as in ProofWriter's meta-abduct files
    for example, (_, theory, questions) in zip(examples, read, strict=True):
        assert theory == example.theory
        unknown = [q for q in example.questions if q.label is Label.UNKNOWN]
        assert list(questions) == [(q.statement, q.abductions, q.target_depth) for q in unknown]
    assert any(questions for _, _, questions in read)


def test_entailmentbank_round_trip(examples: list[Example], tmp_path: Path) -> None:
    path = tmp_path / "eb.jsonl"
    entailmentbank.write_records(examples, path, LEXICON)
    rows = {row[0]: row for row in entailmentbank.read_records(path)}
    proved = [(e, q) for e in examples for q in e.questions if q.proofs]
    assert len(rows) == len(proved)
    for example, question in proved:
        _, theory, statement, label, depth, tree = rows[question.id]
        assert (theory, statement, label, depth, tree) == (
            example.theory,
            question.statement,
            question.label,
            question.depth,
            question.proofs[0],
        )


def test_huggingface_parquet_loads_with_datasets(examples: list[Example], tmp_path: Path) -> None:
    pytest.importorskip("datasets")
    path = tmp_path / "train.parquet"
    huggingface.write_parquet(examples, path, LEXICON)
    rows = huggingface.read_parquet([path])
    assert rows == [row for e in examples for row in huggingface.to_rows(e, LEXICON)]


def test_generate_writes_logiclm_shards_that_read_back(tmp_path: Path) -> None:
    write_dataset(RECIPE, tmp_path, 20, output_format=OutputFormat.LOGICLM)
    files = sorted((tmp_path / "logiclm").glob("*.json"))
    assert [f.name for f in files] == ["shard-0000000-0000010.json", "shard-0000010-0000020.json"]
    read = [problem for path in files for problem in logiclm.read_logiclm(path)]
    assert read == _problems(list(read_examples(tmp_path)))
    assert not list((tmp_path / "logiclm").glob(".*"))  # no temporary file left behind


def test_an_audit_of_too_few_questions_is_a_proofloom_error() -> None:
    from proofloom.errors import ProofloomError
    from proofloom.generator.audit import audit

    with pytest.raises(ProofloomError, match="0 questions"):
        audit([])
