"""The explorer: a static HTML site to browse a generated dataset or `verify`'s verdicts, trees drawn as SVG.

`explore(source, folder)` reads the source (a dataset folder, a proofloom JSONL file of examples, a ProofWriter
meta file, or verify's output), lays out every tree with `prover.proof.picture`, and writes one page that
works from the file system.
"""

from __future__ import annotations

from pathlib import Path

from proofloom.explorer.records import Site, dataset_site, verdicts_site
from proofloom.explorer.site import write_site
from proofloom.explorer.sources import (
    ExploreError,
    dataset_examples,
    explanations_by_id,
    file_examples,
    file_verdicts,
    first_record,
    is_dataset,
    looks_like_examples,
    looks_like_meta,
    looks_like_verdicts,
    meta_examples,
    question_count,
)

__all__ = ["ExploreError", "Site", "explore", "read_site"]


def read_site(source: Path, explanations: Path | None = None, limit: int | None = None) -> Site:
    """What the page will show: the source's kind told from itself, `limit` theories at most for a dataset."""
    if is_dataset(source):
        dataset = dataset_examples(source)
        return dataset_site(dataset.examples, dataset.name, str(source), dataset.lexicon, limit, dataset.questions)
    record = first_record(source)
    if looks_like_examples(record):
        total = question_count(source)
        return dataset_site(file_examples(source), source.stem, str(source), None, limit, total)
    if looks_like_meta(record):
        total = question_count(source)
        return dataset_site(meta_examples(source), source.stem, str(source), None, limit, total)
    if looks_like_verdicts(record):
        given = explanations_by_id(explanations) if explanations is not None else {}
        return verdicts_site(file_verdicts(source), given, f"verdicts: {source.name}", str(source))
    raise ExploreError(
        f"{source}:1: neither a proofloom example (theory, questions), a ProofWriter meta record (triples, rules, "
        "questions) nor a verify verdict (valid, steps)"
    )


def explore(source: Path, folder: Path, explanations: Path | None = None, limit: int | None = None) -> Site:
    """Read `source` and write its page to `folder/index.html`; the site written."""
    site = read_site(source, explanations, limit)
    write_site(site, folder)
    return site
