"""The paraphrase bank: every way the generator may write a fact, a rule or a question, each checked to read
back to the same logic.

A sentence's paraphrases are its renderings in every rule template (`If ...`, `All ... things`, `Every
wumpus ...`, `Everything that is ...`, with `people`/`someone` where it speaks of people), the if-rule's
comma forms (`If A, then B.`, `If A, B.`), and for questions the frames people ask in. A rendering enters
the bank only if the reader gives back exactly the sentence's logic, so a recipe that draws from it never
writes what it cannot read. Facts and rules with a negation may also be written contracted (`isn't`,
`doesn't`).
"""

from __future__ import annotations

import random
from functools import lru_cache

from proofloom.errors import EnglishSyntaxError, LogicError
from proofloom.logic.english import Lexicon, read_chain_sentence, read_statement, render_sentence
from proofloom.logic.terms import Content, DisjunctiveRule, Literal, Rule, RuleForm, RuleStyle, Theory

QUESTION_FRAMES = (
    "Based on the above information, is the following statement true, false, or unknown? {}",
    "Is the following statement true or false? {}",
    "True or false: {}",
)


def _if_variants(text: str) -> list[str]:
    """`If A then B.` -> `If A, then B.` and `If A, B.`: the comma forms language models write."""
    if not text.startswith("If ") or " then " not in text:
        return []
    body, head = text.split(" then ", 1)
    return [f"{body}, then {head}", f"{body}, {head}"]


def _contracted(text: str) -> list[str]:
    """`Bob is not big.` -> `Bob isn't big.` (and `doesn't`, `aren't`, `don't`), as people write it."""
    shortened = text
    for full, short in _CONTRACTIONS:
        shortened = shortened.replace(full, short)
    return [shortened] if shortened != text else []


_CONTRACTIONS = (
    (" is not ", " isn't "),
    (" are not ", " aren't "),
    (" does not ", " doesn't "),
    (" do not ", " don't "),
)


def _renderings(content: Content, lexicon: Lexicon) -> list[str]:
    if isinstance(content, Literal):
        text = render_sentence(content, lexicon)
        return [text, *_contracted(text)]
    found: list[str] = []
    for form in RuleForm:
        for person in (False, True):
            style = RuleStyle(form, person)
            restyled: Content = (
                Rule(content.conditions, content.head, style)
                if isinstance(content, Rule)
                else DisjunctiveRule(content.conditions, content.heads, style)
            )
            text = render_sentence(restyled, lexicon)
            variants = [text, *_if_variants(text)]
            found += [*variants, *(short for variant in variants for short in _contracted(variant))]
    return found


def _reads_as(text: str, content: Content, lexicon: Lexicon) -> bool:
    try:
        read = read_chain_sentence(text, 1, lexicon.class_nouns)
    except (EnglishSyntaxError, LogicError):
        return False
    return read.stated == (content,) and not read.claims and read.answer is None


@lru_cache(maxsize=16384)
def paraphrases(content: Content, lexicon: Lexicon) -> tuple[str, ...]:
    """Every rendering of `content` in the bank that reads back to it, its template's rendering first."""
    default = render_sentence(content, lexicon)
    bank = dict.fromkeys([default, *_renderings(content, lexicon)])
    return tuple(text for text in bank if _reads_as(text, content, lexicon))


def paraphrased_context(theory: Theory, lexicon: Lexicon, rate: float, rng: random.Random) -> str:
    """The theory as English, each sentence in a paraphrase drawn from the bank with probability `rate`
    (its own template otherwise); every draw comes from `rng`."""
    sentences = []
    for sentence in theory.sentences:
        bank = paraphrases(sentence.content, lexicon)
        use = rng.random() < rate and len(bank) > 1
        sentences.append(rng.choice(bank[1:]) if use else bank[0])
    return " ".join(sentences)


def question_text(statement: Literal, lexicon: Lexicon, rng: random.Random) -> str:
    """A question about `statement` in one of the frames people ask in (each reads back to the statement)."""
    text = rng.choice(QUESTION_FRAMES).format(render_sentence(statement, lexicon))
    assert read_statement(text.rsplit("? ", 1)[-1]) == statement
    return text
