"""On a local Ray of 2 CPUs: generate, prove and verify write the same bytes as one process; a stopped run resumes.

One Ray is started for the whole module (it takes seconds); every command here joins it.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from proofloom.cli import main
from proofloom.generator.dataset import OutputFormat, Shard, ShardResult, write_dataset
from proofloom.generator.example import supervision_of
from proofloom.generator.formats.entailmentbank import to_records
from proofloom.generator.generate import generate_example
from proofloom.generator.recipe import Recipe
from proofloom.prover.neural.data import pairs
from proofloom.prover.neural.model import ModelShape
from proofloom.prover.neural.train import TrainingPlan, train

pytest.importorskip("ray")

from proofloom.scale.cluster import ClusterError, RaySession, as_completed, ray_session  # noqa: E402
from proofloom.scale.shards import RayShards  # noqa: E402

DATASETS = Path(__file__).resolve().parents[2] / "datasets"
RECIPE = dataclasses.replace(Recipe.load(DATASETS / "proofwriter-owa-d5.toml"), shard_size=8)


@pytest.fixture(scope="module")
def session() -> Iterator[RaySession]:
    with ray_session(None, cpus=2) as started:
        yield started


def _files(folder: Path) -> dict[str, bytes]:
    """Every file of a folder but the manifest, by relative path."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != "manifest.json"
    }


def test_generate_on_ray_writes_the_bytes_of_one_worker(session: RaySession, tmp_path: Path) -> None:
    recipe = tmp_path / "recipe.toml"
    recipe.write_text(RECIPE.to_toml())
    common = ["generate", str(recipe), "-n", "40", "--format", "proofwriter"]
    assert main([*common, "-o", str(tmp_path / "one"), "--workers", "1"]) == 0
    assert main([*common, "-o", str(tmp_path / "ray"), "--ray", "--workers", "2"]) == 0
    one, ray = _files(tmp_path / "one"), _files(tmp_path / "ray")
    assert len([name for name in ray if name.startswith("shard-")]) == 5 and one == ray
    manifest = json.loads((tmp_path / "ray" / "manifest.json").read_text())
    assert manifest.pop("engine") == {"name": "ray", "version": session.version, "address": "local", "cpus": 2}
    assert manifest == json.loads((tmp_path / "one" / "manifest.json").read_text())


class _Counting(RayShards):
    """RayShards that records which shards it was asked for, and may stop the run after some have come back."""

    def __init__(self, session: RaySession, stop_after: int | None = None) -> None:
        super().__init__(session)
        self.asked: list[Shard] = []
        self.stop_after = stop_after

    def make(
        self, recipe: Recipe, shards: list[Shard], output_format: OutputFormat, stride: int
    ) -> Iterator[ShardResult]:
        self.asked = list(shards)
        for number, made in enumerate(super().make(recipe, shards, output_format, stride)):
            if number == self.stop_after:
                raise KeyboardInterrupt  # the driver stopped mid-run, as by Ctrl-C
            yield made


def test_a_stopped_ray_run_resumes_making_only_the_missing_shards(session: RaySession, tmp_path: Path) -> None:
    out = tmp_path / "out"
    with pytest.raises(KeyboardInterrupt):
        write_dataset(RECIPE, out, 48, engine=_Counting(session, stop_after=2))
    written = {p.name for p in out.glob("shard-*.jsonl")}
    assert len(written) == 2 and not (out / "manifest.json").exists()
    again = _Counting(session)
    write_dataset(RECIPE, out, 48, engine=again)
    assert {s.name for s in again.asked} == {s.name for s in (Shard(i, i + 8) for i in range(0, 48, 8))} - written
    write_dataset(RECIPE, tmp_path / "whole", 48)
    assert _files(out) == _files(tmp_path / "whole")


def _flaky(job: tuple[str, str]) -> str:
    """Fails every time for job 'bad', recording each try in a file (a task runs in another process)."""
    name, tries = job
    with Path(tries).open("a") as stream:
        stream.write(name + "\n")
    if name == "bad":
        raise ValueError("no theory here")
    return name.upper()


def test_a_failing_task_is_retried_then_reported_by_its_job(session: RaySession, tmp_path: Path) -> None:
    tries = str(tmp_path / "tries")
    good = list(as_completed(_flaky, [("a", tries), ("b", tries)], lambda job: job[0], window=2))
    assert sorted(result for _, result in good) == ["A", "B"]
    with pytest.raises(ClusterError, match=r"^shard bad failed after 3 tries: ValueError: no theory here$"):
        list(as_completed(_flaky, [("bad", tries)], lambda job: f"shard {job[0]}", window=2))
    assert Path(tries).read_text().split().count("bad") == 3


@pytest.fixture(scope="module")
def questions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small dataset's questions, as ProofWriter meta lines."""
    folder = tmp_path_factory.mktemp("questions")
    write_dataset(RECIPE, folder, 2, output_format=OutputFormat.PROOFWRITER)
    (meta,) = (folder / "proofwriter").glob("meta-shard-*.jsonl")
    return meta


def test_prove_on_ray_writes_the_bytes_of_one_process(session: RaySession, questions: Path, tmp_path: Path) -> None:
    step_recipe = Recipe.load(DATASETS / "step-model.toml")  # carries step supervision; trained for seconds
    examples = [generate_example(step_recipe, i) for i in range(4)]
    plan = TrainingPlan(shape=ModelShape(d_model=32, d_ff=64, layers=1, heads=2), epochs=1, batch_size=32, eval_every=5)
    train(pairs(supervision_of(e) for e in examples), tmp_path / "model", plan, {"recipe": step_recipe.name})
    common = ["prove", str(questions), "--model", str(tmp_path / "model"), "-k", "2", "--max-rounds", "1"]
    assert main([*common, "-o", str(tmp_path / "one.jsonl")]) == 0
    assert main([*common, "-o", str(tmp_path / "ray.jsonl"), "--ray", "--workers", "2"]) == 0
    one = (tmp_path / "one.jsonl").read_bytes()
    assert one == (tmp_path / "ray.jsonl").read_bytes() and one.count(b"\n") == 12


def test_verify_on_ray_writes_the_bytes_of_one_process(session: RaySession, tmp_path: Path) -> None:
    lexicon = RECIPE.vocabulary.resolve().lexicon
    records = [r for i in range(6) for r in to_records(generate_example(RECIPE, i), lexicon)]
    lines = []
    for number, record in enumerate(records):  # every third explanation is another question's: mostly invalid
        proof = records[number - 1]["proof"] if number % 3 == 2 else record["proof"]
        lines.append({"id": record["id"], "context": record["context"], "statement": record["hypothesis"]})
        lines[-1]["explanation"] = proof
    source = tmp_path / "explanations.jsonl"
    source.write_text("".join(json.dumps(line) + "\n" for line in lines) + "{broken\n")
    assert (
        main(["verify", str(source), "-o", str(tmp_path / "one.jsonl")]) == 1
    )  # the broken line is a bad record (exit 1), the output still complete
    assert main(["verify", str(source), "-o", str(tmp_path / "ray.jsonl"), "--ray", "--workers", "2"]) == 1
    one = (tmp_path / "one.jsonl").read_bytes()
    verdicts = [json.loads(line) for line in one.splitlines()]
    assert len(verdicts) == len(lines) + 1 and {v["valid"] for v in verdicts} == {True, False}
    assert one == (tmp_path / "ray.jsonl").read_bytes()
