"""The pipeline's stages as plain functions: what the Prefect flow runs, testable without it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import TypeVar

import polars as pl

from flows.combine import build_consensus, build_entities, merge_events
from flows.extract import EXTRACTED_FRAMES, extract_each, extracted_frames
from flows.ingest import (
    DATE_COLUMNS,
    DEFAULT_EXTENSIONS,
    Inputs,
    Skipped,
    articles_from_frame,
    assemble_frames,
    ingest_files,
    ingest_frames,
    list_inputs,
    normalise_extensions,
    skipped_documents,
)
from flows.model import Article
from flows.runtime import map_chunked
from flows.runtime.cache import (
    BatchRunner,
    FileKeys,
    ResultCache,
    article_key,
    cached_map,
    file_key,
    open_cache,
    open_file_keys,
)
from schemas import TABLES
from schemas.export import empty_frame

T = TypeVar("T")

DEFAULT_BATCH_SIZE = 1024  # items per Prefect task; workers take them in chunks of POOL_CHUNK


def list_input_files(seeds_dir: Path, extensions: Sequence[str] = DEFAULT_EXTENSIONS) -> Inputs:
    """The files of the seeds folder to read, and every other entry with why it is not read."""
    if not seeds_dir.is_dir():
        raise FileNotFoundError(f"seeds folder {seeds_dir} does not exist or is not a folder")
    return list_inputs(seeds_dir, normalise_extensions(extensions))


def with_skipped(frames: dict[str, pl.DataFrame], skipped: Sequence[Skipped]) -> dict:
    """`ingest_cached`'s frames with a rejected `documents` row for every entry not read."""
    if not skipped:
        return frames
    rows = ingest_frames(skipped_documents(skipped), [None] * len(skipped))["documents"]
    return {**frames, "documents": pl.concat([frames["documents"], rows])}


#: the share of the current release's readable documents a run may lose and still publish
MAX_SHRINK = 0.5


class ShrinkRefused(RuntimeError):
    """A run found no readable input, or would lose too many of the release's documents."""


def check_shrink(documents: pl.DataFrame, previous: pl.DataFrame | None, max_shrink: float) -> None:
    """Raise ShrinkRefused when no document is readable, or when more than `max_shrink` of the
    readable documents of the previous release's `documents` are gone or rejected (a failed
    mount, a wrong path)."""
    readable = documents.filter(pl.col("status") == "ok")["source_file"]
    if readable.is_empty():
        among = f"among {documents.height} entries" if documents.height else "(the folder is empty)"
        raise ShrinkRefused(f"no readable input {among}")
    if previous is None:
        return
    before = previous.filter(pl.col("status") == "ok")["source_file"]
    lost = before.is_in(readable.implode()).not_().sum()
    if before.len() and lost / before.len() > max_shrink:
        raise ShrinkRefused(
            f"{lost} of the {before.len()} readable documents of the current release are gone "
            f"or rejected, more than the {max_shrink:.0%} a run may lose"
        )


def batches(items: Sequence, size: int) -> list[Sequence]:
    """Consecutive slices of at most `size` items."""
    return [items[i : i + size] for i in range(0, len(items), size)]


# ----------------------------------------------------------------------------- stages


def extract_articles(articles: Sequence[Article]) -> dict[str, pl.DataFrame]:
    """The extracted frames (statistics, event mentions, quotes, entity mentions) of articles."""
    return extracted_frames(extract_each(articles))


def ingest_cached(
    files: Sequence[Path],
    seeds_dir: Path,
    store: ResultCache | None,
    run_batches: BatchRunner,
    batch_size: int,
    file_keys: FileKeys | None = None,
) -> dict[str, pl.DataFrame]:
    """Every file's ingest result, as `ingest_frames`; only files missing from the cache are run.

    With `file_keys`, files whose stat is unchanged since their key was made are not re-read.
    The frames of the previous run are kept in the store with each row's file key, so files
    found there cost no unpickling and only new files' results are made into frames.
    """
    keys = (
        file_keys.keys(files, seeds_dir) if file_keys else [file_key(p, seeds_dir) for p in files]
    )
    kept = store.get_frames() if store is not None else {}
    have = set(kept["documents"]["_key"]) if set(kept) == {"documents", "articles"} else set()
    todo = [i for i, key in enumerate(keys) if key not in have]
    todo_keys = [keys[i] for i in todo]
    results = cached_map([files[i] for i in todo], todo_keys, store, run_batches, batch_size)
    new = _frames_as_they_come(results, todo_keys, ingest_frames)
    if not have:
        frames = new
    else:
        stale = len(have) - (len(keys) - len(todo))  # kept files no longer listed, or changed
        wanted = pl.lit(pl.Series(keys, dtype=pl.String).implode())
        frames = {
            name: pl.concat(
                [kept[name].filter(pl.col("_key").is_in(wanted)) if stale else kept[name], frame]
            )
            for name, frame in new.items()
        }
    if store is not None:
        store.keep_frames(frames, new if have else None, stale if have else 0)
    return frames


#: results made into frames at a time: a corpus's Python results are never all held at once
FRAME_CHUNK = 256


