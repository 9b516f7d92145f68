"""A dataset folder holds one dataset: claiming a folder for a run, and replacing what it held when asked.

A folder belongs to the recipe in its `recipe.toml` and, once finished, to the count in its `manifest.json`.
A run of the same recipe and count resumes there (only missing shards are made); any other run is refused,
so shards of two runs never mix. `replace_folder` builds the new dataset in a sibling folder and swaps it in
only once it is complete, so an interrupted replacement leaves the old dataset whole.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from proofloom.atomic import write_text_atomic
from proofloom.errors import ProofloomError

Built = TypeVar("Built")

RECIPE_FILE, MANIFEST_FILE = "recipe.toml", "manifest.json"


class DatasetError(ProofloomError, ValueError):
    """An output folder that cannot take this run (it holds another dataset, or files that are not one)."""


@dataclass(frozen=True, slots=True)
class Claim:
    """What a run needs of its folder: its recipe's text, the shard files of its plan, and its theory count."""

    recipe_text: str
    shard_names: frozenset[str]
    theories: int

    def conflict(self, folder: Path) -> str | None:
        """Why `folder` cannot take this run (another recipe, another count, shards of another plan), or None."""
        if not folder.exists():
            return None
        if not folder.is_dir():
            return f"{folder} is a file, not a dataset folder"
        if not (folder / RECIPE_FILE).exists():
            return _not_a_dataset(folder) if _has_files(folder) else None
        if (folder / RECIPE_FILE).read_text(encoding="utf-8") != self.recipe_text:
            return f"{folder} holds a dataset of another recipe (see its {RECIPE_FILE})"
        manifest = folder / MANIFEST_FILE
        made = json.loads(manifest.read_text(encoding="utf-8")).get("theories") if manifest.exists() else None
        if made is not None and made != self.theories:
            return f"{folder} holds {made} theories of this recipe, not {self.theories}"
        foreign = sorted(p.name for p in folder.glob("shard-*.jsonl") if p.name not in self.shard_names)
        if foreign:
            return f"{folder} holds shards of another count of this recipe ({foreign[0]}, ...)"
        return None

    def take(self, folder: Path) -> None:
        """Make `folder` this run's (creating it and its recipe.toml), or raise DatasetError saying why not."""
        reason = self.conflict(folder)
        if reason is not None:
            raise DatasetError(f"{reason}; use a new folder, or --overwrite to replace it")
        folder.mkdir(parents=True, exist_ok=True)
        if not (folder / RECIPE_FILE).exists():
            write_text_atomic(folder / RECIPE_FILE, self.recipe_text)


def replace_folder(folder: Path, claim: Claim, build: Callable[[Path], Built]) -> Built:
    """`build` the claimed dataset into a sibling folder, then swap it in for `folder`'s, which is removed.

    The sibling's name is fixed, so a replacement killed half way resumes there when run again. Only a folder
    holding a proofloom dataset (a recipe.toml) is ever replaced; the swap is two renames in one directory.
    """
    if folder.exists() and not (folder / RECIPE_FILE).exists() and _has_files(folder):
        raise DatasetError(f"{_not_a_dataset(folder)}; not replacing it")
    aside = folder.with_name(f".{folder.name}.replacement")
    retired = folder.with_name(f".{folder.name}.replaced")
    if aside.exists() and claim.conflict(aside) is not None:
        shutil.rmtree(aside)  # a replacement by another run, killed half way: nothing of it to resume
    shutil.rmtree(retired, ignore_errors=True)  # left by a swap killed between its two renames
    built = build(aside)
    if folder.exists():
        os.replace(folder, retired)
    os.replace(aside, folder)
    shutil.rmtree(retired)
    return built


def _has_files(folder: Path) -> bool:
    """Whether `folder` holds anything but the temporary files of an interrupted atomic write."""
    return any(not (p.name.startswith(".") and p.name.endswith(".tmp")) for p in folder.iterdir())


def _not_a_dataset(folder: Path) -> str:
    return f"{folder} holds files that are not a proofloom dataset (no {RECIPE_FILE})"
