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

import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from proofloom.errors import ProofloomError
from proofloom.generator.example import Example, GeneratedQuestion
from proofloom.logic.english import render_sentence
from proofloom.logic.semantics import Label
from proofloom.logic.terms import Constant, Literal, Rule, Theory

LABELS = (Label.TRUE, Label.FALSE, Label.UNKNOWN)
MAX_QUESTIONS = 24_000  # a larger dataset is audited on a fixed sample of its theories, by a hash of their ids
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


def enforce_max_edge(examples: Iterable[Example], max_edge: float, dataset: str) -> None:
    """Audit `examples` and refuse (AuditEdgeError) a lead over `max_edge`, or an audit too small to be scored."""
    try:
        report = audit(examples)
    except AuditError as error:
        raise AuditEdgeError(f"{dataset}: audit.max_edge is set but the audit cannot be scored: {error}") from None
    check_edge(report, max_edge, dataset)


# --- features ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Row:
    question: GeneratedQuestion
    theory: Theory
    context: str
    held_out: bool


def _rows(examples: Iterable[Example]) -> list[_Row]:
    rows = []
    for example in examples:
        digest = hashlib.sha256(example.id.encode()).digest()
        held_out = digest[0] < 52  # a fixed 20% of theories: their questions never inform the fit
        for question in example.questions:
            if question.label in LABELS:
                rows.append(_Row(question, example.theory, example.context, held_out))
    if len(rows) > MAX_QUESTIONS:
        keep = MAX_QUESTIONS / len(rows)
        rows = [r for r in rows if hashlib.sha256(r.question.id.encode()).digest()[1] / 256 < keep]
    return rows


STRUCTURAL = (
    "negated",
    "relation",
    "facts",
    "rules",
    "entities",
    "negated facts",
    "negated heads",
    "negated conditions",
    "facts: predicate, same polarity",
    "facts: predicate, opposite polarity",
    "facts: entity",
    "heads: predicate, same polarity",
    "heads: predicate, opposite polarity",
    "heads: predicate and entity, same polarity",
    "heads: predicate and entity, opposite polarity",
    "heads: entity named",
    "conditions: predicate, same polarity",
    "conditions: predicate, opposite polarity",
    "conditions: predicate and entity, same polarity",
    "conditions: predicate and entity, opposite polarity",
    "predicate in a head only",
    "predicate in a condition only",
    "predicate in heads and conditions",
    "predicate in no rule",
)


def structural_features(statement: Literal, theory: Theory) -> list[float]:
    """The counts named by STRUCTURAL for one statement and its theory (nothing that needs a proof)."""
    predicate, positive = statement.atom.predicate, statement.positive
    args = statement.atom.args
    entity = args[0]
    facts = [s.content for s in theory.facts if isinstance(s.content, Literal)]
    rules = [s.content for s in theory.rules if isinstance(s.content, Rule)]
    heads = [r.head for r in rules]
    conditions = [c for r in rules for c in r.conditions]

    def fits(literal: Literal) -> bool:  # the same predicate, the statement's constants or variables in their places
        return literal.atom.predicate == predicate and all(
            not isinstance(a, Constant) or a == b for a, b in zip(literal.atom.args, args, strict=False)
        )

    def count(literals: Sequence[Literal], test: Callable[[Literal], bool]) -> float:
        return float(sum(1 for literal in literals if test(literal)))

    in_heads = any(h.atom.predicate == predicate for h in heads)
    in_conditions = any(c.atom.predicate == predicate for c in conditions)
    return [
        float(not positive),
        float(len(args) == 2),
        float(len(facts)),
        float(len(rules)),
        float(len(theory.constants())),
        count(facts, lambda f: not f.positive),
        count(heads, lambda h: not h.positive),
        count(conditions, lambda c: not c.positive),
        count(facts, lambda f: f.atom.predicate == predicate and f.positive == positive),
        count(facts, lambda f: f.atom.predicate == predicate and f.positive != positive),
        count(facts, lambda f: entity in f.atom.args),
        count(heads, lambda h: h.atom.predicate == predicate and h.positive == positive),
        count(heads, lambda h: h.atom.predicate == predicate and h.positive != positive),
        count(heads, lambda h: fits(h) and h.positive == positive),
        count(heads, lambda h: fits(h) and h.positive != positive),
        count(heads, lambda h: entity in h.atom.args),
        count(conditions, lambda c: c.atom.predicate == predicate and c.positive == positive),
        count(conditions, lambda c: c.atom.predicate == predicate and c.positive != positive),
        count(conditions, lambda c: fits(c) and c.positive == positive),
        count(conditions, lambda c: fits(c) and c.positive != positive),
        float(in_heads and not in_conditions),
        float(in_conditions and not in_heads),
        float(in_heads and in_conditions),
        float(not in_heads and not in_conditions),
    ]


