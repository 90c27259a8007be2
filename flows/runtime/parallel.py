"""CPU-bound batch work in worker processes: threads would share one core under the GIL.

`worker_pool(n)` makes a pool of n processes the one `run_in_pool` uses in this process, until
the block ends. Workers are forked from a forkserver that has imported the stages and run them
once on a built-in article (flows.runtime.warm), so they start warm; the parent's threads, Prefect's
among them, are never forked. The forkserver starts when work first arrives, and `pool_size`
gives a run with a single chunk of work no pool at all. Without an active pool,
or with one worker, `run_in_pool` calls the function in place: that is what a Dask worker does.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import Any, TypeVar

from flows.runtime.lifeline import die_with_parent

R = TypeVar("R")
PRELOAD = ["flows.runtime.warm"]  # imports the stages and runs them once: workers start warm
POOL_CHUNK = 64  # items a worker takes at a time: small enough to keep both cores busy to the end
WORKERS_ENV = "CHRONICLE_WORKERS"

_lock = threading.Lock()
_active: list[_LazyPool] = []


def default_workers() -> int:
    """$CHRONICLE_WORKERS, else the number of cores this process may run on."""
    configured = os.environ.get(WORKERS_ENV, "").strip()
    if configured:
        workers = int(configured)
        if workers < 1:
            raise ValueError(f"{WORKERS_ENV} must be at least 1, not {workers}")
        return workers
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class _LazyPool:
    """A process pool created on first use, and made anew when a worker died (a task's retry
    then runs on live workers); once abandoned, never again."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._executor: ProcessPoolExecutor | None = None
        self._abandoned = False

    def submit(self, fn: Callable[..., R], *args: Any) -> Future[R]:
        with _lock:
            if self._abandoned:  # a task thread still submitting must not start a new pool
                raise RuntimeError("the worker pool was abandoned: the run is stopping")
            if self._executor is None:
                self._executor = ProcessPoolExecutor(
                    self.workers,
                    mp_context=_context(),
                    initializer=die_with_parent,
                    initargs=(os.getpid(),),  # a worker forked as the run died exits
                )
            try:
                return self._executor.submit(fn, *args)
            except BrokenProcessPool:
                self._executor.shutdown(wait=False, cancel_futures=True)
                self._executor = None
        return self.submit(fn, *args)

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)

    def abandon(self) -> None:
        """Stop at once: kill the workers instead of waiting for what they compute."""
        with _lock:
            self._abandoned = True
        if self._executor is not None:
            workers = list((self._executor._processes or {}).values())
            self._executor.shutdown(wait=False, cancel_futures=True)
            for process in workers:
                process.kill()


def _context() -> multiprocessing.context.BaseContext:
    """A forkserver that has imported the pipeline, or spawn where there is none (Windows)."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    return context


def pool_size(workers: int, batches: Sequence[Sequence[Any]], chunk_size: int = POOL_CHUNK) -> int:
    """How many workers the batches can keep busy: no more than they have chunks."""
    return min(workers, sum(-(-len(b) // chunk_size) for b in batches))


@contextmanager
def worker_pool(workers: int) -> Iterator[None]:
    """Within the block, `run_in_pool` runs on `workers` processes (in place when 1)."""
    if workers <= 1:
        yield
        return
    pool = _LazyPool(workers)
    _active.append(pool)
    try:
        yield
    except BaseException:  # a failed or interrupted run need not wait for the other chunks
        _active.remove(pool)
        pool.abandon()
        raise
    _active.remove(pool)
    pool.close()


def run_in_pool(fn: Callable[..., R], *args: Any) -> R:
    """`fn(*args)` on a worker of the active pool, or here when there is none."""
    if not _active:
        return fn(*args)
    return _active[-1].submit(fn, *args).result()


def map_in_pool(
    fn: Callable[..., list[R]], items: Sequence[Any], *args: Any, chunk_size: int = POOL_CHUNK
) -> list[R]:
    """`fn(items, *args)` (a list per item, in order), cut into chunks spread over the active
    pool's workers; in one piece here when there is no pool.

    A Prefect task can then hold a large batch (few task runs, little bookkeeping) while the
    workers still share its work in small chunks, whatever the other tasks hold.
    """
    if not _active or len(items) <= chunk_size:
        return run_in_pool(fn, items, *args)
    pool = _active[-1]
    futures = [
        pool.submit(fn, items[i : i + chunk_size], *args) for i in range(0, len(items), chunk_size)
    ]
    return [result for future in futures for result in future.result()]


def map_batches(
    fn: Callable[..., R], batches: Sequence[Any], *args: Any, workers: int = 1
) -> Iterator[R]:
    """`fn(batch, *args)` for every batch, in order, on up to `workers` processes.

    At most two batches per worker are in flight, so results stream without piling up.
    """
    workers = min(workers, len(batches))
    if workers <= 1:
        yield from (fn(b, *args) for b in batches)
        return
    with worker_pool(workers):
        pool = _active[-1]
        pending: list[Future[R]] = []
        for batch in batches:
            pending.append(pool.submit(fn, batch, *args))
            if len(pending) >= 2 * workers:
                yield pending.pop(0).result()
        while pending:
            yield pending.pop(0).result()


def map_chunked(
    fn: Callable[..., list[R]],
    batches: Sequence[Sequence[Any]],
    *args: Any,
    workers: int = 1,
    chunk_size: int = POOL_CHUNK,
) -> Iterator[list[R]]:
    """`fn(batch, *args)` for every batch, in order, as `map_in_pool` computes it: the batches'
    items go to up to `workers` processes in chunks of `chunk_size`."""
    spans = [range(0, len(b), chunk_size) for b in batches]
    chunks = [b[i : i + chunk_size] for b, span in zip(batches, spans, strict=True) for i in span]
    results = map_batches(fn, chunks, *args, workers=workers)
    for span in spans:
        yield [item for _ in span for item in next(results)]
