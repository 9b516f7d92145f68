"""The shortcut audit: can a simple classifier guess labels from surface or structural features, without reasoning?

Several classifiers are fitted on a fixed 80% of the theories and scored on the other 20%, beside the
majority label: softmax regression over bag-of-words of question and context, softmax regression and
naive Bayes over structural features (where the statement's predicate, polarity and entity occur among
facts, rule heads and rule conditions; counts; the predicate's place in the rules), and ProofWriter's own
shortcut, polarity alone, on True/False questions. The structural features never ask whether the exact
statement or its negation is stated: that lookup is a depth-0 proof, reasoning rather than a shortcut.
A recipe's `audit.max_edge` caps the best classifier's lead over the majority label (`check_edge`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from proofloom.errors import ProofloomError
from proofloom.generator.audit_features import (
    LABELS,
    MAX_QUESTIONS,
    STRUCTURAL,
    Block,
    Row,
    bag_of_words,
    rows_of,
    structural_matrix,
)
from proofloom.generator.card_sample import SampledTheory
from proofloom.generator.example import Example
from proofloom.logic.semantics import Label

__all__ = [
    "LABELS",
    "MAX_QUESTIONS",
    "STRUCTURAL",
    "AuditEdgeError",
    "AuditError",
    "AuditReport",
    "ClassifierScore",
    "audit",
    "check_edge",
    "enforce_max_edge",
]

_TOP = 5


class AuditError(ProofloomError, ValueError):
    """Too few questions to hold some out: the audit cannot be scored (the card says it was not run)."""


class AuditEdgeError(ProofloomError):
    """A classifier guesses labels better than the recipe's `audit.max_edge` allows: the dataset has a shortcut."""


@dataclass(frozen=True, slots=True)
class ClassifierScore:
    """One classifier's held-out accuracy, and the features that weigh most in it (strongest first)."""

    name: str
    accuracy: float
    top_features: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AuditReport:
    """Each classifier's held-out accuracy beside the majority label's, and the polarity rule beside 50%."""

    questions: int  # audited (held out and trained on together)
    held_out: int
    majority_label: Label
    majority: float  # held-out accuracy of always answering the training part's commonest label
    classifiers: tuple[ClassifierScore, ...]
    polarity_accuracy: float  # best of "negated means False" and "negated means True", on True/False questions

    @property
    def best(self) -> ClassifierScore:
        """The classifier with the highest held-out accuracy (the first, on a tie)."""
        return max(self.classifiers, key=lambda c: c.accuracy)

    @property
    def edge(self) -> float:
        """How far the best classifier beats the majority label (accuracy points as a fraction)."""
        return self.best.accuracy - self.majority

    @property
    def classifier_accuracy(self) -> float:
        return self.best.accuracy

    @property
    def chance(self) -> float:
        return self.majority

    def lines(self) -> list[str]:
        return [
            f"majority label ({self.majority_label.value}): {self.majority:.1%} held-out accuracy "
            f"({self.held_out} of {self.questions} questions held out, by theory)",
            *[f"{c.name}: {c.accuracy:.1%}" for c in self.classifiers],
            f"best: {self.best.name}, {100 * self.edge:+.1f} points over the majority label; its top features: "
            + ", ".join(f"`{f}`" for f in self.best.top_features),
            f"polarity shortcut on True/False questions: {self.polarity_accuracy:.1%} (no shortcut: 50%; "
            "ProofWriter: 95.8%)",
        ]


def check_edge(report: AuditReport, max_edge: float, dataset: str) -> None:
    """AuditEdgeError (one line) where the best classifier's lead over the majority label exceeds `max_edge`."""
    if report.edge > max_edge:
        raise AuditEdgeError(
            f"{dataset}: the audit's {report.best.name} scores {report.best.accuracy:.1%} against the majority "
            f"label's {report.majority:.1%} ({100 * report.edge:+.1f} points; audit.max_edge allows "
            f"{100 * max_edge:.1f}); top features: {', '.join(report.best.top_features[:3])}"
        )


def enforce_max_edge(examples: Iterable[Example | SampledTheory], max_edge: float, dataset: str) -> None:
    """Audit `examples` and refuse (AuditEdgeError) a lead over `max_edge`, or an audit too small to be scored."""
    try:
        report = audit(examples)
    except AuditError as error:
        raise AuditEdgeError(f"{dataset}: audit.max_edge is set but the audit cannot be scored: {error}") from None
    check_edge(report, max_edge, dataset)


# --- the audit -----------------------------------------------------------------------------------


def audit(examples: Iterable[Example | SampledTheory], steps: int = 300) -> AuditReport:
    """Every classifier's held-out accuracy beside the majority label; AuditError when no question is held out."""
    rows, kept = rows_of(examples)
    test = np.array([r.held_out for r in rows], dtype=bool)
    train = ~test
    if test.sum() == 0 or train.sum() == 0:
        raise AuditError(
            f"the audit needs questions on both sides of its fixed 80/20 split of theories; {len(rows)} "
            f"questions put {int(test.sum())} in the held-out part"
        )
    y = np.array([LABELS.index(r.question.label) for r in rows])
    common = Counter(y[train].tolist()).most_common(1)[0][0]
    structural = structural_matrix(rows)
    vocabulary, words = bag_of_words(rows, kept, train)
    counts, groups = np.unique(np.log1p(structural), axis=0, return_inverse=True)
    by_row = (Block(counts, groups.reshape(-1), np.arange(len(STRUCTURAL))),)
    classifiers = (
        _logistic("logistic regression, bag of words (question + context)", words, y, train, vocabulary, steps),
        _logistic("logistic regression, structural features", by_row, y, train, STRUCTURAL, steps),
        _naive_bayes("naive Bayes, structural features", structural, y, train),
    )
    return AuditReport(
        questions=len(rows),
        held_out=int(test.sum()),
        majority_label=LABELS[common],
        majority=float((y[test] == common).mean()),
        classifiers=classifiers,
        polarity_accuracy=_polarity_accuracy(rows),
    )


