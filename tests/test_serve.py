"""`chronicle serve` against a real Prefect server: deployment registered, a triggered run publishes."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
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


@pytest.mark.slow
def test_serve_registers_a_deployment_whose_run_publishes_a_release(tmp_path):
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings

    seeds, out = tmp_path / "seeds", tmp_path / "out"
    seeds.mkdir()
    for p in sorted(SEEDS.glob("*.txt"))[:2]:
        shutil.copy(p, seeds / p.name)
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
            + ["--cron", "0 0 1 1 *", "--name", DEPLOYMENT],
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
            dep = _wait(lambda: _deployment(client, name, serve), 60, "the deployment")
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
    finally:
        if serve is not None:
            serve.send_signal(signal.SIGINT)
            try:
                serve.wait(30)
            except subprocess.TimeoutExpired:
                serve.kill()
        stop_server(server)
    log = serve.stdout.read()
    assert "Traceback" not in log, log


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_serve_stopped_during_a_run_stops_in_seconds_and_reports_it(tmp_path):
    import psutil
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings

    seeds, out = tmp_path / "seeds", tmp_path / "out"
    seeds.mkdir()
    for i in range(30):  # enough articles for a run of several seconds
        for p in sorted(SEEDS.glob("*.txt")):
            (seeds / f"{i}-{p.name}").write_text(f"Copy {i}. " + p.read_text("utf-8"))
    port = free_port()
    url = f"http://127.0.0.1:{port}/api"
    server = start_server(tmp_path / "server-home", port)
    serve = None
    try:
        wait_healthy(url, server, timeout=120)
        env = {**os.environ, "PREFECT_API_URL": url, "PREFECT_HOME": str(tmp_path / "home")}
        env["PREFECT_RUNNER_POLL_FREQUENCY"] = "1"
        serve = subprocess.Popen(
            [sys.executable, "-m", "flows.cli", "serve", "--seeds", str(seeds), "--out", str(out)]
            + ["--cron", "0 0 1 1 *", "--name", DEPLOYMENT, "--workers", "2"],
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
            dep = _wait(lambda: _deployment(client, name, serve), 60, "the deployment")
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
    finally:
        if serve is not None and serve.poll() is None:
            serve.kill()
        stop_server(server)


def _deployment(client, name: str, serve: subprocess.Popen):
    """The served deployment once registered (None before); fails when serving has ended."""
    if serve.poll() is not None:
        raise AssertionError(serve.stdout.read())
    try:
        return client.read_deployment_by_name(name)
    except Exception:
        return None
