"""Proof pictures: every conclusion above its premises, no two boxes overlapping, every node named."""

from __future__ import annotations

import itertools
from collections.abc import Hashable
from pathlib import Path

import networkx as nx
import pytest

from proofloom.generator.generate import generate
from proofloom.generator.recipe import Recipe
from proofloom.logic.english import read_theory
from proofloom.prover.proof.layout import Box, layers, layout
from proofloom.prover.proof.picture import Card, Shade, arrange, card_height, gold_cards, node_names, tree_svg, wrap
from proofloom.prover.proof.tree import EntailmentTree
from proofloom.prover.verification import verify
from proofloom.prover.verification.render import leaf_text, verification_cards

RECIPE = Path(__file__).resolve().parents[2] / "datasets" / "proofwriter-owa-d5.toml"


def _gold_trees() -> list[EntailmentTree]:
    return [tree for example in generate(Recipe.load(RECIPE), 8) for q in example.questions for tree in q.proofs]


def _check(boxes: dict[str, Box], edges: list[tuple[str, str]]) -> None:
    for premise, conclusion in edges:
        assert boxes[conclusion].bottom < boxes[premise].y, (premise, conclusion)  # the conclusion is above
    for (a, box_a), (b, box_b) in itertools.combinations(boxes.items(), 2):
        assert not box_a.overlaps(box_b), (a, b, box_a, box_b)


def test_gold_trees_put_each_conclusion_above_its_premises_and_no_boxes_overlap() -> None:
    trees = _gold_trees()
    assert any(tree.depth >= 3 for tree in trees)
    for tree in trees:
        cards, edges = gold_cards(tree)
        _check(arrange(cards, edges), edges)
        tags = {card.tag for card in cards}
        assert all(t == "hypothesis" or t.startswith(("sent", "int", "naf")) for t in tags)


def test_node_names_are_entailmentbanks() -> None:
    from proofloom.prover.proof.entailmentbank import to_entailmentbank

    for tree in _gold_trees():
        names = node_names(tree)
        written = to_entailmentbank(tree)
        assert all(name in written for name in names.values() if name != "naf")


def test_a_leaf_sits_just_under_its_consumer_not_on_a_shared_bottom_row() -> None:
    graph: nx.DiGraph[Hashable] = nx.DiGraph([("int1", "hyp"), ("sent9", "hyp"), ("sent1", "int1"), ("sent2", "int1")])
    assert layers(graph) == {"hyp": 0, "int1": 1, "sent9": 1, "sent1": 2, "sent2": 2}
    boxes = layout(graph, dict.fromkeys(graph, 40.0))
    assert boxes["sent9"].y == boxes["int1"].y < boxes["sent1"].y
    _check({str(k): v for k, v in boxes.items()}, [(str(a), str(b)) for a, b in graph.edges])


def test_a_shared_premise_goes_under_its_lowest_consumer() -> None:
    graph: nx.DiGraph[Hashable] = nx.DiGraph([("a", "hyp"), ("b", "a"), ("s", "a"), ("s", "b"), ("t", "b")])
    boxes = layout(graph, dict.fromkeys(graph, 30.0))
    assert boxes["s"].y > boxes["b"].y > boxes["a"].y > boxes["hyp"].y
    _check({str(k): v for k, v in boxes.items()}, [(str(a), str(b)) for a, b in graph.edges])


LONG = "If something is big and not kind and round and cold then it is blue. " * 4


@pytest.mark.parametrize("text", ["Bob is big.", LONG])
def test_wrapped_text_fits_the_box(text: str) -> None:
    lines = wrap(text)
    assert 1 <= len(lines) <= 6 and all(len(line) <= 30 for line in lines)


def test_a_failing_step_is_drawn_red_with_its_reason_and_every_piece_of_text_escaped() -> None:
    theory = read_theory("Bob is big. If something is big then it is red. Red things are round. Bob is kind.")
    report = verify(theory, "Bob is round.", "sent1 & sent2 -> int1: Bob is red.; int1 & sent4 -> hypothesis;")
    cards, edges = verification_cards(report, lambda label: leaf_text(label, theory))
    _check(arrange(cards, edges), edges)
    assert [c.tag for c in cards if c.note == "not entailed"] == ["hypothesis"]
    assert {c.tag for c in cards} == {"sent1", "sent2", "int1", "sent4", "hypothesis"}
    svg = tree_svg(cards, edges)
    assert svg.count("#dc2626") >= 1 and "sent4" in svg and "Bob is kind." in svg
    assert card_height(cards[0]) > 0
    odd = tree_svg([Card("x", "sent1", "</svg><script>alert(1)</script> & 'q'", Shade.FACT)], [])
    assert "<script>" not in odd and "&lt;/svg&gt;" in odd