def _logistic(
    name: str, blocks: Sequence[Block], y: np.ndarray, train: np.ndarray, names: Sequence[str], steps: int
) -> ClassifierScore:
    """Softmax regression with a little L2, fitted by Adam on standardised features; top features by weight spread.

    The standardisation is that of the dense design (the same float operations, so the same values); the fit
    then works on the blocks' grouped rows, which give the dense fit's logits and gradients."""
    x = sum(block.dense(len(names)) for block in blocks)  # once, for the column statistics only
    assert isinstance(x, np.ndarray)
    mean, scale = x[train].mean(axis=0), x[train].std(axis=0) + 1e-6
    standard = [
        Block(((b.values - mean[b.columns]) / scale[b.columns]).astype(np.float64), b.index, b.columns) for b in blocks
    ]
    weights = _fit(standard, len(names), y, train, steps)
    predicted = np.argmax(_logits(standard, weights, ~train), axis=1)
    spread = np.ptp(weights[:-1], axis=1)
    top = tuple(names[i] for i in np.argsort(-spread)[:_TOP])
    return ClassifierScore(name, float((predicted == y[~train]).mean()), top)


def _logits(blocks: Sequence[Block], weights: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """The design's chosen rows times `weights` (the last row the bias), one small product per block."""
    return _class_logits(blocks, weights, [block.index[rows] for block in blocks]).T


def _class_logits(blocks: Sequence[Block], weights: np.ndarray, chosen: Sequence[np.ndarray]) -> np.ndarray:
    """Logits class by class, (classes, rows): each block's product over its groups, then read per row."""
    logits = np.repeat(weights[-1][:, None], len(chosen[0]) if chosen else 0, axis=1)
    for block, index in zip(blocks, chosen, strict=True):
        logits += np.take(weights[block.columns].T @ block.values.T, index, axis=1)
    return logits


def _fit(
    blocks: Sequence[Block],
    width: int,
    y: np.ndarray,
    train: np.ndarray,
    steps: int,
    l2: float = 1e-3,
    rate: float = 0.05,
) -> np.ndarray:
    """Full-batch Adam on the mean cross-entropy over the training rows (small data: no library needed).

    Rows are held class by class (three long rows, not many rows of three), which numpy reduces fastest."""
    weights = np.zeros((width + 1, len(LABELS)))
    first, second = np.zeros_like(weights), np.zeros_like(weights)
    targets = np.eye(len(LABELS))[y[train]].T
    count = int(train.sum())
    chosen = [block.index[train] for block in blocks]
    gradient = np.zeros_like(weights)
    for step in range(1, steps + 1):
        logits = _class_logits(blocks, weights, chosen)
        logits -= np.maximum.reduce(logits)
        probabilities = np.exp(logits)
        probabilities /= np.add.reduce(probabilities)  # class by class, in order, as the dense sum
        error = probabilities - targets
        for block, index in zip(blocks, chosen, strict=True):
            gradient[block.columns] = (_group_sum(error, index, len(block.values)) @ block.values).T
        gradient[-1] = error.sum(axis=1)
        gradient = gradient / count + l2 * weights
        first = 0.9 * first + 0.1 * gradient
        second = 0.999 * second + 0.001 * gradient**2
        weights -= rate * (first / (1 - 0.9**step)) / (np.sqrt(second / (1 - 0.999**step)) + 1e-8)
    return weights


def _group_sum(values: np.ndarray, index: np.ndarray, groups: int) -> np.ndarray:
    """Each class's row of `values` summed by group: out[c, g] = sum of values[c, r] where index[r] == g."""
    return np.stack([np.bincount(index, row, minlength=groups) for row in values])


def _naive_bayes(name: str, x: np.ndarray, y: np.ndarray, train: np.ndarray, cap: int = 3) -> ClassifierScore:
    """Categorical naive Bayes over each count capped at `cap`, Laplace-smoothed; top features by how far
    their per-label likelihoods spread."""
    values = np.minimum(x, cap).astype(np.int64)
    classes = len(LABELS)
    prior = np.log(np.bincount(y[train], minlength=classes) + 1.0)
    # likelihood[f, v, c]: log P(feature f = v | label c)
    counts = np.ones((x.shape[1], cap + 1, classes))
    for c in range(classes):
        chosen = values[train & (y == c)]
        for v in range(cap + 1):
            counts[:, v, c] += (chosen == v).sum(axis=0)
    likelihood = np.log(counts / counts.sum(axis=1, keepdims=True))
    held = values[~train]
    scores = prior + likelihood[np.arange(x.shape[1]), held].sum(axis=1)
    predicted = np.argmax(scores, axis=1)
    spread = (likelihood.max(axis=2) - likelihood.min(axis=2)).max(axis=1)
    top = tuple(STRUCTURAL[i] for i in np.argsort(-spread)[:_TOP])
    return ClassifierScore(name, float((predicted == y[~train]).mean()), top)


def _polarity_accuracy(rows: list[Row]) -> float:
    decided = [
        (not r.question.statement.positive, r.question.label) for r in rows if r.question.label is not Label.UNKNOWN
    ]
    if not decided:
        return 0.5
    negated_false = sum(
        (negated and label is Label.FALSE) or (not negated and label is Label.TRUE) for negated, label in decided
    ) / len(decided)
    return max(negated_false, 1 - negated_false)
