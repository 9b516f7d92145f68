"""Progress on a terminal: one line on standard error, redrawn in place; nothing at all when stderr is not a tty.

A pipe or a log file gets only what a verb prints as its result, so a script reads the same output whether
or not a person is watching. Every long verb shares this one helper: counts with a rate for work done item by
item, and a phase line (`writing the dataset card...`) for a step that takes a while with nothing to count.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from types import TracebackType
from typing import TextIO, TypeVar

Item = TypeVar("Item")


class Progress:
    """Counts of a long run, `12/30 theories (150/s)`, redrawn at most every `interval` seconds.

    The rate counts only what this run did: with `resumable`, a stage's first count is work found already
    done (a resumed run's shards), shown in the count and left out of the rate.
    """

    def __init__(
        self, unit: str, stream: TextIO | None = None, interval: float = 0.1, *, resumable: bool = False
    ) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.live = is_terminal(self.stream)
        self.unit = unit
        self.interval = interval
        self.resumable = resumable
        self._started = time.perf_counter()
        self._found: int | None = None if resumable else 0  # the stage's count before this run did any of it
        self._drawn_at: float | None = None
        self._width = 0  # characters on screen now: a shorter line must blank the rest

    def update(self, done: int, total: int | None = None, *, bad: int = 0, unit: str | None = None) -> None:
        """Show `done` (of `total`, with `bad` records); a new `unit` starts a stage with its own rate."""
        if not self.live:
            return
        now = time.perf_counter()
        if unit is not None and unit != self.unit:
            self.unit, self._started, self._drawn_at = unit, now, None
            self._found = None if self.resumable else 0
        if self._found is None:
            self._found, self._started = done, now
        finished = total is not None and done >= total
        if self._drawn_at is not None and now - self._drawn_at < self.interval and not finished:
            return
        self._drawn_at = now
        count = f"{done:,}/{total:,}" if total is not None else f"{done:,}"
        errors = f", {bad:,} bad" if bad else ""
        self._draw(f"{count} {self.unit}{errors} ({rate(done - self._found, now - self._started)})")

    def phase(self, text: str) -> None:
        """Say what the run is doing now, `writing the dataset card...`: a step with nothing to count."""
        if self.live:
            self._draw(f"{text}...")
            self._drawn_at = None  # the next count draws at once, over the phase line

    def track(self, items: Iterable[Item], total: int | None = None) -> Iterator[Item]:
        """The items, counting each one done once the consumer asks for the next."""
        done = 0
        for item in items:
            yield item
            done += 1
            self.update(done, total)

    def clear(self) -> None:
        """Blank the line, so that what is printed next starts at the margin; the next update draws again."""
        if self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self._width, self._drawn_at = 0, None

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.clear()

    def _draw(self, text: str) -> None:
        # Plain carriage return and spaces, no escape codes: every terminal, `TERM=dumb` included, draws it.
        self.stream.write("\r" + text + " " * max(0, self._width - len(text)))
        self.stream.flush()
        self._width = len(text)


def rate(done: int, seconds: float) -> str:
    """`150/s`, or `0.3/s` for slow work (a neural proof takes seconds)."""
    per_second = done / max(seconds, 1e-9)
    return f"{per_second:,.0f}/s" if per_second >= 10 else f"{per_second:.1f}/s"


def is_terminal(stream: TextIO) -> bool:
    """Whether a person may be watching `stream` (a closed or odd stream is taken as not)."""
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False
