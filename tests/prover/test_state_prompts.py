"""`training.prompt` picks what the step model is trained to read: one rule at a time, or the goal and the state."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from proofloom.generator.recipe import Recipe, RecipeError
from proofloom.generator.training import training_pairs

DATASETS = Path(__file__).resolve().parents[2] / "datasets"


def _asked(prompt: str) -> Recipe:
    recipe = Recipe.load(DATASETS / "step-model.toml")
    return dataclasses.replace(recipe, training=dataclasses.replace(recipe.training, prompt=prompt))


def test_state_pairs_show_the_goal_first_and_target_one_step_over_placeholders() -> None:
    pairs = training_pairs(_asked("state"), range(4))
    assert pairs and all(prompt.startswith("goal ") and " rules rule1 " in prompt for prompt, _ in pairs)
    assert all(" -> " in target and target.startswith("rule") for _, target in pairs)  # a step, never `none`
    words = {word for prompt, _ in pairs for word in prompt.split()}
    assert not words & {"bob", "big", "red", "cat"}  # placeholders, not the recipe's words
    assert any(word.startswith("p") and word[1:].isdigit() for word in words)


def test_rule_pairs_ask_one_rule_in_the_recipe_s_words() -> None:
    pairs = training_pairs(_asked("rule"), range(4))
    assert all(prompt.startswith("rule") and " facts " in prompt for prompt, _ in pairs)
    assert {"none"} < {target for _, target in pairs}


def test_the_shipped_state_recipe_differs_from_the_rule_recipe_only_in_what_it_trains() -> None:
    rule, state = Recipe.load(DATASETS / "step-model.toml"), Recipe.load(DATASETS / "step-model-state.toml")
    assert state.training.prompt == "state" and rule.training.prompt == "rule"
    same = dataclasses.replace(state, name=rule.name, training=rule.training)
    assert same == rule


def test_an_unknown_prompt_is_refused_naming_the_key(tmp_path: Path) -> None:
    text = (DATASETS / "step-model.toml").read_text().replace("seed = 0\n", 'seed = 0\nprompt = "story"\n')
    (tmp_path / "bad.toml").write_text(text)
    with pytest.raises(RecipeError, match="training.prompt"):
        Recipe.load(tmp_path / "bad.toml")
