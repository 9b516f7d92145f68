"""Datasets on disk: shards read back equal, any worker count gives the same bytes, a killed run resumes."""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from proofloom.cli import main
from proofloom.generator import dataset
from proofloom.generator.card import dataset_card
from proofloom.generator.dataset import DatasetError, OutputFormat, audit_stride, read_examples, write_dataset
from proofloom.generator.example import example_from_json, example_to_json
from proofloom.generator.folder import Claim, replace_folder
from proofloom.generator.recipe import AuditSection, Recipe
from proofloom.logic.semantics import Label
from tests.conftest import HANG_GUARD

DATASETS = Path(__file__).resolve().parents[2] / "datasets"
RECIPE = dataclasses.replace(Recipe.load(DATASETS / "proofwriter-owa-d5.toml"), shard_size=10)
LEXICON = RECIPE.vocabulary.resolve().lexicon


def _shards(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.glob("shard-*.jsonl")))


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("native")
    write_dataset(RECIPE, folder, 30)
    return folder


def test_native_round_trip(written: Path) -> None:
    examples = list(read_examples(written))
    assert [e.index for e in examples] == list(range(30))
    for example in examples:
        assert example_from_json(example_to_json(example, LEXICON)) == example
    manifest = json.loads((written / "manifest.json").read_text())
    assert manifest["theories"] == 30 and manifest["questions"] == 30 * RECIPE.questions.per_theory
    assert (written / "README.md").read_text().count("| ") > 10


def test_same_bytes_at_one_and_two_workers(written: Path, tmp_path: Path) -> None:
    write_dataset(RECIPE, tmp_path, 30, workers=2, output_format=OutputFormat.PROOFWRITER)
    assert _shards(tmp_path) == _shards(written)
    one, two = (json.loads((folder / "manifest.json").read_text()) for folder in (written, tmp_path))
    assert (one.pop("formats"), two.pop("formats")) == (["native"], ["native", "proofwriter"])
    assert one == two
    assert len(list((tmp_path / "proofwriter").glob("meta-*.jsonl"))) == 3
    assert _files(tmp_path / "data") == _files(written / "data")  # the splits too


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_card_and_manifest_come_from_the_workers_and_equal_those_of_the_files(written: Path) -> None:
    """Nothing is read back: the manifest's digests and counts and the card's audit match the files on disk."""
    manifest = json.loads((written / "manifest.json").read_text())
    examples = list(read_examples(written))
    cells: dict[str, int] = {}
    for question in (q for e in examples for q in e.questions):
        key = f"{question.label.value}@{question.target_depth}"
        cells[key] = cells.get(key, 0) + 1
    assert manifest["cells"] == dict(sorted(cells.items()))
    assert (written / "README.md").read_text() == dataset_card(RECIPE, manifest, examples).text


def test_the_audit_sees_every_kth_example_past_its_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert (audit_stride(dataset.AUDIT_SAMPLE), audit_stride(dataset.AUDIT_SAMPLE + 1)) == (1, 2)
    monkeypatch.setattr(dataset, "AUDIT_SAMPLE", 10)  # 30 theories: every third goes to the audit
    manifest = write_dataset(RECIPE, tmp_path, 30)
    sample = [e for e in read_examples(tmp_path) if e.index % 3 == 0]
    assert len(sample) == 10
    assert (tmp_path / "README.md").read_text() == dataset_card(RECIPE, manifest, sample).text


def test_resuming_in_another_format_writes_what_one_run_writes(tmp_path: Path) -> None:
    """Shards an earlier run wrote are read for their counts and sample, and converted where the format lacks
    them; the folder ends byte for byte as one uninterrupted run in that format leaves it."""
    resumed, fresh = tmp_path / "resumed", tmp_path / "fresh"
    write_dataset(RECIPE, resumed, 30)  # native only: no proofwriter files yet
    (resumed / "shard-0000020-0000030.jsonl").unlink()  # and one shard still to make
    write_dataset(RECIPE, resumed, 30, output_format=OutputFormat.PROOFWRITER)
    write_dataset(RECIPE, fresh, 30, output_format=OutputFormat.PROOFWRITER)
    assert _files(resumed) == _files(fresh)
    assert len(list((fresh / "proofwriter").glob("meta-*.jsonl"))) >= 3


def test_a_folder_keeps_to_its_recipe(written: Path) -> None:
    with pytest.raises(ValueError, match="another recipe"):
        write_dataset(RECIPE.with_seed(RECIPE.seed + 1), written, 30)


def test_killed_run_resumes_to_the_same_bytes(written: Path, tmp_path: Path) -> None:
    recipe_path = tmp_path / "recipe.toml"
    slow = dataclasses.replace(RECIPE, shard_size=5)
    recipe_path.write_text(slow.to_toml())
    out = tmp_path / "out"
    # 300 theories in 60 shards take seconds: the kill lands mid-run, not after the last shard
    command = [sys.executable, "-m", "proofloom", "generate", str(recipe_path), "-o", str(out), "-n", "300"]
    process = subprocess.Popen(command, stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    # kill it once the second shard is on disk, mid-run (a shard file appears whole, by rename; a piped run
    # prints no progress to watch for)
    while len(list(out.glob("shard-*.jsonl"))) < 2 and process.poll() is None:
        time.sleep(0.005)
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=HANG_GUARD)
    assert not (out / "manifest.json").exists()
    assert 1 <= len(list(out.glob("shard-*.jsonl"))) < 60
    assert main(["generate", str(recipe_path), "-o", str(out), "-n", "300"]) == 0
    uninterrupted = tmp_path / "uninterrupted"
    write_dataset(slow, uninterrupted, 300)
    assert _shards(out) == _shards(uninterrupted)
    assert _shards(out).startswith(_shards(written))  # and the first 30 are those of any other run
    assert not list(out.glob(".*tmp"))


