"""`chronicle`: build, validate, list and compare releases from the command line."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, NoReturn

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from flows.runtime import abandon, default_workers, signal_of, stop_on_signals

app = typer.Typer(
    help="Chronicle: turn folders of news articles into validated, versioned event and statistics datasets.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="markdown",
)
console = Console(stderr=True)
out_console = Console()

DEFAULT_OUT = Path("data")
#: seconds a signalled run has to stop by its own unwinding before it is abandoned outright
STOP_DEADLINE = 2.0
DEFAULT_BATCH_SIZE = 1024  # flows.build's; not imported from there, which loads the whole pipeline
# Options that `run` and `serve` share.
SEEDS_OPTION = typer.Option(Path("seeds"), help="Folder of input articles (*.txt, any encoding).")
OUT_OPTION = typer.Option(DEFAULT_OUT, help="Output folder; releases go to OUT/releases/.")
BATCH_SIZE_OPTION = typer.Option(
    DEFAULT_BATCH_SIZE, min=1, help="Files (and articles) per Prefect task."
)
WORKERS_OPTION = typer.Option(
    default_workers(),
    min=1,
    help="Worker processes for the batches; default $CHRONICLE_WORKERS, else the cores.",
)
EXTENSIONS_OPTION = typer.Option(
    ".txt",
    help="Comma-separated file name endings read as articles; every other file is listed in "
    "the documents table as not read.",
)
ALLOW_SHRINK_OPTION = typer.Option(
    False,
    "--allow-shrink",
    help="Publish even when no input is readable or the run would lose more than --max-shrink "
    "of the current release's readable documents.",
)
MAX_SHRINK_OPTION = typer.Option(
    0.5,
    min=0.0,
    max=1.0,
    help="Share of the current release's readable documents a run may lose and still publish.",
)

# Offline-friendly Prefect defaults; the user's own environment wins. A temporary server is
# stopped while its event recorders still flush the last task runs; their cancelled flushes
# are logged as errors with tracebacks, so the server's own log shows only critical errors.
for _key, _value in {
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
    "PREFECT_SERVER_LOGGING_LEVEL": "CRITICAL",
}.items():
    os.environ.setdefault(_key, _value)


@app.command()
def run(
    seeds: Path = SEEDS_OPTION,
    out: Path = OUT_OPTION,
    batch_size: int = BATCH_SIZE_OPTION,
    workers: int = WORKERS_OPTION,
    dask_address: str | None = typer.Option(
        None,
        help="Run the batch tasks on this existing Dask scheduler (tcp://host:8786); "
        "default $CHRONICLE_DASK_ADDRESS, else local worker processes.",
    ),
    extensions: str = EXTENSIONS_OPTION,
    allow_shrink: bool = ALLOW_SHRINK_OPTION,
    max_shrink: float = MAX_SHRINK_OPTION,
) -> None:
    """Build and publish a release from a folder of articles.

    Same inputs and code give the same content, and then no new release. Files and articles
    seen before by the same code come from the cache in OUT/cache/. A run that finds no
    readable input, or would lose more than --max-shrink of the current release's readable
    documents (a failed mount, a wrong path), publishes nothing and exits 3.

    Example: `chronicle run --seeds seeds --out data`
    """
    endings = _check_run_arguments(seeds, out, extensions)
    from flows.runtime import dask_address as resolve_dask

    try:
        address = resolve_dask(dask_address)
    except ValueError as exc:
        _fail(str(exc))
    options = {"extensions": list(endings), "allow_shrink": allow_shrink}
    options.update(max_shrink=max_shrink, batch_size=batch_size, workers=workers)
    stop_on_signals(deadline=STOP_DEADLINE)
    try:
        summary = _run(seeds, out, address, options)
    except BaseException as exc:
        if (signum := signal_of(exc)) is not None:
            abandon(signum)
        raise
    state = "published" if summary["created"] else "unchanged; no new release"
    out_console.print(f"Chronicle {summary['version']} {state}: {summary['path']}")
    table = Table("table", "rows", "added", "removed", "changed")
    for name, rows in summary["rows"].items():
        c = summary["changes"].get(name, {})
        table.add_row(name, str(rows), *(str(c.get(k, 0)) for k in ("added", "removed", "changed")))
    out_console.print(table)
    if summary["rejected"]:
        out_console.print(
            f"Rejected files (see documents.reject_reason): {', '.join(summary['rejected'])}"
        )


def _run(seeds: Path, out: Path, address: str | None, options: dict) -> dict:
    """Start what the run needs ahead, then the flow against a Prefect API; its summary."""
    from flows.publish import start_renderer
    from flows.serve import run_api

    start_renderer()  # warms up on the core that the single-threaded import of Prefect leaves idle
    with run_api() as api_settings:  # a temporary server boots while the pipeline is imported
        from prefect.settings import temporary_settings

        from flows.pipeline import build_release, local_task_runner
        from flows.runtime import task_runner

        runner = task_runner(address) or local_task_runner(options["workers"])
        flow = build_release.with_options(task_runner=runner)
        with temporary_settings(updates=api_settings()):
            return _run_with_progress(flow, seeds, out, options)


def _fail(message: str, code: int = 2) -> NoReturn:
    """Print one line of error and exit with `code`."""
    console.print(f"[red]error:[/red] {message}", highlight=False)
    raise typer.Exit(code)


def _check_run_arguments(seeds: Path, out: Path, extensions: str) -> tuple[str, ...]:
    """Fail with one line, before Prefect starts, on a seeds folder that cannot be listed or an
    output folder that cannot be written; returns the extensions to read."""
    from flows.ingest import normalise_extensions

    if not seeds.is_dir():
        _fail(f"--seeds {seeds}: {'not a folder' if seeds.exists() else 'no such folder'}")
    if not os.access(seeds, os.R_OK | os.X_OK):
        _fail(f"--seeds {seeds}: permission denied")
    existing = next((p for p in (out, *out.absolute().parents) if p.exists()), None)
    if existing is None or not existing.is_dir():
        _fail(f"--out {out}: {existing} is not a folder")
    if not os.access(existing, os.W_OK | os.X_OK):
        _fail(f"--out {out}: {existing} is not writable")
    try:
        return normalise_extensions(extensions.split(","))
    except ValueError as exc:
        _fail(f"--extensions: {exc}")


def _run_with_progress(flow: Any, seeds: Path, out: Path, options: dict) -> dict:
    """Run the flow with a progress bar per stage; exit 1 when validation fails, 3 when the run
    would shrink the dataset."""
    from flows.build import ShrinkRefused
    from flows.pipeline import on_progress
    from flows.publish import ValidationFailed

    with Progress(
        TextColumn("{task.description:<10}"),
        BarColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    ) as progress:
        bars: dict[str, int] = {}

        def hook(stage: str, done: int, total: int) -> None:
            if stage not in bars:
                bars[stage] = progress.add_task(stage, total=total)
            progress.update(bars[stage], completed=done, total=total)

        on_progress(hook)
        try:
            return flow(seeds=seeds, out=out, **options)
        except ValidationFailed as exc:
            console.print(f"[red]Release not published.[/red] {exc}")
            raise typer.Exit(1) from exc
        except ShrinkRefused as exc:
            _fail(f"release not published: {exc}; pass --allow-shrink to publish anyway", 3)
        except FileNotFoundError as exc:
            _fail(str(exc))
        finally:
            on_progress(None)


@app.command()
def validate(
    path: Path = typer.Argument(
        ..., help="A release folder, or one <table>.parquet / <table>.csv file."
    ),
) -> None:
    """Validate a release folder or a single table file against the published schemas.

    Checks the pandera contracts, cross-table rules, CSV equal to Parquet, the hashes, sizes
    and row counts in datapackage.json, and that manifest.json's inputs (files, sha256, status)
    match the documents table and its row counts the tables. A single file is checked against
    the datapackage.json beside it; without one, the output notes that its hash was not
    checked. Exits 1 on any failure.

    Example: `chronicle validate data/releases/1.0.0`
    """
    if not path.exists():
        _fail(f"{path}: no such file or folder")
    from flows.publish import check_path, hash_note

    failures = check_path(path)
    if note := hash_note(path):
        out_console.print(f"note: {note}")
    if not failures:
        out_console.print(f"[green]valid[/green]: {path}")
        return
    table = Table(
        "table",
        "column",
        "rule",
        "failing",
        "examples",
        title=f"{len(failures)} failure(s) in {path}",
    )
    for f in failures:
        table.add_row(f.table, f.column or "", f.rule, str(f.n_failed), "\n".join(f.examples))
    out_console.print(table)
    raise typer.Exit(1)


@app.command()
def releases(
    out: Path = typer.Option(DEFAULT_OUT, help="Output folder holding releases/."),
) -> None:
    """List published releases, newest last, with their row counts.

    Example: `chronicle releases --out data`
    """
    from flows.publish import list_releases

    root = out / "releases"
    versions = list_releases(root)
    if not versions:
        out_console.print(f"No releases in {root}.")
        return
    latest_file = root / "latest.json"
    latest = json.loads(latest_file.read_text())["version"] if latest_file.is_file() else None
    table = Table("version", "created", "rows", "latest")
    for v in versions:
        manifest = json.loads((root / v / "manifest.json").read_text())
        rows = sum(t["rows"] for t in manifest["tables"].values())
        table.add_row(v, manifest["created"], str(rows), "*" if v == latest else "")
    out_console.print(table)


def _release_dir(ref: str, out: Path) -> Path:
    path = Path(ref)
    return path if path.is_dir() else out / "releases" / ref


@app.command()
def diff(
    a: str | None = typer.Argument(
        None,
        help="Older release: a version under OUT/releases or a folder; default the one "
        "before the newer.",
    ),
    b: str | None = typer.Argument(
        None, help="Newer release: a version under OUT/releases or a folder; default the newest."
    ),
    out: Path = typer.Option(DEFAULT_OUT, help="Output folder holding releases/."),
) -> None:
    """Row-level differences between two releases, by stable id (every id listed); without
    arguments, the newest release against the one before it.

    Example: `chronicle diff 1.0.0 1.0.1 --out data`
    """
    from flows.publish import diff_releases, list_releases, read_release, render_changes

    if b is None:
        versions = list_releases(out / "releases")
        if len(versions) < 2:
            held = ", ".join(versions) or "none"
            _fail(
                f"{out / 'releases'} holds {len(versions)} release(s) ({held}): name two to compare"
            )
        a, b = versions[-2:] if a is None else (a, versions[-1])
    dirs = [_release_dir(ref, out) for ref in (a, b)]
    for d in dirs:
        if not (d / "datapackage.json").is_file():
            _fail(f"{d} is not a release folder (no datapackage.json)")
    diffs = diff_releases(read_release(dirs[0]), read_release(dirs[1]))
    out_console.print(f"# {dirs[0].name} → {dirs[1].name}\n")
    out_console.print(render_changes(diffs, limit=None), markup=False, highlight=False)


@app.command()
def serve(
    seeds: Path = SEEDS_OPTION,
    out: Path = OUT_OPTION,
    cron: str = typer.Option(
        "0 * * * *", help="Cron schedule of the runs (UTC); hourly by default."
    ),
    name: str = typer.Option("chronicle-scheduled", help="Name of the Prefect deployment."),
    batch_size: int = BATCH_SIZE_OPTION,
    workers: int = WORKERS_OPTION,
    dask_address: str | None = typer.Option(
        None, help="Run the batch tasks on this existing Dask scheduler (tcp://host:8786)."
    ),
    port: int = typer.Option(
        4210, help="Port of the local Prefect server started when PREFECT_API_URL is not set."
    ),
    extensions: str = EXTENSIONS_OPTION,
    allow_shrink: bool = ALLOW_SHRINK_OPTION,
    max_shrink: float = MAX_SHRINK_OPTION,
) -> None:
    """Run the flow on a cron schedule through a Prefect server, until interrupted.

    Uses the server PREFECT_API_URL names; without one, starts (or reuses) a local
    `prefect server` on 127.0.0.1 with SQLite under $CHRONICLE_PREFECT_HOME
    (default ~/.chronicle/prefect). Runs can also be started from the Prefect UI or API.
    SIGTERM or Ctrl-C stops serving within seconds; a run in progress is stopped (the last
    release stays as it was) and reported to the server as crashed.

    Example: `chronicle serve --seeds seeds --out data --cron "0 * * * *"`
    """
    endings = _check_run_arguments(seeds, out, extensions)
    from flows.runtime import dask_address as resolve_dask
    from flows.serve import serve_release_flow

    try:
        address = resolve_dask(dask_address)
    except ValueError as exc:
        _fail(str(exc))
    options = {"extensions": list(endings), "allow_shrink": allow_shrink, "max_shrink": max_shrink}
    console.print(f"Serving build_release/{name} on schedule {cron!r}; Ctrl-C to stop.")
    stop_on_signals()  # SIGTERM or Ctrl-C is how serving ends
    stopped = serve_release_flow(
        seeds,
        out,
        cron=cron,
        name=name,
        batch_size=batch_size,
        workers=workers,
        dask_address=address,
        port=port,
        options=options,
    )
    runs = (
        f"{stopped} run(s) in progress stopped and reported as crashed"
        if stopped
        else "no run was in progress"
    )
    console.print(f"Serving stopped ({runs}); the last release is unchanged.")


def _flatten(prefix: str, value: object) -> list[tuple[str, str]]:
    if isinstance(value, dict):
        return [
            row
            for k, v in value.items()
            for row in _flatten(f"{prefix}.{k}" if prefix else str(k), v)
        ]
    if isinstance(value, float):
        return [(prefix, f"{value:.3f}")]
    if isinstance(value, list | tuple):
        return [(prefix, f"{len(value)} items")]
    return [(prefix, str(value))]


@app.command()
def evaluate(
    seeds: Path = typer.Option(
        Path("seeds"), help="Folder of the articles the gold annotations describe."
    ),
    gold: Path = typer.Option(
        Path("eval/gold"), help="Folder of gold files (statistics.jsonl, events.jsonl)."
    ),
    corpora: Path = typer.Option(
        Path("../shared/corpora"),
        help="Public gold corpora (TempEval-3, MEANTIME); skipped when absent.",
    ),
) -> None:
    """Print precision and recall of statistics, events and dates against gold annotations.

    Statistics and events are scored on the gold files for the seeds; when the corpora folder
    exists, statistics and events also on general news (eval/gold/statistics_news.jsonl and
    events_news.jsonl: their `dev` part is what rules were tuned on, their `test` part was never
    read for that), publication dates inferred from text against news2020's true dates, and
    dates on TempEval-3 and MEANTIME.

    Example: `chronicle evaluate --seeds seeds --gold eval/gold`
    """
    if not seeds.is_dir():
        _fail(f"--seeds {seeds}: no such folder")
    for name in ("statistics.jsonl", "events.jsonl"):
        if not (gold / name).is_file():
            _fail(f"--gold {gold}: no {name} there")
    from flows.evaluate import evaluate_events, evaluate_statistics
    from flows.ingest import load_articles

    articles = load_articles(seeds)
    reports = {
        "statistics": evaluate_statistics(gold / "statistics.jsonl", articles),
        "events": evaluate_events(gold / "events.jsonl", articles),
    }
    if corpora.is_dir():
        from flows.evaluate import (
            evaluate_corpora,
            evaluate_news_events,
            evaluate_news_statistics,
            evaluate_pubdates,
        )

        if news := evaluate_news_statistics(gold, corpora):
            reports["statistics_news"] = news
        if news := evaluate_news_events(gold, corpora):
            reports["events_news"] = news
        if published := evaluate_pubdates(corpora):
            reports["publication_dates"] = published
        reports["dates"] = evaluate_corpora(corpora)
    else:
        console.print(f"{corpora} not found: date evaluation on public gold corpora skipped.")
    table = Table("evaluation", "measure", "value")
    for name, report in reports.items():
        for measure, value in _flatten("", report):
            table.add_row(name, measure, value)
    out_console.print(table)


def main() -> None:
    """Entry point for `python -m flows.cli`."""
    app()


if __name__ == "__main__":
    main()
