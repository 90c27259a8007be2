"""Turn a seeds folder into the `documents` and `articles` tables (the pipeline's entry stage).

`ingest_document` handles one file and never raises for bad input (it also hashes each article's
shingles and counts its words, so the per-file cache keeps them and the serial assembly does not
redo them); `assemble_corpus` does the corpus-level steps (the corpus year for dates without one,
near-duplicate groups) and returns frames with exactly the schema columns, the same whatever the
order of its input.

Which entries are inputs, and the reason every other entry is not read: `flows.ingest.inputs`.
Sidecar facts beat inferred ones: `published` dates every article of the file (source
`metadata`), `outlet` goes to every article and to the document, `url` to the document, and
`title` replaces the headline when the file holds a single article. A malformed sidecar
rejects its file with the reason (which key and why).
"""

from __future__ import annotations

import pickle
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np
import polars as pl

from flows.ingest.decode import Sidecar, SidecarError, decode_bytes, parse_sidecar
from flows.ingest.dedup import fingerprint, packed_groups
from flows.ingest.inputs import (
    DEFAULT_EXTENSIONS,
    SIDECAR_SUFFIX,
    Skipped,
    is_sidecar,
    list_inputs,
    read_inside,
    sidecar_path,
)
from flows.ingest.pubdate import (
    PubdateEvidence,
    infer_publication,
    needs_corpus_year,
    pubdate_evidence,
    top_year,
    year_votes,
)
from flows.ingest.segment import Segment, segment_text
from flows.model import Article, stable_id

DOCUMENT_SCHEMA: dict[str, pl.DataType] = {
    "document_id": pl.String(),
    "source_file": pl.String(),
    "sha256": pl.String(),
    "bytes": pl.Int64(),
    "encoding": pl.String(),
    "mojibake_repaired": pl.Boolean(),
    "status": pl.String(),
    "reject_reason": pl.String(),
    "n_articles": pl.Int64(),
    "outlet": pl.String(),
    "url": pl.String(),
}
ARTICLE_SCHEMA: dict[str, pl.DataType] = {
    "article_id": pl.String(),
    "document_id": pl.String(),
    "source_file": pl.String(),
    "position": pl.Int64(),
    "headline": pl.String(),
    "text": pl.String(),
    "captions": pl.String(),
    "published_date": pl.Date(),
    "published_date_source": pl.String(),
    "published_date_text": pl.String(),
    "published_date_low": pl.Date(),
    "published_date_high": pl.Date(),
    "duplicate_group": pl.String(),
    "word_count": pl.Int64(),
    "outlet": pl.String(),
}

_WORDS = re.compile(r"\d+(?:[.,]\d+)*|[^\W_]+(?:['’-][^\W_]+)*")


@dataclass(frozen=True)
class IngestedDocument:
    """One file's `documents` row, its articles and what the corpus-level steps need."""

    document: dict[str, object]
    articles: list[Article] = field(default_factory=list)
    pending: dict[str, PubdateEvidence] = field(default_factory=dict)
    year_votes: dict[int, int] = field(default_factory=dict)
    fingerprints: dict[str, np.ndarray] = field(default_factory=dict)
    word_counts: dict[str, int] = field(default_factory=dict)


def document_paths(seeds_dir: Path, extensions: tuple[str, ...] = DEFAULT_EXTENSIONS) -> list[Path]:
    """The files of a seeds folder that are read, sorted by relative path."""
    return list_inputs(seeds_dir, extensions).files


def skipped_documents(skipped: Sequence[Skipped]) -> list[IngestedDocument]:
    """The rejected `documents` rows of the seeds folder's entries that are not read."""
    return [_rejected(s.source_file, "", s.size, None, s.reason) for s in skipped]


