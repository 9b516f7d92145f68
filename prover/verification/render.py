"""A verified explanation as a picture: the tree drawn in SVG by `proof.picture`, and a page around it.

Each step's conclusion sits above its premises, every box named as the explanation names it (`sent3`, `int1`,
`hypothesis`); accepted steps are green, refused ones red with their reason beneath, so a person can see where
a proof breaks.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from proofloom.logic.english import render_sentence
from proofloom.logic.terms import Rule, Theory
from proofloom.prover.proof.picture import Card, Shade, tree_svg
from proofloom.prover.verification.verdicts import StepVerdict, Verification
from proofloom.words import counted


def render_html(verification: Verification, theory: Theory, title: str = "proofloom verification") -> str:
    """The page: a headline verdict, the drawn tree, and the list of diagnoses."""
    verdict = "valid" if verification.valid else f"invalid: {counted(len(verification.errors), 'problem')}"
    problems = "".join(
        f"<li><b>{html.escape(e.error.value)}</b>{f' (step {e.step})' if e.step else ''}: {html.escape(e.message)}</li>"
        for e in verification.errors
    )
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title>"
        "<style>body{font-family:system-ui,sans-serif;margin:24px;color:#111827} .tree{overflow:auto}</style>"
        f"</head><body><h1>{html.escape(title)}</h1><p>The explanation is <b>{verdict}</b>.</p>"
        f"<div class='tree'>{verification_svg(verification, lambda label: leaf_text(label, theory))}</div>"
        f"<ul>{problems}</ul></body></html>\n"
    )


def verification_svg(verification: Verification, leaf: Callable[[str], tuple[str, Shade]]) -> str:
    """The explanation's tree; `leaf` gives a premise label's sentence and shade (`leaf_text` with a theory)."""
    cards, edges = verification_cards(verification, leaf)
    return tree_svg(cards, edges)


def verification_cards(
    verification: Verification, leaf: Callable[[str], tuple[str, Shade]]
) -> tuple[list[Card], list[tuple[str, str]]]:
    """A box per premise label and per step (an intermediate is the latest earlier step that concluded it)."""
    cards: dict[str, Card] = {}
    edges: list[tuple[str, str]] = []
    for step in verification.steps:
        key = f"step{step.index}"
        for label in step.premises:
            premise = _premise_key(label, verification.steps, step.index)
            if premise not in cards:
                text, shade = leaf(label)
                cards[premise] = Card(premise, label, text, shade)
            if (premise, key) not in edges:
                edges.append((premise, key))
        cards[key] = Card(key, step.name, step.conclusion, Shade.DERIVED if step.valid else Shade.INVALID, _note(step))
    return list(cards.values()), edges


def _note(step: StepVerdict) -> str:
    if step.error is not None:
        return step.error.error.value.replace("_", " ")
    notes = ["multi-hop"] if step.multi_hop else []
    if step.semantics is not None and step.semantics.value != "owa":
        notes.append(f"needs {step.semantics.value}")
    return ", ".join(notes)


def leaf_text(label: str, theory: Theory | None) -> tuple[str, Shade]:
    """A premise label's sentence (`sentN` by position, else by sentence id) and whether it is a rule."""
    if theory is None:
        return "", Shade.FACT
    sentence = None
    if label.startswith("sent") and label[4:].isdigit() and 1 <= int(label[4:]) <= len(theory):
        sentence = theory.sentences[int(label[4:]) - 1]
    else:
        try:
            sentence = theory[label]
        except KeyError:
            return label, Shade.ASSUMED
    return render_sentence(sentence.content), Shade.RULE if isinstance(sentence.content, Rule) else Shade.FACT


def _premise_key(label: str, steps: tuple[StepVerdict, ...], before: int) -> str:
    """An intermediate points at the latest earlier step that concluded it; anything else is a leaf."""
    for step in reversed(steps[: before - 1]):
        if label == step.name:
            return f"step{step.index}"
    return f"leaf:{label}"
