"""A proof as an SVG picture: one box a node (its `sentN`/`intN` name, its sentence wrapped, a note), edges first.

Boxes are placed by `layout` (conclusion on top, each premise under the step that uses it); edges are drawn
before the boxes and run from a premise's top edge to its conclusion's bottom edge, so no line passes over a
box's text. Every piece of text is escaped: the picture is safe to put inside any HTML page.
"""

from __future__ import annotations

import enum
import html
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

import networkx as nx

from proofloom.logic.english import Lexicon, render_sentence
from proofloom.logic.terms import Literal, Rule, Theory
from proofloom.prover.proof.entailmentbank import HYPOTHESIS
from proofloom.prover.proof.layout import SPACING, Box, Spacing, extent, layout
from proofloom.prover.proof.tree import EntailmentTree, NodeKey, NodeKind

_CHARS_A_LINE, _MOST_LINES = 30, 6
_LINE, _TAG_LINE, _PAD = 16.0, 15.0, 8.0


class Shade(enum.Enum):
    """What a box stands for, which gives its colours (fill, border)."""

    FACT = ("#f3f4f6", "#6b7280")
    RULE = ("#eff6ff", "#3b82f6")
    ASSUMED = ("#fefce8", "#ca8a04")  # a literal taken by negation as failure, or as given
    DERIVED = ("#ecfdf5", "#059669")  # a conclusion (in a gold tree, or a step the verifier accepted)
    INVALID = ("#fef2f2", "#dc2626")  # a step the verifier refused


@dataclass(frozen=True, slots=True)
class Card:
    """One box: a unique key, the name shown (`sent3`, `int1`, `hypothesis`), the sentence, a note under it."""

    key: str
    tag: str
    text: str
    shade: Shade
    note: str = ""


def wrap(text: str, width: int = _CHARS_A_LINE, most: int = _MOST_LINES) -> list[str]:
    """`text` broken at spaces into lines of about `width` characters, at most `most` of them (the last clipped)."""
    lines = [""]
    for word in text.split():
        if lines[-1] and len(lines[-1]) + 1 + len(word) > width:
            lines.append("")
        lines[-1] = f"{lines[-1]} {word}".strip()
    if len(lines) > most:
        lines = [*lines[: most - 1], _clip(" ".join(lines[most - 1 :]), width)]
    return lines


def card_height(card: Card) -> float:
    """Room for the name, the wrapped sentence and the note's line."""
    notes = len(wrap(card.note)) if card.note else 0
    return _PAD * 2 + _TAG_LINE + _LINE * (len(wrap(card.text)) + notes)


def arrange(cards: Sequence[Card], edges: Sequence[tuple[str, str]], spacing: Spacing = SPACING) -> dict[str, Box]:
    """Each card's box, by `layout`, for edges premise key -> conclusion key."""
    graph: nx.DiGraph[Hashable] = nx.DiGraph()
    graph.add_nodes_from(card.key for card in cards)
    graph.add_edges_from(edges)
    boxes = layout(graph, {card.key: card_height(card) for card in cards}, spacing)
    return {str(key): box for key, box in boxes.items()}


def tree_svg(cards: Sequence[Card], edges: Sequence[tuple[str, str]], spacing: Spacing = SPACING) -> str:
    """The picture: edges (premise top to conclusion bottom, an arrow into the conclusion), then the boxes."""
    boxes = arrange(cards, edges, spacing)
    width, height = extent(boxes.values(), spacing)
    parts = [
        f"<svg xmlns='http://www.w3.org/2000/svg' class='proof-tree' width='{width:.0f}' height='{height:.0f}' "
        f"viewBox='0 0 {width:.0f} {height:.0f}' font-family='system-ui, sans-serif' font-size='13'>"
        "<defs><marker id='arrow' viewBox='0 0 10 10' refX='9' refY='5' markerWidth='7' markerHeight='7' "
        "orient='auto-start-reverse'><path d='M0,0 L10,5 L0,10 z' fill='#6b7280'/></marker></defs>"
    ]
    parts.extend(_edge(boxes[premise], boxes[conclusion], x) for premise, conclusion, x in _arrivals(boxes, edges))
    parts.extend(_box(card, boxes[card.key]) for card in cards)
    parts.append("</svg>")
    return "".join(parts)