def ingest_document(path: Path, root: Path) -> IngestedDocument:
    """Read, decode and segment one file; bad input gives a rejected document, never an error."""
    source_file = path.relative_to(root).as_posix()
    try:
        decoded = decode_bytes(read_inside(path, root))
    except OSError as exc:
        return _rejected(source_file, "", 0, None, f"unreadable: {exc.strerror or exc}")
    document_id = stable_id(source_file, decoded.sha256)
    row = {
        "document_id": document_id,
        "source_file": source_file,
        "sha256": decoded.sha256,
        "bytes": decoded.n_bytes,
        "encoding": decoded.encoding,
        "mojibake_repaired": decoded.mojibake_repaired,
        "status": "ok",
        "reject_reason": None,
        "n_articles": 0,
        "outlet": None,
        "url": None,
    }
    if is_sidecar(path):
        base = path.name[: -len(SIDECAR_SUFFIX)]
        return IngestedDocument({**row, "status": "rejected", "reject_reason": _orphan(base, path)})
    if decoded.reject_reason is not None or decoded.text is None:
        return IngestedDocument(
            {**row, "status": "rejected", "reject_reason": decoded.reject_reason}
        )
    try:
        sidecar = _sidecar(path, root)
    except (SidecarError, OSError) as exc:
        return IngestedDocument({**row, "status": "rejected", "reject_reason": str(exc)})
    segments = segment_text(decoded.text)
    if not segments:
        reason = "no article text: only site chrome, captions or headlines"
        return IngestedDocument({**row, "status": "rejected", "reject_reason": reason})
    votes = year_votes(
        [s.text for s in segments]
        + ["\n".join(s.captions) for s in segments]
        + ["\n".join(s.date_lines) for s in segments]
    )
    articles, pending = _articles(document_id, source_file, segments, sidecar, top_year(votes))
    row.update(n_articles=len(articles), outlet=sidecar.outlet, url=sidecar.url)
    prints = {a.article_id: fingerprint(a.text) for a in articles}
    counts = {a.article_id: word_count(a.text) for a in articles}
    return IngestedDocument(row, articles, pending, dict(votes), prints, counts)


def ingest_files(paths: Iterable[Path], seeds_dir: Path) -> list[IngestedDocument]:
    """Decode, segment and date every file of a batch; bad files come back rejected."""
    return [ingest_document(p, seeds_dir) for p in paths]


def _sidecar(path: Path, root: Path) -> Sidecar:
    """The validated sidecar of an input file (empty when it has none); SidecarError if bad."""
    meta = sidecar_path(path)
    try:
        raw = read_inside(meta, root)
    except FileNotFoundError:
        return Sidecar()
    except OSError as exc:
        raise SidecarError(f"sidecar {meta.name}: {(exc.strerror or str(exc)).lower()}") from exc
    return parse_sidecar(raw, meta.name)


def _orphan(base: str, path: Path) -> str:
    """The reject reason of a sidecar whose file is missing."""
    if path.with_name(base).is_file():
        return f"sidecar of {base}: read together with that file, not a document"
    return f"orphan sidecar: {base} does not exist next to it"


def _rejected(
    source_file: str, sha256: str, n_bytes: int, encoding: str | None, reason: str
) -> IngestedDocument:
    """A rejected document row for a file that could not even be read."""
    return IngestedDocument(
        {
            "document_id": stable_id(source_file, sha256),
            "source_file": source_file,
            "sha256": sha256 or "0" * 64,
            "bytes": n_bytes,
            "encoding": encoding,
            "mojibake_repaired": False,
            "status": "rejected",
            "reject_reason": reason,
            "n_articles": 0,
            "outlet": None,
            "url": None,
        }
    )


def _articles(
    document_id: str,
    source_file: str,
    segments: list[Segment],
    sidecar: Sidecar,
    doc_year: int | None,
) -> tuple[list[Article], dict[str, PubdateEvidence]]:
    """The Article records of one file and the date evidence still waiting for the corpus year."""
    articles: list[Article] = []
    pending: dict[str, PubdateEvidence] = {}
    for position, segment in enumerate(segments):
        text = segment.text
        headline = segment.headline
        if sidecar.title and len(segments) == 1:
            headline = sidecar.title
        article_id = stable_id(document_id, position, text)
        published: date | None = sidecar.published
        source, date_text = ("metadata", None) if published else ("unknown", None)
        low = high = published
        if published is None:
            evidence = pubdate_evidence(text, doc_year, segment.date_lines, segment.captions)
            if needs_corpus_year(evidence):
                pending[article_id] = evidence
            else:
                found = infer_publication(evidence, None)
                published, date_text, low, high = found.day, found.text, found.low, found.high
                source = "inferred" if published else "unknown"
        articles.append(
            Article(
                article_id=article_id,
                document_id=document_id,
                source_file=source_file,
                position=position,
                headline=headline,
                text=text,
                captions="\n".join(segment.captions) or None,
                published_date=published,
                published_date_source=source,
                published_date_text=date_text,
                outlet=sidecar.outlet,
                published_date_low=low,
                published_date_high=high,
            )
        )
    return articles, pending


