"""`Since` reasons as language models write them: an if-rule whose head is followed by a fact (the fact is a
reason of its own, never a conjunct of the rule's head), a class rule followed by `and <fact>` or by another
rule; and a chain in those forms is judged step by step like any other."""

from __future__ import annotations

import pytest

from proofloom.logic.english import read_chain_sentence, read_contents
from proofloom.prover.verification.reasons import Reason
from proofloom.prover.verification.verifier import verify


def _said(sentence: str) -> tuple[list[str], list[str]]:
    read = read_chain_sentence(sentence)
    return [str(c) for c in (*read.stated, *read.premises)], [str(c) for c in read.claims]


@pytest.mark.parametrize(
    ("sentence", "premises", "claims"),
    [
        (
            "Since if something is big then it is red and Bob is big, Bob is red.",
            ["big(X) -> red(X)", "big(bob)"],  # not big(X) -> big(bob)
            ["red(bob)"],
        ),
        (
            "Since if someone is big then they are red, and Bob is big, Bob is red.",
            ["big(X) -> red(X)", "big(bob)"],
            ["red(bob)"],
        ),
        (
            "Since Bob is big and if someone is big then they are red, Bob is red.",
            ["big(bob)", "big(X) -> red(X)"],
            ["red(bob)"],
        ),
        (
            "Since if something is big and kind then it is red and it is round, Bob is red.",
            ["big(X), kind(X) -> red(X)", "big(X), kind(X) -> round(X)"],  # `it`: still the rule's head
            ["red(bob)"],
        ),
        ("Since all big things are red and Bob is big, Bob is red.", ["big(X) -> red(X)", "big(bob)"], ["red(bob)"]),
        (
            "Since every wumpus is red and Max is a wumpus, Max is red.",
            ["wumpus(X) -> red(X)", "wumpus(max)"],
            ["red(max)"],
        ),
        (
            "Since Max is a wumpus and wumpuses are red and kind, Max is red.",
            ["wumpus(max)", "wumpus(X) -> red(X)", "wumpus(X) -> kind(X)"],
            ["red(max)"],
        ),
        (
            "Since all big things are red and all red things are kind, Bob is kind.",
            ["big(X) -> red(X)", "red(X) -> kind(X)"],
            ["kind(bob)"],
        ),
        ("Bob is red because all big things are red and Bob is big.", ["big(X) -> red(X)", "big(bob)"], ["red(bob)"]),
    ],
)
def test_since_reasons_read(sentence: str, premises: list[str], claims: list[str]) -> None:
    assert _said(sentence) == (premises, claims)


def test_a_theory_sentence_saying_a_rule_and_a_fact_reads_as_both() -> None:
    assert [str(c) for c in read_contents("All big things are red and Bob is big.")] == ["big(X) -> red(X)", "big(bob)"]


CONTEXT = "Bob is big. If something is big then it is kind. All kind things are red. The cat is not red."


def test_a_chain_in_these_forms_verifies_and_its_fault_is_found_where_it_is() -> None:
    good = (
        "Since if something is big then it is kind and Bob is big, bob is kind. "
        "Since all kind things are red and Bob is kind, so bob is red."
    )
    verification = verify(CONTEXT, "Bob is red.", good)
    assert verification.valid, verification.to_json()
    unsaid = "Since Bob is big, bob is kind. So bob is red."  # neither rule said
    refused = verify(CONTEXT, "Bob is red.", unsaid)
    assert [e.step for e in refused.errors if e.error is Reason.NOT_ENTAILED] == [1, 2]
    assert all(e.repair is not None for e in refused.errors if e.error is Reason.NOT_ENTAILED)
