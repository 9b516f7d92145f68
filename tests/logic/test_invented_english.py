"""English with words nobody trained on: invented class nouns, adjectives that end in -s, verbs whose noun
plural would be irregular. A word keeps one predicate however it is inflected (`snarfs`, `does not snarf`,
`they snarf`), and a plural class noun after `are` is the class a statement names in the singular."""

from __future__ import annotations

import re
from typing import Any

import pytest

from proofloom.logic.english import read_statement, read_theory
from proofloom.logic.morphology import base_form, singular, third_person
from proofloom.logic.semantics import Label
from proofloom.logic.terms import Theory
from proofloom.prover.reasoning.reasoner import Reasoner
from tests.conftest import statement_of


def label(context: str, statement: str) -> Label:
    return Reasoner(read_theory(context)).answer(read_statement(statement)).label


@pytest.mark.parametrize(
    ("context", "statement", "expected"),
    [
        ("Wumpuses are tumpuses. Max is a wumpus.", "Max is a tumpus.", Label.TRUE),  # PrOntoQA
        ("Wumpuses are not tumpuses. Max is a wumpus.", "Max is a tumpus.", Label.FALSE),
        ("All dogs are mammals. Rex is a dog.", "Rex is a mammal.", Label.TRUE),  # FOLIO-like
        ("Bonobos are not shy. Max is a bonobo.", "Max is shy.", Label.FALSE),
        ("Wumpuses are nervous. Max is a wumpus.", "Max is nervous.", Label.TRUE),  # an adjective in -s
        ("Port is lizoos. All tupok things are lizoos. Snib is tupok.", "Snib is lizoos.", Label.TRUE),
        ("The tove does not snarf the krell.", "The tove snarfs the krell.", Label.FALSE),
        (
            "The tove blitzes the krell. If someone blitzes the krell then they madro the vorp.",
            "The tove madroes the vorp.",
            Label.TRUE,
        ),
    ],
)
def test_invented_words_keep_one_predicate(context: str, statement: str, expected: Label) -> None:
    assert label(context, statement) is expected


@pytest.mark.parametrize("verb", ["chase", "snarf", "blitz", "madro", "plush", "gorch", "vix", "die", "wolf", "carry"])
def test_a_verb_s_third_person_is_the_regular_one_and_undoes(verb: str) -> None:
    assert base_form(third_person(verb)) == verb
    assert singular("snarfs") == "snarf" and singular("wumpuses") == "wumpus" and singular("nervous") != "nervous"


# Invented words, each spelled as English spells its forms: attributes (some ending in -s), verbs by base form
ATTRIBUTES = ["lizoos", "glab", "wuzzy", "frimp", "dorx", "snee", "tadrirt", "bovoom", "kazootz", "plonky"]
ATTRIBUTES += ["giblas", "susa", "nokroosh", "krik"]
# (base, third person) as English writes them, not as the code under test would make them
VERBS = [("snarf", "snarfs"), ("blitz", "blitzes"), ("madro", "madroes"), ("plush", "plushes"), ("gorch", "gorches")]
VERBS += [("vix", "vixes"), ("teguk", "teguks"), ("drill", "drills")]
PEOPLE = ["Zorp", "Blick", "Mimbo", "Frell", "Quonk", "Tizzle", "Wib", "Grommet"]
ANIMALS = ["glufus sookib", "nukarf", "vugeg", "glep", "plustolf", "biblooz", "nobluz", "krell", "tove", "zib"]


def renamed(record: dict[str, Any]) -> tuple[str, str]:
    """The record's context and statement with every word of its theory replaced by an invented one."""
    theory: Theory = read_theory(record["context"])
    words: dict[str, str] = {}
    attributes = iter(ATTRIBUTES)
    verbs = iter(VERBS)
    for predicate, arity in sorted(theory.predicates().items()):
        if arity == 1:
            words[predicate] = next(attributes)
        else:  # ProofWriter's verbs are regular: `chases` / `chase`
            base, third = next(verbs)
            words[predicate] = third
            words[predicate.removesuffix("s")] = base
    people, animals = iter(PEOPLE), iter(ANIMALS)
    for constant in sorted(c.name for c in theory.constants()):
        spoken = constant.replace("_", " ")
        words[spoken] = next(people) if spoken.capitalize() in record["context"] else next(animals)
    pattern = re.compile(r"\b(" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\b", re.I)

    def swap(found: re.Match[str]) -> str:
        new = words[found.group(0).lower()]
        return new[:1].upper() + new[1:] if found.group(0)[:1].isupper() else new

    return pattern.sub(swap, record["context"]), pattern.sub(swap, statement_of(record))


def test_renamed_dev_theories_get_the_answers_the_originals_get(dev_records: list[dict[str, Any]]) -> None:
    checked = 0
    for record in dev_records[::5]:  # 120 questions, every kind of theory
        context, statement = renamed(record)
        assert label(context, statement) is label(record["context"], statement_of(record)), (context, statement)
        checked += 1
    assert checked == 120


def test_proofwriter_s_birds_say_what_someone_can_do() -> None:
    context = (
        "Bill is an ostrich. The bald eagle can fly. If someone is an ostrich then they are abnormal. "
        "If someone is an ostrich then they cannot fly. If someone is a bird and not abnormal then they can fly."
    )
    theory = read_theory(context)
    assert label(context, "Bill cannot fly.") is Label.TRUE and label(context, "Bill can fly.") is Label.FALSE
    assert label(context, "The bald eagle can fly.") is Label.TRUE
    assert str(read_statement("Arthur can't fly.")) == "~can_fly(arthur)"
    from proofloom.logic.english import lexicon_of, render_english

    assert read_theory(render_english(theory, lexicon_of(context))) == theory  # written back as it was said
    assert "they cannot fly" in render_english(theory, lexicon_of(context))


@pytest.mark.parametrize(("third", "base"), [("amazes", "amaze"), ("chases", "chase"), ("blitzes", "blitz")])
def test_a_base_form_is_spelled_as_english_spells_it(third: str, base: str) -> None:
    assert base_form(third) == base and third_person(base) == third
