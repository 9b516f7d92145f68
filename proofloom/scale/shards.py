"""A dataset's shards as Ray tasks: each missing shard one task, its result sent back and written by the driver.

A task makes what a local worker makes (`generator.dataset.make_shard`: the native text, the other format's
files, the split rows, the counts and the card's sample), so the driver reads nothing back and parses nothing;
it writes every file (atomically, as for local workers), so the output folder need not be shared with the
cluster. A result is about 3 MB for 1,000 theories through the object store.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from proofloom.generator.dataset import OutputFormat, Shard, ShardResult, make_shard
from proofloom.generator.recipe import Recipe
from proofloom.scale.cluster import RaySession, as_completed


def _make(job: tuple[str, Shard, OutputFormat, int]) -> ShardResult:
    return make_shard(*job)


class RayShards:
    """The `ShardEngine` of `generator.dataset.write_dataset` on Ray: shards yielded as they finish."""

    def __init__(self, session: RaySession) -> None:
        self.session = session

    def make(
        self, recipe: Recipe, shards: list[Shard], output_format: OutputFormat, stride: int
    ) -> Iterator[ShardResult]:
        text = recipe.to_toml()
        jobs = [(text, shard, output_format, stride) for shard in shards]
        window = 4 * self.session.cpus  # enough queued to keep every CPU busy, not the whole run in the driver
        for _, made in as_completed(_make, jobs, lambda job: job[1].name, window):
            yield made

    def describe(self) -> dict[str, Any]:
        return self.session.describe()
