"""Writing a dataset to disk: shards, a manifest, resumption, any number of workers, the same bytes.

Shard s holds examples [s * shard_size, ...); each is written atomically, so a killed run leaves only
whole shards, and the same command run again makes just the missing ones. Shards depend only on the
recipe and their range, so one worker or many write identical files.
"""

from __future__ import annotations

import enum
import hashlib
import json
import multiprocessing
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from proofloom._version import __version__
from proofloom.atomic import write_text_atomic
from proofloom.generator.example import Example
from proofloom.generator.folder import Claim, DatasetError, replace_folder
from proofloom.generator.formats import entailmentbank, huggingface, logiclm, proofwriter
from proofloom.generator.formats.native import example_line, read_native
from proofloom.generator.generate import generate_example
from proofloom.generator.recipe import Recipe
from proofloom.logic.english import Lexicon

Writer = Callable[[list[Example], Path, Lexicon], None]


__all__ = ["DatasetError", "OutputFormat", "Shard", "plan", "read_examples", "shard_text", "write_dataset"]


class OutputFormat(enum.Enum):
    """What `generate` writes beside its native shards."""

    NATIVE = "native"
    PROOFWRITER = "proofwriter"
    ENTAILMENTBANK = "entailmentbank"
    HF = "hf"
    LOGICLM = "logiclm"


# Each format's file name for a shard (from the shard's stem) and its writer.
_WRITERS: dict[OutputFormat, tuple[str, Writer]] = {
    OutputFormat.PROOFWRITER: ("meta-{}.jsonl", proofwriter.write_meta),
    OutputFormat.ENTAILMENTBANK: ("{}.jsonl", entailmentbank.write_records),
    OutputFormat.HF: ("{}.parquet", huggingface.write_parquet),
    OutputFormat.LOGICLM: ("{}.json", logiclm.write_logiclm),
}


class ShardEngine(Protocol):
    """Makes shards elsewhere (a cluster): each missing shard's native text, yielded as it is done, in any order."""

    def make(self, recipe: Recipe, shards: list[Shard]) -> Iterator[tuple[Shard, str]]: ...

    def describe(self) -> dict[str, Any]:
        """What the manifest records under `engine` (its name, version, where it ran)."""
        ...


@dataclass(frozen=True, slots=True)
class Shard:
    """A range of example indices and the file that holds them."""

    start: int
    stop: int

    @property
    def name(self) -> str:
        return f"shard-{self.start:07d}-{self.stop:07d}.jsonl"


def plan(recipe: Recipe, count: int) -> list[Shard]:
    size = recipe.shard_size
    return [Shard(start, min(start + size, count)) for start in range(0, count, size)]


def shard_text(recipe: Recipe, start: int, stop: int) -> str:
    """The native lines of examples [start, stop): what each worker makes, one example in memory at a time."""
    lexicon = recipe.vocabulary.resolve().lexicon
    return "".join(example_line(generate_example(recipe, i), lexicon) for i in range(start, stop))


def _make_shard(job: tuple[str, Shard]) -> tuple[Shard, str]:
    recipe_text, shard = job
    return shard, shard_text(Recipe.from_toml(recipe_text), shard.start, shard.stop)


