"""EntailmentBank trees read step by step (each step kept by its text) read as the whole text reads, and a
syntax error still names its column in the whole text."""

from __future__ import annotations

import pytest

from proofloom.prover.proof import entailmentbank
from proofloom.prover.proof.tree import TreeError

TREES = [
    "sent1 & sent3 -> int1: Bob is red.; int1 & sent5 -> hypothesis;",
    "sent1 & sent3 -> int1: Bob is red.; int1 & sent5 -> hypothesis",
    "  fact2 & naf(Bob is not big.) -> hypothesis ; ",
    "sent2 -> int1:   Bob is kind.  ;int1 -> int2: Bob is red.;int2&sent4->hypothesis;",
]
BAD = ["sent1 -> ;", ";sent1 -> hypothesis", "sent1 & -> hypothesis;", "sent1 -> hypothesis;; sent2 -> hypothesis", ""]


@pytest.mark.parametrize("text", TREES)
def test_a_tree_read_step_by_step_reads_as_the_whole_text(text: str) -> None:
    assert entailmentbank.parse_linearized(text) == entailmentbank._parsed_steps(text)
    assert entailmentbank.parse_linearized(text) == entailmentbank.parse_linearized(text)  # the second from the cache


@pytest.mark.parametrize("text", BAD)
def test_a_bad_tree_names_its_column_in_the_whole_text(text: str) -> None:
    with pytest.raises(TreeError) as whole:
        entailmentbank._parsed_steps(text)
    with pytest.raises(TreeError) as stepwise:
        entailmentbank.parse_linearized(text)
    assert str(stepwise.value) == str(whole.value) and "column" in str(whole.value)
