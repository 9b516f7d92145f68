"""Ray as the engine of a run: a local Ray started for it or a cluster joined, and work mapped over it.

The only module that imports ray (`lint-imports`), and only inside these functions, so that proofloom runs
without Ray installed and `--ray` without it is one line saying how to install it.
"""

from __future__ import annotations

import collections
import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from proofloom.errors import ProofloomError

Job = TypeVar("Job")
Result = TypeVar("Result")

INSTALL = "--ray needs Ray, which is not installed here: pip install 'proofloom[ray]'"
RETRIES = 2  # a task whose worker died, or that raised, runs up to three times before its job is reported


class ClusterError(ProofloomError):
    """Ray is missing, could not be joined, or a task failed on every try."""


@dataclass(frozen=True, slots=True)
class RaySession:
    """The Ray a run uses: where it is (`local` for one started here), its version, the CPUs it has."""

    address: str
    version: str
    cpus: int

    def describe(self) -> dict[str, Any]:
        """The manifest's `engine` entry."""
        return {"name": "ray", "version": self.version, "address": self.address, "cpus": self.cpus}


def _ray() -> Any:
    try:
        import ray
    except ImportError:
        raise ClusterError(INSTALL) from None
    return ray


@contextmanager
def ray_session(address: str | None, cpus: int = 1) -> Iterator[RaySession]:
    """Start a local Ray of `cpus` CPUs (no `address`), or join one (`auto`, `ray://host:10001`), for a run.

    A Ray already started in this process (a test's, a notebook's) is used as it is and left running.
    """
    ray = _ray()
    started = not ray.is_initialized()
    if started:
        options: dict[str, Any] = {"num_cpus": cpus} if address is None else {"address": address}
        try:
            ray.init(**options, include_dashboard=False, logging_level=logging.ERROR, log_to_driver=False)
        except (ConnectionError, RuntimeError, ValueError) as error:
            raise ClusterError(f"cannot join Ray at {address}: {str(error).splitlines()[0]}") from None
    try:
        cluster_cpus = int(ray.cluster_resources().get("CPU", 1))
        yield RaySession(address or "local", ray.__version__, cluster_cpus)
    finally:
        if started:
            ray.shutdown()


def as_completed(
    task: Callable[[Job], Result], jobs: Iterable[Job], name: Callable[[Job], str], window: int
) -> Iterator[tuple[Job, Result]]:
    """Run `task(job)` as one Ray task per job, at most `window` in flight, yielding each (job, result) as it ends.

    A task that raises or whose worker dies is retried; after the last try the run stops with the job's name.
    """
    ray = _ray()
    remote = ray.remote(max_retries=RETRIES, retry_exceptions=True)(task)
    waiting = iter(jobs)
    running: dict[Any, Job] = {}
    while True:
        for job in waiting:
            running[remote.remote(job)] = job
            if len(running) >= window:
                break
        if not running:
            return
        (done,), _ = ray.wait(list(running), num_returns=1)
        job = running.pop(done)
        yield job, _get(ray, done, name(job), running)


def in_order(
    actor_class: type, arguments: tuple[Any, ...], method: str, batches: Iterable[Any], actors: int
) -> Iterator[Any]:
    """Each batch through `actor.method(batch)` on `actors` Ray actors (each built once, with `arguments`),
    the results yielded in the batches' order, at most two batches an actor in flight."""
    ray = _ray()
    from ray.util import ActorPool

    remote = ray.remote(num_cpus=1, max_restarts=RETRIES, max_task_retries=RETRIES)(actor_class)
    pool = ActorPool([remote.remote(*arguments) for _ in range(actors)])
    sent = collections.deque[int]()
    for number, batch in enumerate(batches):
        pool.submit(lambda actor, value: getattr(actor, method).remote(value), batch)
        sent.append(number)
        while len(sent) > 2 * actors:
            yield _next(ray, pool, sent.popleft())
    while sent:
        yield _next(ray, pool, sent.popleft())


def _next(ray: Any, pool: Any, number: int) -> Any:
    try:
        return pool.get_next()
    except ray.exceptions.RayError as error:
        raise ClusterError(f"batch {number} failed after {RETRIES + 1} tries: {_cause(error)}") from None


def _get(ray: Any, ref: Any, job: str, running: dict[Any, Any]) -> Any:
    try:
        return ray.get(ref)
    except ray.exceptions.RayError as error:
        for other in running:
            ray.cancel(other)
        raise ClusterError(f"{job} failed after {RETRIES + 1} tries: {_cause(error)}") from None


def _cause(error: Exception) -> str:
    """The first line of what went wrong inside the task, not Ray's wrapping traceback."""
    cause = getattr(error, "cause", None) or error
    text = str(cause).strip().splitlines()
    return f"{type(cause).__name__}: {text[0] if text else ''}".rstrip(": ")
