"""`chronicle serve` against a real Prefect server: deployment registered, a triggered run publishes."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from flows.serve import free_port, healthy, start_server, stop_server, wait_healthy

SEEDS = Path(__file__).parent.parent / "seeds"
DEPLOYMENT = "chronicle-test"


def _wait(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}")


def test_healthy_is_false_without_a_server():
    assert not healthy(f"http://127.0.0.1:{free_port()}/api", timeout=0.5)


@contextlib.contextmanager
def _serving(tmp_path: Path, seeds: Path, out: Path, *extra: str) -> Iterator[tuple]:
    """`chronicle serve` against a real Prefect server on loopback: (serve process, client,
    deployment) once the deployment is registered; both stopped after the block."""
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings

    port = free_port()
    url = f"http://127.0.0.1:{port}/api"
    server = start_server(tmp_path / "server-home", port)
    serve = None
    try:
        wait_healthy(url, server, timeout=120)
        env = {**os.environ, "PREFECT_API_URL": url, "PREFECT_HOME": str(tmp_path / "home")}
        env["PREFECT_RUNNER_POLL_FREQUENCY"] = "1"  # pick the triggered run up at once
        serve = subprocess.Popen(
            [sys.executable, "-m", "flows.cli", "serve", "--seeds", str(seeds), "--out", str(out)]
            + ["--cron", "0 0 1 1 *", "--name", DEPLOYMENT, *extra],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        with (
            temporary_settings(updates={PREFECT_API_URL: url}),
            get_client(sync_client=True) as client,
        ):
            name = f"build_release/{DEPLOYMENT}"
            yield serve, client, _wait(lambda: _deployment(client, name, serve), 60, "deployment")
    finally:
        if serve is not None and serve.poll() is None:
            serve.send_signal(signal.SIGINT)
            try:
                serve.wait(30)
            except subprocess.TimeoutExpired:
                serve.kill()
        stop_server(server)


@pytest.mark.slow
def test_serve_registers_a_deployment_whose_run_publishes_a_release(tmp_path):
    seeds, out = tmp_path / "seeds", tmp_path / "out"
    seeds.mkdir()
    for p in sorted(SEEDS.glob("*.txt"))[:2]:
        shutil.copy(p, seeds / p.name)
    with _serving(tmp_path, seeds, out) as (serve, client, dep):
        assert dep.schedules and dep.schedules[0].schedule.cron == "0 0 1 1 *"
        run = client.create_flow_run_from_deployment(dep.id)
        final = _wait(
            lambda: (s := client.read_flow_run(run.id).state) and s.is_final() and s,
            90,
            "the flow run",
        )
    assert final.is_completed(), final
    latest = out / "releases" / "latest.json"
    assert latest.is_file() and (out / "releases" / "1.0.0" / "datapackage.json").is_file()
    log = serve.stdout.read()
    assert "Traceback" not in log, log


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_serve_stopped_during_a_run_stops_in_seconds_and_reports_it(tmp_path):
    import psutil

    seeds, out = tmp_path / "seeds", tmp_path / "out"
    seeds.mkdir()
    for i in range(30):  # enough articles for a run of several seconds
        for p in sorted(SEEDS.glob("*.txt")):
            (seeds / f"{i}-{p.name}").write_text(f"Copy {i}. " + p.read_text("utf-8"))
    with _serving(tmp_path, seeds, out, "--workers", "2") as (serve, client, dep):
        run = client.create_flow_run_from_deployment(dep.id)
        _wait(lambda: client.read_flow_run(run.id).state.is_running(), 60, "a running run")
        time.sleep(3)
        children = psutil.Process(serve.pid).children(recursive=True)
        sent = time.monotonic()
        serve.send_signal(signal.SIGTERM)
        assert serve.wait(30) == 0
        assert time.monotonic() - sent < 15
        state = client.read_flow_run(run.id).state
    assert state.is_crashed(), state
    assert not [p for p in children if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
    assert not (out / "releases" / "latest.json").exists()
    log = serve.stdout.read()
    assert "Traceback" not in log, log
    assert "1 run(s) in progress stopped and reported as crashed" in log


def _deployment(client, name: str, serve: subprocess.Popen):
    """The served deployment once registered (None before); fails when serving has ended."""
    if serve.poll() is not None:
        raise AssertionError(serve.stdout.read())
    try:
        return client.read_deployment_by_name(name)
    except Exception:
        return None
