"""Group near-duplicate articles (rewrites, updated wire versions) from shared shingles, not all pairs.

Similarity is the containment of the smaller article's word 4-shingles in the larger's,
|A ∩ B| / min(|A|, |B|): an updated wire story adds and rewrites paragraphs, which sinks
Jaccard but keeps much of the shorter version inside the longer one. Each article's shingles
are hashed once, at ingest, into a sorted array of 64-bit values (`fingerprint`: every word
hashed with blake2b, each 4-gram a polynomial of its word hashes), so the per-file cache keeps
them. Boilerplate shingles (those in more than max(3, 0.2%) of the articles, counted on at
most `DF_SAMPLE` articles taken evenly from the sorted ids) are dropped; every other shingle
lies in few articles, so an inverted index of the remaining shingles counts the exact overlap
of every pair that shares one, in numpy, with no candidate sampling to miss a pair. The index
holds only the hashes found in more than one article: one sort of the high halves of all hashes
finds them, then one sort of those few builds it, the document frequencies as well. Pairs at
or above `CONTAINMENT` are joined with union-find; a group's id is `stable_id` of its sorted
member ids. Two articles whose known publication dates lie more than `MAX_DAYS_APART` days
apart are never joined (daily series share templates; versions of one story do not span weeks).
On the seeds, rewrites score 0.37 (001/004) and 0.22 (the two EU-summit versions in 002)
while the closest distinct same-topic stories score 0.07 or less, hence 0.15.
"""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Mapping, Sequence
from datetime import date
from functools import lru_cache
from hashlib import blake2b

import numpy as np
import polars as pl

from flows.model import stable_id

SHINGLE = 4
CONTAINMENT = 0.15
MIN_SHINGLES = 20
BOILERPLATE_MIN_DF = 3
BOILERPLATE_SHARE = 0.002
DF_SAMPLE = 50_000
MAX_DAYS_APART = 3
_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)
_HIGH_WORD = 1 if sys.byteorder == "little" else 0  # of the two uint32 in a uint64
_LOW_WORD = 1 - _HIGH_WORD

_TOKEN = re.compile(r"\w+")


def shingles(text: str, k: int = SHINGLE) -> frozenset[str]:
    """The set of lower-cased word k-grams of `text`."""
    words = _TOKEN.findall(text.lower())
    return frozenset(" ".join(words[i : i + k]) for i in range(len(words) - k + 1))


