"""The Prefect flow end to end on a real (test) Prefect server: a release and a summary artifact."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

SEEDS = Path(__file__).parent.parent / "seeds"


@pytest.mark.slow
def test_build_release_flow_publishes_then_is_a_no_op(prefect_server, tmp_path):
    from prefect.client.orchestration import get_client

    from flows.pipeline import build_release

    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    (seeds / "empty.txt").write_bytes(b"")
    first = build_release(seeds=seeds, out=tmp_path / "out")
    assert first["created"] and first["version"] == "1.0.0"
    assert first["rejected"] == ["empty.txt"]
    assert first["rows"]["articles"] >= 16
    again = build_release(seeds=seeds, out=tmp_path / "out")
    assert not again["created"] and again["version"] == "1.0.0"

    import asyncio

    async def artifact_markdown() -> str:
        async with get_client() as client:
            artifacts = await client.read_latest_artifacts()
            return next(a.data for a in artifacts if a.key == "release-summary")

    assert "no change" in asyncio.run(artifact_markdown())


@pytest.mark.slow
def test_batches_on_worker_processes_give_the_same_release(prefect_server, tmp_path):
    from flows.pipeline import build_release, local_task_runner

    outs = {}
    for workers, batch_size in ((1, 1024), (2, 2)):  # small batches: several tasks on the pool
        flow = build_release.with_options(task_runner=local_task_runner(workers))
        outs[workers] = tmp_path / f"out-{workers}"
        summary = flow(seeds=SEEDS, out=outs[workers], batch_size=batch_size, workers=workers)
        assert summary["created"]
    one, two = (outs[w] / "releases" / "1.0.0" for w in (1, 2))
    names = sorted(p.name for p in one.glob("*.csv"))
    assert names and names == sorted(p.name for p in two.glob("*.csv"))
    assert all((one / n).read_bytes() == (two / n).read_bytes() for n in names)
