"""Start-up: `proofloom --help` and `proofloom --version` as whole processes, beside a bare interpreter.

The parser imports no library (no lark, Z3, networkx, torch), so asking for help costs little more than
starting Python; the figure to hold is under 300 ms. Runs are interleaved and the median kept, so a busy
machine slows every command alike.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from figure import Figure

RUNS = 15
TARGET_MS = 300


def console_script() -> list[str]:
    """The installed `proofloom` command: the one beside this interpreter (a pyenv shim adds its own start-up)."""
    beside = Path(sys.executable).parent / "proofloom"
    found = str(beside) if beside.is_file() else shutil.which("proofloom")
    return [found] if found else [sys.executable, "-m", "proofloom"]


def wall_ms(command: list[str]) -> float:
    """One run of `command`, start to exit, in milliseconds."""
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return (time.perf_counter() - started) * 1000


def measure() -> list[Figure]:
    script = console_script()
    commands = {
        "proofloom --help": [*script, "--help"],
        "proofloom --version": [*script, "--version"],
        "python -m proofloom --help": [sys.executable, "-m", "proofloom", "--help"],
        "python -c pass": [sys.executable, "-c", "pass"],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(RUNS):
        for name, command in commands.items():
            times[name].append(wall_ms(command))
    median = {name: statistics.median(values) for name, values in times.items()}
    floor = median.pop("python -c pass")
    reference = f"target < {TARGET_MS} ms; a bare interpreter `python -c pass` takes {floor:,.0f} ms"
    return [Figure(f"{name} (median of {RUNS})", ms, "ms", reference) for name, ms in median.items()]
