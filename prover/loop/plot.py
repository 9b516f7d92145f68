"""Accuracy by depth as a small SVG line chart: the model beside its controls, one line each.

Written by hand (a few dozen elements), so the figure is the same bytes for the same numbers and needs no
plotting library; it opens in any browser and in a README.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from proofloom.prover.loop.evaluation import Evaluation

WIDTH, HEIGHT = 560, 320
LEFT, RIGHT, TOP, BOTTOM = 56, 150, 36, 48
COLOURS = ("#1f6feb", "#d1242f", "#6e7781", "#1a7f37", "#8250df")


def accuracy_by_depth_svg(lines: Mapping[str, Evaluation], title: str) -> str:
    """An SVG of answer accuracy (0-100%) against gold depth (`-` for Unknown questions), a line per evaluation."""
    depths = sorted({d for e in lines.values() for d, _, _ in e.by_depth}, key=lambda d: (d is None, d or 0))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(len(depths) - 1, 1)

    def x(i: int) -> float:
        return LEFT + (i * step if len(depths) > 1 else plot_w / 2)

    def y(accuracy: float) -> float:
        return TOP + plot_h * (1 - accuracy)

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="12">',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>',
        f'<text x="{LEFT}" y="20" font-size="14" font-weight="bold">{escape(title)}</text>',
    ]
    for tick in range(0, 101, 25):
        ty = y(tick / 100)
        out.append(f'<line x1="{LEFT}" y1="{ty:.1f}" x2="{LEFT + plot_w}" y2="{ty:.1f}" stroke="#d0d7de"/>')
        out.append(f'<text x="{LEFT - 6}" y="{ty + 4:.1f}" text-anchor="end">{tick}%</text>')
    for i, depth in enumerate(depths):
        label = "Unknown" if depth is None else str(depth)
        out.append(f'<text x="{x(i):.1f}" y="{TOP + plot_h + 18}" text-anchor="middle">{label}</text>')
    out.append(f'<text x="{LEFT + plot_w / 2:.1f}" y="{HEIGHT - 10}" text-anchor="middle">gold proof depth</text>')
    for n, (name, evaluation) in enumerate(lines.items()):
        colour = COLOURS[n % len(COLOURS)]
        by_depth = {d: c / q for d, c, q in evaluation.by_depth if q}
        points = [(x(i), y(by_depth[d])) for i, d in enumerate(depths) if d in by_depth]
        path = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
        out.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        out += [f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3" fill="{colour}"/>' for px, py in points]
        ly = TOP + 10 + 18 * n
        out.append(f'<rect x="{WIDTH - RIGHT + 12}" y="{ly - 8}" width="12" height="3" fill="{colour}"/>')
        legend = f"{escape(name)} {100 * evaluation.accuracy:.1f}%"
        out.append(f'<text x="{WIDTH - RIGHT + 30}" y="{ly - 3}">{legend}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"
