"""Runtime: what makes runs fast and safe, handed in to the stages: per-stage fingerprints,
worker processes, the Dask runner, and the lifeline that keeps no process of a run alive after
it. The result cache (`flows.runtime.cache`, which loads polars) is imported on its own, so that
the command line answers before it loads.
"""

from __future__ import annotations

from flows.runtime.fingerprint import stage_fingerprint
from flows.runtime.lifeline import (
    Interrupted,
    abandon,
    child_of_this_process,
    kill_descendants,
    remove_stale_temporaries,
    signal_of,
    stop_on_signals,
)
from flows.runtime.parallel import (
    default_workers,
    map_chunked,
    map_in_pool,
    pool_size,
    worker_pool,
)
from flows.runtime.runners import dask_address, task_runner

__all__ = [
    "Interrupted",
    "abandon",
    "child_of_this_process",
    "dask_address",
    "default_workers",
    "kill_descendants",
    "map_chunked",
    "map_in_pool",
    "pool_size",
    "remove_stale_temporaries",
    "signal_of",
    "stage_fingerprint",
    "stop_on_signals",
    "task_runner",
    "worker_pool",
]
