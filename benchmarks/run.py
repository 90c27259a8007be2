"""Operations benchmarks on the real corpora: throughput, stages, memory, Prefect overhead, increments.

`python -m benchmarks.run` (or `make bench`) reads ../shared/corpora (or $CHRONICLE_CORPORA),
skips a corpus that is absent, writes each corpus out as one .txt per article with a sidecar
into a temporary folder, measures every run in a fresh process, and writes the table to
benchmarks/results/operations.md. Flow runs talk to a local Prefect server started once for the
benchmark, so their time is the flow's own; the fixed cost of a `chronicle run` (temporary
server included) is measured separately on a one-article corpus.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPORA = Path(os.environ.get("CHRONICLE_CORPORA", ROOT.parent / "shared" / "corpora"))
RESULTS = Path(__file__).resolve().parent / "results" / "operations.md"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")
ENV = {
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
    "PREFECT_LOGGING_LEVEL": "WARNING",
}


# ----------------------------------------------------------------------------- corpus folders


def read_corpus(name: str, corpora: Path = CORPORA) -> list[dict[str, Any]]:
    """The JSONL documents of one corpus, in file order."""
    with open(corpora / name / "articles.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def write_article(doc: dict[str, Any], folder: Path, index: int) -> int:
    """One article as `<index>_<id>.txt` (headline, blank line, body) plus its sidecar; bytes written."""
    stem = f"{index:05d}_{_UNSAFE.sub('-', str(doc['id']))[:60]}"
    data = f"{(doc.get('title') or '').strip()}\n\n{doc['text'].strip()}\n".encode()
    (folder / f"{stem}.txt").write_bytes(data)
    meta = {"outlet": doc.get("source")}
    if isinstance(doc.get("date"), str) and _DATE.match(doc["date"]):
        meta["published"] = doc["date"]
    sidecar = {k: v for k, v in meta.items() if isinstance(v, str) and v}
    (folder / f"{stem}.txt.meta.json").write_text(json.dumps(sidecar))
    return len(data)


def write_folder(docs: list[dict[str, Any]], folder: Path, start: int = 0) -> int:
    """Every document into `folder`; total article bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    return sum(write_article(d, folder, start + i) for i, d in enumerate(docs))


def snapshot_code(dest: Path) -> Path:
    """A copy of the code every run imports: edits made to the checkout meanwhile do not leak in."""
    for package in ("flows", "schemas"):
        shutil.copytree(
            ROOT / package, dest / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    (dest / "benchmarks").mkdir(parents=True)
    shutil.copy(Path(__file__), dest / "benchmarks" / "run.py")
    return dest


# ----------------------------------------------------------------------------- one measured run


def measure(
    mode: str, seeds: Path, out: Path, batch_size: int, memory: bool = False
) -> dict[str, Any]:
    """Run the stages once in this process (`flow` or `plain`); seconds, stages and peak RSS,
    and with `memory` the peak PSS of the process tree.

    Sampling PSS slows the run it measures (the kernel walks every process's page tables under
    its memory-map lock: some 0.1 s of a 2.7 s incremental run), so memory is measured in runs
    of its own, not in the timed ones.
    """
    from flows.publish import ValidationFailed

    stages: dict[str, float] = {}
    sampler = TreeMemory() if memory else None
    if sampler is not None:
        sampler.start()
    t0 = time.perf_counter()
    try:
        version, failures = _run(mode, seeds, out, batch_size, stages, t0), 0
    except ValidationFailed as exc:  # timed all the same; the report says it was not published
        version, failures = None, len(exc.failures)
    seconds = time.perf_counter() - t0
    if sampler is not None:
        sampler.stop()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "seconds": round(seconds, 3),
        "stages": stages,
        "peak_mb": round(peak),
        "tree_peak_mb": round(sampler.peak_mb) if sampler is not None else None,
        "version": version,
        "validation_failures": failures,
    }


