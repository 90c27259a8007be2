"""The Prefect layer: `build_release` names the stages, batches the work, retries and reports.

All logic lives in flows.build and flows.publish.release; this module only orchestrates.

Annotations are evaluated (no `from __future__ import annotations`): a served flow is pickled by
value into its run's process, where Prefect must resolve the parameter types without the module.
"""

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import polars as pl
from prefect import flow, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.context import FlowRunContext
from prefect.states import Failed
from prefect.task_runners import ThreadPoolTaskRunner
from prefect.utilities.annotations import quote

from flows import build
from flows.extract import Extracted, extract_each
from flows.ingest import DEFAULT_EXTENSIONS, IngestedDocument, assemble_frames, ingest_files
from flows.model import Article
from flows.publish import (
    PreviousRelease,
    PublishResult,
    ValidationFailed,
    publish_release,
    read_previous,
    start_renderer,
)
from flows.runtime import (
    default_workers,
    map_in_pool,
    pool_size,
    remove_stale_temporaries,
    worker_pool,
)
from flows.runtime.cache import (
    CACHE_DIRNAME,
    BatchRunner,
    open_cache,
    open_file_keys,
)

ProgressHook = Callable[[str, int, int], None]
_progress: list[ProgressHook] = []


def on_progress(hook: ProgressHook | None) -> None:
    """Register (or with None, clear) a callback (stage, done, total) for long steps."""
    _progress.clear()
    if hook is not None:
        _progress.append(hook)


def _report(stage: str, done: int, total: int) -> None:
    for hook in _progress:
        hook(stage, done, total)


# ----------------------------------------------------------------------------- tasks


@task(name="ingest-batch", retries=2, retry_delay_seconds=1, cache_policy=NO_CACHE)
def ingest_batch(paths: list[Path], seeds_dir: Path) -> list[IngestedDocument]:
    """Decode, segment and date one batch of files (in chunks on the worker processes)."""
    return map_in_pool(ingest_files, paths, seeds_dir)


