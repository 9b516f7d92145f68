"""Quotas as a schedule: question slot k of the whole dataset gets cell `schedule[k % len(schedule)]`.

A cell is (target depth, label). Weights become integer counts per cycle, interleaved smoothly, so every
whole cycle meets the quotas exactly and any prefix is within one question of them per cell.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from math import lcm

from proofloom.generator.recipe import Recipe
from proofloom.logic.semantics import Label


@dataclass(frozen=True, slots=True)
class Cell:
    """What one question slot must be: its label, and the depth of its proof (or near miss, for Unknown)."""

    depth: int
    label: Label


def cycle(recipe: Recipe) -> tuple[Cell, ...]:
    """One cycle of cells with the recipe's proportions, smoothly interleaved."""
    weights: dict[Cell, Fraction] = {}
    for depth, depth_weight in recipe.questions.depths.items():
        for label, label_weight in recipe.questions.labels.items():
            weight = Fraction(depth_weight).limit_denominator(1000) * Fraction(label_weight).limit_denominator(1000)
            if weight > 0:
                weights[Cell(depth, label)] = weight
    scale = lcm(*(w.denominator for w in weights.values()))
    counts = {cell: int(weight * scale) for cell, weight in weights.items()}
    divisor = _gcd_all(list(counts.values()))
    counts = {cell: count // divisor for cell, count in counts.items()}
    return _interleave(counts)


def _gcd_all(numbers: list[int]) -> int:
    from math import gcd

    result = 0
    for number in numbers:
        result = gcd(result, number)
    return result or 1


def _interleave(counts: dict[Cell, int]) -> tuple[Cell, ...]:
    """Smooth weighted round robin: each cell appears as evenly spread as its share allows."""
    total = sum(counts.values())
    current = dict.fromkeys(counts, 0)
    order: list[Cell] = []
    ranked = sorted(counts, key=lambda c: (c.depth, c.label.value))
    for _ in range(total):
        for cell in ranked:
            current[cell] += counts[cell]
        chosen = max(ranked, key=lambda c: current[c])
        current[chosen] -= total
        order.append(chosen)
    return tuple(order)


def cells_for(recipe: Recipe, schedule: tuple[Cell, ...], theory_index: int) -> tuple[Cell, ...]:
    """The cells of one theory's question slots."""
    per_theory = recipe.questions.per_theory
    start = theory_index * per_theory
    return tuple(schedule[(start + j) % len(schedule)] for j in range(per_theory))