def write_dataset(
    recipe: Recipe,
    folder: Path,
    count: int,
    workers: int = 1,
    output_format: OutputFormat = OutputFormat.NATIVE,
    progress: Callable[[int, int], None] | None = None,
    overwrite: bool = False,
    phase: Callable[[str], None] = lambda name: None,
    engine: ShardEngine | None = None,
) -> dict[str, Any]:
    """Generate `count` theories into `folder`, resuming whatever whole shards of this run are already there;
    a folder holding another dataset is refused (DatasetError), or with `overwrite` replaced (`generator.folder`).
    `phase` is told each step after the shards (each can take seconds on a large dataset). With an `engine`
    (Ray, `proofloom.scale`) the shards are made there and written here as they come back; the bytes are the
    same, and the manifest names the engine."""
    shards = plan(recipe, count)
    claim = Claim(recipe.to_toml(), frozenset(s.name for s in shards), count)
    if overwrite and claim.conflict(folder) is not None:
        return replace_folder(
            folder,
            claim,
            lambda aside: write_dataset(
                recipe, aside, count, workers, output_format, progress, phase=phase, engine=engine
            ),
        )
    claim.take(folder)
    for leftover in folder.glob(".shard-*.tmp"):
        leftover.unlink()
    missing = [s for s in shards if not (folder / s.name).exists()]
    done = count - sum(s.stop - s.start for s in missing)
    if progress:
        progress(done, count)
    made = engine.make(recipe, missing) if engine is not None and missing else _run(recipe, missing, workers)
    for shard, text in made:
        write_text_atomic(folder / shard.name, text)
        done += shard.stop - shard.start
        if progress:
            progress(done, count)
    phase("hashing the shards for the manifest")
    manifest = _manifest(recipe, folder, shards, count)
    if engine is not None:
        manifest["engine"] = engine.describe()
    if output_format is not OutputFormat.NATIVE:
        phase(f"writing the {output_format.value} files")
    _convert(recipe, folder, shards, output_format)
    write_text_atomic(folder / "manifest.json", json.dumps(manifest, indent=2) + "\n")
    from proofloom.generator.card import dataset_card

    phase("writing the dataset card (the shortcut audit)")
    write_text_atomic(folder / "README.md", dataset_card(recipe, manifest, folder, shards))
    return manifest


def _run(recipe: Recipe, shards: list[Shard], workers: int) -> Iterator[tuple[Shard, str]]:
    jobs = [(recipe.to_toml(), shard) for shard in shards]
    if workers <= 1 or len(jobs) <= 1:
        yield from map(_make_shard, jobs)
        return
    with multiprocessing.get_context("spawn").Pool(workers) as pool:
        yield from pool.imap(_make_shard, jobs)


def read_examples(folder: Path) -> Iterator[Example]:
    """Every example of a dataset folder, in index order."""
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    for shard in manifest["shards"]:
        yield from read_native(folder / shard["file"])


def _manifest(recipe: Recipe, folder: Path, shards: list[Shard], count: int) -> dict[str, Any]:
    cells: Counter[str] = Counter()
    entries = []
    questions = 0
    for shard in shards:
        data = (folder / shard.name).read_bytes()
        for line in data.decode("utf-8").splitlines():
            for question in json.loads(line)["questions"]:
                cells[f"{question['label']}@{question['target_depth']}"] += 1
                questions += 1
        entries.append(
            {"file": shard.name, "examples": shard.stop - shard.start, "sha256": hashlib.sha256(data).hexdigest()}
        )
    return {
        "recipe": recipe.name,
        "seed": recipe.seed,
        "proofloom": __version__,
        "theories": count,
        "questions": questions,
        "cells": dict(sorted(cells.items())),
        "shards": entries,
    }


def _convert(recipe: Recipe, folder: Path, shards: list[Shard], output_format: OutputFormat) -> None:
    """Other formats are written from the native shards, shard by shard, each file atomically."""
    if output_format is OutputFormat.NATIVE:
        return
    lexicon = recipe.vocabulary.resolve().lexicon
    target = folder / output_format.value
    target.mkdir(exist_ok=True)
    name, writer = _WRITERS[output_format]
    for shard in shards:
        examples = read_native(folder / shard.name)
        stem = shard.name.removesuffix(".jsonl")
        _write_atomic(target / name.format(stem), writer, examples, lexicon)
        if output_format is OutputFormat.PROOFWRITER and any(q.abductions for e in examples for q in e.questions):
            _write_atomic(target / f"meta-abduct-{stem}.jsonl", proofwriter.write_meta_abduct, examples, lexicon)


def _write_atomic(path: Path, writer: Writer, examples: list[Example], lexicon: Lexicon) -> None:
    """Write beside `path`, then rename: a killed run leaves no half-written file under the final name."""
    temporary = path.with_name(f".{path.name}.tmp")
    writer(examples, temporary, lexicon)
    temporary.replace(path)