@task(name="assemble-corpus", cache_policy=NO_CACHE)
def assemble(docs: dict[str, pl.DataFrame]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Corpus-level article steps: missing years, near-duplicate groups."""
    return assemble_frames(docs)


@task(name="extract-batch", retries=2, retry_delay_seconds=1, cache_policy=NO_CACHE)
def extract_batch(articles: list[Article]) -> list[Extracted]:
    """Statistics, events, quotes and entities of each article of a batch (in chunks on the workers)."""
    return map_in_pool(extract_each, articles)


@task(name="corpus-tables", cache_policy=NO_CACHE)
def corpus_tables(
    documents: pl.DataFrame, articles: pl.DataFrame, extracted: dict[str, pl.DataFrame]
) -> dict[str, pl.DataFrame]:
    """Consensus, merged events and entities across the whole corpus."""
    return build.corpus_tables(documents, articles, extracted)


@task(name="validate-and-publish", cache_policy=NO_CACHE)
def publish(
    tables: dict[str, pl.DataFrame],
    out: Path,
    inputs: list[dict],
    previous: PreviousRelease | None = None,
) -> PublishResult:
    """Validate every table and publish a new version when the content changed."""
    from flows.publish import render_catalog, render_releases_index

    result = publish_release(tables, out, inputs, render=render_catalog, previous=previous)
    render_releases_index(out / "releases", out, out / CACHE_DIRNAME / "catalog")
    return result


# ----------------------------------------------------------------------------- flow
# Large task inputs are quoted: Prefect would otherwise walk every element (20-40 ms a batch).
# Not submitted batches on Dask, whose runner hands the task the quote (as a tuple) itself.


def _run_batches(fn: Any, batches: list, stage: str, workers: int, *args: Any) -> Iterator:
    with worker_pool(pool_size(workers, batches)):
        local = isinstance(FlowRunContext.get().task_runner, ThreadPoolTaskRunner)
        futures = [fn.submit(quote(b) if local else b, *args) for b in batches]
        _report(stage, 0, len(futures))
        for i in range(len(futures)):
            result = futures[i].result()
            futures[i] = None  # the caller keeps the result; the future need not
            yield result
            _report(stage, i + 1, len(futures))


def _runner(fn: Any, stage: str, workers: int, *args: Any) -> BatchRunner:
    return lambda batches: _run_batches(fn, batches, stage, workers, *args)


def local_task_runner(workers: int) -> ThreadPoolTaskRunner:
    """Two task threads per worker process: while one batch computes, the next one's task run
    is set up and its batch queued, so no process waits on Prefect's bookkeeping."""
    return ThreadPoolTaskRunner(max_workers=2 * workers)


@flow(name="build_release", log_prints=True, task_runner=local_task_runner(default_workers()))
def build_release(
    seeds: Path = Path("seeds"),
    out: Path = Path("data"),
    batch_size: int = build.DEFAULT_BATCH_SIZE,
    workers: int = default_workers(),
    extensions: list[str] = list(DEFAULT_EXTENSIONS),  # noqa: B006 (Prefect parameters are plain data)
    allow_shrink: bool = False,
    max_shrink: float = build.MAX_SHRINK,
) -> dict:
    """Ingest `seeds`, extract, validate and publish a release into `out`; returns a summary.

    Batches run on `workers` processes (in place on Dask workers). Files and articles already
    processed by the same code come from the cache under out/cache/. Files are read when their
    names end with one of `extensions`. A run that finds no readable document, or that would
    lose more than `max_shrink` of the current release's readable documents, publishes nothing
    (ShrinkRefused) unless `allow_shrink`.
    """
    shrink = None if allow_shrink else max_shrink
    try:
        return _build_release(seeds, out, batch_size, workers, extensions, shrink)
    except build.ShrinkRefused as exc:  # a decision, not a crash: the run fails without a trace
        return Failed(message=f"Release not published: {exc}", data=exc)


def _build_release(
    seeds: Path,
    out: Path,
    batch_size: int,
    workers: int,
    extensions: list[str],
    max_shrink: float | None,
) -> dict:
    """The body of `build_release`; `max_shrink` None publishes whatever the run finds."""
    inputs = build.list_input_files(seeds, extensions)
    remove_stale_temporaries(out / "releases", out / CACHE_DIRNAME)  # left by a killed run
    start_renderer()  # unless `chronicle run` started it: it warms up while the run goes on
    previous = read_previous(out)  # the release to compare with
    # the stores stay open to the end: the last run's frames are stored on a thread meanwhile
    with (
        open_cache(out, "ingest") as ingest_store,
        open_cache(out, "extract") as extract_store,
        open_file_keys(out) as file_keys,
    ):
        ingest = _runner(ingest_batch, "ingest", workers, seeds)
        docs = build.ingest_cached(inputs.files, seeds, ingest_store, ingest, batch_size, file_keys)
        docs = build.with_skipped(docs, inputs.skipped)
        documents, articles = assemble(quote(docs))
        if max_shrink is not None:
            build.check_shrink(documents, previous and previous.documents(), max_shrink)
        sources = build.source_file_keys(docs)
        del docs  # articles' texts and shingle hashes: only the assembly needed them
        extract = _runner(extract_batch, "extract", workers)
        extracted = build.extract_cached(articles, sources, extract_store, extract, batch_size)
        tables = corpus_tables(quote(documents), quote(articles), quote(extracted))
        result = _publish(tables, out, build.input_records(documents), previous)
    summary = release_summary(tables, result)
    create_markdown_artifact(
        key="release-summary", markdown=summary_markdown(summary), description="Chronicle release"
    )
    return summary


def _publish(
    tables: dict[str, pl.DataFrame],
    out: Path,
    inputs: list[dict],
    previous: PreviousRelease | None,
) -> PublishResult:
    """The publish task, reported as a stage; a validation failure becomes the run's artifact."""
    _report("publish", 0, 1)
    try:
        result = publish(quote(tables), out, quote(inputs), quote(previous))
    except ValidationFailed as exc:
        create_markdown_artifact(
            key="release-summary", markdown=f"# Validation failed\n\n```\n{exc}\n```"
        )
        raise
    _report("publish", 1, 1)
    return result


def release_summary(tables: dict[str, pl.DataFrame], result: PublishResult) -> dict:
    """Plain-data summary of a run: version, whether new, rows per table, changes."""
    return {
        "version": result.version,
        "created": result.created,
        "bump": result.bump,
        "path": str(result.path),
        "rows": {name: frame.height for name, frame in tables.items()},
        "rejected": tables["documents"]
        .filter(pl.col("status") == "rejected")["source_file"]
        .to_list(),
        "changes": {
            name: {"added": len(d.added), "removed": len(d.removed), "changed": len(d.changed)}
            for name, d in result.diffs.items()
        },
    }


def summary_markdown(summary: dict) -> str:
    """The summary as a Markdown artifact."""
    state = "new release" if summary["created"] else "no change: current release kept"
    lines = [
        f"# Chronicle {summary['version']} ({state})",
        "",
        "Validation: passed.",
        "",
        "| table | rows | added | removed | changed |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, rows in summary["rows"].items():
        c = summary["changes"].get(name, {"added": 0, "removed": 0, "changed": 0})
        lines.append(f"| {name} | {rows} | {c['added']} | {c['removed']} | {c['changed']} |")
    if summary["rejected"]:
        lines += ["", "Rejected files: " + ", ".join(summary["rejected"])]
    return "\n".join(lines)
