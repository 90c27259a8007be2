"""Every error a user can make on the command line: one clear line, fast, no traceback."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import polars as pl
import pytest

ROOT = Path(__file__).parent.parent
SEEDS = ROOT / "seeds"


def chronicle(*args: str, cwd: Path = ROOT) -> tuple[int, str, float]:
    """Run the command line in a new process: exit code, what it printed, seconds taken."""
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "flows.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "COLUMNS": "300", "HOME": str(cwd)},
    )
    return done.returncode, done.stdout + done.stderr, time.monotonic() - start


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["run", "--seeds", "{tmp}/missing"], "--seeds {tmp}/missing: no such folder"),
        (["run", "--seeds", "{tmp}/file"], "--seeds {tmp}/file: not a folder"),
        (["run", "--out", "{tmp}/file/out"], "--out {tmp}/file/out: {tmp}/file is not a folder"),
        (["run", "--extensions", "a/b"], "--extensions: not a file extension: 'a/b'"),
        (["run", "--dask-address", "scheduler:8786"], "needs a scheme"),
        (["evaluate", "--seeds", "{tmp}/missing"], "--seeds {tmp}/missing: no such folder"),
        (["evaluate", "--gold", "{tmp}"], "--gold {tmp}: no statistics.jsonl there"),
        (["validate", "{tmp}/missing"], "{tmp}/missing: no such file or folder"),
        (["diff", "--out", "{tmp}"], "{tmp}/releases holds 0 release(s) (none)"),
        (["diff", "1.0.0", "1.1.0", "--out", "{tmp}"], "{tmp}/releases/1.0.0 is not a release"),
    ],
)
def test_argument_errors_are_one_line_within_a_second(tmp_path: Path, args, message):
    (tmp_path / "file").write_text("x")
    args = [a.format(tmp=tmp_path) for a in args]
    if args[0] == "run" and "--seeds" not in args:
        args += ["--seeds", str(SEEDS)]
    if args[0] == "run" and "--out" not in args:
        args += ["--out", str(tmp_path / "out")]
    code, printed, seconds = chronicle(*args)
    assert code == 2, printed
    assert printed.strip() == "error: " + message.format(tmp=tmp_path) or (
        printed.startswith("error: ") and message.format(tmp=tmp_path) in printed
    ), printed
    assert len(printed.strip().splitlines()) == 1 and "Traceback" not in printed
    assert seconds < 3.0, seconds  # Prefect (a second and more to import) is never loaded
    assert not (tmp_path / "out").exists()


def test_diff_without_arguments_compares_the_newest_two(tmp_path: Path, tables):
    from flows.publish.release import publish_release

    inputs = [{"source_file": "a.txt", "sha256": "0" * 64, "bytes": 1, "status": "ok"}]
    publish_release(tables, tmp_path, inputs)
    code, printed, _ = chronicle("diff", "--out", str(tmp_path))
    assert code == 2 and "holds 1 release(s) (1.0.0): name two to compare" in printed
    tables["entities"] = tables["entities"].with_columns(pl.lit(3).alias("n_mentions"))
    publish_release(tables, tmp_path, inputs)
    code, printed, _ = chronicle("diff", "--out", str(tmp_path))
    assert code == 0 and printed.startswith("# 1.0.0 → 1.0.1"), printed
