"""Counts in words as the summaries print them: `1 question`, `2 questions`, never `1 questions` or `(s)`."""

from __future__ import annotations


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """`count` with `noun`, plural unless the count is one (`plural`, else the noun with an `s`)."""
    return f"{count:,} {noun if count == 1 else plural or noun + 's'}"
