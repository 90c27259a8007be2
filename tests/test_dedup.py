"""Near-duplicate groups from shared shingles, counted through an inverted index."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

import flows.dedup as dedup
from flows.corpus import assemble_corpus, document_paths, ingest_document
from flows.dedup import (
    containment,
    duplicate_groups,
    fingerprint,
    near_duplicate_pairs,
    shingles,
)
from flows.model import stable_id
from flows.segment import segment_text

ROOT = Path(__file__).resolve().parents[1]
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
