"""The reader before and after the open-vocabulary grammar, side by side in one process: the same 600 dev
contexts read by this checkout's reader and by the one at a git revision (default `78b81ea`, the last
commit before it; `READER_BEFORE=<rev>` picks another), each with its sentence cache cleared every round."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import types
from pathlib import Path

from figure import DEV_FILE, Figure, best_of
from lark import Lark

from proofloom.logic import english

ROOT = Path(__file__).resolve().parents[1]


def _reader_at(revision: str) -> types.ModuleType | None:
    """english.py and english.lark as they were at `revision`, loaded as a module of their own."""
    try:
        source = subprocess.run(
            ["git", "show", f"{revision}:logic/english.py"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout
        grammar = subprocess.run(
            ["git", "show", f"{revision}:logic/english.lark"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    module = types.ModuleType("english_before")
    sys.modules[module.__name__] = module  # dataclasses look their module up
    module.__dict__["_GRAMMAR"] = grammar
    source = source.replace('Lark.open_from_package("proofloom.logic", "english.lark",', "Lark(_GRAMMAR,").replace(
        "from __future__ import annotations\n", ""
    )
    module.__dict__["Lark"] = Lark
    exec(compile(source, f"{revision}:logic/english.py", "exec"), module.__dict__)  # noqa: S102
    return module


def measure() -> list[Figure]:
    if not DEV_FILE.exists():
        return [Figure("reading before/after (skipped: no ../shared data)", 0, "", "")]
    revision = os.environ.get("READER_BEFORE", "78b81ea")
    before = _reader_at(revision)
    if before is None:
        return [Figure(f"reading before/after (skipped: no revision {revision})", 0, "", "")]
    contexts = [r["context"] for r in json.loads(DEV_FILE.read_text())]
    sentences = sum(len(english.split_sentences(c)) for c in contexts)

    def read_now() -> None:
        english._read_cached.cache_clear()
        english.read_english.cache_clear()
        for context in contexts:
            english.read_theory(context)

    def read_before() -> None:
        before._read_cached.cache_clear()
        if hasattr(before, "read_english"):
            before.read_english.cache_clear()
        for context in contexts:
            before.read_theory(context)

    def warm_now() -> None:
        english.read_english.cache_clear()  # sentences read before, contexts not: the old reader's one cache
        for context in contexts:
            english.read_theory(context)

    def contexts_warm_now() -> None:
        for context in contexts:
            english.read_theory(context)

    def warm_before() -> None:
        for context in contexts:
            before.read_theory(context)

    assert all(english.read_theory(c) == before.read_theory(c) for c in contexts), "the two readers disagree"
    now, then = best_of(3, read_now), best_of(3, read_before)
    warm, warm_then = best_of(3, warm_now), best_of(3, warm_before)
    contexts_warm = best_of(3, contexts_warm_now)
    return [
        Figure(
            "English read now, cache cleared", sentences / now, "sentences/s", f"{revision}: {sentences / then:,.0f}/s"
        ),
        Figure("  ratio now / before (cold)", then / now, "x speed", "1.0 = as fast as before"),
        Figure(
            "English read now, sentences read before",
            sentences / warm,
            "sentences/s",
            f"{revision}: {sentences / warm_then:,.0f}/s",
        ),
        Figure("  ratio now / before (warm)", warm_then / warm, "x speed", "1.0 = as fast as before"),
        Figure(
            "English read now, contexts read before",
            sentences / contexts_warm,
            "sentences/s",
            f"{revision}: no context cache, {sentences / warm_then:,.0f}/s",
        ),
        Figure("  ratio now / before (contexts repeated)", warm_then / contexts_warm, "x speed", "1.0 = as fast"),
    ]