#: the articles columns that the corpus year can change (and that key an article's extractions)
DATE_COLUMNS = ("published_date", "published_date_source", "published_date_text")
#: the publication range, which the corpus year can change too (the extractors do not read it)
RANGE_COLUMNS = ("published_date_low", "published_date_high")

#: the ingest columns kept beside the articles fields, for the corpus-level steps
_INGEST_COLUMNS: dict[str, pl.DataType] = {
    "pending": pl.Binary(),  # pickled PubdateEvidence awaiting the corpus year, else null
    "fingerprint": pl.Binary(),  # the article's sorted shingle hashes (uint64)
    "word_count": pl.Int64(),
}
_ARTICLE_FIELDS = [c for c in ARTICLE_SCHEMA if c not in ("duplicate_group", "word_count")]


def ingest_frames(
    docs: Sequence[IngestedDocument], keys: Sequence[str] | None = None
) -> dict[str, pl.DataFrame]:
    """Ingest results as two frames, `documents` (with each file's year votes) and `articles`
    (with what `assemble_frames` needs); with `keys`, every row carries its file's in `_key`."""
    documents = pl.DataFrame([d.document for d in docs], schema=DOCUMENT_SCHEMA, orient="row")
    documents = documents.with_columns(
        pl.Series("vote_years", [list(d.year_votes) for d in docs], dtype=pl.List(pl.Int64)),
        pl.Series("vote_counts", [list(d.year_votes.values()) for d in docs], pl.List(pl.Int64)),
    )
    columns: dict[str, list] = {c: [] for c in [*_ARTICLE_FIELDS, *_INGEST_COLUMNS]}
    for doc in docs:
        for a in doc.articles:
            for name in _ARTICLE_FIELDS:
                columns[name].append(getattr(a, name))
            evidence = doc.pending.get(a.article_id)
            columns["pending"].append(None if evidence is None else pickle.dumps(evidence))
            prints = doc.fingerprints.get(a.article_id)
            columns["fingerprint"].append(
                (fingerprint(a.text) if prints is None else prints).tobytes()
            )
            columns["word_count"].append(doc.word_counts.get(a.article_id) or word_count(a.text))
    schema = {c: ARTICLE_SCHEMA.get(c) or _INGEST_COLUMNS[c] for c in columns}
    articles = pl.DataFrame(columns, schema=schema)
    if keys is not None:
        documents = documents.with_columns(pl.Series("_key", keys, dtype=pl.String))
        per_article = [k for d, k in zip(docs, keys, strict=True) for _ in d.articles]
        articles = articles.with_columns(pl.Series("_key", per_article, dtype=pl.String))
    return {"documents": documents, "articles": articles}


