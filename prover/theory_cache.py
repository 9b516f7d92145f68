"""A small least-recently-used cache of per-theory workers (reasoners, verifiers) for batch commands.

Questions about one theory usually come together, so a few recent ones are kept and the rest dropped:
memory stays flat however long the batch.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

Worker = TypeVar("Worker")


class TheoryCache(Generic[Worker]):
    """Keeps the `size` most recently used workers, keyed by their theory's source text."""

    def __init__(self, size: int = 64) -> None:
        self.size = size
        self._workers: OrderedDict[str, Worker] = OrderedDict()

    def get(self, key: str, make: Callable[[], Worker]) -> Worker:
        if key not in self._workers:
            self._workers[key] = make()
            if len(self._workers) > self.size:
                self._workers.popitem(last=False)
        self._workers.move_to_end(key)
        return self._workers[key]
