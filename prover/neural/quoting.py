"""Decoding that can only quote facts the model was shown: a prefix trie over the facts' tokens.

A step quotes its premises (`rule1 bob big & bob kind -> bob red`). Left free, a small model often quotes
a fact that is not there (`erin round` where only `gary round` is stated); constrained, every quote it
writes is one of the stated or derived facts listed in its prompt, word for word. The model still chooses
which facts, in which order, under which binding, and what they conclude; whether that is a valid step is
Z3's to say. Nothing after `->` is constrained, and neither is a `none` answer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from proofloom.logic.terms import Literal
from proofloom.prover.neural.text import AND, compact_literal

_RULE_ID = re.compile(r"rule\d+\Z")


class QuoteConstraint:
    """`prefix_allowed_tokens_fn` for transformers' `generate`: after a rule's id, quotes follow the trie."""

    def __init__(self, tokenizer: Any, facts: Iterable[Literal], prompt_width: int) -> None:
        self.prompt_width = prompt_width
        vocabulary: dict[str, int] = tokenizer.get_vocab()
        self.everything = sorted(vocabulary.values())
        self.rule_ids = {token for word, token in vocabulary.items() if _RULE_ID.match(word)}
        self.joiner = vocabulary.get(AND)
        self.arrow = vocabulary.get("->")
        unknown = vocabulary.get("<unk>")
        self.children: dict[tuple[int, ...], set[int]] = {}
        self.complete: set[tuple[int, ...]] = set()
        for fact in facts:
            ids = tuple(tokenizer.encode(compact_literal(fact)).ids)
            if unknown in ids:  # a word the model has never seen: it cannot quote it anyway
                continue
            for end in range(len(ids)):
                self.children.setdefault(ids[:end], set()).add(ids[end])
            self.complete.add(ids)

    def __call__(self, batch_id: int, sequence: Any) -> list[int]:
        return self.allowed(sequence[self.prompt_width :].tolist())

    def allowed(self, written: Sequence[int]) -> list[int]:
        """The tokens that may come next after `written` (the answer so far, after the prompt)."""
        if not written or written[0] not in self.rule_ids or self.arrow in written or self.joiner is None:
            return self.everything  # the first word, a `none` answer, or the conclusion
        quote = tuple(written[1:])
        if self.joiner in quote:
            quote = quote[len(quote) - quote[::-1].index(self.joiner) :]
        nexts = set(self.children.get(quote, ()))
        if quote in self.complete and self.arrow is not None:
            nexts |= {self.joiner, self.arrow}
        return sorted(nexts) or self.everything  # no fact fits: the model says what it says, and Z3 refuses it
