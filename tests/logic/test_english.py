"""ProofWriter English: every real sentence reads, and renders back in its own words."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings

from proofloom.errors import EnglishSyntaxError
from proofloom.logic.english import (
    Lexicon,
    base_form,
    read_sentence,
    read_statement,
    read_theory,
    render_english,
    render_sentence,
    split_sentences,
    third_person,
)
from proofloom.logic.syntax import parse_literal, parse_theory
from proofloom.logic.terms import Constant, Rule, RuleForm, Theory
from tests.conftest import statement_of
from tests.logic.strategies import english_theories


def test_every_dev_sentence_reads_and_renders_back_exactly(dev_records: list[dict[str, Any]]) -> None:
    sentences = {s for r in dev_records for s in split_sentences(r["context"])}
    assert len(sentences) > 3000
    mismatches = [(s, render_sentence(read_sentence(s))) for s in sorted(sentences)]
    assert [m for m in mismatches if m[0] != m[1]] == []


def test_every_dev_context_reads_as_a_theory(dev_records: list[dict[str, Any]]) -> None:
    for record in dev_records:
        theory = read_theory(record["context"])
        assert render_english(theory) == record["context"].strip(), record["id"]


def test_every_dev_statement_reads_and_renders_back(dev_records: list[dict[str, Any]]) -> None:
    for record in dev_records:
        statement = statement_of(record)
        assert render_sentence(read_statement(statement)) == statement


@settings(max_examples=300, deadline=None)
@given(english_theories())
def test_render_then_read_is_identity(theory: Theory) -> None:
    assert read_theory(render_english(theory)) == theory


@pytest.mark.parametrize(
    ("english", "dsl"),
    [
        ("Bob is not big.", "~big(bob)."),
        ("The cat does not chase the dog.", "~chases(cat, dog)."),
        ("The bald eagle needs the lion.", "needs(bald_eagle, lion)."),
        ("All quiet things are rough.", "quiet(X) -> rough(X)."),
        ("Red, cold things are round.", "red(X), cold(X) -> round(X)."),
        ("Young, green people are nice.", "young(X), green(X) -> nice(X)."),
        ("All cold, blue people are not furry.", "cold(X), blue(X) -> ~furry(X)."),
        ("If something is quiet and cold then it is smart.", "quiet(X), cold(X) -> smart(X)."),
        ("If something is smart and not red then it is not green.", "smart(X), ~red(X) -> ~green(X)."),
        (
            "If someone sees the cat and they are not green then they see the cow.",
            "sees(X, cat), ~green(X) -> sees(X, cow).",
        ),
        ("If Dave is smart and Dave is kind then Dave is quiet.", "smart(dave), kind(dave) -> quiet(dave)."),
        (
            "If something is big and it visits the bear then the bear is green.",
            "big(X), visits(X, bear) -> green(bear).",
        ),
        ("If someone needs the lion then they do not see the bald eagle.", "needs(X, lion) -> ~sees(X, bald_eagle)."),
        ("If the cat likes something then it is big.", "likes(cat, X) -> big(X)."),
    ],
)
def test_sentence_forms_mean_what_they_say(english: str, dsl: str) -> None:
    assert read_sentence(english) == parse_theory(dsl).sentences[0].content
    assert render_sentence(read_sentence(english)) == english


def test_rule_style_is_recorded_but_not_compared() -> None:
    every = read_sentence("All quiet people are rough.")
    bare = read_sentence("Quiet things are rough.")
    assert isinstance(every, Rule) and isinstance(bare, Rule)
    assert every == bare
    assert every.style is not None and (every.style.form, every.style.person) == (RuleForm.ALL, True)
    assert bare.style is not None and (bare.style.form, bare.style.person) == (RuleForm.BARE, False)


def test_unstyled_rules_render_as_if_rules_about_things() -> None:
    rule = parse_theory("quiet(X) -> rough(X).").sentences[0].content
    assert render_sentence(rule) == "If something is quiet then it is rough."


def test_lexicon_decides_proper_names() -> None:
    fact = parse_literal("big(wumpus)")
    assert render_sentence(fact) == "The wumpus is big."
    assert render_sentence(fact, Lexicon().with_proper_nouns({"wumpus"})) == "Wumpus is big."
    assert read_statement("Wumpus is big.").atom.args == (Constant("wumpus"),)


@pytest.mark.parametrize("verb", ["chases", "sees", "watches", "carries", "plays", "kisses", "goes"])
def test_verb_forms_invert(verb: str) -> None:
    assert third_person(base_form(verb)) == verb


def test_unknown_sentence_names_itself_and_its_index() -> None:
    with pytest.raises(EnglishSyntaxError) as caught:
        read_theory("Bob is big. Bob is quiet. Bob is a big dog. Bob is red.")
    assert caught.value.index == 3
    assert caught.value.sentence == "Bob is a big dog."
    assert "sentence 3" in str(caught.value) and "'Bob is a big dog.'" in str(caught.value)


def test_statement_must_be_a_fact() -> None:
    with pytest.raises(EnglishSyntaxError, match="not a rule"):
        read_statement("All big things are red.")
