"""Reading files: encodings, rejections, sidecars, and the assembled tables."""

from __future__ import annotations

import json
import random
import re
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flows.extract import extract_article
from flows.ingest.corpus import (
    articles_from_frame,
    assemble_corpus,
    document_paths,
    ingest_document,
    load_corpus,
    word_count,
)
from flows.ingest.decode import BADNESS_SPAN, SidecarError, _looks_bad, decode_bytes, parse_sidecar
from flows.ingest.pubdate import pubdate_evidence
from flows.ingest.segment import MAX_ARTICLE_CHARS, MAX_HEADLINE_CHARS, segment_text
from flows.model import stable_id
from schemas.corpus import Articles, Documents

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
RUSSIAN = (
    "Протесты в Беларуси продолжаются после выборов президента. "
    "Тысячи людей вышли на улицы Минска в воскресенье."
)
ENGLISH = "The café owner said the protesters’ “naïve” demands — a résumé of abuses — were ignored."
LATIN = "Crème brûlée at the Zürich café, said Frédéric, costs 9 francs."
STORY = (
    "Belarus Police Detain Hundreds Of Women At Protest\n\n"
    "Riot police on Saturday detained hundreds of women, dragging many into vans, as opposition "
    "protesters marched through the Belarusian capital Minsk.\n\n"
    "Viasna rights group released an online list of names of 217 women detained in Minsk.\n"
)


@pytest.mark.parametrize(
    ("text", "encoding", "expected"),
    [
        (RUSSIAN, "cp1251", "cp1251"),
        (ENGLISH, "cp1252", "cp1252"),
        ("Belarus’s president said the vote was fair – observers disagreed.", "cp1252", "cp1252"),
        ("José Mourinho praised Nuñez after the 2–0 win in São Paulo.", "cp1252", "cp1252"),
        ("Президент Беларуси Александр Лукашенко заявил, что выборы честные.", "cp1251", "cp1251"),
        (LATIN, "latin-1", "latin-1"),
        (RUSSIAN, "utf-16", "utf-16"),
        (RUSSIAN, "utf-16-le", "utf-16-le"),
        (ENGLISH, "utf-16-be", "utf-16-be"),
        (ENGLISH, "utf-8-sig", "utf-8-sig"),
        (ENGLISH, "utf-8", "utf-8"),
    ],
)
def test_encodings_decode_real_sentences(text, encoding, expected):
    decoded = decode_bytes(text.encode(encoding))
    assert decoded.reject_reason is None
    assert decoded.encoding == expected
    assert decoded.text == text


def test_mojibake_is_repaired_and_recorded():
    clean = "Lukashenko’s re-election — protesters say the “vote was rigged"
    decoded = decode_bytes(clean.encode().decode("cp1252").encode())
    assert decoded.text == clean
    assert decoded.mojibake_repaired
    assert not decode_bytes(ENGLISH.encode()).mojibake_repaired


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"  \n\n\t ", "empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "binary"),
        (b"%PDF-1.7\n" + b"x" * 100, "binary"),
        (b"abc\x00\x01\x02def" * 50, "binary"),
        (b"<!DOCTYPE html>\n<html><body><p>Riot police detained 200.</p></body></html>", "markup"),
        (bytes(random.Random(0).choices(range(0x80, 0x100), k=2000)), "undecodable"),
    ],
)
def test_bad_bytes_are_rejected_with_a_reason(data, reason):
    decoded = decode_bytes(data)
    assert decoded.text is None
    assert decoded.reject_reason.startswith(reason)


def test_sidecar_is_validated_key_by_key():
    ok = parse_sidecar(b'{"published": "2020-08-16", "outlet": "BBC"}', "a.txt.meta.json")
    assert ok.published == date(2020, 8, 16) and ok.outlet == "BBC" and ok.title is None
    bad = {
        b"{not json": "not valid JSON",
        b"[1, 2]": "must be a JSON object",
        b'{"author": "x"}': "unknown key 'author'",
        b'{"published": "16/08/2020"}': "key 'published'",
        b'{"published": "2020-02-30"}': "not a real date",
        b'{"outlet": 7}': "key 'outlet' must be a string",
    }
    for raw, message in bad.items():
        with pytest.raises(SidecarError, match=message):
            parse_sidecar(raw, "a.txt.meta.json")


