"""A dataset's shards as Ray tasks: each missing shard one task, its text sent back and written by the driver.

The driver writes every shard (atomically, as for local workers), so the output folder need not be shared with
the cluster; a task's result is one shard's text (about 1.4 MB for 1,000 theories) through the object store.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from proofloom.generator.dataset import Shard, shard_text
from proofloom.generator.recipe import Recipe
from proofloom.scale.cluster import RaySession, as_completed


def _make(job: tuple[str, Shard]) -> str:
    recipe_text, shard = job
    return shard_text(Recipe.from_toml(recipe_text), shard.start, shard.stop)


class RayShards:
    """The `ShardEngine` of `generator.dataset.write_dataset` on Ray: shards yielded as they finish."""

    def __init__(self, session: RaySession) -> None:
        self.session = session

    def make(self, recipe: Recipe, shards: list[Shard]) -> Iterator[tuple[Shard, str]]:
        text = recipe.to_toml()
        jobs = [(text, shard) for shard in shards]
        window = 4 * self.session.cpus  # enough queued to keep every CPU busy, not the whole run in the driver
        for (_, shard), made in as_completed(_make, jobs, lambda job: job[1].name, window):
            yield shard, made

    def describe(self) -> dict[str, Any]:
        return self.session.describe()
