"""The shortcut audit's features, each computed once per theory or once per distinct question.

A theory's six or so questions share its facts, rules and context, so the structural counts come from one
`TheoryProfile` per theory (counts by predicate and polarity, by entity, rule heads and conditions grouped by
predicate), read where the theory is made (`card_sample.SampledTheory`), and the bag of words from one token
set per context and one per distinct statement. The design
matrices stay grouped (`Block`: one row per theory or per distinct question, and each question's group), so
the classifiers fit on a few thousand short rows instead of one dense row per question.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from proofloom.generator.card_sample import AuditedQuestion, SampledTheory, TheoryProfile, sampled_all
from proofloom.generator.example import Example
from proofloom.logic.english import render_sentence
from proofloom.logic.semantics import Label
from proofloom.logic.terms import Literal

__all__ = [
    "LABELS",
    "MAX_QUESTIONS",
    "STRUCTURAL",
    "Block",
    "Row",
    "TheoryProfile",
    "bag_of_words",
    "rows_of",
    "structural_matrix",
]

LABELS = (Label.TRUE, Label.FALSE, Label.UNKNOWN)
MAX_QUESTIONS = 24_000  # a larger dataset is audited on a fixed sample of its theories, by a hash of their ids
VOCABULARY = 2000  # the bag of words keeps the commonest tokens seen in at least MIN_SEEN training questions
MIN_SEEN = 5

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


@dataclass(frozen=True, slots=True)
class Row:
    """One audited question: its theory's position among the audited examples, and which side of the split."""

    question: AuditedQuestion
    theory: int
    held_out: bool


def rows_of(examples: Iterable[Example | SampledTheory]) -> tuple[list[Row], list[SampledTheory]]:
    """The audited questions (True, False or Unknown; at most MAX_QUESTIONS, by a hash of their ids) and the
    theories they come from, as the card keeps them; a fixed 20% of theories, by a hash of their ids, is held
    out."""
    rows: list[Row] = []
    kept: list[SampledTheory] = []
    for example in sampled_all(examples):
        held_out = hashlib.sha256(example.id.encode()).digest()[0] < 52  # never informs the fit
        for question in example.questions:
            if question.label in LABELS:
                rows.append(Row(question, len(kept), held_out))
        kept.append(example)
    if len(rows) > MAX_QUESTIONS:
        keep = MAX_QUESTIONS / len(rows)
        rows = [r for r in rows if hashlib.sha256(r.question.id.encode()).digest()[1] / 256 < keep]
    return rows, kept


def structural_matrix(rows: list[Row]) -> np.ndarray:
    """Each row's STRUCTURAL counts (float64), as its theory's profile gave them where it was made."""
    table = [row.question.structural for row in rows]
    return np.array(table, dtype=np.float64).reshape(len(rows), len(STRUCTURAL))


@dataclass(frozen=True, slots=True)
class Block:
    """Columns `columns` of a design matrix whose row r is `values[index[r]]`: rows sharing a group (a theory,
    a statement) share one row of `values`."""

    values: np.ndarray  # (groups, len(columns))
    index: np.ndarray  # (rows,) the group of each row
    columns: np.ndarray  # (width,) where the block's columns sit among the design's

    def dense(self, width: int) -> np.ndarray:
        """The block's rows spread over a design of `width` columns (zeros elsewhere)."""
        out = np.zeros((len(self.index), width), dtype=self.values.dtype)
        out[:, self.columns] = self.values[self.index]
        return out


_WORD = re.compile(r"[a-z]+")


def _question_tokens(statement: Literal) -> frozenset[str]:
    """The question's words and bigrams."""
    words = _WORD.findall(render_sentence(statement).lower())
    return frozenset(
        {f"question: {w}" for w in words} | {f"question: {a} {b}" for a, b in zip(words, words[1:], strict=False)}
    )


# Every ASCII character but a-z to a space: an ASCII text's words split as _WORD finds them, at C speed.
_LETTERS_ONLY = str.maketrans({chr(c): " " for c in range(128) if not ("a" <= chr(c) <= "z")})


def _context_tokens(context: str) -> frozenset[str]:
    """The context's distinct words (a context says each of its few dozen words many times)."""
    text = context.lower()
    words = text.translate(_LETTERS_ONLY).split() if text.isascii() else _WORD.findall(text)
    return frozenset(["context: " + w for w in set(words)])


def bag_of_words(
    rows: list[Row], examples: list[SampledTheory], train: np.ndarray
) -> tuple[tuple[str, ...], tuple[Block, Block]]:
    """The tokens seen in at least MIN_SEEN training questions (the VOCABULARY commonest, ties by name), sorted,
    and the binary design over them as two blocks: the question's tokens (one row per distinct statement) and
    the context's (one row per theory)."""
    statements: dict[Literal, int] = {}
    for row in rows:
        statements.setdefault(row.question.statement, len(statements))
    asked = [_question_tokens(s) for s in statements]
    theories = sorted({row.theory for row in rows})
    said = {t: _context_tokens(examples[t].context) for t in theories}
    by_statement: Counter[int] = Counter()
    by_theory: Counter[int] = Counter()
    for row, keep in zip(rows, train, strict=True):
        if keep:
            by_statement[statements[row.question.statement]] += 1
            by_theory[row.theory] += 1
    seen: Counter[str] = Counter()
    for number, times in by_statement.items():
        seen.update(dict.fromkeys(asked[number], times))
    for theory, times in by_theory.items():
        seen.update(dict.fromkeys(said[theory], times))
    ranked = sorted(seen.items(), key=lambda item: (-item[1], item[0]))[:VOCABULARY]
    vocabulary = tuple(sorted(token for token, times in ranked if times >= MIN_SEEN))
    question_index = np.array([statements[row.question.statement] for row in rows], dtype=np.intp)
    place = {t: i for i, t in enumerate(theories)}
    context_index = np.array([place[row.theory] for row in rows], dtype=np.intp)
    position = {token: i for i, token in enumerate(vocabulary)}
    question = _binary(asked, position, "question: ", question_index)
    context = _binary([said[t] for t in theories], position, "context: ", context_index)
    return vocabulary, (question, context)


def _binary(bags: list[frozenset[str]], position: dict[str, int], prefix: str, index: np.ndarray) -> Block:
    """One row per bag over the vocabulary's tokens that start with `prefix`."""
    columns = np.array(sorted(i for token, i in position.items() if token.startswith(prefix)), dtype=np.intp)
    local = {int(c): k for k, c in enumerate(columns)}
    values = np.zeros((len(bags), len(columns)), dtype=np.float32)
    for number, bag in enumerate(bags):
        values[number, [local[position[t]] for t in bag if t in position]] = 1.0
    return Block(values, index, columns)
