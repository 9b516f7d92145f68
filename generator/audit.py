"""The shortcut audit: can a simple classifier guess labels from surface features, without reasoning?

Features are the ones known shortcuts hide in (statement polarity, fact and rule counts, word overlap
between statement and context, relation or attribute, whether a rule concludes the statement's word).
A multinomial logistic regression is fitted on 80% of the questions and scored on the rest, beside
chance (the majority label). ProofWriter's own shortcut, polarity alone, is scored on True/False questions.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from proofloom.errors import ProofloomError
from proofloom.generator.example import Example
from proofloom.logic.english import render_sentence
from proofloom.logic.semantics import Label
from proofloom.logic.terms import Rule

FEATURES = ("negated", "facts", "rules", "word_overlap", "relation", "head_predicate", "negation_in_context")
LABELS = (Label.TRUE, Label.FALSE, Label.UNKNOWN)


class AuditError(ProofloomError, ValueError):
    """Too few questions to hold some out: the audit cannot be scored (the card says it was not run)."""


@dataclass(frozen=True, slots=True)
class AuditReport:
    """Held-out accuracy of the surface classifier beside chance, and of the polarity rule beside 50%."""

    questions: int
    classifier_accuracy: float
    chance: float
    polarity_accuracy: float  # best of "negated means False" and "negated means True", on True/False questions

    def lines(self) -> list[str]:
        return [
            f"surface-feature classifier: {self.classifier_accuracy:.1%} held-out accuracy "
            f"(chance, the majority label: {self.chance:.1%}; {self.questions} questions)",
            f"polarity shortcut on True/False questions: {self.polarity_accuracy:.1%} (no shortcut: 50%; "
            "ProofWriter: 95.8%)",
        ]


def features(example: Example) -> Iterable[tuple[str, list[float], Label]]:
    """(question id, feature vector, label) for each question."""
    context_words = set(re.findall(r"[a-z]+", example.context.lower()))
    heads = {s.content.head.atom.predicate for s in example.theory.rules if isinstance(s.content, Rule)}
    negation = float(" not " in example.context)
    for question in example.questions:
        words = set(re.findall(r"[a-z]+", render_sentence(question.statement).lower())) - {"is", "the", "not", "does"}
        overlap = len(words & context_words) / max(len(words), 1)
        vector = [
            float(not question.statement.positive),
            float(len(example.theory.facts)),
            float(len(example.theory.rules)),
            overlap,
            float(question.statement.atom.arity == 2),
            float(question.statement.atom.predicate in heads),
            negation,
        ]
        yield question.id, vector, question.label


def audit(examples: Iterable[Example], epochs: int = 400) -> AuditReport:
    """The surface classifier's held-out accuracy beside chance; AuditError when no question is held out."""
    rows = [row for example in examples for row in features(example)]
    held_out = [_held_out(qid) for qid, _, _ in rows]
    x = np.array([vector for _, vector, _ in rows], dtype=np.float64)
    y = np.array([LABELS.index(label) for _, _, label in rows])
    test = np.array(held_out, dtype=bool)
    train = ~test
    if test.sum() == 0 or train.sum() == 0:
        raise AuditError(
            f"the audit needs questions on both sides of its fixed 80/20 split; {len(rows)} questions "
            f"put {int(test.sum())} in the held-out part"
        )
    mean, scale = x[train].mean(axis=0), x[train].std(axis=0) + 1e-9
    z = (x - mean) / scale
    weights = _fit(z[train], y[train], epochs)
    predicted = np.argmax(np.c_[z[test], np.ones(test.sum())] @ weights, axis=1)
    counts = Counter(y[test].tolist())
    return AuditReport(
        questions=len(rows),
        classifier_accuracy=float((predicted == y[test]).mean()),
        chance=max(counts.values()) / test.sum(),
        polarity_accuracy=_polarity_accuracy(rows),
    )


def _held_out(question_id: str) -> bool:
    """A fixed 20% of questions, by a hash of their id: the same split at every run."""
    return hashlib.sha256(question_id.encode()).digest()[0] < 52


def _fit(x: np.ndarray, y: np.ndarray, epochs: int) -> np.ndarray:
    """Softmax regression by full-batch gradient descent (small data: no library needed)."""
    design = np.c_[x, np.ones(len(x))]
    weights = np.zeros((design.shape[1], len(LABELS)))
    targets = np.eye(len(LABELS))[y]
    for _ in range(epochs):
        logits = design @ weights
        logits -= logits.max(axis=1, keepdims=True)
        probabilities = np.exp(logits)
        probabilities /= probabilities.sum(axis=1, keepdims=True)
        weights -= 0.5 * design.T @ (probabilities - targets) / len(design)
    return weights


def _polarity_accuracy(rows: list[tuple[str, list[float], Label]]) -> float:
    decided = [(vector[0] == 1.0, label) for _, vector, label in rows if label is not Label.UNKNOWN]
    if not decided:
        return 0.5
    negated_false = sum(
        (negated and label is Label.FALSE) or (not negated and label is Label.TRUE) for negated, label in decided
    ) / len(decided)
    return max(negated_false, 1 - negated_false)
