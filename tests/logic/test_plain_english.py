"""The hand-written reader of plain sentences reads exactly what lark reads, or nothing: wherever it gives a
reading, lark gives the same contents (rule styles included) and the same words; where lark refuses a
sentence, or reads a form it does not take, it gives None (english.py then asks lark, errors and all).
Checked on the real dev contexts, on rendered random theories, on sentences drawn at random from the grammar's
forms (cases, commas, plurals, `they`/`them`, articles) and on those sentences mutated word by word."""

from __future__ import annotations

import random
import re
from typing import Any

import pytest
from hypothesis import given, settings

from proofloom.errors import EnglishSyntaxError
from proofloom.logic import english
from proofloom.logic.plain_english import read_plain, read_plain_chain
from proofloom.logic.terms import Content, Theory
from tests.logic.strategies import english_theories

_Styled = tuple[tuple[str, Content, object], ...]


def _styled(contents: tuple[Content, ...]) -> _Styled:
    """Contents with their class and rule style: a Rule's equality leaves its style out."""
    return tuple((type(c).__name__, c, getattr(c, "style", None)) for c in contents)


def _lark(sentence: str, start: str) -> tuple[object, object] | None:
    """lark's reading (through the lean loop, which is lark's, tested on its own) and its words, or None."""
    try:
        value, words, question = english._parsed(sentence, start)
    except Exception:  # compared, not handled: lark refuses it
        return None
    return None if question else (value, words)


def agrees(sentence: str) -> bool | None:
    """True where the plain reader reads `sentence` as lark does, None where it leaves it to lark, else False."""
    text = english._prepared(sentence.strip())
    mine = read_plain(text)
    if mine is None:
        return None
    lark = _lark(text, "start")
    return lark is not None and _styled(lark[0]) == _styled(mine[0]) and lark[1] == mine[1]  # type: ignore[arg-type]


def agrees_in_a_chain(sentence: str) -> bool | None:
    text = english._prepared(sentence.strip())
    mine = read_plain_chain(text)
    if mine is None:
        return None
    lark = _lark(text, "chain")
    if lark is None:
        return False
    found, words = lark
    assert isinstance(found, english.ChainSentence)
    contents, concluded, plain_words = mine
    said, other = (found.claims, found.stated) if concluded else (found.stated, found.claims)
    plain = not (other or found.premises or found.answer or found.step)
    return plain and _styled(said) == _styled(contents) and words == plain_words


FORMS = [
    "Bob is not big.",
    "The cat does not chase the dog.",
    "The bald eagle needs the lion.",
    "Max is a yumpus.",
    "Bob is big and red",
    "bob is big.",
    "If something is quiet and not cold then it is smart.",
    "If something likes the squirrel and it likes the cow, then it visits the tiger.",
    "If the cat sees the dog and the dog is red then the dog eats the cat.",
    "If someone is big then they do not like them.",
    "If something isn't green, it isn't nice.",
    "All red, big things are kind.",
    "Red things are big.",
    "Red, cold people are round.",
    "All wumpuses are impuses.",
    "Jompuses are not shy.",
    "Each yumpus is a dumpus.",
    "Every tumpus is small and a rompus.",
    "Every big thing is red.",
]
NOT_TAKEN = [
    "Everything that is a wumpus and a dumpus is a vumpus.",  # a form it leaves to lark
    "If someone is big then they are red or kind.",  # `or`
    "True or false: Max is not sour.",  # a question
    "Bob iS big.",  # lark's lexer reads `i` then `S`
    "It is big.",  # lark refuses a fact about `it`
    "The cat the dog.",
    "Bob is a big dog.",
    "Bob is 7.",
    "If something is big then.",
]


@pytest.mark.parametrize("sentence", FORMS)
def test_a_plain_form_reads_as_lark_reads_it(sentence: str) -> None:
    assert agrees(sentence) is True
    assert agrees_in_a_chain(sentence) is True
    assert agrees_in_a_chain("So " + sentence) is (True if sentence[0].isupper() else None)  # `so bob`: lark's


@pytest.mark.parametrize("sentence", NOT_TAKEN)
def test_what_it_does_not_take_is_left_to_lark(sentence: str) -> None:
    assert agrees(sentence) is None


def test_errors_are_lark_s_with_their_column() -> None:
    with pytest.raises(EnglishSyntaxError) as raised:
        english.read_theory("Bob is big. Bob is a big dog.")
    assert raised.value.index == 2 and raised.value.column == 14


