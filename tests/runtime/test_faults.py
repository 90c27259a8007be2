"""Faults: a run killed while publishing, two runs at once, and tasks that fail transiently."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from flows.publish.release import list_releases
from flows.publish.release_check import check_release

SEEDS = Path(__file__).parents[2] / "seeds"
NAMES = sorted(p.name for p in SEEDS.glob("*.txt") if not p.name.startswith("002"))
RUN = """
import os, signal, sys, time
from pathlib import Path
from flows.build import build_tables
from flows.publish.release import publish_release

seeds, out, mode = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]


def before_swap(staging):
    if mode == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    time.sleep(1.0)


tables, inputs = build_tables(seeds, cache_dir=out)
print(publish_release(tables, out, inputs, before_swap=before_swap).version)
"""


def _seeds(dest: Path, names: list[str]) -> Path:
    dest.mkdir(exist_ok=True)
    for name in names:
        shutil.copy(SEEDS / name, dest / name)
    return dest


def _start(seeds: Path, out: Path, mode: str) -> subprocess.Popen:
    cmd = [sys.executable, "-c", RUN, str(seeds), str(out), mode]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _latest(out: Path) -> str:
    return json.loads((out / "releases" / "latest.json").read_text())["version"]


def test_run_killed_during_publish_keeps_the_release_and_the_next_run_completes(
    tmp_path, monkeypatch
):
    from flows.build import build_tables
    from flows.publish.release import publish_release

    seeds, out = _seeds(tmp_path / "seeds", NAMES[:2]), tmp_path / "out"
    tables, inputs = build_tables(seeds, cache_dir=out)
    publish_release(tables, out, inputs)
    _seeds(seeds, NAMES[2:3])
    killed = _start(seeds, out, "kill")
    assert killed.wait(120) == -9, killed.stderr.read()
    assert list_releases(out / "releases") == ["1.0.0"] and _latest(out) == "1.0.0"
    assert check_release(out / "releases" / "1.0.0") == []

    calls: list[str] = []
    import flows.extract

    original = flows.extract.extract_article
    monkeypatch.setattr(flows.extract, "extract_article", lambda a: calls.append(a) or original(a))
    tables, inputs = build_tables(seeds, cache_dir=out)
    assert calls == []  # the killed run had already cached every result
    result = publish_release(tables, out, inputs)
    assert result.created and _latest(out) == result.version == "1.1.0"
    assert check_release(result.path) == []
    assert not list((out / "releases").glob(".staging-*"))


def test_two_runs_at_once_publish_one_valid_release(tmp_path):
    seeds, out = _seeds(tmp_path / "seeds", NAMES[:2]), tmp_path / "out"
    runs = [_start(seeds, out, "slow") for _ in range(2)]
    results = [(p.wait(180), p.stdout.read().strip(), p.stderr.read()) for p in runs]
    assert [r[0] for r in results] == [0, 0], results
    assert [r[1] for r in results] == ["1.0.0", "1.0.0"]
    assert list_releases(out / "releases") == ["1.0.0"] and _latest(out) == "1.0.0"
    assert check_release(out / "releases" / "1.0.0") == []
    assert not list((out / "releases").glob(".staging-*"))


@pytest.mark.slow
def test_tasks_that_fail_once_are_retried(tmp_path, monkeypatch, prefect_server):
    from flows import pipeline
    from flows.pipeline import build_release

    calls = {"ingest": 0, "extract": 0}
    ingest, extract = pipeline.ingest_files, pipeline.extract_each

    def flaky(name, fn):
        def run(*args):
            calls[name] += 1
            if calls[name] == 1:
                raise OSError(f"transient {name} failure")
            return fn(*args)

        return run

    monkeypatch.setattr(pipeline, "ingest_files", flaky("ingest", ingest))
    monkeypatch.setattr(pipeline, "extract_each", flaky("extract", extract))
    seeds = _seeds(tmp_path / "seeds", NAMES[:2])
    summary = build_release(seeds=seeds, out=tmp_path / "out", batch_size=64)
    assert summary["created"] and summary["version"] == "1.0.0"
    assert calls == {"ingest": 2, "extract": 2}
    assert check_release(tmp_path / "out" / "releases" / "1.0.0") == []
