"""The dataset card's figures, drawn with matplotlib (imported only here, only when a card is written).

Each figure is a PNG of fixed size and dpi with no metadata that varies (no software string, no time), so the
same recipe gives the same bytes. The data come from the manifest (every question) and the card's sample
(every k-th theory, `dataset.AUDIT_SAMPLE`).
"""

from __future__ import annotations

import io
import re
import textwrap
from collections import Counter
from collections.abc import Sequence
from typing import Any

from proofloom.generator.audit import AuditReport
from proofloom.generator.card_sample import SampledTheory
from proofloom.logic.english import split_sentences

__all__ = ["FIGURES", "draw_figures", "load_matplotlib", "sentence_form"]

LABELS = ("True", "False", "Unknown")
COLOURS = {"True": "#4c72b0", "False": "#dd8452", "Unknown": "#8c8c8c"}
# Each figure's file name under figures/ and what the card says it shows.
FIGURES = {
    "depth-label.png": "Questions by depth and label (every question)",
    "theory-sizes.png": "Facts and rules per theory",
    "sentence-forms.png": "How the context's sentences are written",
    "audit.png": "The shortcut audit: held-out accuracy of each classifier beside the majority label",
}


_NEGATION = re.compile(r"\b(not|isn't|aren't|doesn't|don't)\b")


def sentence_form(text: str, is_fact: bool) -> str:
    """The surface form of one context sentence, as the card's figure counts it."""
    negated = _NEGATION.search(text) is not None
    if is_fact:
        return "fact, negated" if negated else "fact"
    if text.startswith("If "):
        return (
            "rule: If ..., then ..."
            if ", then " in text
            else ("rule: If ..., ..." if ", " in text else "rule: If ... then ...")
        )
    if text.startswith("All "):
        return "rule: All ... are ..."
    if text.startswith("Every"):
        return "rule: Every... / Everyone who ..."
    return "rule: ... things/people are ..."


def draw_figures(
    manifest: dict[str, Any], examples: Sequence[SampledTheory], report: AuditReport | None
) -> dict[str, bytes]:
    """Each figure's PNG bytes by file name (the audit's only where it ran)."""
    import matplotlib

    style: Any = {  # matplotlib types the keys as a Literal of every rc name
        "font.size": 10,
        "svg.hashsalt": "proofloom",
        "axes.spines.top": False,
        "axes.spines.right": False,
    }
    with matplotlib.rc_context(style):
        drawn = {
            "depth-label.png": _depth_label(manifest["cells"]),
            "theory-sizes.png": _theory_sizes(examples),
            "sentence-forms.png": _sentence_forms(examples),
        }
        if report is not None:
            drawn["audit.png"] = _audit(report)
    return drawn


def load_matplotlib() -> None:
    """Import what drawing needs (about a third of a second): a driver that waits on its workers does it then."""
    import matplotlib.backends.backend_agg
    import matplotlib.figure  # noqa: F401


def _figure(width: float, height: float) -> Any:
    """A figure on its own Agg canvas: no pyplot (its import, its backend choice, its global list of figures)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height))
    FigureCanvasAgg(figure)
    return figure


def _png(figure: Any) -> bytes:
    """The figure as PNG bytes with nothing that varies from run to run."""
    buffer = io.BytesIO()
    figure.tight_layout()
    figure.savefig(buffer, format="png", dpi=100, metadata={"Software": None})
    return buffer.getvalue()


def _depth_label(cells: dict[str, int]) -> bytes:
    depths = sorted({int(key.split("@")[1]) for key in cells})
    figure = _figure(7, 3.6)
    axes = figure.subplots()
    width = 0.8 / len(LABELS)
    for i, label in enumerate(LABELS):
        counts = [cells.get(f"{label}@{d}", 0) for d in depths]
        axes.bar([d + (i - 1) * width for d in depths], counts, width, label=label, color=COLOURS[label])
    axes.set_xticks(depths)
    axes.set_xlabel("depth (for Unknown: the near miss's depth)")
    axes.set_ylabel("questions")
    axes.set_title("Questions by depth and label", pad=24)
    axes.legend(frameon=False, ncol=len(LABELS), loc="lower center", bbox_to_anchor=(0.5, 1.0))
    return _png(figure)


def _theory_sizes(examples: Sequence[SampledTheory]) -> bytes:
    facts = Counter(e.facts for e in examples)
    rules = Counter(e.rules for e in examples)
    figure = _figure(8, 3.4)
    left, right = figure.subplots(1, 2, sharey=True)
    for axes, counts, what, colour in ((left, facts, "facts", "#55a868"), (right, rules, "rules", "#8172b2")):
        sizes = sorted(counts)
        axes.bar(sizes, [counts[s] for s in sizes], 0.8, color=colour)
        axes.set_xlabel(f"{what} per theory")
        axes.set_title(f"{what.capitalize()} per theory")
    left.set_ylabel(f"theories (of {len(examples)} sampled)")
    return _png(figure)


def _sentence_forms(examples: Sequence[SampledTheory]) -> bytes:
    forms: Counter[str] = Counter()
    said_as: Counter[tuple[str, bool]] = Counter()
    for example in examples:
        said = split_sentences(example.context)
        if len(said) != len(example.sentence_is_fact):
            continue
        said_as.update(zip(said, example.sentence_is_fact, strict=True))
    for (text, is_fact), times in said_as.items():  # each distinct sentence once: facts repeat across theories
        forms[sentence_form(text, is_fact)] += times
    names = sorted(forms, key=lambda name: (-forms[name], name))
    figure = _figure(7, 0.45 * max(len(names), 2) + 1.2)
    axes = figure.subplots()
    axes.barh(names[::-1], [forms[n] for n in names[::-1]], color="#64b5cd")
    axes.set_xlabel(f"sentences (in {len(examples)} sampled theories)")
    axes.set_title("Sentence forms in the contexts")
    return _png(figure)


def _audit(report: AuditReport) -> bytes:
    names = [c.name for c in report.classifiers]
    scores = [100 * c.accuracy for c in report.classifiers]
    names = [textwrap.fill(name, 28) for name in names]
    figure = _figure(8, 0.7 * len(names) + 2.2)
    axes = figure.subplots()
    bars = axes.barh(names[::-1], scores[::-1], color="#c44e52", height=0.6)
    axes.bar_label(bars, fmt="%.1f%%", padding=3)
    axes.axvline(
        100 * report.majority,
        color="black",
        linestyle="--",
        label=f"majority label ({report.majority_label.value}): {100 * report.majority:.1f}%",
    )
    axes.set_xlim(0, 100)
    axes.set_xlabel(
        f"held-out accuracy, % ({report.held_out} of {report.questions} questions held out, by theory)\n"
        f"polarity rule on True/False questions: {100 * report.polarity_accuracy:.1f}% (no shortcut: 50%)"
    )
    axes.set_title("Shortcut audit: can a classifier guess the label?", pad=24)
    axes.legend(frameon=False, loc="lower center", bbox_to_anchor=(0.5, 1.0))
    return _png(figure)
