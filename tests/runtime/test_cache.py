"""The result cache: keys follow content, code changes miss, batches are stored as they finish."""

from __future__ import annotations

import json
import os
import shutil
import time
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from flows.model import Article
from flows.runtime.cache import (
    ResultCache,
    article_key,
    cached_map,
    file_key,
    open_cache,
)

SEEDS = Path(__file__).parents[2] / "seeds"


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


def test_article_key_follows_file_place_and_date():
    key = article_key("f" * 64, 0, date(2020, 8, 10), "inferred", "10 August")
    assert key == article_key("f" * 64, 0, date(2020, 8, 10), "inferred", "10 August")
    others = [
        ("e" * 64, 0, date(2020, 8, 10), "inferred", "10 August"),
        ("f" * 64, 1, date(2020, 8, 10), "inferred", "10 August"),
        ("f" * 64, 0, date(2020, 8, 11), "inferred", "10 August"),
        ("f" * 64, 0, date(2020, 8, 10), "metadata", "10 August"),
        ("f" * 64, 0, date(2020, 8, 10), "inferred", None),
        ("f" * 64, 0, None, "inferred", "10 August"),
    ]
    assert len({key, *(article_key(*o) for o in others)}) == len(others) + 1


def _tree(tmp_path: Path) -> Path:
    """A copy of the flows and schemas sources and the lexicons, to edit."""
    from flows.runtime.fingerprint import ROOT

    for folder in ("flows", "schemas"):
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("*.pyc"))
    return tmp_path


@pytest.mark.parametrize(
    ("edited", "changed"),
    [
        ("flows/publish/catalog.py", set()),
        ("flows/publish/catalog_facts.py", set()),
        ("flows/publish/catalog_files.py", set()),
        ("flows/publish/catalog_releases.py", set()),
        ("flows/publish/catalog_wording.py", set()),
        ("flows/publish/release.py", set()),
        ("flows/combine/merge.py", set()),
        ("flows/combine/mention_clusters.py", set()),
        ("flows/annotate/numbers.py", {"extract"}),
        ("flows/extract/events.py", {"extract"}),
        ("schemas/statistics.py", {"extract"}),
        ("flows/ingest/segment.py", {"ingest"}),
        ("flows/annotate/temporal.py", {"extract"}),
        ("flows/annotate/temporal_pattern.py", {"extract"}),
        ("flows/annotate/temporal_tense.py", {"extract"}),
        ("flows/annotate/temporal_expression.py", {"extract"}),
        ("flows/annotate/temporal_explicit.py", {"extract"}),
        ("flows/annotate/temporal_relative.py", {"extract"}),
        ("flows/annotate/gazetteer.py", {"extract"}),
        ("flows/annotate/reading.py", {"extract"}),
        ("flows/annotate/anchor.py", {"ingest", "extract"}),
        ("flows/lexicons/actors.json", {"ingest", "extract"}),
    ],
)
def test_a_stage_is_rebuilt_only_when_its_own_code_changes(tmp_path, edited, changed):
    from flows.runtime.fingerprint import STAGES, stage_fingerprint

    root = _tree(tmp_path)
    before = {stage: stage_fingerprint(stage, root) for stage in STAGES}
    with open(root / edited, "a") as f:
        f.write("\n")
    after = {stage: stage_fingerprint(stage, root) for stage in STAGES}
    assert {stage for stage in STAGES if before[stage] != after[stage]} == changed


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


# ----------------------------------------------------------------------------- incremental builds


def _copy_seeds(dest: Path, names: list[str]) -> None:
    dest.mkdir(exist_ok=True)
    for name in names:
        shutil.copy(SEEDS / name, dest / name)


def _counting(monkeypatch) -> dict[str, list[str]]:
    import flows.extract
    from flows import build

    seen: dict[str, list[str]] = {"ingest": [], "extract": []}
    ingest, extract = build.ingest_files, flows.extract.extract_article

    def counted_ingest(paths, seeds_dir):
        seen["ingest"] += [p.name for p in paths]
        return ingest(paths, seeds_dir)

    def counted_extract(article):
        seen["extract"].append(article.source_file)
        return extract(article)

    monkeypatch.setattr(build, "ingest_files", counted_ingest)
    monkeypatch.setattr(flows.extract, "extract_article", counted_extract)
    return seen


