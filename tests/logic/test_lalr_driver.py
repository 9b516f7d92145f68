"""The lean LALR loop reads exactly what lark reads: the same value and the same words for every sentence, and
nothing (so lark raises its own error) where lark refuses. Checked against lark itself on the real dev
contexts and on every sentence form the grammar's comments name, chains of thought and bad input included."""

from __future__ import annotations

from typing import Any

import pytest

from proofloom.logic import english
from proofloom.logic.lalr_driver import LeanParser

FORMS = [
    "Bob is not big.",
    "The cat does not chase the dog.",
    "The bald eagle needs the lion.",
    "Max is a yumpus.",
    "Max is not a wumpus.",
    "All quiet things are rough.",
    "Red, cold people are round.",
    "Jompuses are not shy.",
    "Each yumpus is a dumpus.",
    "Every tumpus is small and a rompus.",
    "All wumpuses are impuses.",
    "Everything that is a wumpus and a dumpus is a vumpus.",
    "If something is quiet and not cold then it is smart.",
    "If something likes the squirrel and it likes the cow, then it visits the tiger.",
    "If someone is big then they are red or kind.",
    "Each impus is a wumpus or a vumpus.",
    "Is the following statement true or false? Max is sour.",
    "True or false: Max is not sour.",
    "Bob is big and red",
    "bob is big.",
    "Bob is big  and   Anne is red.",
]
CHAINS = [
    "So Bob is red.",
    "Since Bob is big and all big things are red, Bob is red.",
    "Step 2: Bob is big, so Bob is red.",
    "The correct option is: A",
    "So the statement is false.",
    "We know that the cat chases the dog.",
    "Bob is red because all big things are red and Bob is big.",
    "Since if something is big then it is red and Bob is big, Bob is red.",
    "Therefore, Max is a wumpus.",
    "3. This means that Bob is kind.",
]
LEAN = LeanParser(english._PARSER)
BAD = ["Bob is a big dog.", "If something is big then.", "Bob", "", "Bob is big. Anne", "It is big.", "Bob is 7."]


def _both(sentence: str, start: str) -> tuple[object, object]:
    """(lark's reading, the lean loop's reading), each with the words noted, or "refused" where lark raises
    and where the lean loop reads nothing or refuses (english.py then asks lark, which raises its own error)."""
    readings: list[object] = []
    for parse in (lambda: english._PARSER.parse(sentence, start=start), lambda: LEAN.parse(sentence, start)):
        english._READER.reset()
        try:
            value = parse()
        except Exception:  # compared, not handled
            value = None
        found = (value, english._READER.used.frozen(), english._READER.asked)
        readings.append("refused" if value is None else found)
    return readings[0], readings[1]


@pytest.mark.parametrize("sentence", FORMS)
def test_a_theory_sentence_reads_as_lark_reads_it(sentence: str) -> None:
    lark, lean = _both(english._prepared(sentence), "start")
    assert lean == lark


@pytest.mark.parametrize("sentence", CHAINS + FORMS)
def test_a_chain_sentence_reads_as_lark_reads_it(sentence: str) -> None:
    lark, lean = _both(english._prepared(sentence), "chain")
    assert lean == lark


@pytest.mark.parametrize("sentence", BAD)
def test_where_lark_refuses_the_lean_loop_reads_nothing(sentence: str) -> None:
    assert _both(english._prepared(sentence) if sentence else sentence, "start") == ("refused", "refused")
    with pytest.raises(english.EnglishSyntaxError):
        english.read_theory(sentence or "?")


def test_every_dev_sentence_reads_as_lark_reads_it(dev_records: list[dict[str, Any]]) -> None:
    sentences = dict.fromkeys(
        english._prepared(s.strip()) for r in dev_records for s in english.split_sentences(r["context"])
    )
    differ = [s for s in sentences if (pair := _both(s, "start"))[0] != pair[1]]
    assert len(sentences) > 3000 and differ == []


def test_without_a_transformer_the_lean_loop_builds_lark_s_own_tree() -> None:
    """The in-place wrappers (a `?rule` of one child, anonymous tokens filtered, `_rules` spliced) give lark's
    tree exactly where lark builds trees itself, so they are lark's shaping, not the transformer's."""
    from lark import Lark

    plain = Lark.open_from_package(
        "proofloom.logic", "english.lark", parser="lalr", start=["start", "chain"], propagate_positions=False
    )
    lean = LeanParser(plain)
    for sentence in FORMS + BAD:
        text = english._prepared(sentence) if sentence else sentence
        try:
            expected: object = plain.parse(text, start="start")
        except Exception:  # compared, not handled: lark refuses it
            expected = None
        assert lean.parse(text, "start") == expected, sentence
    for sentence in CHAINS:
        assert lean.parse(english._prepared(sentence), "chain") == plain.parse(
            english._prepared(sentence), start="chain"
        )
