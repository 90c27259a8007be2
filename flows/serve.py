"""`chronicle serve`: run `build_release` on a cron schedule through a real Prefect server.

The server is the one PREFECT_API_URL (or the active Prefect profile) names. Without one,
Chronicle starts `prefect server start` on 127.0.0.1 with SQLite under its own PREFECT_HOME
($CHRONICLE_PREFECT_HOME, default ~/.chronicle/prefect), reuses it when it already answers on
that port, and stops it when serving ends. Its log goes to server.log in that home.
For production, run `prefect server start` with PREFECT_API_DATABASE_CONNECTION_URL set to
`postgresql+asyncpg://user:password@host:5432/prefect` and point PREFECT_API_URL at it.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx

from flows.runtime import Interrupted, child_of_this_process, kill_descendants, signal_of

HOME_ENV = "CHRONICLE_PREFECT_HOME"
DEFAULT_HOME = Path.home() / ".chronicle" / "prefect"
DEFAULT_PORT = 4210
DEFAULT_CRON = "0 * * * *"
DEPLOYMENT_NAME = "chronicle-scheduled"


def configured_api_url() -> str | None:
    """The API URL from PREFECT_API_URL or the active Prefect profile, if any."""
    from prefect.settings import get_current_settings

    return os.environ.get("PREFECT_API_URL") or get_current_settings().api.url or None


def healthy(api_url: str, timeout: float = 2.0) -> bool:
    """Whether a Prefect API answers its health check at `api_url`."""
    try:
        return httpx.get(f"{api_url.rstrip('/')}/health", timeout=timeout).status_code == 200
    except httpx.HTTPError:
        return False


def start_server(home: Path, port: int) -> subprocess.Popen:
    """`prefect server start` on 127.0.0.1:port with SQLite under `home`, logging to a file."""
    home.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env.update(
        PREFECT_HOME=str(home),
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        DO_NOT_TRACK="1",
        PREFECT_SERVER_LOGGING_LEVEL=env.get("PREFECT_SERVER_LOGGING_LEVEL", "WARNING"),
    )
    env.pop("PREFECT_API_DATABASE_CONNECTION_URL", None)
    cmd = [sys.executable, "-m", "prefect", "server", "start"]
    cmd += ["--host", "127.0.0.1", "--port", str(port)]
    with open(home / "server.log", "ab") as log:
        return subprocess.Popen(
            cmd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )


def wait_healthy(api_url: str, process: subprocess.Popen | None, timeout: float) -> None:
    """Block until the API answers; raise if the server process dies or time runs out."""
    deadline = time.monotonic() + timeout
    while not healthy(api_url):
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"Prefect server exited with code {process.returncode}")
        if time.monotonic() > deadline:
            raise TimeoutError(f"Prefect server at {api_url} not healthy after {timeout:.0f} s")
        time.sleep(0.25)


def stop_server(process: subprocess.Popen, timeout: float = 30.0) -> int:
    """Ask the server to shut down (SIGINT), kill it if it does not; returns its exit code."""
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            return process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
    return process.wait()


@contextlib.contextmanager
def prefect_api(
    home: Path | None = None, port: int = DEFAULT_PORT, timeout: float = 120.0
) -> Iterator[str]:
    """The API URL to use: the configured one, or a local server started (and stopped) here."""
    configured = configured_api_url()
    if configured:
        wait_healthy(configured, None, timeout)
        yield configured
        return
    url = f"http://127.0.0.1:{port}/api"
    if healthy(url):
        yield url
        return
    process = start_server(home or Path(os.environ.get(HOME_ENV, DEFAULT_HOME)), port)
    try:
        wait_healthy(url, process, timeout)
        yield url
    finally:
        stop_server(process)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def run_api(timeout: float = 120.0) -> Iterator[Callable[[], dict]]:
    """For one run: a function that returns the Prefect settings to use, once the API answers.

    The configured server when there is one; otherwise a temporary one like Prefect's own
    (the API app alone, SQLite under PREFECT_HOME, no UI, so no run links are logged), started
    now, so that it boots while the caller imports the pipeline, and stopped when the block ends.
    """
    from prefect.settings import PREFECT_API_URL, PREFECT_UI_URL, get_current_settings

    configured = configured_api_url()
    if configured:
        yield lambda: {PREFECT_API_URL: configured, **one_off_settings()}
        return
    port = free_port()
    url = f"http://127.0.0.1:{port}/api"
    env = {**os.environ, **get_current_settings().to_environment_variables(exclude_unset=True)}
    env.update(PREFECT_UI_ENABLED="0", PREFECT__SERVER_EPHEMERAL="1", PREFECT__SERVER_FINAL="1")
    cmd = [sys.executable, "-m", "uvicorn", "--factory", "prefect.server.api.server:create_app"]
    cmd += ["--host", "127.0.0.1", "--port", str(port), "--log-level", "error", "--lifespan", "on"]
    process = subprocess.Popen(cmd, env=env, preexec_fn=child_of_this_process())

    def ready() -> dict:
        wait_healthy(url, process, timeout)
        return {PREFECT_API_URL: url, PREFECT_UI_URL: "", **one_off_settings()}

    try:
        yield ready
    except BaseException as exc:
        if signal_of(exc) is not None:  # stopping: nothing left worth sending
            process.kill()
            process.wait()
        raise
    finally:
        if process.poll() is None:
            drain_to_api()
            stop_server(process)


def one_off_settings() -> dict:
    """Prefect settings for a one-off run: no flow heartbeats unless the user configured them.

    Prefect's heartbeat thread naps a second at a time, so it held up the end of every run by
    0.7-0.9 s; and nothing acts on heartbeats unless a server automation is set up for it.
    Served (scheduled) runs keep Prefect's defaults.
    """
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, get_current_settings

    if "heartbeat_frequency" in get_current_settings().flows.model_fields_set:
        return {}
    return {PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}


def drain_to_api(timeout: float = 30.0) -> None:
    """Send the logs and events still queued for the API, before its server goes away."""
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    APILogWorker.drain_all(timeout=timeout)
    EventsWorker.drain_all(timeout=timeout)


def serve_release_flow(
    seeds: Path,
    out: Path,
    *,
    cron: str = DEFAULT_CRON,
    name: str = DEPLOYMENT_NAME,
    batch_size: int = 1024,
    workers: int = 1,
    dask_address: str | None = None,
    port: int = DEFAULT_PORT,
    options: dict | None = None,
) -> int:
    """Register the deployment and execute its scheduled (and manual) runs until interrupted;
    `options` are further parameters of the flow (extensions, allow_shrink, max_shrink).
    Returns how many runs in progress were stopped."""
    from flows.pipeline import build_release, local_task_runner
    from flows.runtime import task_runner

    runner = task_runner(dask_address) or local_task_runner(workers)
    flow = build_release.with_options(task_runner=runner)
    parameters = {"seeds": str(seeds.resolve()), "out": str(out.resolve()), **(options or {})}
    parameters.update(batch_size=batch_size, workers=workers)
    with prefect_api(port=port) as api_url:
        os.environ["PREFECT_API_URL"] = api_url
        from prefect.settings import PREFECT_API_URL, temporary_settings

        with temporary_settings(updates={PREFECT_API_URL: api_url}):
            return _serve_until_stopped(flow, name, cron=cron, parameters=parameters, limit=1)


def _serve_until_stopped(flow: Any, name: str, **options: Any) -> int:
    """`flow.serve` until a signal (Interrupted, Ctrl-C) or its end; then `stop_runs`.

    Prefect serves on a thread so that its runner leaves the signals to this process: its
    SIGTERM handler exits from inside its event loop (tracebacks) and, like its Ctrl-C
    handling, waits for the run in progress to finish, however long that takes.
    """
    failed: list[BaseException] = []

    def serve() -> None:
        try:
            flow.serve(name=name, **options)
        except BaseException as exc:  # handed to the main thread
            failed.append(exc)

    context = contextvars.copy_context()  # Prefect's settings, for the thread
    thread = threading.Thread(target=context.run, args=(serve,), name="serve", daemon=True)
    thread.start()
    with contextlib.suppress(Interrupted, KeyboardInterrupt):
        while thread.is_alive():
            thread.join(0.5)
    stopped = stop_runs(name)
    if failed:
        raise failed[0]
    return stopped


def stop_runs(deployment: str) -> int:
    """Kill the runs in progress (their processes, not the local server's) and report them
    Crashed, so the server does not wait on them; how many there were.

    A release is published by renaming a complete folder: a run killed midway leaves none.
    """
    from prefect import get_client
    from prefect.client.schemas.filters import (
        DeploymentFilter,
        DeploymentFilterName,
        FlowRunFilter,
        FlowRunFilterState,
        FlowRunFilterStateType,
    )
    from prefect.client.schemas.objects import StateType
    from prefect.states import Crashed

    unfinished = FlowRunFilterStateType(any_=[StateType.RUNNING, StateType.PENDING])
    with get_client(sync_client=True) as client:
        runs = client.read_flow_runs(
            flow_run_filter=FlowRunFilter(state=FlowRunFilterState(type=unfinished)),
            deployment_filter=DeploymentFilter(name=DeploymentFilterName(any_=[deployment])),
        )
        kill_descendants(session=os.getsid(0))
        for run in runs:
            state = Crashed(message="chronicle serve was stopped during this run")
            client.set_flow_run_state(run.id, state, force=True)
    return len(runs)
