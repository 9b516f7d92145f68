"""Decoding held to the shape of a step: the asked rule, one listed fact per condition, each once, a new
conclusion. A prefix trie over the facts' tokens does the quoting part.

A step quotes its premises (`rule1 bob big & bob kind -> bob red`). Left free, a small model often quotes
a fact that is not there (`erin round` where only `gary round` is stated), quotes one fact twice, writes
fewer or more quotes than its rule has conditions, or concludes a fact it was shown. Constrained, it answers
for the rule it was asked about (or just `none`), writes as many quotes as that rule has conditions, each a
distinct stated or derived fact from its prompt, word for word, and concludes a literal over the theory's own
predicates and constants that is not listed there.
The model still chooses which facts, in which order, under which binding, and what they conclude: whether
that is a valid step is Z3's to say. A row whose model has no word for the rule id is left free.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from typing import Any

from proofloom.logic.terms import Atom, Literal, Theory
from proofloom.prover.neural.text import AND, NO_STEP, compact_literal

Tokens = tuple[int, ...]


class QuoteConstraint:
    """`prefix_allowed_tokens_fn` for transformers' `generate`; row i of the batch asks about `asked[i]`,
    given as (rule id, number of its conditions)."""

    def __init__(
        self,
        tokenizer: Any,
        facts: Iterable[Literal],
        prompt_width: int,
        asked: Sequence[tuple[str, int]],
        theory: Theory,
    ) -> None:
        self.prompt_width = prompt_width
        vocabulary: dict[str, int] = tokenizer.get_vocab()
        self.everything = sorted(vocabulary.values())
        self.asked = [(vocabulary.get(rule), conditions) for rule, conditions in asked]
        self.no_step = vocabulary.get(NO_STEP)
        self.joiner = vocabulary.get(AND)
        self.arrow = vocabulary.get("->")
        self.end = vocabulary["</s>"]  # every proofloom tokenizer has it (`model.SPECIAL`)
        unknown = vocabulary.get("<unk>")
        self.under: dict[Tokens, set[Tokens]] = {}  # a prefix -> the facts (as tokens) that start with it
        listed: set[Tokens] = set()
        for fact in facts:
            ids = tuple(tokenizer.encode(compact_literal(fact)).ids)
            if unknown in ids:  # a word the model has never seen: it cannot quote it anyway
                continue
            listed.add(ids)
            for end in range(len(ids) + 1):
                self.under.setdefault(ids[:end], set()).add(ids)
        # conclusions: a prefix -> the next words of the literals over the theory's words that are not listed
        self.news: dict[Tokens, set[int]] = {}
        for literal in _literals_over(theory):
            ids = tuple(vocabulary.get(word, unknown) for word in compact_literal(literal).split())
            if unknown in ids or ids in listed:
                continue
            for end, token in enumerate((*ids, self.end)):
                self.news.setdefault(ids[:end], set()).add(token)

    def __call__(self, batch_id: int, sequence: Any) -> list[int]:
        return self.allowed(sequence[self.prompt_width :].tolist(), batch_id)

    def allowed(self, written: Sequence[int], row: int) -> list[int]:
        """The tokens that may come next after `written` (the answer so far, after the prompt) in `row`."""
        rule, conditions = self.asked[row]
        if rule is None or self.joiner is None or self.arrow is None:
            return self.everything
        if not written:
            return sorted({rule} | ({self.no_step} if self.no_step is not None else set()))
        if written[0] != rule:
            return [self.end]  # `none` is the whole answer
        if self.arrow in written:  # a literal over the theory's words, not one of the listed facts
            return sorted(self.news.get(tuple(written[written.index(self.arrow) + 1 :]), ())) or self.everything
        *done, current = _quotes(written[1:], self.joiner)
        fresh = [fact for fact in self.under.get(current, ()) if fact not in done]  # each fact quoted once
        nexts = {fact[len(current)] for fact in fresh if len(fact) > len(current)}
        if current in fresh:
            nexts.add(self.joiner if len(done) + 1 < conditions else self.arrow)
        return sorted(nexts) or self.everything  # no fact fits at all: the model says what it says, Z3 refuses it


def _quotes(tokens: Sequence[int], joiner: int) -> list[Tokens]:
    """The quotes written so far, split at the joiner; the last one may be unfinished (or empty)."""
    quotes: list[Tokens] = [()]
    for token in tokens:
        if token == joiner:
            quotes.append(())
        else:
            quotes[-1] = (*quotes[-1], token)
    return quotes


def _literals_over(theory: Theory) -> Iterable[Literal]:
    """Every ground literal, either polarity, over the theory's predicates (at their arity) and constants."""
    constants = theory.constants()
    for predicate, arity in theory.predicates().items():
        for args in itertools.product(constants, repeat=arity):
            for positive in (True, False):
                yield Literal(Atom(predicate, args), positive)
