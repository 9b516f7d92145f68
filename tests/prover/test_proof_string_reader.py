"""ProofWriter proof strings read without lark (recursive descent over the grammar's tokens) read as lark reads
them, anything else is left to lark, and an error still names its column."""

from __future__ import annotations

import pytest

from proofloom.prover.proof import proof_strings
from proofloom.prover.proof.proof_strings import RuleApplication, is_naf_leaf, parse_proofs
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


def test_proofwriter_s_own_bracketing_reads_as_the_one_proofloom_wrote_before() -> None:
    # ProofWriter's meta files: alternatives in one group, intermediates' representations bare, cwa's `naf1`
    same = [
        ("[(((triple4) -> rule8) OR ((triple6) -> rule7))]", "[(((triple4) -> rule8)) OR (((triple6) -> rule7))]"),
        (
            "((((triple1) -> (rule1 % int2)) triple1) -> (rule7 % int1))",
            "(((((triple1) -> (rule1 % int2)) triple1) -> (rule7 % int1)))",
        ),
        ("[(triple1 OR ((triple2) -> rule1))]", "[(triple1) OR (((triple2) -> rule1))]"),
    ]
    for real, earlier in same:
        assert parse_proofs(real) == parse_proofs(earlier)
    (with_naf,) = parse_proofs("((triple1 naf1) -> (rule1 % int1))")
    assert isinstance(with_naf, RuleApplication) and is_naf_leaf(with_naf.premises[1].name)  # type: ignore[union-attr]