def test_a_runaway_sidecar_title_is_cut_to_a_headline():
    title = "Lukashenko " * 1_000_000  # a 10 MB title was repeated six times in index.html
    cut = parse_sidecar(json.dumps({"title": title}).encode(), "a.txt.meta.json").title
    assert cut == " ".join(["Lukashenko"] * (MAX_HEADLINE_CHARS // 11)) + "…"
    assert len(cut) <= MAX_HEADLINE_CHARS


@pytest.fixture
def messy_seeds(tmp_path: Path) -> Path:
    """A seeds folder with good, encoded, broken, binary and sidecar files."""
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "a.txt.meta.json").write_text(
        json.dumps({"published": "2020-09-19", "outlet": "AFP", "url": "https://x.example/a"})
    )
    (tmp_path / "b.txt").write_bytes(STORY.encode("utf-16"))
    (tmp_path / "c.txt").write_text(STORY)
    (tmp_path / "c.txt.meta.json").write_text('{"published": "yesterday"}')
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(300))
    (tmp_path / "photo.txt").write_bytes(b"\xff\xd8\xff\xe0" + bytes(300))
    (tmp_path / "lost.txt.meta.json").write_text('{"outlet": "BBC"}')
    (tmp_path / ".hidden.txt").write_text(STORY)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d.txt").write_bytes(RUSSIAN.encode("cp1251"))
    return tmp_path


def test_every_file_is_accounted_for_and_none_stops_the_run(messy_seeds: Path):
    names = [p.relative_to(messy_seeds).as_posix() for p in document_paths(messy_seeds)]
    assert names == [
        "a.txt",
        "b.txt",
        "c.txt",
        "empty.txt",
        "lost.txt.meta.json",
        "photo.txt",
        "sub/d.txt",
    ]
    documents, articles = load_corpus(messy_seeds)
    Documents.validate(documents)
    Articles.validate(articles)
    status = dict(zip(documents["source_file"], documents["reject_reason"], strict=True))
    assert status["a.txt"] is None and status["b.txt"] is None and status["sub/d.txt"] is None
    assert "key 'published'" in status["c.txt"]
    assert status["empty.txt"].startswith("empty")
    assert status["photo.txt"].startswith("binary")
    assert status["photo.jpg"] == "not read: only files ending in .txt are inputs"
    assert status[".hidden.txt"].startswith("hidden file")
    assert status["lost.txt.meta.json"].startswith("orphan sidecar")
    enc = dict(zip(documents["source_file"], documents["encoding"], strict=True))
    assert enc["b.txt"] == "utf-16" and enc["sub/d.txt"] == "cp1251"


def test_sidecar_facts_beat_inferred_ones(messy_seeds: Path):
    doc = ingest_document(messy_seeds / "a.txt", messy_seeds)
    assert doc.document["outlet"] == "AFP" and doc.document["url"] == "https://x.example/a"
    (article,) = doc.articles
    assert article.published_date == date(2020, 9, 19)
    assert article.published_date_source == "metadata"
    assert article.outlet == "AFP"
    assert article.headline == "Belarus Police Detain Hundreds Of Women At Protest"


def test_ids_are_content_hashes(messy_seeds: Path):
    doc = ingest_document(messy_seeds / "a.txt", messy_seeds)
    assert doc.document["document_id"] == stable_id("a.txt", doc.document["sha256"])
    article = doc.articles[0]
    assert article.article_id == stable_id(doc.document["document_id"], 0, article.text)


@pytest.fixture(scope="module")
def seed_tables() -> tuple[pl.DataFrame, pl.DataFrame]:
    """The documents and articles of the real seeds."""
    return load_corpus(SEEDS)


def test_seed_tables_pass_the_contract(seed_tables):
    documents, articles = seed_tables
    Documents.validate(documents)
    Articles.validate(articles)
    assert documents["n_articles"].to_list() == [1, 1, 12, 1, 1]
    assert articles.height == 16