def assemble_corpus(docs: Sequence[IngestedDocument]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The documents and articles frames, with the corpus year and duplicate groups applied."""
    return assemble_frames(ingest_frames(docs))


def assemble_frames(frames: dict[str, pl.DataFrame]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The documents and articles tables from `ingest_frames` (rows in any order): files sorted
    by path, each file's articles in order, the corpus year and duplicate groups applied."""
    documents = frames["documents"].sort("source_file")
    rank = documents.select("source_file", _rank=pl.int_range(pl.len(), dtype=pl.Int64))
    articles = frames["articles"].join(rank, on="source_file", how="left").sort("_rank", "position")
    articles = articles.with_columns(_dates(articles, _corpus_year(documents, articles)))
    ids = articles["article_id"]
    dates = dict(zip(ids.to_list(), articles["published_date"].to_list(), strict=True))
    groups = packed_groups(*_packed_prints(articles), dates)
    articles = articles.with_columns(
        ids.replace_strict(groups, default=None, return_dtype=pl.String).alias("duplicate_group")
    )
    return documents.select(list(DOCUMENT_SCHEMA)), articles.select(list(ARTICLE_SCHEMA))


def _corpus_year(documents: pl.DataFrame, articles: pl.DataFrame) -> int | None:
    """The year most voted for by the files' year votes and the articles' metadata dates."""
    votes = pl.concat(
        [
            documents.select(year="vote_years", n="vote_counts")
            .explode("year", "n")
            .drop_nulls(),  # an empty list may explode to a row of nulls
            articles.filter(pl.col("published_date_source") == "metadata").select(
                year=pl.col("published_date").dt.year().cast(pl.Int64), n=pl.lit(1, pl.Int64)
            ),
        ]
    )
    totals = votes.group_by("year").agg(pl.col("n").sum())
    return top_year(
        Counter(dict(zip(totals["year"].to_list(), totals["n"].to_list(), strict=True)))
    )


def _dates(articles: pl.DataFrame, corpus_year: int | None) -> list[pl.Series]:
    """The date columns, with the articles whose evidence awaited the corpus year now dated."""
    rows = articles["pending"].is_not_null().arg_true()
    found = [
        infer_publication(pickle.loads(evidence), corpus_year)
        for evidence in articles["pending"].gather(rows).to_list()
    ]
    new = {
        "published_date": [f.day for f in found],
        "published_date_source": ["inferred" if f.day else "unknown" for f in found],
        "published_date_text": [f.text for f in found],
        "published_date_low": [f.low for f in found],
        "published_date_high": [f.high for f in found],
    }
    return [
        articles[c].scatter(rows, pl.Series(c, new[c], dtype=ARTICLE_SCHEMA[c]))
        for c in (*DATE_COLUMNS, *RANGE_COLUMNS)
    ]


def _packed_prints(articles: pl.DataFrame) -> tuple[list[str], np.ndarray, np.ndarray]:
    """The sorted article ids, their fingerprints one after the other, and the hashes in each.

    One cast of the binary column gives all the hashes in one buffer, instead of a bytes object
    and an array per article.
    """
    order = articles["article_id"].arg_sort()
    prints = articles["fingerprint"].gather(order)
    sizes = prints.bin.size()
    data = prints.filter(sizes > 0).cast(pl.List(pl.UInt8)).explode()  # no empty list to null
    lengths = (sizes // 8).cast(pl.Int64).to_numpy()
    return articles["article_id"].gather(order).to_list(), data.to_numpy().view(np.uint64), lengths


def word_count(text: str) -> int:
    """Number of words in `text` (hyphenated and apostrophised words count once)."""
    return len(_WORDS.findall(text))


def articles_from_frame(articles: pl.DataFrame) -> list[Article]:
    """The Article records of an `articles` frame, in frame order."""
    return [
        Article(
            article_id=row["article_id"],
            document_id=row["document_id"],
            source_file=row["source_file"],
            position=row["position"],
            headline=row["headline"],
            text=row["text"],
            captions=row["captions"],
            published_date=row["published_date"],
            published_date_source=row["published_date_source"],
            published_date_text=row["published_date_text"],
            outlet=row["outlet"],
            published_date_low=row["published_date_low"],
            published_date_high=row["published_date_high"],
        )
        for row in articles.iter_rows(named=True)
    ]


def load_corpus(seeds_dir: Path) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Ingest every input of a seeds folder and assemble the two tables."""
    inputs = list_inputs(seeds_dir)
    docs = [ingest_document(p, seeds_dir) for p in inputs.files]
    return assemble_corpus(docs + skipped_documents(inputs.skipped))


def load_articles(seeds_dir: Path) -> list[Article]:
    """The assembled articles of a seeds folder, as the extractors see them."""
    return articles_from_frame(load_corpus(seeds_dir)[1])
