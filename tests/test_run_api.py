"""`chronicle run` without PREFECT_API_URL: its own temporary server, and a clean log."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from flows.serve import run_api

SEEDS = Path(__file__).parent.parent / "seeds"


@pytest.mark.slow
def test_run_with_a_temporary_server_publishes_with_a_clean_log(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(next(iter(sorted(SEEDS.glob("*.txt")))), seeds)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    env["PREFECT_HOME"] = str(tmp_path / "prefect-home")  # a fresh home: migrations run too
    cmd = [sys.executable, "-m", "flows.cli", "run", "--seeds", str(seeds)]
    cmd += ["--out", str(tmp_path / "out")]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300, check=False)
    log = proc.stdout + proc.stderr
    assert proc.returncode == 0, log
    assert "1.0.0 published" in log
    assert "Traceback" not in log and "ERROR" not in log, log
    assert "View at" not in log  # no links to a server that is gone


def test_a_configured_api_is_used_as_it_is(monkeypatch):
    from prefect.settings import PREFECT_API_URL

    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:9/api")
    with run_api() as settings:
        assert settings()[PREFECT_API_URL] == "http://127.0.0.1:9/api"


def test_one_off_runs_send_no_heartbeats_unless_configured():
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    from flows.serve import one_off_settings

    assert one_off_settings() == {PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}
    with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: 60}):
        assert one_off_settings() == {}