def containment(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of the smaller set found in the larger one."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


@lru_cache(maxsize=200_000)
def _word_hash(word: str) -> int:
    """A stable 64-bit hash of one word."""
    return int.from_bytes(blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")


def fingerprint(text: str, k: int = SHINGLE) -> np.ndarray:
    """The sorted distinct 64-bit hashes of the lower-cased word k-grams of `text`."""
    words = _TOKEN.findall(text.lower())
    if len(words) < k:
        return np.empty(0, dtype=np.uint64)
    hashes = np.fromiter(map(_word_hash, words), dtype=np.uint64, count=len(words))
    n = len(words) - k + 1
    grams = hashes[:n].copy()
    with np.errstate(over="ignore"):
        for i in range(1, k):
            grams = grams * _MULTIPLIER + hashes[i : i + n]
    grams.sort()
    distinct = np.ones(n, dtype=bool)
    distinct[1:] = grams[1:] != grams[:-1]
    return grams[distinct]  # np.unique, three times slower here


def near_duplicate_pairs(
    texts: Mapping[str, str], dates: Mapping[str, date | None] | None = None
) -> list[tuple[str, str, float]]:
    """(id_a, id_b, containment) for every near-duplicate pair, id_a < id_b, sorted."""
    return fingerprint_pairs({key: fingerprint(text) for key, text in texts.items()}, dates)


def fingerprint_pairs(
    prints: Mapping[str, np.ndarray], dates: Mapping[str, date | None] | None = None
) -> list[tuple[str, str, float]]:
    """Near-duplicate pairs of articles given by their `fingerprint`s, id_a < id_b, sorted."""
    return packed_pairs(*_packed(prints), dates)


def packed_pairs(
    keys: Sequence[str],
    values: np.ndarray,
    lengths: np.ndarray,
    dates: Mapping[str, date | None] | None = None,
) -> list[tuple[str, str, float]]:
    """`fingerprint_pairs` of prints given packed: `keys` sorted, their prints one after the
    other in `values`, `lengths` hashes each."""
    dates = dates or {}
    first, second, shared, sizes = _overlaps(values, lengths)
    scores = shared / np.minimum(sizes[first], sizes[second])
    close = scores >= CONTAINMENT
    pairs = []
    for i, j, score in zip(
        first[close].tolist(), second[close].tolist(), scores[close].tolist(), strict=True
    ):
        if not _far_apart(dates.get(keys[i]), dates.get(keys[j])):
            pairs.append((keys[i], keys[j], score))
    return sorted(pairs)


def _packed(prints: Mapping[str, np.ndarray]) -> tuple[list[str], np.ndarray, np.ndarray]:
    """The keys sorted, their prints one after the other, and their lengths."""
    keys = sorted(prints)
    ordered = [prints[k] for k in keys]
    values = np.concatenate(ordered) if ordered else np.empty(0, dtype=np.uint64)
    return keys, values, np.fromiter(map(len, ordered), dtype=np.int64, count=len(ordered))


def _overlaps(
    values: np.ndarray, lengths: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Index pairs i < j of packed prints sharing non-boilerplate hashes, how many, and each
    print's size.

    Boilerplate is counted on the prints whose index is a multiple of the sampling step (the
    sample `keys[::step]` of sorted keys); a print's size leaves its boilerplate out, and prints
    of fewer than `MIN_SHINGLES` other hashes are in no pair.
    """
    count = len(lengths)
    values, owners = _repeated(values, lengths)
    runs = _run_starts(values)
    frequency = run_lengths = np.diff(runs, append=len(values))
    step = max(1, math.ceil(count / DF_SAMPLE))
    if step > 1 and len(runs):
        frequency = np.add.reduceat((owners % step == 0).astype(np.int64), runs)
    limit = max(BOILERPLATE_MIN_DF, BOILERPLATE_SHARE * len(range(0, count, step)))
    common = np.repeat(frequency > limit, run_lengths)
    sizes = lengths - np.bincount(owners[common], minlength=count)
    keep = ~common & (sizes >= MIN_SHINGLES)[owners]
    first, second = _pairs_of_equals(values[keep], owners[keep])
    codes = _sorted(first * count + second)
    starts = _run_starts(codes)
    codes, shared = codes[starts], np.diff(starts, append=len(codes))
    first, second = np.divmod(codes, count)
    return first, second, shared, sizes


def _repeated(values: np.ndarray, lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The hashes in more than one packed print, sorted (with a few others), and their prints.

    One sort of every hash's high 32 bits, each beside its position (so fewer than 2**32
    hashes), finds those whose high half repeats: the repeated hashes and few others. Only
    those are sorted on all 64 bits, and they come out of the first sort almost in order.
    Each full-size array costs its page faults as well, hence so few of them.
    """
    keys = values.copy()
    keys.view(np.uint32)[_LOW_WORD::2] = np.arange(len(keys), dtype=np.uint32)
    words = _sorted(keys).view(np.uint32)
    highs = words[_HIGH_WORD::2]
    twins = np.zeros(len(highs), dtype=bool)
    np.equal(highs[1:], highs[:-1], out=twins[1:])
    twins[:-1] |= twins[1:]
    at = words[_LOW_WORD::2][twins].astype(np.intp)
    small = np.min_scalar_type(len(lengths))
    owners = np.repeat(np.arange(len(lengths), dtype=small), lengths)[at].astype(np.int64)
    values = values[at]
    order = np.argsort(values, kind="stable")  # timsort: the runs out of order are few and short
    return values[order], owners[order]


def _sorted(values: np.ndarray) -> np.ndarray:
    """`values` sorted, by polars on one thread: twice as fast as numpy's sort here."""
    return pl.Series(values).sort(multithreaded=False).to_numpy()


def _run_starts(values: np.ndarray) -> np.ndarray:
    """Where each run of equal values starts in a sorted array."""
    starts = np.empty(len(values), dtype=bool)
    starts[:1] = True
    np.not_equal(values[1:], values[:-1], out=starts[1:])
    return np.flatnonzero(starts)


def _pairs_of_equals(values: np.ndarray, owners: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(smaller, larger) owner of every two entries holding the same value, in sorted values.

    Entries `gap` apart are compared for gap = 1, 2, ..., each time only those that still
    match, so the work is that of the pairs.
    """
    first, second = [owners[:0]], [owners[:0]]
    live = np.flatnonzero(values[1:] == values[:-1])
    gap = 1
    while len(live):
        first.append(owners[live])
        second.append(owners[live + gap])
        gap += 1
        live = live[live + gap < len(values)]
        live = live[values[live + gap] == values[live]]
    a, b = np.concatenate(first), np.concatenate(second)
    return np.minimum(a, b), np.maximum(a, b)


def _far_apart(a: date | None, b: date | None) -> bool:
    """Whether two known publication dates are too far apart for versions of one story."""
    return a is not None and b is not None and abs((a - b).days) > MAX_DAYS_APART


def duplicate_groups(
    texts: Mapping[str, str], dates: Mapping[str, date | None] | None = None
) -> dict[str, str]:
    """Article id -> duplicate group id, for the articles that have a near duplicate."""
    return fingerprint_groups({key: fingerprint(text) for key, text in texts.items()}, dates)


def fingerprint_groups(
    prints: Mapping[str, np.ndarray], dates: Mapping[str, date | None] | None = None
) -> dict[str, str]:
    """Article id -> duplicate group id, from each article's `fingerprint`."""
    return packed_groups(*_packed(prints), dates)


def packed_groups(
    keys: Sequence[str],
    values: np.ndarray,
    lengths: np.ndarray,
    dates: Mapping[str, date | None] | None = None,
) -> dict[str, str]:
    """`fingerprint_groups` of prints given packed (as to `packed_pairs`)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        """The root of x's set, halving the path on the way."""
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b, _ in packed_pairs(keys, values, lengths, dates):
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    members: dict[str, list[str]] = {}
    for key in sorted(parent):  # the articles in a pair, so every group has two or more
        members.setdefault(find(key), []).append(key)
    groups = {}
    for group in members.values():
        groups.update(dict.fromkeys(group, stable_id("duplicate_group", *group)))
    return groups