def _frames_as_they_come(
    results: Iterable[tuple[int, T]],
    keys: Sequence[str],
    to_frames: Callable[[list[T], list[str]], dict[str, pl.DataFrame]],
) -> dict[str, pl.DataFrame]:
    """`to_frames(parts, keys)` over `cached_map`'s (index, result) pairs, FRAME_CHUNK at a time
    as they arrive, concatenated (rows in arrival order)."""
    chunks, parts, part_keys = [], [], []
    for index, result in results:
        parts.append(result)
        part_keys.append(keys[index])
        if len(parts) == FRAME_CHUNK:
            chunks.append(to_frames(parts, part_keys))
            parts, part_keys = [], []
    chunks.append(to_frames(parts, part_keys))
    return {name: pl.concat([chunk[name] for chunk in chunks]) for name in chunks[0]}


def extract_cached(
    articles: pl.DataFrame,
    file_keys: Mapping[str, str],
    store: ResultCache | None,
    run_batches: BatchRunner,
    batch_size: int,
) -> dict[str, pl.DataFrame]:
    """Every article's extracted rows as frames, in article order; only articles missing from
    the cache are run. `file_keys` gives each source file's key (`source_file_keys`).

    The frames of the previous run are kept in the store with each row's article key: an
    article found there costs no unpickling, and only new articles' rows are made into frames.
    """
    columns = articles.select("source_file", "position", *DATE_COLUMNS).to_dict(as_series=False)
    keys = [article_key(file_keys[f], *rest) for f, *rest in zip(*columns.values(), strict=True)]
    kept = store.get_frames() if store is not None else {}
    have = set(kept["articles"]["_key"]) if set(kept) == {"articles", *EXTRACTED_FRAMES} else set()
    todo = [i for i, key in enumerate(keys) if key not in have]
    todo_keys = [keys[i] for i in todo]
    todo_articles = articles_from_frame(articles[todo]) if todo else []
    results = cached_map(todo_articles, todo_keys, store, run_batches, batch_size)
    new = _frames_as_they_come(results, todo_keys, extracted_frames)
    order = pl.DataFrame(
        {"_key": keys, "_order": range(len(keys))}, schema={"_key": pl.String, "_order": pl.Int64}
    )
    frames = {}
    for name in EXTRACTED_FRAMES:
        both = pl.concat([kept[name], new[name]]) if have else new[name]
        frames[name] = (
            both.with_row_index("_row")
            .join(order, on="_key", how="inner")
            .sort("_order", "_row")
            .drop("_row", "_order")
        )
    if store is not None:
        added = {"articles": pl.DataFrame({"_key": todo_keys}, schema={"_key": pl.String}), **new}
        store.keep_frames(
            {"articles": order.select("_key"), **frames},
            added if have else None,
            len(have) - (len(keys) - len(todo)),  # kept articles no longer wanted
        )
    return {name: frame.drop("_key") for name, frame in frames.items()}


def corpus_tables(
    documents: pl.DataFrame, articles: pl.DataFrame, extracted: dict[str, pl.DataFrame]
) -> dict[str, pl.DataFrame]:
    """The corpus-level steps (consensus, event merging, entities) and every published table."""
    statistics = extracted["statistics"]
    mentions = extracted["event_mentions"]
    if mentions.is_empty():
        event_mentions, events = (
            empty_frame(TABLES["event_mentions"][0]),
            empty_frame(TABLES["events"][0]),
        )
    else:
        event_mentions, events = merge_events(mentions, articles)
    entity_mentions = extracted["entity_mentions"]
    return {
        "documents": documents,
        "articles": articles,
        "statistics": statistics,
        "statistics_consensus": build_consensus(statistics, articles),
        "event_mentions": event_mentions,
        "events": events,
        "entities": build_entities(entity_mentions)
        if entity_mentions.height
        else empty_frame(TABLES["entities"][0]),
        "quotes": extracted["quotes"],
    }


def source_file_keys(ingested: Mapping[str, pl.DataFrame]) -> dict[str, str]:
    """Source file -> file key, from `ingest_cached`'s frames."""
    documents = ingested["documents"]
    return dict(zip(documents["source_file"], documents["_key"], strict=True))


def input_records(documents: pl.DataFrame) -> list[dict]:
    """The manifest's account of every input file: hash, size, status and reason."""
    keys = ("source_file", "sha256", "bytes", "status", "reject_reason")
    return documents.select(keys).sort("source_file").to_dicts()


def build_tables(
    seeds_dir: Path,
    batch_size: int = DEFAULT_BATCH_SIZE,
    cache_dir: Path | None = None,
    workers: int = 1,
    extensions: Sequence[str] = DEFAULT_EXTENSIONS,
) -> tuple[dict[str, pl.DataFrame], list[dict]]:
    """Every stage in order without Prefect, batches on `workers` processes: (tables, inputs).

    Results are cached under cache_dir when one is given.
    """
    with ExitStack() as stack:
        stores = [
            stack.enter_context(open_cache(cache_dir, stage)) if cache_dir else None
            for stage in ("ingest", "extract")
        ]
        inputs = list_input_files(seeds_dir, extensions)
        docs = ingest_cached(
            inputs.files,
            seeds_dir,
            stores[0],
            lambda bs: map_chunked(ingest_files, bs, seeds_dir, workers=workers),
            batch_size,
            stack.enter_context(open_file_keys(cache_dir)) if cache_dir else None,
        )
        docs = with_skipped(docs, inputs.skipped)
        documents, articles = assemble_frames(docs)
        sources = source_file_keys(docs)
        del docs  # articles' texts and shingle hashes: only the assembly needed them
        extracted = extract_cached(
            articles,
            sources,
            stores[1],
            lambda bs: map_chunked(extract_each, bs, workers=workers),
            batch_size,
        )
        return corpus_tables(documents, articles, extracted), input_records(documents)
