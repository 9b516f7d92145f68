"""A dataset people can use as is: splits by theory that `datasets.load_dataset(FOLDER)` loads from the card's
YAML, the label a ClassLabel, per-depth test sets, and every listed sentence's text as the context says it."""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from pathlib import Path

import pytest

from proofloom.generator.dataset import OutputFormat, write_dataset
from proofloom.generator.formats.entailmentbank import read_records
from proofloom.generator.formats.proofwriter import read_meta
from proofloom.generator.recipe import Recipe, RecipeError, SplitsSection
from proofloom.generator.splits import split_of

DATASETS = Path(__file__).resolve().parents[2] / "datasets"
RECIPE = dataclasses.replace(Recipe.load(DATASETS / "proofwriter-owa-d5.toml"), shard_size=8)


def test_the_split_depends_on_seed_and_index_only_and_follows_the_shares() -> None:
    shares = SplitsSection(0.7, 0.2, 0.1)
    drawn = Counter(split_of(5, i, shares) for i in range(20_000))
    assert abs(drawn["train"] / 20_000 - 0.7) < 0.02 and abs(drawn["validation"] / 20_000 - 0.2) < 0.02
    assert [split_of(5, i, shares) for i in range(50)] == [split_of(5, i, shares) for i in range(50)]
    assert [split_of(5, i, shares) for i in range(50)] != [split_of(6, i, shares) for i in range(50)]
    assert {split_of(1, i, SplitsSection(1.0, 0.0, 0.0)) for i in range(100)} == {"train"}


def test_split_shares_must_sum_to_one() -> None:
    with pytest.raises(RecipeError, match="splits: train \\+ dev \\+ test must be 1"):
        dataclasses.replace(RECIPE, splits=SplitsSection(0.8, 0.1, 0.2))
    with pytest.raises(RecipeError, match="splits.dev"):
        dataclasses.replace(RECIPE, splits=SplitsSection(0.2, -0.2, 1.0))


def _rows(folder: Path, split: str) -> list[dict[str, object]]:
    return [json.loads(line) for path in sorted((folder / "data" / split).glob("*.jsonl")) for line in open(path)]


@pytest.mark.parametrize("output_format", [OutputFormat.NATIVE, OutputFormat.HF])
def test_load_dataset_on_the_folder_gives_the_splits_with_a_class_label(
    tmp_path: Path, output_format: OutputFormat
) -> None:
    datasets = pytest.importorskip("datasets")
    manifest = write_dataset(RECIPE, tmp_path, 40, output_format=output_format)
    loaded = datasets.load_dataset(str(tmp_path))  # reads the card's YAML; manifest.json is not a data file
    splits = manifest["splits"]
    assert {"train", "validation", "test"} <= set(loaded) == set(splits)
    assert {name: loaded[name].num_rows for name in loaded} == {name: s["questions"] for name, s in splits.items()}
    assert sum(splits[name]["theories"] for name in ("train", "validation", "test")) == 40
    assert sum(splits[name]["questions"] for name in ("train", "validation", "test")) == manifest["questions"]
    label = loaded["train"].features["label"]
    assert isinstance(label, datasets.ClassLabel) and label.names == ["True", "False", "Unknown"]
    seen = {name: set(loaded[name]["theory_id"]) for name in ("train", "validation", "test")}
    assert not (seen["train"] & seen["test"]) and not (seen["train"] & seen["validation"])  # split by theory
    test = _rows(tmp_path, "test")
    for name in (n for n in splits if n.startswith("test_depth_")):
        depth = int(name.rsplit("_", 1)[1])
        assert _rows(tmp_path, name) == [row for row in test if row["target_depth"] == depth]
    assert manifest["formats"] == ["native"] + ([] if output_format is OutputFormat.NATIVE else ["hf"])
    card = (tmp_path / "README.md").read_text()
    assert card.startswith("---\n") and "task_categories:" in card and "size_categories:" in card
    for figure in ("depth-label.png", "theory-sizes.png", "sentence-forms.png"):
        assert f"(figures/{figure})" in card and (tmp_path / "figures" / figure).read_bytes()[:4] == b"\x89PNG"
    if output_format is OutputFormat.HF:
        parquet = datasets.load_dataset("parquet", data_files=str(tmp_path / "hf" / "*.parquet"), split="train")
        assert isinstance(parquet.features["label"], datasets.ClassLabel)
        assert parquet.num_rows == manifest["questions"]


