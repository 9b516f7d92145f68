"""What a language model writes around the steps of its chain of thought, taken off before a sentence is read.

Models wrap their reasoning in markup (`- `, `**...**`, `(1)`), cite where a sentence comes from
(`According to the context, ...`, `(rule 3)`), quote the context (`The context says "Bob is big."`),
restate the question (`Is Bob red?`), narrate (`Let's think step by step.`) and close with an answer line in
many spellings (`Answer: True`, `**Final answer:** False`). None of that is a step: the markup and citations
are taken off each sentence, narration and questions are set aside (kept, so a verdict can list them), and
answer lines are written the one way the reader knows (`The answer is true.`). The logic is never touched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MARKUP = re.compile(r"\*\*|__|`|^#+\s*")
_BULLET = re.compile(r"^\s*(?:[-*\u2022\u2023\u25e6]\s+|\((\d+)\)\s*|\[(\d+)\]\s*|[a-z]\)\s+)")
_QUOTES = re.compile(r"[\"\u201c\u201d]")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'"})
_CITATION = re.compile(
    r"\s*\((?:from|by|using|via)\s+(?:steps?\s+|sentences?\s+)?\d+(?:\s*(?:,|and|&)\s*\d+)*\)"
    r"|\s*[\(\[](?:see\s+|from\s+|by\s+|using\s+|via\s+)?(?:rule|fact|sent(?:ence)?|triple|premise|step|context|"
    r"statement|int)\s*#?\s*\d*(?:\s*(?:,|and|&)\s*(?:rule|fact|sent(?:ence)?|triple|premise|step|int)?\s*#?\s*\d+)*"
    r"[\)\]]",
    re.IGNORECASE,
)
_SOURCE = re.compile(
    r"^(?:according\s+to|from|based\s+on|by|using|per)\s+(?:the\s+)?(?:context|theory|facts?|rules?|premises?|"
    r"(?:rule|fact|sent(?:ence)?|triple|premise|step)\s*#?\s*\d+)\s*,\s*"
    r"|^(?:the\s+(?:context|theory|text)|it)\s+(?:also\s+)?(?:says|states|tells\s+us)(?:\s+that)?\s*:?\s*"
    r"|^(?:rule|fact|premise|sent(?:ence)?|triple)\s*#?\s*\d*\s*:\s*",
    re.IGNORECASE,
)
_NARRATION = re.compile(
    r"^(?:let(?:'s|\s+us)\s+(?:think|reason|work|go|check|see|look|start|break)\b(?!\s+that\b)"
    r"|we\s+(?:need|want|have)\s+to\s+(?:determine|find|check|decide|figure|see|prove|show|know)\b"
    r"|(?:i|we)\s+will\s+(?:now\s+)?(?:check|determine|reason|look|go|prove|show)\b"
    r"|the\s+question\s+(?:is|asks)\s+(?:whether|if|about|to|what)\b"
    r"|(?:first|next|now|finally)\s*,?\s*(?:let's|we)\s+(?:check|look|consider|see)\b(?!\s+that\b))",
    re.IGNORECASE,
)
_ANSWER = re.compile(
    r"^(?:(?:the\s+)?(?:final\s+)?(?:answer|conclusion|result|verdict|label)\s*(?:is)?\s*:?\s*|(?:so|therefore|thus|"
    r"hence)\s*,?\s*the\s+answer\s+is\s*:?\s*)?\(?(?:[abc]\s*[\):.]\s*)?(true|false|unknown)\s*[.!]?\)?"
    r"(?:\s*\(?[abc]\)?)?\s*[.!]?\s*$",
    re.IGNORECASE,
)
_CONCLUDING = re.compile(
    r"^(?:conclusion|therefore|thus|hence|so|(?:the\s+)?final\s+answer|answer)\s*:\s*"
    r"|^(?:(?:first|next|now|finally|then)\s*,?\s*)?(?:we|i)\s+(?:can\s+)?(?:now\s+)?(?:see|infer|deduce)\s+that\s+",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")


@dataclass(frozen=True, slots=True)
class ChainText:
    """A chain of thought's sentences as the reader gets them, and those set aside as narration or questions.

    `pieces` is every sentence in order, each with what the reader should try: the cleaned sentence, or for a
    narrated one (`Let's check: Bob is not round.`) what follows the narration, read only if it reads as a claim
    (a claim is never hidden behind an opening), else set aside with its question marks and narration."""

    pieces: tuple[tuple[str, str | None], ...]  # (as written, the text to read; None: set aside unread)

    @property
    def sentences(self) -> tuple[str, ...]:
        return tuple(text for _, text in self.pieces if text is not None and not text.startswith(NARRATED))

    @property
    def set_aside(self) -> tuple[str, ...]:
        return tuple(written for written, text in self.pieces if text is None or text.startswith(NARRATED))


def chain_text(text: str) -> ChainText:
    """Each line split into sentences (after `.`, `!`, `?` or `;`), numbering labels joined to what they number,
    every sentence cleaned of markup and citations; narration and questions set aside."""
    pieces: list[str] = []
    for line in _QUOTES.sub("", text.translate(_APOSTROPHES)).splitlines():
        line = _BULLET.sub(lambda m: f"{m.group(1) or m.group(2)}. " if (m.group(1) or m.group(2)) else "", line)
        for raw in _SENTENCE_END.split(_MARKUP.sub("", line).strip()):
            piece = raw.strip()
            if not piece:
                continue
            if pieces and _is_label(pieces[-1]):
                pieces[-1] = f"{pieces[-1]} {piece}"
                continue
            pieces.append(piece)
    found: list[tuple[str, str | None]] = []
    for piece in pieces:
        cleaned = clean_sentence(piece)
        if cleaned is None:
            remainder = _after_narration(piece)
            found.append((piece, NARRATED + remainder if remainder else None))
        elif cleaned:
            found.append((piece, cleaned))
    return ChainText(tuple(found))


NARRATED = "\x00"  # marks a narrated sentence's remainder: read if it reads, else set aside


def _after_narration(sentence: str) -> str:
    """What follows a narrating opening (`Let's check: Bob is not round.` -> `Bob is not round.`), empty for a
    question or a sentence that is narration throughout (`We need to determine whether Gary is blue.`)."""
    if sentence.rstrip().endswith("?"):
        return ""
    opening = _NARRATION.match(sentence.strip())
    if opening is None:
        return ""
    rest = re.sub(r"^\s*(?:that\b)?\s*[:,]?\s*", "", sentence.strip()[opening.end() :])
    if not rest or re.match(r"(?:whether|if|how|what|which|step\s+by\s+step)\b", rest, re.IGNORECASE):
        return ""
    return clean_sentence(rest[:1].upper() + rest[1:]) or ""


def clean_sentence(sentence: str) -> str | None:
    """The sentence without its citation and source words, an answer line in the reader's one spelling; None
    for narration and questions (nothing a proof could rest on)."""
    label, body = _split_label(sentence.strip())
    body = _CITATION.sub("", body).strip()
    body = body.rstrip(";").strip()
    if body.endswith(":"):
        body = body[:-1].strip()
    if not body:
        return ""
    body = body[:1].upper() + body[1:]  # after a `;` or a bullet, models go on in lower case
    if body.endswith("?") or _NARRATION.match(body):
        return None
    answer = _ANSWER.match(body)
    if answer is not None:
        body = f"The answer is {answer.group(1).lower()}."
    else:
        body = _CONCLUDING.sub("So ", body)
        while True:
            stripped = _SOURCE.sub("", body, count=1)
            if stripped == body:
                break
            body = stripped[:1].upper() + stripped[1:]
    return f"{label} {body}" if label else body


def _split_label(sentence: str) -> tuple[str, str]:
    """A numbering label (`3.`, `Step 2:`) and the rest of the sentence."""
    found = re.match(r"^((?:step\s+)?\d+\s*[.):])\s+(.*)$", sentence, re.IGNORECASE | re.DOTALL)
    if found:
        return found.group(1), found.group(2)
    bracketed = re.match(r"^[\(\[](\d+)[\)\]]\s*(.*)$", sentence, re.DOTALL)  # `(2) ...`, `[2] ...`
    return (f"{bracketed.group(1)}.", bracketed.group(2)) if bracketed else ("", sentence)


def _is_label(piece: str) -> bool:
    """`1.`, `2)`, `Step 3.`: a number that labels the next sentence."""
    words = piece.rstrip(".):").split()
    return bool(words) and words[-1].isdigit() and (len(words) == 1 or (len(words) == 2 and words[0].lower() == "step"))