def test_adding_a_file_reextracts_only_that_file(tmp_path, monkeypatch):
    from flows.build import build_tables

    names = sorted(p.name for p in SEEDS.glob("*.txt"))
    small = [n for n in names if not n.startswith("002")]
    seeds, out = tmp_path / "seeds", tmp_path / "out"
    _copy_seeds(seeds, small[:3])
    seen = _counting(monkeypatch)
    first, _ = build_tables(seeds, batch_size=2, cache_dir=out)
    assert sorted(seen["ingest"]) == small[:3]
    seen["ingest"].clear()
    seen["extract"].clear()

    _copy_seeds(seeds, small[3:4])
    second, _ = build_tables(seeds, batch_size=2, cache_dir=out)
    assert seen["ingest"] == small[3:4]
    assert set(seen["extract"]) == {small[3]}
    assert second["articles"].height == first["articles"].height + 1

    seen["extract"].clear()
    monkeypatch.setattr("flows.runtime.cache.stage_fingerprint", lambda stage: "another version")
    build_tables(seeds, batch_size=2, cache_dir=out)
    assert sorted(set(seen["extract"])) == sorted(small[:4])


def test_cached_build_equals_a_fresh_build(tmp_path):
    from flows.build import build_tables
    from flows.publish.tabular import canonical, csv_bytes

    seeds = tmp_path / "seeds"
    _copy_seeds(seeds, sorted(p.name for p in SEEDS.glob("*.txt")))
    build_tables(seeds, cache_dir=tmp_path / "out")
    cached, inputs = build_tables(seeds, cache_dir=tmp_path / "out")
    fresh, fresh_inputs = build_tables(seeds)
    assert inputs == fresh_inputs
    for name, frame in fresh.items():
        assert csv_bytes(canonical(name, cached[name])) == csv_bytes(canonical(name, frame)), name


def test_changed_and_deleted_files_reach_the_next_release_and_changelog(tmp_path):
    from flows.build import build_tables
    from flows.publish.release import publish_release

    names = sorted(p.name for p in SEEDS.glob("*.txt") if not p.name.startswith("002"))
    seeds, out = tmp_path / "seeds", tmp_path / "out"
    _copy_seeds(seeds, names)
    tables, inputs = build_tables(seeds, cache_dir=out)
    first = publish_release(tables, out, inputs)
    first_articles = pl.read_parquet(first.path / "articles.parquet")
    (seeds / names[0]).unlink()
    changed = seeds / names[1]
    changed.write_text(changed.read_text("utf-8") + "\nThe rally ended at night.\n", "utf-8")
    tables, inputs = build_tables(seeds, cache_dir=out)
    second = publish_release(tables, out, inputs)
    assert second.created and second.version != first.version
    assert names[0] not in tables["documents"]["source_file"].to_list()
    deleted = first_articles.filter(pl.col("source_file") == names[0])["article_id"]
    edited = pl.concat([first_articles, tables["articles"]], how="diagonal_relaxed").filter(
        pl.col("source_file") == names[1]
    )["article_id"]
    changelog = (second.path / "CHANGELOG.md").read_text("utf-8")
    assert deleted.len() and all(article_id in changelog for article_id in deleted)
    assert any(article_id in changelog for article_id in edited)
    manifest = json.loads((second.path / "manifest.json").read_text("utf-8"))
    assert [i["source_file"] for i in manifest["inputs"]] == names[1:]


# ----------------------------------------------------------------------------- file keys by stat


