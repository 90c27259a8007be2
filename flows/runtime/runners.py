"""Where the flow's tasks run: local threads by default, or an existing Dask cluster.

A Dask task run costs about 225 ms of scheduling here against 10-13 ms for a local one, so the
flow keeps its work in tens of batches, never one task per article.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Prefect loads in a second: argument errors are answered before it
    from prefect.task_runners import TaskRunner

DASK_ADDRESS_ENV = "CHRONICLE_DASK_ADDRESS"


def dask_address(option: str | None) -> str | None:
    """The Dask scheduler to use: the option, else $CHRONICLE_DASK_ADDRESS, else none."""
    address = (option or os.environ.get(DASK_ADDRESS_ENV) or "").strip()
    if address and "://" not in address:
        raise ValueError(f"Dask address {address!r} needs a scheme, e.g. tcp://host:8786")
    return address or None


def task_runner(address: str | None) -> TaskRunner | None:
    """A DaskTaskRunner on the scheduler at `address`, or None for Prefect's default runner."""
    if address is None:
        return None
    from prefect_dask import DaskTaskRunner

    return DaskTaskRunner(address=address)
