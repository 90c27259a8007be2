"""Runs killed at any moment leave no process behind and the last release intact; signals stop a
run in seconds; a run that would empty the dataset publishes nothing."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import polars as pl
import psutil
import pytest

from flows.build import ShrinkRefused, check_shrink
from flows.publish.release_check import check_path
from flows.runtime.lifeline import child_of_this_process, remove_stale_temporaries

ROOT = Path(__file__).parents[2]
SEEDS = ROOT / "seeds"
#: copies of the seeds: three chunks of files, so a first run starts worker processes
COPIES = 26


def _corpus(folder: Path, copies: int) -> Path:
    """Copies of the seed articles, each one's headline made distinct."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(copies):
        for seed in sorted(SEEDS.glob("*.txt")):
            (folder / f"{i:02d}-{seed.name}").write_text(f"Copy {i}. " + seed.read_text("utf-8"))
    return folder


def _start(seeds: Path, out: Path, *extra: str) -> subprocess.Popen:
    """`chronicle run` in a process of its own."""
    return subprocess.Popen(
        [sys.executable, "-m", "flows.cli", "run", "--seeds", str(seeds), "--out", str(out)]
        + ["--workers", "2", *extra],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def _watch(run: subprocess.Popen, seconds: float) -> set[psutil.Process]:
    """Every process the run starts during `seconds` (or until it ends)."""
    seen: set[psutil.Process] = set()
    parent = psutil.Process(run.pid)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and run.poll() is None:
        try:
            seen.update(parent.children(recursive=True))
        except psutil.NoSuchProcess:
            break
        time.sleep(0.05)
    return seen


def _survivors(seen: set[psutil.Process], wait: float = 5.0) -> list[str]:
    """The processes of `seen` still alive after `wait` seconds (killed, so no test leaks them)."""
    deadline = time.monotonic() + wait
    alive = list(seen)
    while alive and time.monotonic() < deadline:
        alive = [p for p in alive if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
        time.sleep(0.1)
    for p in alive:
        p.kill()
    return [" ".join(p.cmdline()[:4]) for p in alive if p.is_running()]


def _latest_valid(out: Path) -> str | None:
    """The version latest.json names, after checking that release (None when there is none)."""
    latest = out / "releases" / "latest.json"
    if not latest.exists():
        assert not list((out / "releases").glob("[0-9]*")) if (out / "releases").exists() else True
        return None
    version = json.loads(latest.read_text())["version"]
    assert check_path(out / "releases" / version) == []
    return version


@pytest.mark.slow
@pytest.mark.timeout(480)
def test_kill_at_any_moment_leaves_no_process_and_an_intact_release(tmp_path: Path):
    seeds, out = _corpus(tmp_path / "seeds", COPIES), tmp_path / "out"
    started = time.monotonic()
    run = _start(seeds, out)
    seen = _watch(run, 300)
    assert run.wait() == 0, run.stderr.read()
    full = time.monotonic() - started
    assert _survivors(seen) == []
    assert _latest_valid(out) == "1.0.0"
    _corpus(tmp_path / "more", COPIES)
    for path in (tmp_path / "more").iterdir():  # new articles: the next runs have work to do
        path.rename(seeds / f"more-{path.name}")
    moments = [(i + random.random()) * full / 5 for i in range(5)]
    for moment in moments:
        run = _start(seeds, out)
        seen = _watch(run, moment)
        run.kill()
        run.wait()
        assert _survivors(seen) == [], f"killed at {moment:.1f} s of a {full:.1f} s run"
        assert _latest_valid(out) in ("1.0.0", "1.1.0"), f"killed at {moment:.1f} s"
    stale = out / "releases" / f".latest.json.{_dead_pid()}.tmp"
    stale.write_text("{}")
    run = _start(seeds, out)
    seen = _watch(run, 300)
    assert run.wait() == 0, run.stderr.read()
    assert _survivors(seen) == []
    assert _latest_valid(out) == "1.1.0" and not stale.exists()
    assert not list(out.rglob(".staging-*"))


@pytest.mark.slow
@pytest.mark.timeout(300)
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_stops_a_run_in_seconds(tmp_path: Path, signum: int):
    seeds, out = _corpus(tmp_path / "seeds", COPIES), tmp_path / "out"
    run = _start(seeds, out)
    seen = _watch(run, 3.0 + random.random() * 4)
    assert run.poll() is None, "the run ended before the signal"
    sent = time.monotonic()
    run.send_signal(signum)
    code = run.wait(timeout=30)
    assert time.monotonic() - sent < 5.0
    assert code == 128 + signum
    assert "run stopped; the last release is unchanged" in run.stderr.read()
    assert _survivors(seen) == []
    assert _latest_valid(out) is None


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_an_empty_or_shrunk_folder_publishes_nothing(tmp_path: Path):
    seeds, out = _corpus(tmp_path / "seeds", 1), tmp_path / "out"
    assert _start(seeds, out).wait() == 0
    for path in sorted(seeds.iterdir())[:3]:  # three of five gone: more than half
        path.unlink()
    run = _start(seeds, out)
    assert run.wait() == 3
    message = run.stderr.read()
    assert "3 of the 5 readable documents of the current release are gone" in message
    assert "--allow-shrink" in message and "Traceback" not in message
    shutil.rmtree(seeds)
    seeds.mkdir()
    run = _start(seeds, out)
    assert run.wait() == 3 and "no readable input" in run.stderr.read()
    assert _latest_valid(out) == "1.0.0"
    run = _start(seeds, out, "--allow-shrink")
    assert run.wait() == 0, run.stderr.read()
    assert _latest_valid(out) == "1.1.0"


def _documents(*rows: tuple[str, str]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=["source_file", "status"], orient="row")


def test_check_shrink_counts_documents_lost_or_rejected():
    before = _documents(*((f"{i}.txt", "ok") for i in range(4)), ("x", "rejected"))
    check_shrink(_documents(("0.txt", "ok"), ("1.txt", "ok"), ("new.txt", "ok")), before, 0.5)
    with pytest.raises(ShrinkRefused, match="3 of the 4 readable documents"):
        check_shrink(_documents(("0.txt", "ok"), ("1.txt", "rejected")), before, 0.5)
    with pytest.raises(ShrinkRefused, match="no readable input among 1 entries"):
        check_shrink(_documents(("x", "rejected")), None, 1.0)
    check_shrink(_documents(("0.txt", "ok")), before, 1.0)


def _dead_pid() -> int:
    """The pid of a process that has ended."""
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], check=True,
                          capture_output=True, text=True)  # fmt: skip
    return int(done.stdout)


