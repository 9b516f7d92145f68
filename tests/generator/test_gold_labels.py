"""Gold answers as datasets write them: booleans, labels in any case, Logic-LM's option letters in any dress."""

from __future__ import annotations

import pytest

from proofloom.generator.formats.reading import gold_label
from proofloom.logic.semantics import Label


@pytest.mark.parametrize(
    ("written", "label"),
    [
        (True, Label.TRUE),
        (False, Label.FALSE),
        ("True", Label.TRUE),
        ("unknown", Label.UNKNOWN),
        ("A", Label.TRUE),
        ("(b)", Label.FALSE),
        ("C) Unknown", Label.UNKNOWN),
        ("a", Label.TRUE),
    ],
)
def test_every_spelling_of_a_gold_answer_reads(written: object, label: Label) -> None:
    assert gold_label(written) is label


@pytest.mark.parametrize("written", ["D", 1, None, "maybe"])
def test_what_is_no_label_is_refused_by_name(written: object) -> None:
    with pytest.raises(ValueError, match="label"):
        gold_label(written)


def test_entailmentbank_s_own_context_layout_reads_with_its_sentence_labels() -> None:
    from proofloom.generator.formats.entailmentbank import plain_context

    labelled = "sent2: If something is big then it is red sent1: Bob is big."
    assert plain_context(labelled) == "Bob is big. If something is big then it is red."  # in the labels' order
    assert plain_context("Bob is big. Anne is red.") == "Bob is big. Anne is red."


def test_an_option_letter_wins_over_words_that_are_no_label() -> None:
    assert gold_label("C) Uncertain") is Label.UNKNOWN and gold_label("(B) Not true") is Label.FALSE
