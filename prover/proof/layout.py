"""Where each box of a proof picture goes: layers from the conclusion down, subtrees packed side by side.

The contract, for a DAG whose edges run premise -> conclusion: a node's layer is the longest path from it to a
conclusion (a sink), so every premise sits in a row below every step that uses it, and a leaf sits just under
the step that consumes it rather than on one shared bottom row. Each node is placed under one consumer (its
lowest) and centred over its own children; in every row, sibling subtrees keep a gap between their boxes, so no
two boxes overlap and, in a tree, an edge runs only through the gap between two rows. Subtrees are packed as in
Reingold and Tilford's tidy trees, each as far left as its own rows allow, so a rule beside a long chain sits
next to the step it feeds instead of past the chain's whole width.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass

import networkx as nx


@dataclass(frozen=True, slots=True)
class Box:
    """A box's place: its top-left corner and size, in pixels."""

    x: float
    y: float
    width: float
    height: float

    @property
    def bottom(self) -> float:
        return self.y + self.height

    @property
    def centre(self) -> float:
        return self.x + self.width / 2

    def overlaps(self, other: Box) -> bool:
        """Whether the two boxes share any area (touching edges do not count)."""
        return (
            self.x < other.x + other.width
            and other.x < self.x + self.width
            and self.y < other.y + other.height
            and other.y < self.y + self.height
        )


@dataclass(frozen=True, slots=True)
class Spacing:
    """The box width and the gaps between columns, between rows and around the picture."""

    width: float = 220
    gap_x: float = 18
    gap_y: float = 44
    margin: float = 12


SPACING = Spacing()


def layers(graph: nx.DiGraph[Hashable]) -> dict[Hashable, int]:
    """Each node's layer: 0 for a conclusion, else one more than the deepest step that uses it."""
    layer: dict[Hashable, int] = {}
    for node in reversed(list(nx.topological_sort(graph))):  # every consumer before its premises
        layer[node] = 1 + max((layer[c] for c in graph.successors(node)), default=-1)
    return layer


def layout(
    graph: nx.DiGraph[Hashable], heights: Mapping[Hashable, float], spacing: Spacing = SPACING
) -> dict[Hashable, Box]:
    """A box for every node of `graph` (edges premise -> conclusion), each `heights[node]` tall."""
    layer = layers(graph)
    children: dict[Hashable, list[Hashable]] = {node: [] for node in graph}
    roots: list[Hashable] = []
    for node in graph:  # in insertion order: premises in the order they were written
        consumers = list(graph.successors(node))
        if consumers:  # under its lowest consumer, the first of them on a tie
            children[max(consumers, key=lambda c: layer[c])].append(node)
        else:
            roots.append(node)
    half = spacing.width / 2
    contour: dict[Hashable, dict[int, tuple[float, float]]] = {}  # per layer: a subtree's extent about its node
    offset: dict[Hashable, float] = {}  # a node's centre relative to its parent's
    for node in nx.topological_sort(graph):  # premises first: children's contours are known
        places, merged = _side_by_side([contour[c] for c in children[node]], spacing)
        middle = (places[0] + places[-1]) / 2 if places else 0.0
        for child, place in zip(children[node], places, strict=True):
            offset[child] = place - middle
        contour[node] = {number: (left - middle, right - middle) for number, (left, right) in merged.items()}
        contour[node][layer[node]] = (-half, half)
    row_height = [0.0] * (max(layer.values(), default=0) + 1)
    for node, number in layer.items():
        row_height[number] = max(row_height[number], heights[node])
    row_top = [spacing.margin]
    for height in row_height[:-1]:
        row_top.append(row_top[-1] + height + spacing.gap_y)
    places, merged = _side_by_side([contour[r] for r in roots], spacing)
    shift = spacing.margin - min((left for left, _ in merged.values()), default=0.0)
    centres: dict[Hashable, float] = {root: place + shift for root, place in zip(roots, places, strict=True)}
    for node in reversed(list(nx.topological_sort(graph))):  # parents before children
        for child in children[node]:
            centres[child] = centres[node] + offset[child]
    return {node: Box(centres[node] - half, row_top[layer[node]], spacing.width, heights[node]) for node in graph}


def _side_by_side(
    contours: list[dict[int, tuple[float, float]]], spacing: Spacing
) -> tuple[list[float], dict[int, tuple[float, float]]]:
    """Where each subtree's node goes, left to right, each as far left as its rows allow (a gap from every box
    already placed in the same row), and the extent per row of them all together."""
    places: list[float] = []
    merged: dict[int, tuple[float, float]] = {}
    for contour in contours:
        shared = [merged[n][1] + spacing.gap_x - contour[n][0] for n in contour if n in merged]
        place = (
            max(shared)
            if shared
            else (
                max((r for _, r in merged.values()), default=0.0) + spacing.gap_x + spacing.width / 2 if merged else 0.0
            )
        )
        places.append(place)
        for number, (left, right) in contour.items():
            old = merged.get(number)
            merged[number] = (left + place, right + place) if old is None else (old[0], right + place)
    return places, merged


def extent(boxes: Iterable[Box], spacing: Spacing = SPACING) -> tuple[float, float]:
    """The picture's width and height: every box and the margin around them."""
    boxes = list(boxes)
    width = max((b.x + b.width for b in boxes), default=0.0) + spacing.margin
    height = max((b.bottom for b in boxes), default=0.0) + spacing.margin
    return width, height
