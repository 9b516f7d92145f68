"""Recipes as the command line names them: a TOML file, or the name of one shipped in `datasets/`."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from proofloom.generator.recipe import Recipe


def load_recipe(name: str) -> Recipe:
    """The recipe in file `name` if there is one, else the shipped recipe of that name (`.toml` optional)."""
    from proofloom.generator.recipe import Recipe, RecipeError

    path = Path(name)
    if path.exists():
        return Recipe.load(path)
    shipped = resources.files("proofloom").joinpath(f"datasets/{name.removesuffix('.toml')}.toml")
    if shipped.is_file():
        return Recipe.from_toml(shipped.read_text(encoding="utf-8"), f"datasets/{name}")
    raise RecipeError(f"{name}: no such recipe file, and no shipped recipe of that name ({', '.join(shipped_names())})")


def shipped_names() -> list[str]:
    """The names of the recipes shipped in `datasets/`, sorted: what a recipe argument may name without a file."""
    folder = resources.files("proofloom").joinpath("datasets")
    return sorted(entry.name.removesuffix(".toml") for entry in folder.iterdir() if entry.name.endswith(".toml"))