_WORD = re.compile(r"[a-z]+")


def _words(row: _Row) -> set[str]:
    """Bag-of-words tokens: the question's words and bigrams, and the context's words, kept apart."""
    question = _WORD.findall(render_sentence(row.question.statement).lower())
    tokens = {f"question: {w}" for w in question} | {
        f"question: {a} {b}" for a, b in zip(question, question[1:], strict=False)
    }
    return tokens | {f"context: {w}" for w in _WORD.findall(row.context.lower())}


# --- the audit -----------------------------------------------------------------------------------


def audit(examples: Iterable[Example], steps: int = 300) -> AuditReport:
    """Every classifier's held-out accuracy beside the majority label; AuditError when no question is held out."""
    rows = _rows(examples)
    test = np.array([r.held_out for r in rows], dtype=bool)
    train = ~test
    if test.sum() == 0 or train.sum() == 0:
        raise AuditError(
            f"the audit needs questions on both sides of its fixed 80/20 split of theories; {len(rows)} "
            f"questions put {int(test.sum())} in the held-out part"
        )
    y = np.array([LABELS.index(r.question.label) for r in rows])
    common = Counter(y[train].tolist()).most_common(1)[0][0]
    structural = np.array([structural_features(r.question.statement, r.theory) for r in rows], dtype=np.float64)
    vocabulary, words = _bag_of_words(rows, train)
    classifiers = (
        _logistic("logistic regression, bag of words (question + context)", words, y, train, vocabulary, steps),
        _logistic("logistic regression, structural features", np.log1p(structural), y, train, STRUCTURAL, steps),
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


def _bag_of_words(rows: list[_Row], train: np.ndarray) -> tuple[tuple[str, ...], np.ndarray]:
    """A binary matrix over the tokens seen in at least 5 training questions (the 2,000 commonest)."""
    bags = [_words(r) for r in rows]
    seen = Counter(t for bag, keep in zip(bags, train, strict=True) if keep for t in bag)
    vocabulary = tuple(sorted(t for t, n in seen.most_common(2000) if n >= 5))
    index = {t: i for i, t in enumerate(vocabulary)}
    matrix = np.zeros((len(rows), len(vocabulary)), dtype=np.float32)
    for row, bag in enumerate(bags):
        matrix[row, [index[t] for t in bag if t in index]] = 1.0
    return vocabulary, matrix


def _logistic(
    name: str, x: np.ndarray, y: np.ndarray, train: np.ndarray, names: Sequence[str], steps: int
) -> ClassifierScore:
    """Softmax regression with a little L2, fitted by Adam on standardised features; top features by weight spread."""
    mean, scale = x[train].mean(axis=0), x[train].std(axis=0) + 1e-6
    design = np.c_[(x - mean) / scale, np.ones(len(x))].astype(np.float64)
    weights = _fit(design[train], y[train], steps)
    predicted = np.argmax(design[~train] @ weights, axis=1)
    spread = np.ptp(weights[:-1], axis=1)
    top = tuple(names[i] for i in np.argsort(-spread)[:_TOP])
    return ClassifierScore(name, float((predicted == y[~train]).mean()), top)


def _fit(design: np.ndarray, y: np.ndarray, steps: int, l2: float = 1e-3, rate: float = 0.05) -> np.ndarray:
    """Full-batch Adam on the mean cross-entropy (small data: no library needed)."""
    weights = np.zeros((design.shape[1], len(LABELS)))
    first, second = np.zeros_like(weights), np.zeros_like(weights)
    targets = np.eye(len(LABELS))[y]
    for step in range(1, steps + 1):
        logits = design @ weights
        logits -= logits.max(axis=1, keepdims=True)
        probabilities = np.exp(logits)
        probabilities /= probabilities.sum(axis=1, keepdims=True)
        gradient = design.T @ (probabilities - targets) / len(design) + l2 * weights
        first = 0.9 * first + 0.1 * gradient
        second = 0.999 * second + 0.001 * gradient**2
        weights -= rate * (first / (1 - 0.9**step)) / (np.sqrt(second / (1 - 0.999**step)) + 1e-8)
    return weights


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


def _polarity_accuracy(rows: list[_Row]) -> float:
    decided = [
        (not r.question.statement.positive, r.question.label) for r in rows if r.question.label is not Label.UNKNOWN
    ]
    if not decided:
        return 0.5
    negated_false = sum(
        (negated and label is Label.FALSE) or (not negated and label is Label.TRUE) for negated, label in decided
    ) / len(decided)
    return max(negated_false, 1 - negated_false)
