"""Reading the real dev contexts: English (Earley grammar) against the DSL (LALR) of the same theories."""

from __future__ import annotations

import json

from figure import DEV_FILE, Figure, best_of

from proofloom.logic import english
from proofloom.logic.english import read_theory, render_english, split_sentences
from proofloom.logic.syntax import parse_theory, render_dsl


def measure() -> list[Figure]:
    if not DEV_FILE.exists():
        return [Figure("reading (skipped: no ../shared data)", 0, "", "")]
    contexts = [r["context"] for r in json.loads(DEV_FILE.read_text())]
    sentences = sum(len(split_sentences(c)) for c in contexts)
    dsl_texts = [render_dsl(read_theory(c)) for c in contexts]

    def read_english_cold() -> None:
        english.clear_caches()
        for context in contexts:
            read_theory(context)

    def read_english_warm() -> None:
        english._english_cached.cache_clear()  # the sentences seen before, each context read anew
        for context in contexts:
            read_theory(context)

    def read_dsl() -> None:
        for text in dsl_texts:
            parse_theory(text)

    def render_both() -> None:
        for context in contexts:
            theory = read_theory(context)
            render_english(theory)
            render_dsl(theory)

    cold, warm, dsl = best_of(2, read_english_cold), best_of(3, read_english_warm), best_of(3, read_dsl)
    render = best_of(3, render_both) - warm
    return [
        Figure("English read, no cache", sentences / cold, "sentences/s", f"DSL parse {sentences / dsl:,.0f}/s"),
        Figure("English read, sentence cache warm", sentences / warm, "sentences/s", "same 600 contexts"),
        Figure("DSL parse (LALR)", sentences / dsl, "sentences/s", f"English cold takes {cold / dsl:.2f}x its time"),
        Figure("render English + DSL", sentences / max(render, 1e-9), "sentences/s", "reading, above"),
    ]