def test_generate_cli_errors_are_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[rules]\nnegation_rate = 5\n")
    result = subprocess.run(
        [sys.executable, "-m", "proofloom", "generate", str(bad), "-o", str(tmp_path / "o")],
        capture_output=True,
        text=True,
        timeout=HANG_GUARD,
    )
    assert result.returncode == 2 and result.stderr.count("\n") == 1  # a bad recipe is unreadable input
    assert "rules.negation_rate" in result.stderr and "bad.toml" in result.stderr


def test_a_recipe_whose_audit_exceeds_max_edge_fails_in_one_line_naming_the_classifier(tmp_path: Path) -> None:
    # without negation in any theory, an open-world True statement is positive and a False one negated
    shortcut = dataclasses.replace(
        RECIPE, name="strict-owa", rules=dataclasses.replace(RECIPE.rules, negation_share=0.0)
    )
    strict = tmp_path / "strict.toml"
    strict.write_text(shortcut.to_toml() + "\n[audit]\nmax_edge = 0.05\n")
    result = subprocess.run(
        [sys.executable, "-m", "proofloom", "generate", str(strict), "-n", "60", "-o", str(tmp_path / "o")],
        capture_output=True,
        text=True,
        timeout=HANG_GUARD,
    )
    assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
    assert "strict-owa: the audit's " in result.stderr and "audit.max_edge allows 5.0" in result.stderr
    assert "points over" not in result.stderr and " points; " in result.stderr  # the edge, in points
    assert not (tmp_path / "o" / "manifest.json").exists()  # a refused dataset is never marked finished
    lenient = dataclasses.replace(RECIPE, audit=AuditSection(max_edge=1.0))
    write_dataset(lenient, tmp_path / "lenient", 60)
    assert "max_edge = 1.0" in (tmp_path / "lenient" / "README.md").read_text()


def test_unknown_questions_are_balanced_against_proved_ones(written: Path) -> None:
    labels = [q.label for e in read_examples(written) for q in e.questions]
    assert labels.count(Label.UNKNOWN) == len(labels) // 3


def test_another_count_is_refused_then_replaced_whole_with_overwrite(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    write_dataset(RECIPE, folder, 30, output_format=OutputFormat.PROOFWRITER)
    before = _shards(folder)
    with pytest.raises(DatasetError, match="holds 30 theories of this recipe, not 12"):
        write_dataset(RECIPE, folder, 12, output_format=OutputFormat.PROOFWRITER)
    assert _shards(folder) == before  # refused: nothing touched
    manifest = write_dataset(RECIPE, folder, 12, output_format=OutputFormat.PROOFWRITER, overwrite=True)
    shards = sorted(p.name for p in folder.glob("shard-*.jsonl"))
    assert shards == ["shard-0000000-0000010.jsonl", "shard-0000010-0000012.jsonl"]
    assert [s["file"] for s in manifest["shards"]] == shards and len(list(read_examples(folder))) == 12
    assert len(list((folder / "proofwriter").iterdir())) == 2  # the old run's third meta file is gone
    assert _shards(folder) == before[: len(_shards(folder))]  # the same recipe's prefix
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]  # no sibling left from the swap


def test_another_recipe_is_replaced_with_overwrite_and_a_failed_build_keeps_the_old(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    write_dataset(RECIPE, folder, 20)
    before = _shards(folder)
    other = RECIPE.with_seed(RECIPE.seed + 1)
    claim = Claim(other.to_toml(), frozenset(), 20)

    def killed(aside: Path) -> None:  # a build that stops half way, its folder left with another recipe in it
        aside.mkdir()
        (aside / "recipe.toml").write_text("seed = 0\n")
        raise RuntimeError("killed")

    with pytest.raises(RuntimeError):
        replace_folder(folder, claim, killed)
    assert _shards(folder) == before  # the build failed before the swap: the old dataset is whole
    write_dataset(other, folder, 20, overwrite=True)  # resumes past the abandoned replacement folder
    assert (folder / "recipe.toml").read_text() == other.to_toml() and _shards(folder) != before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


def test_a_killed_runs_shards_of_another_count_are_refused(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    write_dataset(RECIPE, folder, 30)
    (folder / "manifest.json").unlink()  # as if killed before the manifest: only the shards say what it was
    with pytest.raises(DatasetError, match="shards of another count"):
        write_dataset(RECIPE, folder, 25)
    assert write_dataset(RECIPE, folder, 30)["theories"] == 30  # the same run resumes


def test_a_folder_of_other_files_is_never_claimed_or_replaced(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    for overwrite in (False, True):
        with pytest.raises(DatasetError, match="not a proofloom dataset"):
            write_dataset(RECIPE, tmp_path, 10, overwrite=overwrite)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_every_file_written_has_the_umasks_mode(tmp_path: Path) -> None:
    previous = os.umask(0o027)
    try:
        write_dataset(RECIPE, tmp_path / "data", 12, output_format=OutputFormat.HF)
        write_dataset(RECIPE, tmp_path / "pw", 12, output_format=OutputFormat.PROOFWRITER)
    finally:
        os.umask(previous)
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert len(files) > 10 and {p.stat().st_mode & 0o777 for p in files} == {0o640}
    assert {p.stat().st_mode & 0o777 for p in tmp_path.rglob("*") if p.is_dir()} == {0o750}