def test_the_same_recipe_gives_the_same_card_figures_and_splits_at_any_shard_size(tmp_path: Path) -> None:
    write_dataset(RECIPE, tmp_path / "a", 20)
    write_dataset(RECIPE, tmp_path / "b", 20, workers=2)
    files = [
        {str(p.relative_to(f)): p.read_bytes() for p in sorted(f.rglob("*")) if p.is_file()}
        for f in (tmp_path / "a", tmp_path / "b")
    ]
    assert files[0] == files[1]
    assert any(name.startswith("figures/") for name in files[0])
    resized = dataclasses.replace(RECIPE, shard_size=5)
    write_dataset(resized, tmp_path / "c", 20)
    for split in ("train", "validation", "test"):
        assert _rows(tmp_path / "c", split) == _rows(tmp_path / "a", split)


@pytest.fixture(scope="module")
def every_form(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A dataset with every surface form: templates, people, paraphrases, comma forms and contractions."""
    recipe = Recipe.load(DATASETS / "proofwriter-owa-d5-paraphrased.toml")
    recipe = dataclasses.replace(
        recipe,
        shard_size=20,
        surface=dataclasses.replace(recipe.surface, if_rate=0.3, all_rate=0.3, person_rate=0.5, paraphrase_rate=0.7),
    )
    folder = tmp_path_factory.mktemp("forms")
    write_dataset(recipe, folder, 20, output_format=OutputFormat.PROOFWRITER)
    write_dataset(recipe, folder, 20, output_format=OutputFormat.ENTAILMENTBANK)  # the same shards, another format
    return folder


def test_proofwriter_triples_and_rules_read_as_the_context_says_them(every_form: Path) -> None:
    (meta,) = (every_form / "proofwriter").glob("meta-*.jsonl")
    records = [json.loads(line) for line in meta.read_text().splitlines()]
    rewritten = 0
    for record in records:
        texts = [s["text"] for s in (*record["triples"].values(), *record["rules"].values())]
        assert all(text in record["theory"] for text in texts)
        assert sorted(texts) == sorted(_sentences(record["theory"]))
        rewritten += sum(not t.startswith("If ") for t in (r["text"] for r in record["rules"].values()))
    assert rewritten > 10  # the forms that re-rendering turned into `If something ...`
    assert len(read_meta(meta)) == len(records)  # and the reader takes every form back


def test_entailmentbank_sentences_read_as_the_context_says_them(every_form: Path) -> None:
    (path,) = (every_form / "entailmentbank").glob("*.jsonl")
    records = [json.loads(line) for line in path.read_text().splitlines()]
    assert records
    for record in records:
        texts = list(record["meta"]["triples"].values())
        assert texts == _sentences(record["context"])
    assert len(read_records(path)) == len(records)


def _sentences(context: str) -> list[str]:
    from proofloom.logic.english import split_sentences

    return split_sentences(context)


def test_split_rows_from_the_native_record_equal_the_huggingface_rows() -> None:
    """The workers cut each split's rows from the native record they already made: the same rows as `to_rows`."""
    from proofloom.generator.example import example_to_json
    from proofloom.generator.formats.huggingface import rows_of_record, to_rows
    from proofloom.generator.generate import generate_example

    lexicon = RECIPE.vocabulary.resolve().lexicon
    for index in range(5):
        example = generate_example(RECIPE, index)
        assert rows_of_record(example_to_json(example, lexicon)) == to_rows(example, lexicon)


def test_row_lines_are_the_json_of_each_row() -> None:
    """A split's lines, encoded with each theory's shared fields once, are byte for byte `json.dumps` of
    each row (non-ASCII text, a question without depth and one with proofs among them)."""
    from proofloom.generator.example import example_to_json
    from proofloom.generator.formats.huggingface import rows_of_record
    from proofloom.generator.generate import generate_example
    from proofloom.generator.splits import row_lines

    lexicon = RECIPE.vocabulary.resolve().lexicon
    records = [example_to_json(generate_example(RECIPE, index), lexicon) for index in range(5)]
    records.append({**records[0], "context": 'Café "Ünïcode"\\ line\nbreak.', "id": "é-1"})
    depths = set()
    for record in records:
        rows = rows_of_record(record)
        assert row_lines(record) == [(json.dumps(row, ensure_ascii=False) + "\n", row["target_depth"]) for row in rows]
        depths.update(row["depth"] for row in rows)
    assert -1 in depths and max(depths) > 0
