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


STEPS = [
    "sent1 & sent3 -> int1: Bob is red.",
    "fact2&naf(Bob is not big.)->hypothesis",
    "int1 & int2 ->int3 :  Bob is kind, & big -> x.  ",
    "sent12 -> hypothesis \t",
    "naf() -> int1: x",
]
NOT_PLAIN = [
    "sent1 -> hypothesis: x",
    "sent1 -> int1:",
    "Sent1 -> hypothesis",
    "sent1 -\n> hypothesis",
    "sent1\xa0-> hypothesis",
]


@pytest.mark.parametrize("step", STEPS)
def test_a_plain_step_reads_without_lark_as_lark_reads_it(step: str) -> None:
    found = entailmentbank._read_plain_step(step)
    assert found is not None and (found,) == entailmentbank._parsed_steps(step)


@pytest.mark.parametrize("step", NOT_PLAIN)
def test_any_other_step_is_left_to_lark(step: str) -> None:
    assert entailmentbank._read_plain_step(step) is None
