"""A verified explanation as a picture: one self-contained HTML page with the tree drawn in SVG.

Leaves (theory sentences) sit at the bottom, each step's conclusion above its premises; valid steps
are green, failing ones red with their diagnosis beneath, so a person can see where a proof breaks.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from proofloom.logic.english import render_sentence
from proofloom.logic.terms import Theory
from proofloom.prover.verification.verdicts import StepVerdict, Verification

_WIDTH, _HEIGHT, _GAP_X, _GAP_Y = 230, 62, 20, 64
_COLOURS = {"leaf": ("#f3f4f6", "#6b7280"), "valid": ("#ecfdf5", "#059669"), "invalid": ("#fef2f2", "#dc2626")}


@dataclass(frozen=True, slots=True)
class _Node:
    key: str
    text: str
    state: str  # leaf, valid or invalid
    level: int
    note: str = ""


def render_html(verification: Verification, theory: Theory, title: str = "proofloom verification") -> str:
    """The page: a headline verdict, the drawn tree, and the list of diagnoses."""
    nodes, edges = _layout(verification, theory)
    svg = _svg(nodes, edges)
    verdict = "valid" if verification.valid else f"invalid: {len(verification.errors)} problem(s)"
    problems = "".join(
        f"<li><b>{html.escape(e.error.value)}</b>{f' (step {e.step})' if e.step else ''}: {html.escape(e.message)}</li>"
        for e in verification.errors
    )
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title>"
        "<style>body{font-family:sans-serif;margin:24px} svg text{font-size:12px}</style></head><body>"
        f"<h1>{html.escape(title)}</h1><p>The explanation is <b>{verdict}</b>.</p>{svg}"
        f"<ul>{problems}</ul></body></html>\n"
    )


def _leaf_text(label: str, theory: Theory) -> str:
    if label.startswith("sent") and label[4:].isdigit() and 1 <= int(label[4:]) <= len(theory):
        return render_sentence(theory.sentences[int(label[4:]) - 1].content)
    try:
        return render_sentence(theory[label].content)
    except KeyError:
        return label


def _layout(verification: Verification, theory: Theory) -> tuple[dict[str, _Node], list[tuple[str, str]]]:
    nodes: dict[str, _Node] = {}
    edges: list[tuple[str, str]] = []
    for step in verification.steps:
        key = f"step{step.index}"
        premise_keys = [_premise_key(label, verification.steps, step.index) for label in step.premises]
        for label, premise_key in zip(step.premises, premise_keys, strict=True):
            if premise_key not in nodes:
                nodes[premise_key] = _Node(premise_key, _leaf_text(label, theory), "leaf", 0)
            edges.append((premise_key, key))
        level = 1 + max((nodes[k].level for k in premise_keys), default=0)
        note = step.error.error.value if step.error else ("multi-hop" if step.multi_hop else "")
        if step.valid and step.semantics is not None and step.semantics.value != "owa":
            note = f"{note} needs {step.semantics.value}".strip()
        nodes[key] = _Node(key, step.conclusion, "valid" if step.valid else "invalid", level, note)
    return nodes, edges


def _premise_key(label: str, steps: tuple[StepVerdict, ...], before: int) -> str:
    """An intermediate points at the latest earlier step that concluded it; anything else is a leaf."""
    for step in reversed(steps[: before - 1]):
        if label == step.name:
            return f"step{step.index}"
    return f"leaf:{label}"


def _svg(nodes: dict[str, _Node], edges: list[tuple[str, str]]) -> str:
    levels: dict[int, list[_Node]] = {}
    for node in nodes.values():
        levels.setdefault(node.level, []).append(node)
    top = max(levels, default=0)
    widest = max((len(row) for row in levels.values()), default=1)
    width = widest * (_WIDTH + _GAP_X) + _GAP_X
    height = (top + 1) * (_HEIGHT + _GAP_Y) + _GAP_Y
    place: dict[str, tuple[float, float]] = {}
    for level, row in levels.items():
        offset = (width - len(row) * (_WIDTH + _GAP_X) + _GAP_X) / 2
        for i, node in enumerate(row):
            place[node.key] = (offset + i * (_WIDTH + _GAP_X), _GAP_Y + (top - level) * (_HEIGHT + _GAP_Y))
    parts = [f"<svg xmlns='http://www.w3.org/2000/svg' width='{width:.0f}' height='{height:.0f}'>"]
    for source, target in edges:
        (x1, y1), (x2, y2) = place[source], place[target]
        parts.append(
            f"<line x1='{x1 + _WIDTH / 2:.0f}' y1='{y1:.0f}' x2='{x2 + _WIDTH / 2:.0f}' y2='{y2 + _HEIGHT:.0f}' "
            "stroke='#9ca3af'/>"
        )
    for node in nodes.values():
        x, y = place[node.key]
        fill, stroke = _COLOURS[node.state]
        parts.append(
            f"<g><title>{html.escape(node.text)} {html.escape(node.note)}</title>"
            f"<rect x='{x:.0f}' y='{y:.0f}' width='{_WIDTH}' height='{_HEIGHT}' rx='6' fill='{fill}' "
            f"stroke='{stroke}' stroke-width='2'/>"
            f"{_lines(node.text, x + 8, y + 18)}"
            f"<text x='{x + 8:.0f}' y='{y + 54:.0f}' fill='{stroke}'>{html.escape(_clip(node.note, 34))}</text></g>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _lines(text: str, x: float, y: float, width: int = 36) -> str:
    """Up to two lines of `text`, broken at spaces, the rest clipped."""
    words, lines = text.split(), [""]
    for word in words:
        if len(lines[-1]) + len(word) + 1 > width and lines[-1]:
            lines.append("")
        lines[-1] = f"{lines[-1]} {word}".strip()
    shown = lines[:2] if len(lines) <= 2 else [lines[0], _clip(" ".join(lines[1:]), width)]
    return "".join(f"<text x='{x:.0f}' y='{y + 15 * i:.0f}'>{html.escape(line)}</text>" for i, line in enumerate(shown))


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
