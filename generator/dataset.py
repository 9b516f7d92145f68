"""Writing a dataset to disk: shards, a manifest, resumption, any number of workers, the same bytes.

Shard s holds examples [s * shard_size, ...); each is written atomically, so a killed run leaves only
whole shards, and the same command run again makes just the missing ones. Shards depend only on the
recipe and their range, so one worker or many write identical files.

Each worker hands back everything the rest needs (`ShardResult`: the native text and its digest, the
per-cell counts, the other format's file made from the same in-memory examples, and the audit's sample),
so nothing is read back or parsed again unless a run resumes over shards an earlier run wrote.
"""

from __future__ import annotations

import contextlib
import dataclasses
import enum
import gc
import hashlib
import json
import multiprocessing
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from proofloom._version import __version__
from proofloom.atomic import write_bytes_atomic, write_text_atomic
from proofloom.generator.card_sample import SampledTheory, sampled
from proofloom.generator.example import Example, example_from_json, example_to_json
from proofloom.generator.folder import Claim, DatasetError, replace_folder
from proofloom.generator.formats import entailmentbank, huggingface, logiclm, proofwriter
from proofloom.generator.formats.native import example_line, read_native
from proofloom.generator.generate import generate_example
from proofloom.generator.recipe import Recipe
from proofloom.generator.splits import DATA_FOLDER, SPLITS, depth_split, split_of, split_rows
from proofloom.logic.english import Lexicon

Writer = Callable[[list[Example], Path, Lexicon], None]


__all__ = [
    "AUDIT_SAMPLE",
    "DatasetError",
    "OutputFormat",
    "Shard",
    "ShardResult",
    "audit_stride",
    "make_shard",
    "plan",
    "read_examples",
    "shard_text",
    "write_dataset",
]

# The most examples the card's audit is fed: every one up to this many, then every k-th (k = ceil(n / this)),
# so the driver's memory does not grow with -n and the sample does not depend on the worker count.
AUDIT_SAMPLE = 2000


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
    """Makes shards elsewhere (a cluster): each missing shard's `make_shard` result, yielded as it is done, in any
    order (the driver writes them, so the output folder need not be shared)."""

    def make(
        self, recipe: Recipe, shards: list[Shard], output_format: OutputFormat, stride: int
    ) -> Iterator[ShardResult]: ...

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


