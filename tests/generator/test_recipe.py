"""Recipes: every shipped one round-trips through TOML; a bad key or value is an error naming the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from proofloom.generator.recipe import Recipe, RecipeError
from proofloom.generator.schedule import cycle
from proofloom.generator.vocabulary import BuiltIn
from proofloom.logic.semantics import Label, Semantics

SHIPPED = sorted((Path(__file__).resolve().parents[2] / "datasets").glob("*.toml"))


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_shipped_recipes_round_trip(path: Path) -> None:
    recipe = Recipe.load(path)
    assert Recipe.from_toml(recipe.to_toml()) == recipe
    assert recipe.name == path.stem


def test_the_flagship_recipes_exist() -> None:
    names = {p.stem for p in SHIPPED}
    assert {
        "proofwriter-owa-d5",
        "proofwriter-owa-d3",
        "proofwriter-cwa-d5",
        "proofwriter-owa-d10",
        "fictional-owa-d5",
        "step-model",
    } <= names


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("colour = 1", "unknown key colour"),
        ("[rules]\nshape = 1", "unknown key rules.shape"),
        ('seed = "x"', "seed: expected an integer"),
        ("[rules]\nnegation_rate = 2", "rules.negation_rate: expected a number from 0 to 1"),
        ("[questions.labels]\nMaybe = 1", "questions.labels.Maybe: not one of"),
        ("[theory]\nentities = [3]", "theory.entities: expected [min, max]"),
        ("[theory]\nentities = [3, 1]", "theory.entities: expected [min, max] with 0 <= min <= max"),
        ('semantics = "fuzzy"', "semantics: expected one of owa, cwa, got 'fuzzy'"),
        ('semantics = "classical"', "semantics: expected one of owa, cwa"),
        ('[vocabulary]\nbuiltin = "klingon"', "vocabulary.builtin: expected one of proofwriter, fictional"),
        ("[rules.conditions]\n4 = 1", "rules.conditions.4: not one of 1, 2, 3"),
        ("[questions.depths]\n21 = 1", "questions.depths.21: not one of 0, 1, 2"),
        ('[vocabulary]\nattributes = ["Big"]', "vocabulary.attributes: 'Big' must be a lower-case word"),
        ("seed = ", "recipe.toml"),
        ('[audit]\nmax_edge = "low"', "audit.max_edge: expected a number, got 'low'"),
        ("[audit]\nmax_edge = 3", "audit.max_edge: expected a number from 0 to 1"),
        ("[training]\nlayers = 0", "training.layers: expected a positive integer"),
        ("[training]\nlearning_rate = 0", "training.learning_rate: expected a positive number"),
        ("[training]\nwarmup_share = 1", "training.warmup_share: expected a number from 0 up to 1"),
        ("[training]\nsteps = 10", "unknown key training.steps"),
    ],
)
def test_bad_recipes_name_the_key(text: str, message: str) -> None:
    with pytest.raises(RecipeError, match=message.replace("[", r"\[").replace("]", r"\]")):
        Recipe.from_toml(text, "recipe.toml")


def test_audit_max_edge_round_trips_and_is_written_only_when_set() -> None:
    recipe = Recipe.from_toml("[audit]\nmax_edge = 0.03\n")
    assert recipe.audit.max_edge == 0.03
    assert "[audit]\nmax_edge = 0.03" in recipe.to_toml() and Recipe.from_toml(recipe.to_toml()) == recipe
    assert Recipe().audit.max_edge is None and "audit" not in Recipe().to_toml()  # old recipes keep their bytes


def test_schedule_meets_weights_exactly_per_cycle() -> None:
    recipe = Recipe.from_toml("[questions.depths]\n0 = 1\n1 = 2\n[questions.labels]\nTrue = 1\nFalse = 1\nUnknown = 0")
    cells = cycle(recipe)
    counts = {(c.depth, c.label): cells.count(c) for c in set(cells)}
    assert counts == {(0, Label.TRUE): 1, (0, Label.FALSE): 1, (1, Label.TRUE): 2, (1, Label.FALSE): 2}


def test_closed_sets_are_read_into_their_enums() -> None:
    recipe = Recipe.from_toml(
        'semantics = "cwa"\n[vocabulary]\nbuiltin = "fictional"\n[rules.conditions]\n1 = 1\n2 = 1\n'
        "[questions.labels]\nTrue = 1\nFalse = 1"
    )
    assert recipe.semantics is Semantics.CWA and recipe.vocabulary.builtin is BuiltIn.FICTIONAL
    assert recipe.rules.conditions == {1: 1.0, 2: 1.0}
    assert recipe.questions.labels == {Label.TRUE: 1.0, Label.FALSE: 1.0}
    assert Recipe.from_toml(recipe.to_toml()) == recipe
    assert 'semantics = "cwa"' in recipe.to_toml() and "[rules.conditions]\n1 = 1.0" in recipe.to_toml()


def test_a_recipe_made_in_code_keeps_to_the_same_choices() -> None:
    with pytest.raises(RecipeError, match="semantics: expected one of owa, cwa, got 'classical'"):
        Recipe(semantics=Semantics.CLASSICAL)
