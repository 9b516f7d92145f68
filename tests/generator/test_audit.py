"""The shortcut audit's grouped features and fits give what the plain, dense computation gives.

The reference below is the audit as first written: every structural count recomputed per question by a scan
of the whole theory, one dense row per question, the full design multiplied at every Adam step.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from proofloom.generator.audit import STRUCTURAL, audit
from proofloom.generator.audit_features import LABELS, rows_of
from proofloom.generator.card_sample import TheoryProfile
from proofloom.generator.example import Example
from proofloom.generator.generate import generate_example
from proofloom.generator.recipe import Recipe
from proofloom.logic.english import render_sentence
from proofloom.logic.terms import Constant, Literal, Rule, Theory

RECIPES = Path(__file__).resolve().parents[2] / "datasets"


def _plain_features(statement: Literal, theory: Theory) -> list[float]:
    """The STRUCTURAL counts by scanning every fact, head and condition for each one."""
    predicate, positive, args = statement.atom.predicate, statement.positive, statement.atom.args
    facts = [s.content for s in theory.facts if isinstance(s.content, Literal)]
    rules = [s.content for s in theory.rules if isinstance(s.content, Rule)]
    heads = [r.head for r in rules]
    conditions = [c for r in rules for c in r.conditions]

    def fits(literal: Literal) -> bool:
        return literal.atom.predicate == predicate and all(
            not isinstance(a, Constant) or a == b for a, b in zip(literal.atom.args, args, strict=False)
        )

    def count(literals: list[Literal], test: object) -> float:
        return float(sum(1 for literal in literals if test(literal)))  # type: ignore[operator]

    same = lambda f: f.atom.predicate == predicate and f.positive == positive  # noqa: E731
    other = lambda f: f.atom.predicate == predicate and f.positive != positive  # noqa: E731
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
        count(facts, same),
        count(facts, other),
        count(facts, lambda f: args[0] in f.atom.args),
        count(heads, same),
        count(heads, other),
        count(heads, lambda h: fits(h) and h.positive == positive),
        count(heads, lambda h: fits(h) and h.positive != positive),
        count(heads, lambda h: args[0] in h.atom.args),
        count(conditions, same),
        count(conditions, other),
        count(conditions, lambda c: fits(c) and c.positive == positive),
        count(conditions, lambda c: fits(c) and c.positive != positive),
        float(in_heads and not in_conditions),
        float(in_conditions and not in_heads),
        float(in_heads and in_conditions),
        float(not in_heads and not in_conditions),
    ]


def _dense_fit(design: np.ndarray, y: np.ndarray, steps: int = 300) -> np.ndarray:
    weights = np.zeros((design.shape[1], len(LABELS)))
    first, second = np.zeros_like(weights), np.zeros_like(weights)
    targets = np.eye(len(LABELS))[y]
    for step in range(1, steps + 1):
        logits = design @ weights
        logits -= logits.max(axis=1, keepdims=True)
        probabilities = np.exp(logits)
        probabilities /= probabilities.sum(axis=1, keepdims=True)
        gradient = design.T @ (probabilities - targets) / len(design) + 1e-3 * weights
        first = 0.9 * first + 0.1 * gradient
        second = 0.999 * second + 0.001 * gradient**2
        weights -= 0.05 * (first / (1 - 0.9**step)) / (np.sqrt(second / (1 - 0.999**step)) + 1e-8)
    return weights


def _dense_logistic(x: np.ndarray, y: np.ndarray, train: np.ndarray, names: tuple[str, ...]) -> tuple[float, tuple]:
    mean, scale = x[train].mean(axis=0), x[train].std(axis=0) + 1e-6
    design = np.c_[(x - mean) / scale, np.ones(len(x))].astype(np.float64)
    weights = _dense_fit(design[train], y[train])
    predicted = np.argmax(design[~train] @ weights, axis=1)
    top = tuple(names[i] for i in np.argsort(-np.ptp(weights[:-1], axis=1))[:5])
    return float((predicted == y[~train]).mean()), top


def _dense_words(examples: list[Example], train: np.ndarray) -> tuple[tuple[str, ...], np.ndarray]:
    rows, kept = rows_of(examples)
    bags = []
    for row in rows:
        words = re.findall(r"[a-z]+", render_sentence(row.question.statement).lower())
        bag = {f"question: {w}" for w in words} | {f"question: {a} {b}" for a, b in zip(words, words[1:], strict=False)}
        bags.append(bag | {f"context: {w}" for w in re.findall(r"[a-z]+", kept[row.theory].context.lower())})
    seen = Counter(t for bag, keep in zip(bags, train, strict=True) if keep for t in bag)
    vocabulary = tuple(sorted(t for t, n in seen.most_common(2000) if n >= 5))
    index = {t: i for i, t in enumerate(vocabulary)}
    matrix = np.zeros((len(rows), len(vocabulary)), dtype=np.float32)
    for number, bag in enumerate(bags):
        matrix[number, [index[t] for t in bag if t in index]] = 1.0
    return vocabulary, matrix


@pytest.fixture(scope="module")
def examples() -> list[Example]:
    recipe = Recipe.load(RECIPES / "proofwriter-owa-d5.toml")
    return [generate_example(recipe, i) for i in range(120)]


def test_a_theory_profile_counts_what_a_scan_of_the_theory_counts(examples: list[Example]) -> None:
    for example in examples:
        profile = TheoryProfile(example.theory)
        for question in example.questions:
            assert profile.features(question.statement) == _plain_features(question.statement, example.theory)
    assert len(_plain_features(examples[0].questions[0].statement, examples[0].theory)) == len(STRUCTURAL)


def test_the_grouped_audit_scores_as_the_dense_fit_does(examples: list[Example]) -> None:
    rows, kept = rows_of(examples)
    train = np.array([not r.held_out for r in rows])
    y = np.array([LABELS.index(r.question.label) for r in rows])
    structural = np.array([_plain_features(r.question.statement, examples[r.theory].theory) for r in rows])
    vocabulary, words = _dense_words(examples, train)
    report = audit(examples)
    bag, by_structure = report.classifiers[0], report.classifiers[1]
    assert (bag.accuracy, bag.top_features) == _dense_logistic(words, y, train, vocabulary)
    assert (by_structure.accuracy, by_structure.top_features) == _dense_logistic(
        np.log1p(structural), y, train, STRUCTURAL
    )


@pytest.mark.parametrize(
    "context",
    ["Bob's dog isn't big. If X is 'red' then it is.", "a\tb\nc  D-e_f 9g", "", "The café is nice.", "\u212a"],
)
def test_context_words_split_as_the_pattern_finds_them(context: str) -> None:
    from proofloom.generator.audit_features import _context_tokens

    words = re.findall(r"[a-z]+", context.lower())
    assert _context_tokens(context) == frozenset(f"context: {w}" for w in words)