def test_every_dev_sentence_is_read_by_hand_as_lark_reads_it(dev_records: list[dict[str, Any]]) -> None:
    sentences = {s for r in dev_records for s in english.split_sentences(r["context"])}
    found = [agrees(s) for s in sentences]
    assert len(sentences) > 3000 and all(found)  # every one taken (none left to lark), and each the same


@settings(max_examples=200, deadline=None)
@given(english_theories())
def test_a_rendered_theory_reads_as_lark_reads_it(theory: Theory) -> None:
    for sentence in english.split_sentences(english.render_english(theory)):
        assert agrees(sentence) is not False


def _drawn(rnd: random.Random) -> str:
    """A sentence in one of the plain forms, over words that test plurals, cases, articles and pronouns."""
    adjectives = "big red kind nervous rough glasses wumpuses happy furry bus lens".split()
    nouns = "wumpus impus cat thing person one bus lens".split()
    verbs = "like sees chases visit needs watch carry go do have".split()
    subjects = ["Bob", "Iss", "McDonald", "BOB", "the cat", "The bald eagle", "THE dog"]
    pick = rnd.choice

    def complement() -> str:
        return pick(["", "not "]) + pick(["", "", "a ", "an "]) + pick(adjectives)

    def clause(variable: bool) -> str:
        subject = pick(["something", "someone", "it", "they", "Something"]) if variable else pick(subjects)
        plural = subject == "they"
        obj = pick(["Bob", "the cat", "the bald eagle", "something", "someone", "it", "them"])
        return pick(
            [
                f"{subject} {'are' if plural else 'is'} {complement()}",
                f"{subject} {'do' if plural else 'does'} not {pick(verbs)} {obj}",
                f"{subject} {pick(verbs)} {obj}",
            ]
        )

    def items(variable: bool) -> str:
        said = clause(variable)
        for _ in range(pick([0, 0, 1, 2])):
            said += pick([" and ", ", and ", " or "]) + (complement() if rnd.random() < 0.5 else clause(variable))
        return said

    words = [pick(adjectives) for _ in range(rnd.randint(1, 3))]
    listed = words[0] + "".join(pick([", ", " "]) + w for w in words[1:])
    heads = " and ".join(complement() for _ in range(rnd.randint(1, 2)))
    sentence = pick(
        [
            items(False),
            f"If {items(True)}{pick(['', ',', ' ,'])}{pick([' then', '', ' Then'])} {items(True)}",
            f"{pick(['All ', '', 'all '])}{listed}{pick([' things', ' people', '', ' cats', ' wumpuses'])} are {heads}",
            f"{pick(['Every', 'Each'])} {' '.join(words[1:])} {pick(nouns)} is {heads}",
        ]
    )
    return " ".join(sentence.split()) + pick([".", "!", "", " ."])


def _mutated(rnd: random.Random, sentence: str, words: list[str]) -> str:
    """`sentence` with a word or two dropped, repeated, swapped, replaced or recased, or a comma or stop put in."""
    tokens = re.findall(r"[A-Za-z']+|[^A-Za-z'\s]", sentence)
    for _ in range(rnd.randint(1, 2)):
        at = rnd.randrange(len(tokens))
        change = rnd.randrange(6)
        if change == 0 and len(tokens) > 1:
            del tokens[at]
        elif change == 1:
            tokens.insert(at, tokens[at])
        elif change == 2:
            tokens[at], tokens[-1] = tokens[-1], tokens[at]
        elif change == 3:
            tokens.insert(at, rnd.choice(words))
        elif change == 4:
            tokens[at] = rnd.choice([str.upper, str.lower, str.capitalize, lambda w: w[:1] + w[1:].upper()])(tokens[at])
        else:
            tokens[at] += rnd.choice([",", ".", "!"])
    return " ".join(tokens)


def test_drawn_and_mutated_sentences_read_as_lark_reads_them() -> None:
    rnd = random.Random(18)
    words = "and or , not a an the then if things people it they them someone is are does do All so that true".split()
    drawn = [_drawn(rnd) for _ in range(3000)]
    sentences = drawn + [_mutated(rnd, s, words) for s in drawn]
    found = [agrees(s) for s in sentences]
    chained = [agrees_in_a_chain(rnd.choice(["So ", "Thus, ", "Then ", ""]) + s) for s in sentences[:2000]]
    assert False not in found and False not in chained
    assert found.count(True) > 2000 and chained.count(True) > 600  # most drawn sentences are taken by hand
