"""Near-duplicate groups from shared shingles, counted through an inverted index."""

from __future__ import annotations

import json
import math
import random
from collections import Counter
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import flows.ingest.dedup as dedup
from flows.ingest.corpus import assemble_corpus, document_paths, ingest_document
from flows.ingest.dedup import (
    containment,
    duplicate_groups,
    fingerprint,
    fingerprint_groups,
    fingerprint_pairs,
    near_duplicate_pairs,
    shingles,
)
from flows.ingest.segment import segment_text
from flows.model import stable_id

ROOT = Path(__file__).resolve().parents[2]
GOLD = json.loads((ROOT / "eval" / "gold" / "articles.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed_texts() -> dict[str, str]:
    """Seed article texts keyed "file#position"."""
    texts = {}
    for name in GOLD["files"]:
        for i, seg in enumerate(segment_text((ROOT / "seeds" / name).read_text())):
            texts[f"{name}#{i}"] = seg.text
    return texts


def test_seed_groups_match_the_gold(seed_texts):
    groups = duplicate_groups(seed_texts)
    by_group: dict[str, list[str]] = {}
    for key, gid in groups.items():
        by_group.setdefault(gid, []).append(key)
    found = sorted(sorted(m) for m in by_group.values())
    expected = sorted(sorted(f"{f}#{p}" for f, p in g["members"]) for g in GOLD["duplicate_groups"])
    assert found == expected


def test_group_id_is_the_hash_of_sorted_members(seed_texts):
    groups = duplicate_groups(seed_texts)
    members = sorted(k for k, g in groups.items() if k.startswith("001"))
    pair = sorted(k for k, g in groups.items() if g == groups[members[0]])
    assert groups[members[0]] == stable_id("duplicate_group", *pair)


def test_groups_do_not_depend_on_input_order(seed_texts):
    items = list(seed_texts.items())
    random.Random(3).shuffle(items)
    assert duplicate_groups(dict(items)) == duplicate_groups(seed_texts)


def test_distinct_same_topic_stories_stay_apart(seed_texts):
    a = shingles(seed_texts["002_978e6dbf49f5cf3e.txt#2"])
    b = shingles(seed_texts["002_978e6dbf49f5cf3e.txt#3"])
    assert containment(a, b) < dedup.CONTAINMENT


def test_shared_footers_do_not_make_duplicates():
    footer = (
        " Join more than three million BBC Travel fans by liking us on Facebook or follow us on"
        " Twitter and Instagram for the latest stories from around the world."
    )
    stories = {
        f"s{i}": f"Story {i} talks about topic number {i} in the town of Place{i}, says person {i}. "
        + " ".join(f"word{i}x{j}" for j in range(40))
        + footer
        for i in range(8)
    }
    assert near_duplicate_pairs(stories) == []


def test_scores_are_the_exact_containment_of_the_shingle_sets():
    rng = random.Random(5)
    vocab = [f"w{i}" for i in range(5000)]
    texts = {f"d{i}": " ".join(rng.choices(vocab, k=150)) for i in range(200)}
    texts["copy"] = texts["d7"] + " one more closing sentence here"
    pairs = near_duplicate_pairs(texts)
    assert [(a, b) for a, b, _ in pairs] == [("copy", "d7")]
    assert pairs[0][2] == containment(shingles(texts["copy"]), shingles(texts["d7"]))


def test_fingerprint_has_one_hash_per_distinct_shingle(seed_texts):
    for text in list(seed_texts.values())[:5]:
        assert len(fingerprint(text)) == len(shingles(text))


def test_versions_weeks_apart_are_not_duplicates(seed_texts):
    pair = {k: seed_texts[k] for k in ("001_e6fbcf11979f492f.txt#0", "004_3437466e8bcd286f.txt#0")}
    close = dict.fromkeys(pair, date(2020, 8, 16)) | {
        "004_3437466e8bcd286f.txt#0": date(2020, 8, 15)
    }
    far = close | {"004_3437466e8bcd286f.txt#0": date(2020, 9, 15)}
    assert len(duplicate_groups(pair, close)) == 2
    assert duplicate_groups(pair, far) == {}


def test_ingest_keeps_each_article_fingerprint_for_assembly():
    seeds = ROOT / "seeds"
    docs = [ingest_document(p, seeds) for p in document_paths(seeds)]
    for doc in docs:
        assert sorted(doc.fingerprints) == sorted(a.article_id for a in doc.articles)
        for a in doc.articles:
            assert (doc.fingerprints[a.article_id] == fingerprint(a.text)).all()
    bare = [replace(doc, fingerprints={}) for doc in docs]
    kept = assemble_corpus(docs)[1]["duplicate_group"]
    assert kept.n_unique() == 3  # two groups and the articles in none
    assert kept.to_list() == assemble_corpus(bare)[1]["duplicate_group"].to_list()


def test_assembly_groups_the_kept_fingerprints_as_fingerprint_groups_does():
    """Assembly reads the fingerprints out of the frame packed, empty ones and all."""
    seeds = ROOT / "seeds"
    docs = [ingest_document(p, seeds) for p in document_paths(seeds)]
    first = docs[0].articles[0].article_id
    docs[0] = replace(docs[0], fingerprints={first: np.empty(0, dtype=np.uint64)})
    articles = assemble_corpus(docs[::-1])[1]
    prints = {a.article_id: fingerprint(a.text) for d in docs for a in d.articles}
    prints[first] = prints[first][:0]
    dates = dict(zip(articles["article_id"], articles["published_date"], strict=True))
    expected = fingerprint_groups(prints, dates)
    assert expected and len(set(expected)) < len(prints)
    assert dict(zip(articles["article_id"], articles["duplicate_group"], strict=True)) == {
        k: expected.get(k) for k in prints
    }
    with_empty = dict(prints, **{k: prints[k][:0] for k in expected})
    articles = assemble_corpus([replace(d, fingerprints=with_empty) for d in docs])[1]
    assert articles["duplicate_group"].null_count() == len(articles)


def _reference_pairs(
    prints: dict[str, np.ndarray], dates: dict[str, date | None]
) -> list[tuple[str, str, float]]:
    """Near-duplicate pairs the plain way: Python sets, every pair of articles compared."""
    keys = sorted(prints)
    sample = keys[:: max(1, math.ceil(len(keys) / dedup.DF_SAMPLE))]
    frequency = Counter(h for k in sample for h in prints[k].tolist())
    limit = max(dedup.BOILERPLATE_MIN_DF, dedup.BOILERPLATE_SHARE * len(sample))
    common = {h for h, n in frequency.items() if n > limit}
    sets = {k: set(prints[k].tolist()) - common for k in keys}
    kept = [k for k in keys if len(sets[k]) >= dedup.MIN_SHINGLES]
    pairs = []
    for i, a in enumerate(kept):
        for b in kept[i + 1 :]:
            score = len(sets[a] & sets[b]) / min(len(sets[a]), len(sets[b]))
            apart = dates[a] and dates[b] and abs((dates[a] - dates[b]).days) > dedup.MAX_DAYS_APART
            if score >= dedup.CONTAINMENT and not apart:
                pairs.append((a, b, score))
    return pairs


def _reference_groups(pairs: list[tuple[str, str, float]]) -> dict[str, str]:
    """Article id -> group id over the connected components of the pairs."""
    links: dict[str, set[str]] = {}
    for a, b, _ in pairs:
        links.setdefault(a, set()).add(b)
        links.setdefault(b, set()).add(a)
    groups: dict[str, str] = {}
    for start in sorted(links):
        if start in groups:
            continue
        members, todo = {start}, [start]
        while todo:
            for other in links[todo.pop()] - members:
                members.add(other)
                todo.append(other)
        groups.update(dict.fromkeys(members, stable_id("duplicate_group", *sorted(members))))
    return groups


def _random_corpus(
    rng: random.Random, articles: int
) -> tuple[dict[str, np.ndarray], dict[str, date | None]]:
    """Fingerprints with boilerplate, rewritten copies, empty and short prints, far dates, and
    hashes that share one 32-bit half with another."""
    boiler = [rng.getrandbits(64) for _ in range(rng.randint(0, 30))]
    stories = [
        [rng.getrandbits(64) for _ in range(rng.randint(0, 150))]
        for _ in range(max(1, articles // rng.randint(1, 4)))
    ]
    prints, dates = {}, {}
    for i in range(articles):
        kind = rng.random()
        if kind < 0.1:
            hashes = []
        elif kind < 0.2:
            hashes = [rng.getrandbits(64) for _ in range(rng.randint(1, 25))]
        else:
            story, kept = rng.choice(stories), rng.random()
            hashes = [h for h in story if rng.random() < kept]
            hashes += [rng.getrandbits(64) for _ in range(rng.randint(0, 100))]
        hashes += rng.sample(boiler, rng.randint(0, len(boiler)))
        twins = rng.sample(hashes, min(len(hashes), rng.randint(0, 5)))
        hashes += [h ^ rng.getrandbits(32) << rng.choice((0, 32)) for h in twins]
        key = f"{rng.getrandbits(16):04x}-{i}"
        prints[key] = np.unique(np.array(hashes, dtype=np.uint64))
        day = rng.choice((None, rng.randint(0, 5), rng.randint(0, 60)))
        dates[key] = None if day is None else date(2020, 3, 1) + timedelta(days=day)
    return prints, dates


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 2**32), st.integers(0, 70))
def test_groups_match_a_plain_all_pairs_reference(seed, articles):
    prints, dates = _random_corpus(random.Random(seed), articles)
    pairs = _reference_pairs(prints, dates)
    assert fingerprint_pairs(prints, dates) == pairs
    assert fingerprint_groups(prints, dates) == _reference_groups(pairs)


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 2**32), st.integers(0, 70), st.integers(1, 12))
def test_boilerplate_counted_on_a_sample_matches_the_reference(seed, articles, sample):
    prints, dates = _random_corpus(random.Random(seed), articles)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(dedup, "DF_SAMPLE", sample)
        pairs = _reference_pairs(prints, dates)
        assert fingerprint_pairs(prints, dates) == pairs
        assert fingerprint_groups(prints, dates) == _reference_groups(pairs)
