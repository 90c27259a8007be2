"""Scale-out: the Dask address option, and a release built on a LocalCluster equals a local one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from flows.runtime.runners import DASK_ADDRESS_ENV, dask_address, task_runner

SEEDS = Path(__file__).parents[2] / "seeds"


def test_dask_address_from_option_then_environment(monkeypatch):
    monkeypatch.delenv(DASK_ADDRESS_ENV, raising=False)
    assert dask_address(None) is None and task_runner(None) is None
    monkeypatch.setenv(DASK_ADDRESS_ENV, "tcp://10.0.0.5:8786")
    assert dask_address(None) == "tcp://10.0.0.5:8786"
    assert dask_address("tcp://127.0.0.1:9000") == "tcp://127.0.0.1:9000"
    with pytest.raises(ValueError, match="scheme"):
        dask_address("10.0.0.5:8786")
    assert type(task_runner("tcp://127.0.0.1:9000")).__name__ == "DaskTaskRunner"


@pytest.mark.slow
def test_release_on_a_local_cluster_equals_the_local_release(tmp_path, prefect_server):
    from distributed import LocalCluster

    from flows.build import build_tables
    from flows.pipeline import build_release
    from flows.publish.release import publish_release

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for p in sorted(SEEDS.glob("*.txt")):
        shutil.copy(p, seeds / p.name)
    tables, inputs = build_tables(seeds)
    local = publish_release(tables, tmp_path / "local", inputs).path
    with LocalCluster(
        n_workers=2,
        processes=True,
        threads_per_worker=1,
        host="127.0.0.1",
        dashboard_address=None,
    ) as cluster:
        flow = build_release.with_options(task_runner=task_runner(cluster.scheduler_address))
        summary = flow(seeds=seeds, out=tmp_path / "dask", batch_size=2)
    remote = Path(summary["path"])
    names = sorted(p.name for p in local.glob("*.csv"))
    assert len(names) == 8 and names == sorted(p.name for p in remote.glob("*.csv"))
    for name in names:
        assert (remote / name).read_bytes() == (local / name).read_bytes(), name
