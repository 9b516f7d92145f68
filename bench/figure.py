"""A benchmark figure: what was measured, beside the reference it compares to."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

DEV_FILE = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "proofwriter-owa-d5" / "dev.json"


@dataclass(frozen=True, slots=True)
class Figure:
    """One measured number, its unit, and the reference it is read against."""

    name: str
    value: float
    unit: str
    reference: str

    def __str__(self) -> str:
        return f"{self.name}: {self.value:,.1f} {self.unit}  (reference: {self.reference})"


def best_of(repeats: int, work: Callable[[], object]) -> float:
    """The fastest of `repeats` wall-clock runs of `work`, in seconds: the least disturbed by other load."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)