def test_stale_temporaries_of_dead_writers_are_removed(tmp_path: Path):
    dead, alive = _dead_pid(), os.getpid()
    names = [f".latest.json.{dead}.tmp", f"sub/.gazetteer.pickle.{dead}.tmp",
             f".latest.json.{alive}.tmp", "notes.tmp", f"a.{dead}.json"]  # fmt: skip
    for name in names:
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("x")
    removed = remove_stale_temporaries(tmp_path, tmp_path / "missing")
    assert sorted(p.relative_to(tmp_path).as_posix() for p in removed) == sorted(names[:2])
    assert all((tmp_path / name).exists() for name in names[2:])


def test_a_child_dies_with_its_parent(tmp_path: Path):
    script = (
        "import subprocess, sys, time\n"
        "from flows.runtime.lifeline import child_of_this_process\n"
        "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'],"
        " preexec_fn=child_of_this_process())\n"
        "print(child.pid, flush=True)\n"
        "time.sleep(60)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    child = psutil.Process(int(parent.stdout.readline()))
    parent.kill()
    parent.wait()
    assert _survivors({child}) == []
    assert callable(child_of_this_process())


SECRET = "root:x:0:0:hostile-secret-marker"


def _hostile_folder(tmp_path: Path) -> tuple[Path, set[str]]:
    """Every kind of bad entry at once, the 20 MB line and the 10 MB title among them; and the
    names the documents table must hold."""
    seeds, outside = tmp_path / "seeds", tmp_path / "outside"
    seeds.mkdir()
    outside.mkdir()
    (outside / "passwd").write_text(SECRET + "\n")
    story = (SEEDS / sorted(p.name for p in SEEDS.glob("*.txt"))[0]).read_text("utf-8")
    (seeds / "good.txt").write_text(story)
    (seeds / "good.txt.meta.json").write_text(json.dumps({"title": "Minsk " * 2_000_000}))
    (seeds / "one-line.txt").write_text(
        ("Protesters marched in Minsk and police " * 600_000)[:20_000_000]
    )
    for i in range(200):
        (seeds / f"short-{i:03d}.txt").write_text(
            f"Police detained {i + 3} people in Minsk on Sunday, 9 August 2020, the ministry said.\n"
        )
    (seeds / "data.csv").write_text("a,b\n1,2\n")
    (seeds / "notes.md").write_text(story)
    (seeds / ".hidden.txt").write_text(story)
    (seeds / "p.txt").symlink_to(outside / "passwd")
    (seeds / "self.txt").symlink_to("self.txt")
    (seeds / "a.txt").symlink_to("b.txt")
    (seeds / "b.txt").symlink_to("a.txt")
    (seeds / "dangling.txt").symlink_to(outside / "nowhere")
    (seeds / "out").symlink_to(outside, target_is_directory=True)
    os.mkfifo(seeds / "fifo.txt")
    (seeds / "empty.txt").write_bytes(b"")
    (seeds / "binary.txt").write_bytes(bytes(range(256)) * 64)
    names = {p.name for p in seeds.iterdir()} - {"good.txt.meta.json", "out"} | {"out/"}
    return seeds, names


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_a_hostile_folder_is_published_within_a_minute_with_every_entry_accounted_for(tmp_path):
    seeds, names = _hostile_folder(tmp_path)
    out = tmp_path / "data"
    started = time.monotonic()
    run = _start(seeds, out)
    assert run.wait(timeout=120) == 0, run.stderr.read()
    assert time.monotonic() - started < 60
    release = out / "releases" / "1.0.0"
    documents = pl.read_parquet(release / "documents.parquet")
    assert set(documents["source_file"]) == names
    articles = pl.read_parquet(release / "articles.parquet")
    assert articles.filter(pl.col("source_file").str.starts_with("short-")).height == 200
    assert articles["headline"].str.len_chars().max() <= 300
    for path in release.iterdir():
        assert SECRET.encode() not in path.read_bytes(), path.name
    assert (release / "index.html").stat().st_size < 5_000_000
    assert check_path(release) == []


def test_a_worker_whose_run_died_before_it_started_exits():
    code = (
        "from flows.runtime.lifeline import die_with_parent; die_with_parent({}); print('went on')"
    )
    gone = subprocess.run([sys.executable, "-c", code.format(_dead_pid())], capture_output=True)
    assert gone.returncode == 1 and b"went on" not in gone.stdout
    alive = subprocess.run([sys.executable, "-c", code.format(os.getpid())], capture_output=True)
    assert alive.returncode == 0 and b"went on" in alive.stdout


def test_the_signal_an_exception_stands_for():
    from prefect.exceptions import TerminationSignal

    from flows.runtime.lifeline import Interrupted, signal_of

    assert signal_of(Interrupted(signal.SIGTERM)) == signal.SIGTERM
    assert signal_of(KeyboardInterrupt()) == signal.SIGINT
    assert signal_of(TerminationSignal(signal=signal.SIGTERM)) == signal.SIGTERM
    assert signal_of(ValueError("not a signal")) is None


_STUCK = """
import signal, subprocess, sys, time
from flows.runtime.lifeline import Interrupted, stop_on_signals
stop_on_signals(deadline=0.5)
signal.signal(signal.SIGTERM, lambda *_: None)  # a handler swapped in later, as Prefect's is
child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
told = False
while True:
    try:  # the pid is told inside the try: a signal right after it is caught, as a join's is
        if not told:
            print(child.pid, flush=True)
            told = True
        time.sleep(60)  # a wait that outlives the interruption, like a task runner's join
    except Interrupted:
        pass
"""


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_run_that_does_not_unwind_is_abandoned_at_the_deadline(signum: int):
    stuck = subprocess.Popen(
        [sys.executable, "-c", _STUCK], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    child = psutil.Process(int(stuck.stdout.readline()))
    sent = time.monotonic()
    stuck.send_signal(signum)
    assert stuck.wait(timeout=10) == 128 + signum
    assert time.monotonic() - sent < 3.0
    assert b"run stopped; the last release is unchanged" in stuck.stderr.read()
    assert _survivors({child}) == []
