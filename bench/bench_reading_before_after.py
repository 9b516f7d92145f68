"""The reader before and after the open-vocabulary grammar, side by side in one run: the same 600 dev contexts
read by this checkout's reader and by the one at a git revision (default `78b81ea`, the last commit before it;
`READER_BEFORE=<rev>` picks another). Cold (every cache cleared each round), warm (sentences seen, contexts
new: what the old reader's sentence cache gave), warm contexts (this reader's context cache), and whole
processes (start Python, import, build the grammar, read every context once), alternated and best of three."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
import types
from pathlib import Path

from figure import DEV_FILE, Figure, best_of

from proofloom.logic import english

ROOT = Path(__file__).resolve().parents[1]
_PRELUDE = (
    'from pathlib import Path as _Path\n_GRAMMAR = _Path(__file__).with_name("english_before.lark").read_text()\n'
)


def _write_reader_at(revision: str, folder: Path) -> Path | None:
    """english.py and english.lark as they were at `revision`, written to `folder` as `english_before.py`."""
    try:
        source, grammar = (
            subprocess.run(
                ["git", "show", f"{revision}:logic/{name}"], cwd=ROOT, capture_output=True, text=True, check=True
            ).stdout
            for name in ("english.py", "english.lark")
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    future = "from __future__ import annotations\n"
    source = source.replace(future, future + _PRELUDE, 1)
    source = source.replace('Lark.open_from_package("proofloom.logic", "english.lark",', "Lark(_GRAMMAR,")
    (folder / "english_before.lark").write_text(grammar)
    path = folder / "english_before.py"
    path.write_text(source)
    return path


def _load(path: Path) -> types.ModuleType:
    spec = importlib.util.spec_from_file_location("english_before", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["english_before"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


_PROCESS = """
import json, sys
sys.path.insert(0, {folder!r})
{reader}
for record in json.loads(open({dev!r}).read()):
    read_theory(record["context"])
"""
_NOW = "from proofloom.logic.english import read_theory"
_BEFORE = "from english_before import read_theory"


def _process_seconds(reader: str, folder: Path) -> float:
    """Wall-clock seconds of a fresh Python process that imports `reader` and reads every dev context once."""
    code = _PROCESS.format(folder=str(folder), reader=reader, dev=str(DEV_FILE))
    environment = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, env=environment, cwd=ROOT)
    return time.perf_counter() - started


def measure() -> list[Figure]:
    if not DEV_FILE.exists():
        return [Figure("reading before/after (skipped: no ../shared data)", 0, "", "")]
    revision = os.environ.get("READER_BEFORE", "78b81ea")
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        path = _write_reader_at(revision, folder)
        if path is None:
            return [Figure(f"reading before/after (skipped: no revision {revision})", 0, "", "")]
        return _measure(_load(path), revision, folder)


def _measure(before: types.ModuleType, revision: str, folder: Path) -> list[Figure]:
    contexts = [r["context"] for r in json.loads(DEV_FILE.read_text())]
    sentences = sum(len(english.split_sentences(c)) for c in contexts)

    def cold_now() -> None:
        english.clear_caches()
        for context in contexts:
            english.read_theory(context)

    def cold_before() -> None:
        before._read_cached.cache_clear()
        for context in contexts:
            before.read_theory(context)

    def sentences_warm_now() -> None:
        english._english_cached.cache_clear()  # contexts new, their sentences seen
        for context in contexts:
            english.read_theory(context)

    def warm_before() -> None:
        for context in contexts:
            before.read_theory(context)

    def contexts_warm_now() -> None:
        for context in contexts:
            english.read_theory(context)

    assert all(english.read_theory(c) == before.read_theory(c) for c in contexts), "the two readers disagree"
    timings: dict[str, list[float]] = {}
    for _ in range(3):  # alternated, so a burst of load falls on both sides
        for name, work in (
            ("cold now", cold_now),
            ("cold before", cold_before),
            ("warm now", sentences_warm_now),
            ("warm before", warm_before),
            ("contexts now", contexts_warm_now),
        ):
            timings.setdefault(name, []).append(best_of(1, work))
        timings.setdefault("process now", []).append(_process_seconds(_NOW, folder))
        timings.setdefault("process before", []).append(_process_seconds(_BEFORE, folder))
    best = {name: min(times) for name, times in timings.items()}

    def rate(name: str) -> float:
        return sentences / best[name]

    return [
        Figure(
            "English read now, every cache cleared",
            rate("cold now"),
            "sentences/s",
            f"{revision}: {rate('cold before'):,.0f}/s",
        ),
        Figure(
            "  ratio now / before (cold)", best["cold before"] / best["cold now"], "x speed", "1.0 = as fast as before"
        ),
        Figure(
            "English read now, sentences seen, contexts new",
            rate("warm now"),
            "sentences/s",
            f"{revision} with its sentence cache warm: {rate('warm before'):,.0f}/s",
        ),
        Figure(
            "  ratio now / before (warm)", best["warm before"] / best["warm now"], "x speed", "1.0 = as fast as before"
        ),
        Figure(
            "English read now, contexts seen",
            rate("contexts now"),
            "sentences/s",
            f"{revision} has no context cache: {rate('warm before'):,.0f}/s",
        ),
        Figure(
            "  ratio now / before (warm contexts)",
            best["warm before"] / best["contexts now"],
            "x speed",
            "1.0 = as fast as before",
        ),
        Figure(
            "whole process: start, import, read 600 contexts",
            best["process now"],
            "s",
            f"{revision}: {best['process before']:.2f} s",
        ),
        Figure(
            "  ratio now / before (process)",
            best["process before"] / best["process now"],
            "x speed",
            "1.0 = as fast as before",
        ),
    ]