def test_file_keys_read_only_files_whose_stat_changed(tmp_path, monkeypatch):
    from flows.runtime import cache

    seeds = tmp_path / "seeds"
    _copy_seeds(seeds, sorted(p.name for p in SEEDS.glob("*.txt"))[:3])
    files = sorted(seeds.iterdir())
    read: list[str] = []

    def counted(path, root):
        read.append(path.name)
        return file_key(path, root)

    monkeypatch.setattr(cache, "file_key", counted)
    monkeypatch.setattr(cache, "RACY_NS", 0)
    with cache.open_file_keys(tmp_path / "out") as memo:
        assert memo.keys(files, seeds) == [file_key(p, seeds) for p in files]
        assert len(read) == 3
        read.clear()
        assert memo.keys(files, seeds) == [file_key(p, seeds) for p in files] and read == []

        # same size and mtime, other bytes: the ctime still moves (a clock tick later)
        time.sleep(0.05)
        edited = files[1]
        before = edited.stat()
        data = edited.read_bytes()
        edited.write_bytes(data[:-1] + (b"X" if data[-1:] != b"X" else b"Y"))
        os.utime(edited, ns=(before.st_atime_ns, before.st_mtime_ns))
        (seeds / (files[2].name + ".meta.json")).write_text('{"outlet": "BBC"}')
        keys = memo.keys(files, seeds)
        assert read == [files[1].name, files[2].name]
        assert keys == [file_key(p, seeds) for p in files]

        files[0].unlink()
        memo.keys(files[1:], seeds)
        assert memo._db.execute("SELECT COUNT(*) FROM files").fetchone()[0] == 2


def test_a_file_changed_just_before_its_key_was_made_is_read_again(tmp_path, monkeypatch):
    from flows.runtime import cache

    seeds = tmp_path / "seeds"
    _copy_seeds(seeds, sorted(p.name for p in SEEDS.glob("*.txt"))[:1])
    files = sorted(seeds.iterdir())
    read: list[str] = []
    monkeypatch.setattr(cache, "file_key", lambda p, r: read.append(p.name) or file_key(p, r))
    with cache.open_file_keys(tmp_path / "out") as memo:
        memo.keys(files, seeds)
        memo.keys(files, seeds)  # written moments ago: the same tick could hide a change
    assert read == [files[0].name] * 2


def test_an_unreadable_file_gets_a_key_and_is_rejected(tmp_path):
    from flows.build import ingest_cached

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    gone = seeds / "gone.txt"  # listed, then deleted before it was read
    assert len(file_key(gone, seeds)) == 64
    docs = ingest_cached(
        [gone], seeds, None, lambda bs: ([_ingest(p, seeds) for p in b] for b in bs), 4
    )
    row = docs["documents"].row(0, named=True)
    assert row["status"] == "rejected" and row["reject_reason"].startswith("unreadable")


def _ingest(path: Path, seeds: Path):
    from flows.ingest.corpus import ingest_document

    return ingest_document(path, seeds)


# ----------------------------------------------------------------------------- extracted rows


def test_kept_rows_equal_a_fresh_extraction_in_any_article_order(tmp_path):
    from flows.build import extract_cached
    from flows.extract import extract_each, extracted_frames
    from flows.ingest.corpus import articles_from_frame, load_corpus

    articles = load_corpus(SEEDS)[1]
    assert articles.height >= 8
    files = {f: f"key of {f}" for f in articles["source_file"]}
    runs: list[list[str]] = []

    def run(batches):
        for batch in batches:
            runs.append([a.article_id for a in batch])
            yield extract_each(batch)

    def check(rows: list[int], store):
        chosen = articles[rows]
        got = extract_cached(chosen, files, store, run, batch_size=3)
        want = extracted_frames(extract_each(articles_from_frame(chosen)))
        assert set(got) == set(want)
        for name, frame in want.items():
            assert got[name].equals(frame), name

    ids = articles["article_id"].to_list()
    with open_cache(tmp_path, "extract") as store:
        check(list(range(6)), store)
        assert sum(map(len, runs)) == 6
        runs.clear()
        later = list(reversed(range(3, len(ids)))) + [0]  # new, dropped, reordered, kept
        check(later, store)
        assert sorted(a for r in runs for a in r) == sorted(ids[6:])
        runs.clear()
        check(later, store)
        assert runs == []
        store._db.execute("UPDATE frame_parts SET value = x'00ff'")
        store._db.commit()
        check(list(range(len(ids))), store)  # kept rows unreadable: all from the per-article cache
        assert runs == []
    with open_cache(tmp_path, "extract", "another code version") as store:
        assert store.get_frames() == {}


