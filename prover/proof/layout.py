"""Where each box of a proof picture goes: layers from the conclusion down, each subtree in its own column span.

The contract, for a DAG whose edges run premise -> conclusion: a node's layer is the longest path from it to a
conclusion (a sink), so every premise sits in a row below every step that uses it, and a leaf sits just under
the step that consumes it rather than on one shared bottom row. Each node is placed under one consumer (its
lowest); sibling subtrees take disjoint column spans and a node is centred over its children, so no two boxes
overlap and, in a tree, an edge runs only through the gap between two rows.
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
    span: dict[Hashable, float] = {}
    for node in nx.topological_sort(graph):  # premises first: children's spans are known
        inner = sum(span[c] for c in children[node]) + spacing.gap_x * max(len(children[node]) - 1, 0)
        span[node] = max(spacing.width, inner)
    row_height = [0.0] * (max(layer.values(), default=0) + 1)
    for node, number in layer.items():
        row_height[number] = max(row_height[number], heights[node])
    row_top = [spacing.margin]
    for height in row_height[:-1]:
        row_top.append(row_top[-1] + height + spacing.gap_y)
    boxes: dict[Hashable, Box] = {}

    def place(node: Hashable, left: float) -> None:
        inner = sum(span[c] for c in children[node]) + spacing.gap_x * max(len(children[node]) - 1, 0)
        x = left + (span[node] - inner) / 2
        for child in children[node]:
            place(child, x)
            x += span[child] + spacing.gap_x
        centre = left + span[node] / 2
        boxes[node] = Box(centre - spacing.width / 2, row_top[layer[node]], spacing.width, heights[node])

    left = spacing.margin
    for root in roots:
        place(root, left)
        left += span[root] + spacing.gap_x
    return boxes


def extent(boxes: Iterable[Box], spacing: Spacing = SPACING) -> tuple[float, float]:
    """The picture's width and height: every box and the margin around them."""
    boxes = list(boxes)
    width = max((b.x + b.width for b in boxes), default=0.0) + spacing.margin
    height = max((b.bottom for b in boxes), default=0.0) + spacing.margin
    return width, height