class TreeMemory(threading.Thread):
    """Samples the proportional set size (PSS) of this process and all its descendants (worker
    processes, the forkserver, the chart renderer): shared pages are counted once, not per process."""

    def __init__(self, interval: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.interval, self.peak_mb = interval, 0.0
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.wait(self.interval):
            self.peak_mb = max(self.peak_mb, tree_pss_mb(os.getpid()))

    def stop(self) -> None:
        """Take a last sample and stop."""
        self._done.set()
        self.join()
        self.peak_mb = max(self.peak_mb, tree_pss_mb(os.getpid()))


def tree_pss_mb(root: int) -> float:
    """PSS in MB of `root` and its descendants, from /proc (0 where /proc is missing)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        total += next(
            (int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:")), 0
        )
    return total / 1024


def _run(
    mode: str, seeds: Path, out: Path, batch_size: int, stages: dict[str, float], t0: float
) -> str:
    from flows.publish import start_renderer
    from flows.runtime import default_workers

    workers = default_workers()
    start_renderer()  # as `chronicle run` does; plain too
    if mode == "flow":
        from flows.pipeline import build_release, on_progress

        last = [t0]

        def hook(stage: str, done: int, total: int) -> None:
            now = time.perf_counter()
            if done == total:
                stages[stage] = round(now - last[0], 3)
                last[0] = now

        from prefect.settings import temporary_settings

        from flows.serve import one_off_settings

        on_progress(hook)
        with temporary_settings(updates=one_off_settings()):  # as `chronicle run` runs it
            return build_release(seeds=seeds, out=out, batch_size=batch_size)["version"]
    else:
        from flows import build
        from flows.ingest import assemble_frames
        from flows.publish import (
            publish_release,
            read_previous,
            render_catalog,
            render_releases_index,
        )
        from flows.runtime.cache import open_cache, open_file_keys

        def lap(name: str, start: float) -> float:
            now = time.perf_counter()
            stages[name] = round(now - start, 3)
            return now

        from flows.extract import extract_each
        from flows.ingest import ingest_files
        from flows.runtime import map_chunked

        def plain(fn: Any, *args: Any) -> Any:
            return lambda batches: map_chunked(fn, batches, *args, workers=workers)

        inputs = build.list_input_files(seeds)
        previous = read_previous(out)  # as the flow does
        with (
            open_cache(out, "ingest") as ingest_store,
            open_cache(out, "extract") as ex_store,
            open_file_keys(out) as file_keys,
        ):
            docs = build.ingest_cached(
                inputs.files,
                seeds,
                ingest_store,
                plain(ingest_files, seeds),
                batch_size,
                file_keys,
            )
            docs = build.with_skipped(docs, inputs.skipped)
            t = lap("ingest", t0)
            documents, articles = assemble_frames(docs)
            t = lap("assemble", t)
            sources = build.source_file_keys(docs)
            del docs  # as the flow does
            extracted = build.extract_cached(
                articles,
                sources,
                ex_store,
                plain(extract_each),
                batch_size,
            )
            t = lap("extract", t)
            tables = build.corpus_tables(documents, articles, extracted)
            t = lap("corpus-tables", t)
            result = publish_release(
                tables,
                out,
                build.input_records(documents),
                render=render_catalog,
                previous=previous,
            )
            render_releases_index(out / "releases", out, out / "cache" / "catalog")
            lap("publish", t)
        return result.version


def measured(
    mode: str,
    seeds: Path,
    out: Path,
    env: dict[str, str],
    batch_size: int = 1024,
    memory: bool = False,
) -> dict:
    """`measure` in a fresh interpreter, so every run pays the same imports and starts at zero RSS."""
    cmd = [sys.executable, "-m", "benchmarks.run", "--measure", mode, str(seeds), str(out)]
    cmd += ["--batch-size", str(batch_size)] + (["--memory"] if memory else [])
    proc = subprocess.run(
        cmd, env=env, cwd=env["PYTHONPATH"], capture_output=True, text=True, check=False
    )
    if proc.returncode != 0:
        raise RuntimeError(f"{mode} run on {seeds} failed:\n{proc.stderr[-4000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _published_or_rejected(proc: subprocess.CompletedProcess) -> bool:
    """A `chronicle run` that published, or stopped only because validation failed."""
    return proc.returncode == 0 or (
        proc.returncode == 1 and "Release not published" in proc.stdout + proc.stderr
    )


def cli_run(seeds: Path, out: Path, env: dict[str, str]) -> tuple[float, str]:
    """Wall time and combined log of `chronicle run` with a temporary Prefect server."""
    cmd = [sys.executable, "-m", "flows.cli", "run", "--seeds", str(seeds), "--out", str(out)]
    t0 = time.perf_counter()
    proc = subprocess.run(
        cmd, env=env, cwd=env["PYTHONPATH"], capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - t0
    if not _published_or_rejected(proc):
        raise RuntimeError(f"chronicle run failed:\n{proc.stderr[-4000:]}")
    return seconds, proc.stdout + proc.stderr


@contextmanager
def local_server(home: Path) -> Iterator[str]:
    """A `prefect server` for the flow runs, started and stopped here."""
    from flows.serve import free_port, start_server, stop_server, wait_healthy

    port = free_port()
    url = f"http://127.0.0.1:{port}/api"
    process = start_server(home, port)
    try:
        wait_healthy(url, process, 120)
        yield url
    finally:
        stop_server(process)


def same_release(a: Path | None, b: Path | None) -> bool | None:
    """Whether two releases hold byte-identical CSV tables; None when one was not published."""
    if a is None or b is None or not a.is_dir() or not b.is_dir():
        return None
    names = sorted(p.name for p in a.glob("*.csv"))
    return (
        bool(names)
        and names == sorted(p.name for p in b.glob("*.csv"))
        and all((a / n).read_bytes() == (b / n).read_bytes() for n in names)
    )


def dask_release(seeds: Path, out: Path, env: dict[str, str]) -> tuple[float, Path | None]:
    """Run the flow on a two-process LocalCluster; seconds and the release folder."""
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, host="127.0.0.1", dashboard_address=None
    ) as cluster:
        cmd = [sys.executable, "-m", "flows.cli", "run", "--seeds", str(seeds), "--out", str(out)]
        cmd += ["--dask-address", cluster.scheduler_address]
        t0 = time.perf_counter()
        proc = subprocess.run(
            cmd, env=env, cwd=env["PYTHONPATH"], capture_output=True, text=True, check=False
        )
        seconds = time.perf_counter() - t0
    if not _published_or_rejected(proc):
        raise RuntimeError(f"Dask run failed:\n{proc.stderr[-4000:]}")
    latest = out / "releases" / "latest.json"
    if not latest.is_file():
        return seconds, None
    return seconds, out / "releases" / json.loads(latest.read_text())["version"]


# ----------------------------------------------------------------------------- the benchmark
RUNS = 3  # short runs (one article, incremental): the best of this many
FULL_RUNS = 2  # full news2020 runs of the flow and of plain functions, alternating


def best(run: Callable[[int], dict], runs: int = RUNS) -> dict:
    """The fastest of `runs` measured runs (`run(i)` makes the i-th)."""
    return min((run(i) for i in range(runs)), key=lambda m: m["seconds"])


def bench_news(work: Path, env: dict[str, str], flow_env: dict[str, str], dask: bool) -> dict:
    """Every figure on news2020_bbc_cnn_st."""
    docs = read_corpus("news2020_bbc_cnn_st")
    held_out, docs = docs[-1], docs[:-1]
    full, one = work / "news", work / "news-one"
    full_bytes = write_folder(docs, full)
    one_bytes = write_folder(docs[:1], one)
    r: dict[str, Any] = {"articles": len(docs), "mb": full_bytes / 1e6}

    cli_run(one, work / "warm-out", env)  # warm the temporary server's PREFECT_HOME
    r["cli_one_s"], log = cli_run(one, work / "cli-one-out", env)
    r["cli_one_clean"] = "Traceback" not in log and "ERROR" not in log

    # Short runs vary by +-0.15 s here, as much as the figures they make: each measure is the
    # best of RUNS fresh runs (full runs alternate flow and plain), as timeit takes the minimum.
    r["flow_one"] = best(lambda i: measured("flow", one, work / f"flow-one-out{i}", flow_env))
    r["plain_one"] = best(lambda i: measured("plain", one, work / f"plain-one-out{i}", flow_env))
    full_runs = [
        (measured("flow", full, work / f"flow-out{i}", flow_env),
         measured("plain", full, work / f"plain-out{i}", flow_env))
        for i in range(FULL_RUNS)
    ]  # fmt: skip
    r["flow"] = min((f for f, _ in full_runs), key=lambda m: m["seconds"])
    r["plain"] = min((p for _, p in full_runs), key=lambda m: m["seconds"])
    r["flow_memory"] = measured("flow", full, work / "flow-memory-out", flow_env, memory=True)
    r["plain_memory"] = measured("plain", full, work / "plain-memory-out", flow_env, memory=True)
    write_folder([held_out], full, start=len(docs))
    cached = work / "flow-out0"  # the cache and release of a full run, copied for every trial

    def incremental(i: int) -> dict:
        shutil.copytree(cached, work / f"incr-out{i}")
        # the copy (some 90 MB) is written back first: a scheduled run finds its cache long
        # written, and the run's own fsyncs would otherwise wait for this copy's pages
        os.sync()
        return {**measured("flow", full, work / f"incr-out{i}", flow_env), "out": f"incr-out{i}"}

    r["flow_incr"] = best(incremental)
    r["same_as_plain"] = same_release(
        _release(work / "flow-out0", full_runs[0][0]),
        _release(work / "plain-out0", full_runs[0][1]),
    )
    if dask:
        r["dask_s"], dask_dir = dask_release(full, work / "dask-out", flow_env)
        r["dask_same"] = same_release(
            dask_dir, _release(work / r["flow_incr"]["out"], r["flow_incr"])
        )
    r["variable_s"] = r["flow"]["seconds"] - r["flow_one"]["seconds"]
    r["marginal_mb_s"] = (full_bytes - one_bytes) / 1e6 / r["variable_s"]
    r["overhead"] = r["flow"]["seconds"] / r["plain"]["seconds"]
    r["incr_ratio"] = (r["flow_incr"]["seconds"] - r["flow_one"]["seconds"]) / r["variable_s"]
    return r


def _release(out: Path, run: dict) -> Path | None:
    return out / "releases" / run["version"] if run["version"] else None


def bench_reuters(work: Path, flow_env: dict[str, str]) -> dict:
    """Throughput and peak memory on reuters21578."""
    docs = read_corpus("reuters21578")
    folder = work / "reuters"
    size = write_folder(docs, folder)
    r = measured("flow", folder, work / "reuters-out", flow_env, memory=True)
    return {"articles": len(docs), "mb": size / 1e6, "flow": r}


def _stages(r: dict) -> str:
    return ", ".join(f"{k} {v:.1f} s" for k, v in r["stages"].items())


def report(news: dict | None, reuters: dict | None, command: str) -> str:
    """The results as Markdown: each target, its measure and whether it is met."""
    lines = [
        "# Operations benchmark",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {os.cpu_count()} cores with "
        f"`{command}`. Flow runs use a local Prefect server started by the benchmark; "
        "each run is a fresh process with an empty cache unless stated; a figure is the best of "
        f"{RUNS} runs ({FULL_RUNS} for full news2020 runs, flow and plain alternating).",
        "",
        "| measure | target | measured | met |",
        "|---|---|---|---|",
    ]

    def same(value: bool | None) -> str:
        return "n/a: not published" if value is None else "identical" if value else "DIFFERENT"

    def row(what: str, target: str, value: str, ok: bool | None) -> None:
        lines.append(
            f"| {what} | {target} | {value} | {'' if ok is None else 'yes' if ok else 'NO'} |"
        )

    if news:
        n = news
        row(
            f"news2020: full flow run ({n['articles']} articles, {n['mb']:.1f} MB)",
            "",
            f"{n['flow']['seconds']:.1f} s, {n['articles'] / n['flow']['seconds']:.0f} articles/s, "
            f"{n['mb'] / n['flow']['seconds']:.2f} MB/s",
            None,
        )
        row(
            "news2020: marginal throughput (full minus one article)",
            ">= 1 MB/s",
            f"{n['marginal_mb_s']:.2f} MB/s",
            n["marginal_mb_s"] >= 1,
        )
        row(
            "one-article `chronicle run` (temporary server)",
            "<= 15 s",
            f"{n['cli_one_s']:.1f} s",
            n["cli_one_s"] <= 15,
        )
        row(
            "clean log of `chronicle run`",
            "no tracebacks",
            "clean" if n["cli_one_clean"] else "tracebacks",
            n["cli_one_clean"],
        )
        row(
            "Prefect overhead: flow / plain functions",
            "<= 1.15",
            f"{n['flow']['seconds']:.1f} s / {n['plain']['seconds']:.1f} s = {n['overhead']:.2f}",
            n["overhead"] <= 1.15,
        )
        row(
            "incremental run after one new article / full variable part",
            "<= 5%",
            f"{n['flow_incr']['seconds']:.1f} s -> {100 * n['incr_ratio']:.1f}%",
            n["incr_ratio"] <= 0.05,
        )
        row(
            "flow release equals plain-function release",
            "identical",
            same(n["same_as_plain"]),
            n["same_as_plain"],
        )
        if "dask_s" in n:
            row(
                "Dask (LocalCluster, 2 processes) release equals local",
                "identical",
                f"{same(n['dask_same'])} ({n['dask_s']:.1f} s)",
                n["dask_same"],
            )
        if n["flow"]["validation_failures"]:
            failed = n["flow"]["validation_failures"]
            row("news2020: release published", "yes", f"NO: {failed} rule(s) failed", False)
        row(
            "news2020: peak memory (PSS of the process and its workers), flow / plain",
            "",
            f"{n['flow_memory']['tree_peak_mb']} MB / {n['plain_memory']['tree_peak_mb']} MB",
            None,
        )
        row("news2020: stages (plain functions)", "", _stages(n["plain"]), None)
        row("news2020: stages (flow)", "", _stages(n["flow"]), None)
    if reuters:
        f = reuters["flow"]
        row(
            f"reuters21578: full flow run ({reuters['articles']} articles, {reuters['mb']:.1f} MB;"
            " memory sampled meanwhile)",
            "",
            f"{f['seconds']:.1f} s, {reuters['articles'] / f['seconds']:.0f} articles/s, "
            f"{reuters['mb'] / f['seconds']:.2f} MB/s",
            None,
        )
        row(
            "reuters21578: peak memory (PSS of the flow process and its workers)",
            "< 2 GB",
            f"{f['tree_peak_mb']} MB (the flow process alone: {f['peak_mb']} MB RSS)",
            f["tree_peak_mb"] < 2048,
        )
        if f["validation_failures"]:
            failed = f["validation_failures"]
            row("reuters21578: release published", "yes", f"NO: {failed} rule(s) failed", False)
        row("reuters21578: stages (flow)", "", _stages(f), None)
    if not news and not reuters:
        lines.append("")
        lines.append(f"No corpora found in {CORPORA}: nothing measured.")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark (or, with --measure, one measured run) and write the results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--measure", nargs=3, metavar=("MODE", "SEEDS", "OUT"))
    parser.add_argument("--batch-size", type=int, default=1024)
    parser.add_argument("--memory", action="store_true", help="with --measure: sample PSS too")
    parser.add_argument("--skip-reuters", action="store_true", help="no reuters21578 run")
    parser.add_argument("--skip-news", action="store_true", help="no news2020 runs")
    parser.add_argument("--skip-dask", action="store_true", help="no LocalCluster run")
    parser.add_argument("--results", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    if args.measure:
        mode, seeds, out = args.measure
        print(json.dumps(measure(mode, Path(seeds), Path(out), args.batch_size, args.memory)))
        return 0

    have = {
        name: (CORPORA / name / "articles.jsonl").is_file()
        for name in ("news2020_bbc_cnn_st", "reuters21578")
    }
    for name, present in have.items():
        if not present:
            print(f"{CORPORA / name} absent: skipped")
    command = "python -m benchmarks.run" + " ".join(
        f" {a}" for a in (argv if argv is not None else sys.argv[1:])
    )
    with tempfile.TemporaryDirectory(prefix="chronicle-bench-") as tmp:
        work = Path(tmp)
        code = snapshot_code(work / "code")
        os.environ["PYTHONPATH"] = str(code)  # Dask workers started here import it too
        env = {**os.environ, **ENV, "PREFECT_HOME": str(work / "prefect-home")}
        env.pop("PREFECT_API_URL", None)
        news = reuters = None
        with local_server(work / "server-home") as url:
            flow_env = {**env, "PREFECT_API_URL": url}
            if have["news2020_bbc_cnn_st"] and not args.skip_news:
                news = bench_news(work, env, flow_env, dask=not args.skip_dask)
                print(json.dumps(news, indent=1))
            if have["reuters21578"] and not args.skip_reuters:
                reuters = bench_reuters(work, flow_env)
                print(json.dumps(reuters, indent=1))
        shutil.rmtree(work, ignore_errors=True)
    text = report(news, reuters, command.strip())
    args.results.parent.mkdir(parents=True, exist_ok=True)
    args.results.write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