def _arrivals(boxes: dict[str, Box], edges: Sequence[tuple[str, str]]) -> list[tuple[str, str, float]]:
    """Each edge with where it enters its conclusion: a step's premises arrive spread along its bottom edge, in
    the order they stand left to right, so each line is seen to end at its own point."""
    incoming: dict[str, list[str]] = {}
    for premise, conclusion in edges:
        incoming.setdefault(conclusion, []).append(premise)
    arrivals = []
    for conclusion, premises in incoming.items():
        box = boxes[conclusion]
        for number, premise in enumerate(sorted(premises, key=lambda p: boxes[p].centre), start=1):
            arrivals.append((premise, conclusion, box.x + box.width * number / (len(premises) + 1)))
    return arrivals


def _edge(premise: Box, conclusion: Box, arrival: float) -> str:
    x1, y1, x2, y2 = premise.centre, premise.y, arrival, conclusion.bottom
    middle = (y1 + y2) / 2
    return (
        f"<path d='M{x1:.1f},{y1:.1f} C{x1:.1f},{middle:.1f} {x2:.1f},{middle:.1f} {x2:.1f},{y2 + 1:.1f}' "
        "fill='none' stroke='#6b7280' stroke-width='1.5' marker-end='url(#arrow)'/>"
    )


def _box(card: Card, box: Box) -> str:
    fill, stroke = card.shade.value
    x, y = box.x + _PAD + 2, box.y + _PAD + 11
    lines = [f"<text x='{x:.0f}' y='{y:.0f}' font-weight='700' font-size='11' fill='{stroke}'>{_e(card.tag)}</text>"]
    for number, line in enumerate(wrap(card.text), start=1):
        lines.append(f"<text x='{x:.0f}' y='{y + _LINE * number:.0f}' fill='#111827'>{_e(line)}</text>")
    first_note = len(wrap(card.text)) + 1
    for number, line in enumerate(wrap(card.note) if card.note else [], start=first_note):
        lines.append(
            f"<text x='{x:.0f}' y='{y + _LINE * number:.0f}' fill='{stroke}' font-style='italic'>{_e(line)}</text>"
        )
    title = f"{card.tag}: {card.text}" + (f" ({card.note})" if card.note else "")
    return (
        f"<g class='node' data-tag='{_e(card.tag)}'><title>{_e(title)}</title>"
        f"<rect x='{box.x:.1f}' y='{box.y:.1f}' width='{box.width:.0f}' height='{box.height:.0f}' rx='7' "
        f"fill='{fill}' stroke='{stroke}' stroke-width='{2 if card.shade is Shade.INVALID else 1.5}'/>"
        + "".join(lines)
        + "</g>"
    )


def gold_cards(
    tree: EntailmentTree, lexicon: Lexicon | None = None, styled: Theory | None = None
) -> tuple[list[Card], list[tuple[str, str]]]:
    """The boxes and edges of a proof, named as EntailmentBank writes it (`sentN`, `intN`, `hypothesis`).

    `styled` is the same theory as read from its English context, so that a rule reads as the context wrote it
    (`Blue people are quiet.`) and not in the default if-then form; it must hold the same sentences in order.
    """
    names = node_names(tree)
    keys = {node: f"n{number}" for number, node in enumerate(names)}
    cards = []
    for node, name in names.items():
        kind = tree.kind(node)
        if isinstance(node, str):
            content = tree.theory[node].content
            if styled is not None:
                content = styled.sentences[tree.theory.index_of(node) - 1].content
            shade = Shade.RULE if isinstance(content, Rule) else Shade.FACT
            text = render_sentence(content, lexicon)
        else:
            shade = Shade.DERIVED if kind is NodeKind.DERIVED else Shade.ASSUMED
            text = render_sentence(node, lexicon)
        note = "by negation as failure" if kind is NodeKind.NAF else ""
        cards.append(Card(keys[node], name, text, shade, note))
    edges = [(keys[premise], keys[conclusion]) for premise, conclusion in tree.iter_edges()]
    return cards, edges


def node_names(tree: EntailmentTree) -> dict[NodeKey, str]:
    """Every node's name in EntailmentBank's form: the root `hypothesis` (or its `sentN` when it is a
    sentence), derived literals `int1`, `int2`, ... in step order, sentences `sentN`, NAF leaves `naf`."""
    names: dict[NodeKey, str] = {}
    if tree.steps():
        names[tree.root] = HYPOTHESIS
    derived = 0
    for step in tree.steps():
        for premise in step.premises:
            if premise not in names:
                names[premise] = _leaf_name(tree, premise)
        if step.conclusion not in names:
            derived += 1
            names[step.conclusion] = f"int{derived}"
    if tree.root not in names:
        names[tree.root] = _leaf_name(tree, tree.root)
    return names


def _leaf_name(tree: EntailmentTree, node: NodeKey) -> str:
    if isinstance(node, str):
        return f"sent{tree.theory.index_of(node)}"
    assert isinstance(node, Literal)
    return "naf"


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
