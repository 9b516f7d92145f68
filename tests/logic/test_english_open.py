"""The open-vocabulary reader: PrOntoQA's forms over any words, word classes checked across a theory,
English inflection, and the tolerance people's text needs (case, commas, spaces, a missing full stop)."""

from __future__ import annotations

import pytest

from proofloom.errors import EnglishSyntaxError
from proofloom.logic.english import read_contents, read_english, read_sentence, read_statement, render_sentence
from proofloom.logic.morphology import base_form, plural, singular, third_person
from proofloom.logic.syntax import parse_theory


def _dsl(text: str) -> tuple[object, ...]:
    return tuple(s.content for s in parse_theory(text).sentences)


@pytest.mark.parametrize(
    ("english", "dsl"),
    [
        ("Max is a yumpus.", "yumpus(max)."),
        ("Max is not a wumpus.", "~wumpus(max)."),
        ("Jompuses are not shy.", "jompus(X) -> ~shy(X)."),
        ("Each yumpus is a dumpus.", "yumpus(X) -> dumpus(X)."),
        ("Every wumpus is an impus.", "wumpus(X) -> impus(X)."),
        ("Every tumpus is small and a rompus.", "tumpus(X) -> small(X). tumpus(X) -> rompus(X)."),
        ("Everything that is a wumpus and a dumpus is a vumpus.", "wumpus(X), dumpus(X) -> vumpus(X)."),
        ("Everything that is a wumpus or a dumpus is a vumpus.", "wumpus(X) -> vumpus(X). dumpus(X) -> vumpus(X)."),
        ("All red wumpuses are sour.", "red(X), wumpus(X) -> sour(X)."),
        ("Puppies are cute.", "puppy(X) -> cute(X)."),
        ("Children are loud.", "child(X) -> loud(X)."),
        ("The wug is blorpy.", "blorpy(wug)."),
        ("The wug glorps the zib.", "glorps(wug, zib)."),
        ("If something glorps the zib then they do not fizz the wug.", "glorps(X, zib) -> ~fizzes(X, wug)."),
        ("If someone watches the cat then they carry the dog.", "watches(X, cat) -> carries(X, dog)."),
        ("Bob is big and red.", "big(bob). red(bob)."),
        ("If something is a wumpus then it is sour.", "wumpus(X) -> sour(X)."),
        ("Every blorpy thing is happy.", "blorpy(X) -> happy(X)."),
    ],
)
def test_prontoqa_and_open_vocabulary_forms_mean_what_they_say(english: str, dsl: str) -> None:
    assert read_contents(english) == _dsl(dsl)


@pytest.mark.parametrize(
    "variant",
    [
        "if something likes the squirrel and it likes the cow, then it visits the tiger.",
        "If something likes the squirrel and it likes the cow then it visits the tiger",
        "If  something likes the squirrel   and it likes the cow, it visits the tiger.",
        "IF something likes the squirrel AND it likes the cow THEN it visits the tiger.",
    ],
)
def test_case_commas_spaces_and_a_missing_full_stop_are_tolerated(variant: str) -> None:
    expected = read_sentence("If something likes the squirrel and it likes the cow then it visits the tiger.")
    assert read_sentence(variant) == expected


@pytest.mark.parametrize(
    ("contracted", "full"),
    [
        ("Bob isn't big.", "Bob is not big."),
        ("The cat doesn't chase the dog.", "The cat does not chase the dog."),
        ("Jompuses aren't shy.", "Jompuses are not shy."),
        (
            "If someone isn't big then they don’t chase the dog.",
            "If someone is not big then they do not chase the dog.",
        ),
    ],
)
def test_contractions_read_as_their_two_words(contracted: str, full: str) -> None:
    assert read_contents(contracted) == read_contents(full)


def test_question_frames_give_their_statement() -> None:
    assert read_statement("Is the following statement true or false? Max is sour.") == _dsl("sour(max).")[0]
    assert read_statement("True or false: Max is not sour.") == _dsl("~sour(max).")[0]


def test_word_classes_come_from_the_theory_and_render_back() -> None:
    reading = read_english("Max is a wumpus. Wumpuses are impuses. Every impus is not sour. Max is loud.")
    assert reading.theory == parse_theory("wumpus(max). wumpus(X) -> impus(X). impus(X) -> ~sour(X). loud(max).")
    assert reading.lexicon.class_nouns == {"wumpus", "impus"} and "max" in reading.lexicon.proper_nouns
    rendered = [render_sentence(s.content, reading.lexicon) for s in reading.theory.sentences]
    assert rendered == ["Max is a wumpus.", "Wumpuses are impuses.", "Every impus is not sour.", "Max is loud."]


@pytest.mark.parametrize(
    ("text", "where", "why"),
    [
        (
            "Max is a wumpus. Max is wumpus.",
            "sentence 2",
            "'wumpus' is an adjective here but a class noun in sentence 1",
        ),
        ("The max is big. Max is red.", "sentence 2", "'max' is a name here but a common noun in sentence 1"),
        ("Max is red or blue.", "sentence 1", "disjunction of facts"),
        ("Max is red and blue or green.", "sentence 1", "mixes 'and' and 'or'"),
        ("It is red.", "sentence 1", "must name who"),
    ],
)
def test_an_ambiguity_is_an_error_naming_the_sentence(text: str, where: str, why: str) -> None:
    with pytest.raises(EnglishSyntaxError) as raised:
        read_english(text)
    assert str(raised.value).startswith(where) and why in str(raised.value)


def test_inflection_comes_from_the_library() -> None:
    assert [plural(n) for n in ("wumpus", "puppy", "child", "person")] == ["wumpuses", "puppies", "children", "people"]
    assert [singular(n) for n in ("wumpuses", "puppies", "children", "sour")] == ["wumpus", "puppy", "child", None]
    assert [third_person(v) for v in ("chase", "watch", "carry", "do")] == ["chases", "watches", "carries", "does"]
    assert [base_form(v) for v in ("chases", "watches", "carries", "does")] == ["chase", "watch", "carry", "do"]