def audit_stride(count: int) -> int:
    """Every k-th example goes to the audit: 1 up to AUDIT_SAMPLE examples, then ceil(count / AUDIT_SAMPLE)."""
    return max(1, -(-count // AUDIT_SAMPLE))


@dataclass(frozen=True, slots=True)
class ShardResult:
    """What a worker computed for one shard, so the driver writes files and a card without reading any back."""

    shard: Shard
    text: str  # the native JSON lines
    sha256: str
    cells: dict[str, int]  # questions per `label@target_depth`
    questions: int
    sample: tuple[SampledTheory, ...]  # what the card keeps of the examples whose index is a multiple of the stride
    files: tuple[tuple[str, bytes], ...] = ()  # the other format's files: (name in its folder, bytes)
    split_questions: dict[str, int] = dataclasses.field(default_factory=dict)  # per split (test_depth_N too)
    split_theories: dict[str, int] = dataclasses.field(default_factory=dict)  # per train/validation/test
    data_files: tuple[tuple[str, bytes], ...] = ()  # each split's rows: (path in the dataset folder, bytes)


# While a shard is made, everything alive is frozen out of the collector's walks every this many examples.
_FREEZE_EVERY = 100


def make_shard(recipe_text: str, shard: Shard, output_format: OutputFormat, stride: int) -> ShardResult:
    """Generate one shard, its counts, its audit sample and its other-format files in one pass over its examples.

    Only this shard's examples are held (and only when another format needs them all at once). They are held
    to the shard's end, some 300 objects each, and every collection of the middle generation would walk all
    of them again to find nothing (construction's own garbage cycles die young, within a few thousand
    allocations), so every `_FREEZE_EVERY` examples what is alive is frozen (`gc.freeze`: the young generation
    is still collected between); the shard's end hands it all back to the oldest generation (`gc.unfreeze`)."""
    recipe = Recipe.from_toml(recipe_text)
    lexicon = recipe.vocabulary.resolve().lexicon
    keep_all = output_format is not OutputFormat.NATIVE
    lines, kept, sample = [], [], []
    cells: Counter[str] = Counter()
    theories: Counter[str] = Counter()
    rows: dict[str, list[str]] = {}
    try:
        for index in range(shard.start, shard.stop):
            example = generate_example(recipe, index)
            record = example_to_json(example, lexicon)
            lines.append(json.dumps(record, ensure_ascii=False) + "\n")  # formats.native.example_line
            for question in example.questions:
                cells[f"{question.label.value}@{question.target_depth}"] += 1
            if index % stride == 0:
                sample.append(sampled(example))
            if keep_all:
                kept.append(example)
            split = split_of(recipe.seed, index, recipe.splits)
            theories[split] += 1
            for name, made in split_rows([(split, record)]).items():
                rows.setdefault(name, []).extend(made)
            if len(lines) % _FREEZE_EVERY == 0:
                gc.freeze()
        files = _format_files(kept, shard, output_format, lexicon)
    finally:
        gc.unfreeze()
    text = "".join(lines)
    return ShardResult(
        shard,
        text,
        hashlib.sha256(text.encode("utf-8")).hexdigest(),
        dict(cells),
        sum(cells.values()),
        tuple(sample),
        files,
        {name: len(made) for name, made in rows.items()},
        dict(theories),
        _data_files(shard, rows),
    )


def _data_files(shard: Shard, rows: dict[str, list[str]]) -> tuple[tuple[str, bytes], ...]:
    """Each split's rows of one shard as a file `data/SPLIT/shard-....jsonl`, splits in name order."""
    return tuple((f"{DATA_FOLDER}/{name}/{shard.name}", "".join(rows[name]).encode("utf-8")) for name in sorted(rows))


def _make_shard(job: tuple[str, Shard, OutputFormat, int]) -> ShardResult:
    """The pool's task: a pure function of its (recipe, shard, format, stride) job."""
    return make_shard(*job)


def _format_files(
    examples: list[Example], shard: Shard, output_format: OutputFormat, lexicon: Lexicon
) -> tuple[tuple[str, bytes], ...]:
    """The other format's file(s) for one shard, written by its writer into a scratch folder and read as bytes."""
    if output_format is OutputFormat.NATIVE:
        return ()
    name, writer = _WRITERS[output_format]
    stem = shard.name.removesuffix(".jsonl")
    wanted: list[tuple[str, Writer]] = [(name.format(stem), writer)]
    if output_format is OutputFormat.PROOFWRITER and any(q.abductions for e in examples for q in e.questions):
        wanted.append((f"meta-abduct-{stem}.jsonl", proofwriter.write_meta_abduct))
    made = []
    with tempfile.TemporaryDirectory(prefix="proofloom-shard-") as scratch:
        for file_name, write in wanted:
            path = Path(scratch) / file_name
            write(examples, path, lexicon)
            made.append((file_name, path.read_bytes()))
    return tuple(made)


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
    stride = audit_stride(count)
    target = folder / output_format.value
    if output_format is not OutputFormat.NATIVE:
        target.mkdir(exist_ok=True)
    missing = [s for s in shards if not (folder / s.name).exists()]
    done = count - sum(s.stop - s.start for s in missing)
    if progress:
        progress(done, count)
    results: dict[Shard, ShardResult] = {}
    if len(missing) < len(shards):
        phase("reading the shards an earlier run wrote")
        for shard in shards:
            if shard not in missing:
                results[shard] = _resumed(folder, shard, recipe, output_format, stride)
    made = _run(recipe, missing, workers, output_format, stride)
    if engine is not None and missing:  # a cluster's tasks hand back what a local worker does
        made = engine.make(recipe, missing, output_format, stride)
    for result in made:
        _write_result(folder, target, result)
        results[result.shard] = _lean(result)
        done += result.shard.stop - result.shard.start
        if progress:
            progress(done, count)
    sample = [example for shard in shards for example in results[shard].sample]
    with _held_long():  # the sample and the results are held to the end: the collector skips them
        if recipe.audit.max_edge is not None:  # before the manifest: a refused dataset is never marked finished
            from proofloom.generator.audit import enforce_max_edge  # numpy: loaded only when asked for

            phase("checking the shortcut audit against audit.max_edge")
            enforce_max_edge(sample, recipe.audit.max_edge, recipe.name)
        manifest = _manifest(recipe, [results[s] for s in shards], count, _formats_in(folder))
        if engine is not None:
            manifest["engine"] = engine.describe()
        write_text_atomic(folder / "manifest.json", json.dumps(manifest, indent=2) + "\n")
        from proofloom.generator.card import FIGURE_FOLDER, dataset_card

        phase("writing the dataset card (the shortcut audit)")
        card = dataset_card(recipe, manifest, sample)
        (folder / FIGURE_FOLDER).mkdir(exist_ok=True)
        for name, image in card.figures.items():
            write_bytes_atomic(folder / FIGURE_FOLDER / name, image)
        write_text_atomic(folder / "README.md", card.text)
        return manifest


@contextlib.contextmanager
def _held_long() -> Iterator[None]:
    """The objects held now (the audit's sample, some 40 objects a theory, and the shards' results) left out
    of the collector's walks until the card is made: none of them is garbage before then, and each full
    collection that the audit's and the figures' work sets off would walk them all again to find nothing.
    They are handed back to the collector as the dataset is finished."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _write_result(folder: Path, target: Path, result: ShardResult, native: bool = True) -> None:
    """The other format's files first, then the native shard: a native shard on disk means its files are there."""
    for name, data in result.files:
        write_bytes_atomic(target / name, data)
    for path, data in result.data_files:
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(folder / path, data)
    if native:
        write_text_atomic(folder / result.shard.name, result.text)


def _lean(result: ShardResult) -> ShardResult:
    """The result without its text and files, which are on disk: what the driver keeps per shard."""
    return dataclasses.replace(result, text="", files=(), data_files=())


def _resumed(folder: Path, shard: Shard, recipe: Recipe, output_format: OutputFormat, stride: int) -> ShardResult:
    """A shard an earlier run wrote: its digest and counts from its lines, its sample parsed, and the other
    format's files and its split rows made from it where that run did not write them."""
    lexicon = recipe.vocabulary.resolve().lexicon
    seed, shares = recipe.seed, recipe.splits
    data = (folder / shard.name).read_bytes()
    cells: Counter[str] = Counter()
    theories: Counter[str] = Counter()
    questions: Counter[str] = Counter()
    sample = []
    for index, line in enumerate(data.decode("utf-8").splitlines(), start=shard.start):
        record = json.loads(line)
        split = split_of(seed, index, shares)
        theories[split] += 1
        for question in record["questions"]:
            cells[f"{question['label']}@{question['target_depth']}"] += 1
            questions[split] += 1
            if split == "test":
                questions[depth_split(int(question["target_depth"]))] += 1
        if index % stride == 0:
            sample.append(sampled(example_from_json(record)))
    if output_format is not OutputFormat.NATIVE:
        name, _ = _WRITERS[output_format]
        target = folder / output_format.value
        if not (target / name.format(shard.name.removesuffix(".jsonl"))).exists():
            for file_name, made in _format_files(read_native(folder / shard.name), shard, output_format, lexicon):
                write_bytes_atomic(target / file_name, made)
    if any(not (folder / DATA_FOLDER / split / shard.name).exists() for split in questions):
        records = [json.loads(line) for line in data.decode("utf-8").splitlines()]
        pairs = [(split_of(seed, int(r["index"]), shares), r) for r in records]
        _write_result(
            folder,
            folder,
            ShardResult(shard, "", "", {}, 0, (), (), data_files=_data_files(shard, split_rows(pairs))),
            native=False,
        )
    digest = hashlib.sha256(data).hexdigest()
    return ShardResult(
        shard, "", digest, dict(cells), sum(cells.values()), tuple(sample), (), dict(questions), dict(theories)
    )


def _run(
    recipe: Recipe, shards: list[Shard], workers: int, output_format: OutputFormat, stride: int
) -> Iterator[ShardResult]:
    jobs = [(recipe.to_toml(), shard, output_format, stride) for shard in shards]
    if workers <= 1 or len(jobs) <= 1:
        yield from map(_make_shard, jobs)
        return
    with multiprocessing.get_context("spawn").Pool(workers) as pool:
        made = pool.imap(_make_shard, jobs)
        from proofloom.generator import audit, figures  # noqa: F401  # numpy, for the card, while the workers work

        figures.load_matplotlib()
        yield from made


def read_examples(folder: Path) -> Iterator[Example]:
    """Every example of a dataset folder, in index order."""
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    for shard in manifest["shards"]:
        yield from read_native(folder / shard["file"])


def _split_order(name: str) -> tuple[int, int]:
    """train, validation, test, then test_depth_0, test_depth_1, ..."""
    if name in SPLITS:
        return (SPLITS.index(name), 0)
    return (len(SPLITS), int(name.rsplit("_", 1)[1]))


def _formats_in(folder: Path) -> list[str]:
    """Every format the folder holds: native (the shards) and each other format's folder, this run's or an
    earlier one's over the same shards."""
    return ["native", *(f.value for f in OutputFormat if f is not OutputFormat.NATIVE and (folder / f.value).is_dir())]


def _manifest(recipe: Recipe, results: list[ShardResult], count: int, formats: list[str]) -> dict[str, Any]:
    """The manifest from the workers' counts and digests, in shard order."""
    cells: Counter[str] = Counter()
    questions: Counter[str] = Counter()
    theories: Counter[str] = Counter()
    for result in results:
        cells.update(result.cells)
        questions.update(result.split_questions)
        theories.update(result.split_theories)
    splits = {
        name: {"folder": f"{DATA_FOLDER}/{name}", "theories": theories.get(name), "questions": questions[name]}
        for name in sorted(questions, key=_split_order)
    }
    return {
        "recipe": recipe.name,
        "seed": recipe.seed,
        "proofloom": __version__,
        "theories": count,
        "questions": sum(r.questions for r in results),
        "cells": dict(sorted(cells.items())),
        "formats": formats,
        "splits": {name: {k: v for k, v in split.items() if v is not None} for name, split in splits.items()},
        "shards": [
            {"file": r.shard.name, "examples": r.shard.stop - r.shard.start, "sha256": r.sha256} for r in results
        ],
    }
