"""`solve` and `verify` read every format `generate` writes: a dataset folder, each format's shard files; no record
is bad, every label is the gold one, every gold proof verifies. A file whose records are all bad exits 1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from proofloom.cli import main
from proofloom.generator.formats.problems import InputFormat, detect_format, read_problems
from proofloom.prover.problem import Problem

FORMATS = ("native", "proofwriter", "entailmentbank", "hf", "logiclm")
THEORIES = 3


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One small dataset of the owa-d5 recipe in each format, two shards each."""
    root = tmp_path_factory.mktemp("formats")
    for name in FORMATS:
        if name == "hf":
            pytest.importorskip("datasets")
        args = ["generate", "proofwriter-owa-d5", "-n", str(THEORIES), "--shard-size", "2", "--format", name]
        assert main([*args, "-o", str(root / name)]) == 0
    return root


def format_files(folder: Path, name: str) -> list[Path]:
    """The files of one format in a generated folder: the native shards at its root, the others in their folder."""
    if name == "native":
        return sorted(folder.glob("shard-*.jsonl"))
    return sorted((folder / name).iterdir())


def lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("name", FORMATS)
def test_solve_reads_each_format_with_no_bad_record_and_the_gold_labels(
    generated: Path, name: str, tmp_path: Path
) -> None:
    folder = generated / name
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    files = format_files(folder, name)
    assert len(files) == 2
    expected = {"proofwriter": InputFormat.PROOFWRITER, "entailmentbank": InputFormat.ENTAILMENTBANK}
    expected |= {"hf": InputFormat.HF, "logiclm": InputFormat.LOGICLM, "native": InputFormat.NATIVE}
    assert {detect_format(f) for f in files} == {expected[name]}
    answered = 0
    for number, path in enumerate(files):
        output = tmp_path / f"answers-{number}.jsonl"
        assert main(["solve", str(path), "-o", str(output)]) == 0
        records = lines(output)
        assert records and all("error" not in r and r["label"] == r["gold"] for r in records)
        answered += len(records)
    # EntailmentBank keeps the proved questions only (an Unknown has no tree); the others keep every question
    proved = sum(n for cell, n in manifest["cells"].items() if not cell.startswith("Unknown"))
    assert answered == (proved if name == "entailmentbank" else manifest["questions"])


@pytest.mark.parametrize("name", [n for n in FORMATS if n != "logiclm"])
def test_verify_checks_every_gold_proof_of_each_format(generated: Path, name: str, tmp_path: Path) -> None:
    for number, path in enumerate(format_files(generated / name, name)):
        output = tmp_path / f"verdicts-{number}.jsonl"
        assert main(["verify", str(path), "-o", str(output), "--semantics", "owa"]) == 0
        verdicts = lines(output)
        problems = [p for p in read_problems(path) if isinstance(p, Problem)]
        assert len(verdicts) >= sum(1 for p in problems if p.gold is not None and p.gold.value != "Unknown")
        assert verdicts and all(v["valid"] for v in verdicts)


def test_a_dataset_folder_reads_as_all_its_shards(generated: Path, tmp_path: Path) -> None:
    folder = generated / "proofwriter"  # any format's folder: its manifest lists the native shards beside it
    assert detect_format(folder) is InputFormat.DATASET
    output = tmp_path / "answers.jsonl"
    assert main(["solve", str(folder), "-o", str(output)]) == 0
    records = lines(output)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert len(records) == manifest["questions"] and all(r["label"] == r["gold"] for r in records)
    assert main(["verify", str(folder), "-o", str(tmp_path / "verdicts.jsonl")]) == 0


def test_logiclm_has_no_proofs_to_verify(generated: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = format_files(generated / "logiclm", "logiclm")[0]
    assert main(["verify", str(path), "-o", str(tmp_path / "v.jsonl")]) == 2
    assert "the Logic-LM layout has no proofs: nothing to verify" in capsys.readouterr().err


def test_a_file_of_bad_records_exits_1(generated: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shard = format_files(generated / "native", "native")[0]
    broken = tmp_path / "broken.jsonl"
    broken.write_text(shard.read_text(encoding="utf-8").replace('"theory": "', '"theory": "((('), encoding="utf-8")
    assert main(["solve", str(broken), "-o", str(tmp_path / "a.jsonl")]) == 1
    assert all("error" in r for r in lines(tmp_path / "a.jsonl"))
    assert main(["verify", str(broken), "-o", str(tmp_path / "v.jsonl")]) == 1
    assert "2 bad records" in capsys.readouterr().out


def test_a_folder_without_a_manifest_is_one_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["solve", str(tmp_path), "-o", str(tmp_path / "a.jsonl")]) == 2
    assert (
        f"{tmp_path}: a folder is read as a generated dataset, but it has no manifest.json" in capsys.readouterr().err
    )