def test_assembly_does_not_depend_on_document_order(seed_tables):
    docs = [ingest_document(p, SEEDS) for p in document_paths(SEEDS)]
    random.Random(1).shuffle(docs)
    documents, articles = assemble_corpus(docs)
    assert documents.equals(seed_tables[0]) and articles.equals(seed_tables[1])


def test_corpus_year_completes_dates(seed_tables):
    _, articles = seed_tables
    row = articles.filter(pl.col("source_file").str.starts_with("003")).row(0, named=True)
    assert row["published_date"] is None
    assert row["published_date_source"] == "unknown"
    assert row["published_date_text"] == "latest reported date 2020-11-26: November 26"


def test_articles_round_trip_through_the_frame(seed_tables):
    _, articles = seed_tables
    records = articles_from_frame(articles)
    assert [r.article_id for r in records] == articles["article_id"].to_list()
    assert records[2].headline == "Belarus Opposition Leader Meets EU to urge sanctions"


def test_mojibake_search_near_non_ascii_is_ftfys():
    """The windowed search rests on ftfy's regex: bounded width, a non-ASCII character each."""
    from ftfy.badness import BADNESS_RE, is_bad

    parsed = re._parser.parse(BADNESS_RE.pattern, BADNESS_RE.flags)
    assert parsed.getwidth()[1] <= BADNESS_SPAN

    def non_ascii(op, av):
        if op is re._parser.LITERAL:
            return av > 127
        return op is re._parser.IN and all(
            (o is re._parser.LITERAL and a > 127) or (o is re._parser.RANGE and a[0] > 127)
            for o, a in av
        )

    ((op, (_, branches)),) = parsed.data
    assert op is re._parser.BRANCH
    assert all(any(non_ascii(*item) for item in branch) for branch in branches)
    alphabet = "aZ .,\n'0" + "ÃÂâ€™œ©®°·»–—´ØÙ¢£àé’“”…ВГРСЂΒΓā√≈‚Ä²³×ŒœÈ│█"
    rng = random.Random(0)
    for _ in range(20_000):
        text = "".join(rng.choices(alphabet, k=rng.randint(0, 30)))
        assert _looks_bad(text) == is_bad(text), text


def test_word_count():
    assert word_count("Lukashenko’s re-election drew 100,000 protesters in Covid-19 times.") == 8


def test_ingest_counts_each_article_words_for_assembly():
    docs = [ingest_document(p, SEEDS) for p in document_paths(SEEDS)]
    for doc in docs:
        assert doc.word_counts == {a.article_id: word_count(a.text) for a in doc.articles}
    bare = [replace(doc, word_counts={}) for doc in docs]
    assert assemble_corpus(docs)[1].equals(assemble_corpus(bare)[1])


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=3000))
def test_any_bytes_decode_or_are_rejected(data):
    decoded = decode_bytes(data)
    assert (decoded.text is None) == (decoded.reject_reason is not None)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .,?–‘’\n\nAB0:•")), max_size=400))
def test_any_text_segments_and_dates_without_error(text):
    for segment in segment_text(text):
        assert segment.body
        pubdate_evidence(segment.text, None)


def test_a_20_mb_file_without_line_breaks_is_cut_and_read_in_seconds(tmp_path: Path):
    clause = (
        "police detained 40 people in Minsk on Sunday after the vote, the interior ministry "
        "said, as Alexander Lukashenko accused foreign governments of interference and "
    )
    path = tmp_path / "dump.txt"
    path.write_text(clause * (20_000_000 // len(clause)), encoding="utf-8")
    start = time.perf_counter()
    doc = ingest_document(path, tmp_path)
    extracted = [extract_article(article) for article in doc.articles]
    assert time.perf_counter() - start < 30  # about 3 s; 16 minutes with no end in sight before
    (article,) = doc.articles
    assert len(article.text) <= MAX_ARTICLE_CHARS and article.text.endswith("…")
    assert extracted[0].mentions
