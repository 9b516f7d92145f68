"""Decoding held to the shape of a step: an offered rule, one listed fact per condition, each once, a new
conclusion. A prefix trie over the facts' tokens does the quoting part.

A step quotes its premises (`rule1 bob big & bob kind -> bob red`). Left free, a small model often quotes
a fact that is not there (`erin round` where only `gary round` is stated), quotes one fact twice, writes
fewer or more quotes than its rule has conditions, or concludes a fact it was shown. Constrained, it answers
for the rule it was asked about (or just `none`), writes as many quotes as that rule has conditions, each a
distinct stated or derived fact from its prompt, word for word, and concludes a literal over the theory's own
predicates and constants that is not listed there; an answer refused before cannot be written again, so the
beams that would have spent themselves on it find the model's next answers instead.
The model still chooses which facts, in which order, under which binding, and what they conclude: whether
that is a valid step is Z3's to say. A row whose model has no word for the rule id is left free.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from proofloom.logic.terms import Atom, Literal, Theory
from proofloom.prover.loop.step_text import AND, compact_literal
from proofloom.prover.neural.text import NO_STEP

if TYPE_CHECKING:  # imported where used: loading torch takes seconds
    import torch
    from tokenizers import Tokenizer

Tokens = tuple[int, ...]


class QuoteConstraint:
    """`prefix_allowed_tokens_fn` for transformers' `generate`; row i of the batch may use the rules of
    `asked[i]`, given as rule name -> number of its conditions (one rule when a rule is asked about, every rule
    of the theory when the whole state is)."""

    def __init__(
        self,
        tokenizer: Tokenizer,
        facts: Iterable[Literal],
        prompt_width: int,
        asked: Sequence[Mapping[str, int]],
        theory: Theory,
        refused: Sequence[Iterable[str]] = (),
    ) -> None:
        self.prompt_width = prompt_width
        vocabulary: dict[str, int] = tokenizer.get_vocab()
        self.everything = sorted(vocabulary.values())
        self.asked = [{vocabulary[rule]: n for rule, n in menu.items() if rule in vocabulary} for menu in asked]
        self.no_step = vocabulary.get(NO_STEP)
        self.joiner = vocabulary.get(AND)
        self.arrow = vocabulary.get("->")
        self.end = vocabulary["</s>"]  # every proofloom tokenizer has it (`model.SPECIAL`)
        self.refused = [self._refused_prefixes(tokenizer, texts) for texts in refused]
        unknown = vocabulary.get("<unk>", -1)  # -1 is no token's id: nothing is unknown without an <unk>
        self.under = self._fact_prefixes(tokenizer, facts, unknown)
        listed = self.under.get((), set())  # every fact: the empty prefix starts them all
        self.news: dict[Tokens, set[int]] = {}  # a prefix -> the next words of the new literals it starts
        self.endings: dict[Tokens, int] = {}  # a prefix (ended or not) -> how many whole literals it leads to
        for literal in _literals_over(theory):
            ids = tuple(vocabulary.get(word, unknown) for word in compact_literal(literal).split())
            if unknown in ids or ids in listed:  # a conclusion is a literal over the theory's words, not listed
                continue
            for end, token in enumerate((*ids, self.end)):
                self.news.setdefault(ids[:end], set()).add(token)
                self.endings[ids[:end]] = self.endings.get(ids[:end], 0) + 1
            self.endings[(*ids, self.end)] = 1

    def _refused_prefixes(self, tokenizer: Tokenizer, texts: Iterable[str]) -> dict[Tokens, int]:
        """A row's answers refused before (as it writes them, ended), counted under each of their prefixes: a
        prefix every completion of which was refused is closed, so the beams go to the model's other answers."""
        under: dict[Tokens, int] = {}
        for ids in {(*tokenizer.encode(text).ids, self.end) for text in texts}:
            for end in range(len(ids) + 1):
                under[ids[:end]] = under.get(ids[:end], 0) + 1
        return under

    @staticmethod
    def _fact_prefixes(tokenizer: Tokenizer, facts: Iterable[Literal], unknown: int) -> dict[Tokens, set[Tokens]]:
        """A prefix -> the facts (as tokens) that start with it: the trie a quote is written along."""
        under: dict[Tokens, set[Tokens]] = {}
        for fact in facts:
            ids = tuple(tokenizer.encode(compact_literal(fact)).ids)
            if unknown in ids:  # a word the model has never seen: it cannot quote it anyway
                continue
            for end in range(len(ids) + 1):
                under.setdefault(ids[:end], set()).add(ids)
        return under

    def __call__(self, batch_id: int, sequence: torch.Tensor) -> list[int]:
        return self.allowed(sequence[self.prompt_width :].tolist(), batch_id)

    def allowed(self, written: Sequence[int], row: int) -> list[int]:
        """The tokens that may come next after `written` (the answer so far, after the prompt) in `row`."""
        menu = self.asked[row]
        if not menu or self.joiner is None or self.arrow is None:
            return self.everything
        if not written:
            return sorted(set(menu) | ({self.no_step} if self.no_step is not None else set()))
        conditions = menu.get(written[0])
        if conditions is None:
            return [self.end]  # `none` is the whole answer
        if self.arrow in written:  # a literal over the theory's words, not one of the listed facts
            conclusion = tuple(written[written.index(self.arrow) + 1 :])
            nexts = self.news.get(conclusion)
            if nexts is None:
                return self.everything
            refused = self.refused[row] if row < len(self.refused) else {}
            so_far = tuple(written)
            open_ = [t for t in nexts if refused.get((*so_far, t), 0) < self.endings[(*conclusion, t)]]
            return sorted(open_) or [self.end]  # all refused: the beam ends on one, which is not proposed
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
