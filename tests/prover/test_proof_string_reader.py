"""ProofWriter proof strings read without lark (recursive descent over the grammar's tokens) read as lark reads
them, anything else is left to lark, and an error still names its column."""

from __future__ import annotations

import pytest

from proofloom.prover.proof import proof_strings
from proofloom.prover.proof.tree import TreeError

PLAIN = [
    "[(triple5) OR (((triple1 ((triple2) -> rule1)) -> rule3))]",
    "[(((triple1) -> (rule3 % int1)))]",
    "((( triple1 NAF )->rule2))OR(triple4)",
    "[]",
    " [ ( ORANGE ) ] ",
    "(((triple1 ((triple2) -> rule1)) -> (rule2%int2)))",
]
NOT_PLAIN = [
    "",
    "[(triple1)",
    "(triple1) OR",
    "((triple1) - > rule1)",
    "(OR)",
    "(triple1)\xa0",
    "((triple1) -> (rule1))",
    "(((triple1 (((triple2) -> rule1))) -> rule2))",
]


@pytest.mark.parametrize("text", PLAIN)
def test_a_proof_string_reads_without_lark_as_lark_reads_it(text: str) -> None:
    found = proof_strings._PlainReader(text).proofs()
    assert found is not None and found == proof_strings._parsed_proofs(text)
    assert proof_strings.parse_proofs(text) == found


@pytest.mark.parametrize("text", NOT_PLAIN)
def test_anything_else_is_left_to_lark(text: str) -> None:
    assert proof_strings._PlainReader(text).proofs() is None


@pytest.mark.parametrize("text", ["", "[(triple1)", "((triple1) - > rule1)", "(OR)"])
def test_a_bad_proof_string_still_names_its_column(text: str) -> None:
    with pytest.raises(TreeError, match="column"):
        proof_strings.parse_proofs(text)