def test_kept_frames_build_the_tables_of_a_fresh_build(tmp_path, monkeypatch):
    from flows import build
    from flows.build import build_tables

    monkeypatch.setattr(build, "FRAME_CHUNK", 2)  # results made into frames two at a time

    names = sorted(p.name for p in SEEDS.glob("*.txt"))
    seeds, out = tmp_path / "seeds", tmp_path / "out"
    _copy_seeds(seeds, names[:-1])
    build_tables(seeds, batch_size=2, cache_dir=out)
    _copy_seeds(seeds, names[-1:])  # one file added, one removed, one edited
    (seeds / names[0]).unlink()
    edited = seeds / names[1]
    edited.write_text(
        edited.read_text("utf-8") + "\nOn 12 August 2020 a march was held.\n", "utf-8"
    )
    cached, inputs = build_tables(seeds, batch_size=2, cache_dir=out)
    again, _ = build_tables(seeds, batch_size=2, cache_dir=out)  # everything from kept frames
    fresh, fresh_inputs = build_tables(seeds)
    assert inputs == fresh_inputs
    for name, frame in fresh.items():
        assert cached[name].equals(frame), name
        assert again[name].equals(frame), name


def _parts(out: Path, stage: str, name: str) -> dict[int, int]:
    """Rows of one kept frame in each stored part of a stage."""
    with open_cache(out, stage) as store:
        rows = store._db.execute(
            "SELECT part, value FROM frame_parts WHERE name = ? ORDER BY part", (name,)
        ).fetchall()
    return {part: pl.read_ipc(value).height for part, value in rows}


def test_a_run_that_adds_files_appends_only_their_rows_and_removals_rewrite(tmp_path):
    from flows.build import build_tables

    names = sorted(p.name for p in SEEDS.glob("*.txt"))
    seeds, out = tmp_path / "seeds", tmp_path / "out"
    _copy_seeds(seeds, names[:2])
    build_tables(seeds, cache_dir=out)
    assert _parts(out, "ingest", "documents") == {0: 2}
    first = _parts(out, "extract", "articles")
    _copy_seeds(seeds, names[2:3])
    build_tables(seeds, cache_dir=out)  # one file added: one part more, holding its rows only
    assert _parts(out, "ingest", "documents") == {0: 2, 1: 1}
    added = _parts(out, "extract", "articles")
    assert set(added) == {0, 1} and added[0] == first[0] and added[1] > 0
    build_tables(seeds, cache_dir=out)  # nothing new: nothing written
    assert _parts(out, "ingest", "documents") == {0: 2, 1: 1}
    for name in names[:2]:
        (seeds / name).unlink()  # most kept rows no longer wanted: written whole again
    tables, _ = build_tables(seeds, cache_dir=out)
    assert _parts(out, "ingest", "documents") == {0: 1}
    assert tables["documents"]["source_file"].to_list() == [names[2]]


def _open_new_caches_at_once(root: Path, rounds: int, barrier) -> None:
    from flows.runtime.cache import open_file_keys

    failures = 0
    for r in range(rounds):
        barrier.wait()
        try:
            with open_cache(root / str(r), "ingest", "code"), open_file_keys(root / str(r)):
                pass
        except Exception:
            failures += 1
    os._exit(failures)


def test_runs_opening_a_new_cache_at_once_all_get_it(tmp_path):
    import multiprocessing

    # Switching a new SQLite file to WAL fails at once, without the busy timeout, when another
    # connection is switching it too: about one open in 25 here, before the retry.
    context = multiprocessing.get_context("fork")
    processes, rounds = 6, 40
    barrier = context.Barrier(processes)
    runs = [
        context.Process(target=_open_new_caches_at_once, args=(tmp_path, rounds, barrier))
        for _ in range(processes)
    ]
    for run in runs:
        run.start()
    for run in runs:
        run.join()
    assert [run.exitcode for run in runs] == [0] * processes
