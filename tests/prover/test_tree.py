"""Entailment trees: EntailmentBank and ProofWriter strings round-trip, and malformed ones are named errors."""

from __future__ import annotations

from typing import Any

import networkx as nx
import pytest

from proofloom.logic.english import read_statement, read_theory
from proofloom.logic.semantics import Semantics
from proofloom.logic.syntax import parse_literal, parse_theory
from proofloom.prover.proof.entailmentbank import from_entailmentbank, to_entailmentbank
from proofloom.prover.proof.proof_strings import from_proofwriter, to_proofwriter, to_proofwriter_with_intermediates
from proofloom.prover.proof.tree import EntailmentTree, Step, TreeError
from proofloom.prover.reasoning.reasoner import Reasoner
from tests.conftest import statement_of

THEORY = parse_theory("big(bob). big(X) -> red(X). red(X) -> round(X). kind(bob). red(X), kind(X) -> nice(X).")


def test_every_dev_proof_round_trips_through_both_formats(dev_records: list[dict[str, Any]]) -> None:
    count = 0
    for record in dev_records:
        theory = read_theory(record["context"])
        answer = Reasoner(theory, all_proofs=True).answer(read_statement(statement_of(record)))
        for tree in answer.proofs:
            assert from_entailmentbank(to_entailmentbank(tree), theory, tree.conclusion) == tree
            assert from_proofwriter(to_proofwriter((tree,)), theory) == (tree,)
            representation, intermediates = to_proofwriter_with_intermediates(tree)
            assert from_proofwriter(f"[{representation}]", theory, intermediates) == (tree,)
            count += 1
    assert count >= 400


def test_the_documented_shapes() -> None:
    tree = Reasoner(THEORY).answer(parse_literal("nice(bob)")).proof
    assert tree is not None and tree.depth == 2
    assert to_entailmentbank(tree) == ("sent1 & sent2 -> int1: Bob is red.; int1 & sent4 & sent5 -> hypothesis;")
    assert to_proofwriter((tree,)) == "[(((((triple1) -> rule1) triple2) -> rule3))]"
    assert to_proofwriter_with_intermediates(tree) == (
        "((((triple1) -> (rule1 % int2)) triple2) -> (rule3 % int1))",  # bare, as ProofWriter's meta files
        {"int1": "Bob is nice.", "int2": "Bob is red."},
    )
    fact = Reasoner(THEORY).answer(parse_literal("kind(bob)")).proof
    assert fact is not None and to_entailmentbank(fact) == "sent4 -> hypothesis;"
    assert to_proofwriter((fact,)) == "[(triple2)]"


def test_several_proofs_join_with_or() -> None:
    theory = parse_theory("big(bob). kind(bob). big(X) -> red(X). kind(X) -> red(X).")
    trees = Reasoner(theory, all_proofs=True).answer(parse_literal("red(bob)")).proofs
    assert to_proofwriter(trees) == "[(((triple1) -> rule1) OR ((triple2) -> rule2))]"  # one group, as ProofWriter
    assert from_proofwriter(to_proofwriter(trees), theory) == trees


def test_the_binding_read_back_uses_every_premise() -> None:
    # X = bald_eagle also matches each condition on these premises, but leaves kind(rabbit) unused
    theory = parse_theory("kind(bald_eagle). kind(rabbit). kind(bald_eagle), kind(X) -> ~smart(X).")
    (tree,) = from_proofwriter("[(((triple1 triple2) -> rule1))]", theory)
    assert tree.conclusion == parse_literal("~smart(rabbit)")
    assert from_proofwriter(to_proofwriter((tree,)), theory) == (tree,)


def test_closed_world_steps_left_open_by_their_facts_are_read_by_what_they_prove() -> None:
    # ((NAF) -> rule1) names no fact that binds X: the question (root) or an intermediate's text does
    theory = parse_theory("big(bob). big(gary). ~round(X) -> kind(X). kind(X), big(X) -> nice(X).")
    (answer,) = Reasoner(theory, Semantics.CWA, all_proofs=True).answer(parse_literal("nice(gary)")).proofs
    (kind,) = [s for s in answer.steps() if s.rule == "rule1"]
    assert kind.conclusion == parse_literal("kind(gary)") and kind.facts == (parse_literal("~round(gary)"),)
    text = to_proofwriter((answer,))
    assert "((NAF) -> rule1)" in text
    with pytest.raises(TreeError, match="variable open: give the intermediates"):
        from_proofwriter(text, theory, proves=answer.conclusion)
    representation, intermediates = to_proofwriter_with_intermediates(answer)
    assert from_proofwriter(f"[{representation}]", theory, intermediates, answer.conclusion) == (answer,)
    (alone,) = Reasoner(theory, Semantics.CWA, all_proofs=True).answer(parse_literal("kind(bob)")).proofs
    assert from_proofwriter(to_proofwriter((alone,)), theory, proves=alone.conclusion) == (alone,)


