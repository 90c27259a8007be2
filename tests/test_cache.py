"""The result cache: keys follow content, code changes miss, batches are stored as they finish."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from flows.cache import (
    ResultCache,
    article_key,
    cached_map,
    code_fingerprint,
    file_key,
    open_cache,
)
from flows.model import Article

SEEDS = Path(__file__).parent.parent / "seeds"


def _article(text: str) -> Article:
    return Article(
        "a1", "d1", "x.txt", 0, "Headline", text, None, date(2020, 8, 10), "inferred", None
    )


def _runner(calls: list[list[str]]):
    def run(batches):
        for batch in batches:
            calls.append(list(batch))
            yield [item.upper() for item in batch]

    return run


def test_file_key_follows_bytes_sidecar_and_path(tmp_path):
    seed = sorted(SEEDS.glob("*.txt"))[0]
    a = tmp_path / "a.txt"
    shutil.copy(seed, a)
    key = file_key(a, tmp_path)
    assert file_key(a, tmp_path) == key
    (tmp_path / "a.txt.meta.json").write_text('{"outlet": "BBC"}')
    with_sidecar = file_key(a, tmp_path)
    assert with_sidecar != key
    a.write_bytes(a.read_bytes() + b"\nOne more line.")
    assert file_key(a, tmp_path) not in (key, with_sidecar)
    (tmp_path / "sub").mkdir()
    shutil.copy(seed, tmp_path / "sub" / "a.txt")
    assert file_key(tmp_path / "sub" / "a.txt", tmp_path) != key


def test_article_key_follows_every_field():
    text = (SEEDS / sorted(p.name for p in SEEDS.glob("*.txt"))[0]).read_text("utf-8")[:400]
    article = _article(text)
    assert article_key(article) == article_key(_article(text))
    assert article_key(replace(article, published_date=date(2020, 8, 11))) != article_key(article)
    assert article_key(replace(article, text=text + ".")) != article_key(article)


def test_fingerprint_covers_sources_and_lexicons(tmp_path):
    for rel in ("flows/a.py", "schemas/b.py", "flows/lexicons/c.json"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("1")
    base = code_fingerprint(tmp_path)
    for rel in ("flows/a.py", "schemas/b.py", "flows/lexicons/c.json"):
        (tmp_path / rel).write_text("2")
        code_fingerprint.cache_clear()
        assert code_fingerprint(tmp_path) != base, rel
        (tmp_path / rel).write_text("1")
    code_fingerprint.cache_clear()
    (tmp_path / "README.md").write_text("not code")
    assert code_fingerprint(tmp_path) == base
    assert len(code_fingerprint()) == 64


def test_cached_map_runs_only_misses_and_keeps_order(tmp_path):
    items = ["a", "b", "c", "d", "e"]
    keys = [f"k{i}" for i in items]
    calls: list[list[str]] = []
    with open_cache(tmp_path, "demo", "f1") as store:
        first = dict(cached_map(items, keys, store, _runner(calls), batch_size=2))
    assert [first[i] for i in range(5)] == ["A", "B", "C", "D", "E"]
    assert calls == [["a", "b"], ["c", "d"], ["e"]]
    calls.clear()
    items2, keys2 = ["a", "z", "c"], ["ka", "kz", "kc"]
    with open_cache(tmp_path, "demo", "f1") as store:
        second = dict(cached_map(items2, keys2, store, _runner(calls), batch_size=2))
    assert calls == [["z"]]
    assert [second[i] for i in range(3)] == ["A", "Z", "C"]


def test_code_change_misses_and_drops_old_entries(tmp_path):
    with open_cache(tmp_path, "demo", "old") as store:
        store.put_many({"k": 1, "j": 2})
        assert len(store) == 2
    with open_cache(tmp_path, "demo", "new") as store:
        assert store.get_many(["k", "j"]) == {}
        assert len(store) == 0


def test_a_killed_batch_keeps_earlier_batches(tmp_path):
    def dies_on_second(batches):
        yield [b.upper() for b in batches[0]]
        raise KeyboardInterrupt

    with open_cache(tmp_path, "demo", "f") as store, pytest.raises(KeyboardInterrupt):
        list(cached_map(list("abcd"), list("abcd"), store, dies_on_second, batch_size=2))
    with open_cache(tmp_path, "demo", "f") as store:
        assert store.get_many(list("abcd")) == {"a": "A", "b": "B"}


def test_unreadable_entry_is_a_miss(tmp_path):
    path = tmp_path / "cache" / "demo.sqlite"
    store = ResultCache(path, "f")
    store.put_many({"good": [1, 2]})
    store._db.execute("INSERT INTO results VALUES ('bad', 'f', x'00ff')")
    store._db.commit()
    assert store.get_many(["good", "bad"]) == {"good": [1, 2]}
    store.close()


def test_batch_returning_wrong_count_is_an_error(tmp_path):
    with pytest.raises(RuntimeError, match="returned 1 results"):
        list(cached_map(["a", "b"], ["a", "b"], None, lambda bs: ([1] for _ in bs), 2))