def test_a_statement_true_by_failure_alone_reads_and_writes_as_proofwriter_does() -> None:
    # ProofWriter's closed-world files write `[(NAF)]` (and `(NAF)` with no intermediates) for a negated
    # statement nothing concludes: the tree is the statement, assumed by failure
    (tree,) = Reasoner(THEORY, Semantics.CWA, all_proofs=True).answer(parse_literal("~blue(bob)")).proofs
    assert to_proofwriter((tree,)) == "[(NAF)]"
    assert to_proofwriter_with_intermediates(tree) == ("(NAF)", {})
    assert from_proofwriter("[(NAF)]", THEORY, proves=parse_literal("~blue(bob)")) == (tree,)
    with pytest.raises(TreeError, match="proves a negated statement, not blue"):
        from_proofwriter("[(NAF)]", THEORY, proves=parse_literal("blue(bob)"))
    with pytest.raises(TreeError, match="but none is given"):
        from_proofwriter("[(NAF)]", THEORY)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("sent9 -> hypothesis;", "sent9 does not exist"),
        ("int1 & sent2 -> hypothesis;", "int1 is used before"),
        ("sent1 & sent2 -> int1: Bob is a big dog.; int1 & sent3 -> hypothesis;", "int1"),
        ("sent1 & sent2 -> ", "column"),
        ("sent1 & sent2 -> int1: Bob is red.; sent1 -> int1: Bob is big.; int1 -> hypothesis;", "twice"),
    ],
)
def test_bad_entailmentbank_trees_are_named(text: str, message: str) -> None:
    with pytest.raises(TreeError, match=message):
        from_entailmentbank(text, THEORY, parse_literal("round(bob)"))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[(triple9)]", "not a sentence"),
        ("[(((triple2) -> rule1))]", "does not apply"),
        ("[(((triple1) -> triple2))]", "is a fact"),
        ("[(((triple1) -> rule1)", "column"),
    ],
)
def test_bad_proof_strings_are_named(text: str, message: str) -> None:
    with pytest.raises(TreeError, match=message):
        from_proofwriter(text, THEORY)


def test_wrong_intermediate_text_is_caught() -> None:
    with pytest.raises(TreeError, match="int1 says"):
        from_proofwriter("[(((triple1) -> (rule1 % int1)))]", THEORY, {"int1": "Bob is round."})


def test_cycles_and_dangling_premises_are_refused() -> None:
    red, round_ = parse_literal("red(bob)"), parse_literal("round(bob)")
    with pytest.raises(TreeError, match="cycle"):
        EntailmentTree(red, (Step(red, (round_,), "rule1"), Step(round_, (red,), "rule2")), THEORY)
    with pytest.raises(TreeError, match="not a sentence"):
        EntailmentTree(red, (Step(red, ("triple7",), "rule1"),), THEORY)


def test_steps_and_graph_agree_with_networkx(dev_records: list[dict[str, Any]]) -> None:
    """Trees keep plain dicts and build their networkx graph on demand: the two views must agree."""
    checked = 0
    for record in dev_records[:150]:
        theory = read_theory(record["context"])
        for tree in Reasoner(theory, all_proofs=True).answer(read_statement(statement_of(record))).proofs:
            graph = tree.graph
            order = nx.lexicographical_topological_sort(graph, key=lambda node: tree._sort_key(node))
            assert tuple(graph.nodes[n]["step"] for n in order if "step" in graph.nodes[n]) == tree.steps()
            assert set(graph.edges) == set(tree.iter_edges())
            assert all(graph.nodes[n]["kind"] is tree.kind(n) for n in graph)
            assert nx.dag_longest_path_length(graph) >= tree.depth
            checked += 1
    assert checked >= 100


def test_fld_fact_labels_read_as_the_contexts_sentences() -> None:
    theory = read_theory("Bob is big. If something is big then it is red.")
    red = parse_literal("red(bob)")
    assert from_entailmentbank("fact1 & fact2 -> hypothesis;", theory, red) == from_entailmentbank(
        "sent1 & sent2 -> hypothesis;", theory, red
    )
    with pytest.raises(TreeError, match="fact3 does not exist"):
        from_entailmentbank("fact1 & fact3 -> hypothesis;", theory, red)


def test_proofwriter_strings_read_without_their_outer_brackets() -> None:
    theory = read_theory("Bob is big. If something is big then it is red. Bob is red.")
    bracketed = "[(((triple1) -> rule1)) OR (triple2)]"
    assert from_proofwriter(bracketed.strip("[]"), theory) == from_proofwriter(bracketed, theory)
    assert len(from_proofwriter("(((triple1) -> rule1))", theory)) == 1
