"""The release catalog: page, dataset card and releases index, on a small schema-valid release."""

from __future__ import annotations

import gc
import hashlib
import json
import re
import shutil
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pandera.polars as pa
import polars as pl
import pytest
import yaml

from flows.model import stable_id
from flows.publish import catalog_facts, catalog_files
from flows.publish.catalog import render_release, render_releases_index
from flows.publish.catalog_files import table_columns
from schemas import TABLES

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>"
HOSTILE_SOURCE = 'Ministry"><svg onload=alert(3)>'

# Articles made of real sentences from the seed files: (file, headline, published, outlet, text).
ARTICLES = [
    (
        "002_978e6dbf49f5cf3e.txt",
        "Belarus Police Detain Hundreds Of Women At Protest",
        date(2020, 9, 19),
        "AFP",
        "Riot police on Saturday detained hundreds of women, dragging many into vans, as opposition"
        " protesters marched through the Belarusian capital Minsk demanding an end to President"
        " Alexander Lukashenko’s rule. Around two thousand women took part in the “Sparkly March”,"
        " wearing shiny accessories and carrying red-and-white flags of the protest movement."
        " Viasna rights group released an online list of names of 217 women detained in Minsk,"
        " saying the list was being updated.",
    ),
    (
        "002_978e6dbf49f5cf3e.txt",
        "Belarus Protesters Keep Pressure On Lukashenko With New March",
        date(2020, 9, 6),
        "AFP",
        "Belarusians have been demonstrating across the country for nearly a month, with more than"
        " 100,000 people flooding the streets of the capital Minsk for three straight weekends."
        " On Saturday, around 4,000 people took to the streets and more than 90 people were"
        " detained, the interior ministry said.",
    ),
    (
        "002_978e6dbf49f5cf3e.txt",
        "Belarus Police Arrest Protesters In Opposition March",
        date(2020, 8, 30),
        "AFP",
        "Two giant rallies on August 16 and 23 have seen some 100,000 protesters gather on Minsk"
        " streets in the largest demonstrations the country has ever seen. Lukashenko ordered"
        " brutal police tactics following the elections that led to the death of three men while"
        " hundreds were wounded. More than 7,000 people were detained.",
    ),
    (
        "002_978e6dbf49f5cf3e.txt",
        "EU To Sanction Up To 20 Belarus Officials",
        date(2020, 9, 22),
        "AFP",
        "The EU is likely to sanction between 15 and 20 individuals for their role in electoral"
        " fraud and a crackdown on protesters in Belarus, a senior official said Tuesday.",
    ),
    (
        "002_978e6dbf49f5cf3e.txt",
        None,
        date(2020, 9, 1),
        "AFP",
        "Lukashenko’s notorious security services violently broke up peaceful protests after the"
        " vote, arresting nearly 7,000 people in a clampdown that sparked widespread allegations"
        " of torture and abuse in police custody.",
    ),
    (
        "000_23450b4f23e9baa6.txt",
        HOSTILE,
        date(2020, 8, 20),
        HOSTILE_SOURCE,
        "Belarus' Ministry of Internal Affairs said about 7,000 protesters had been detained in"
        " different cities since August 9. Thousands took to the streets to protest what many"
        " believe was a rigged vote count.",
    ),
    (
        "001_e6fbcf11979f492f.txt",
        "Belarus: Vladimir Putin “promises his support” to President Lukashenko",
        date(2020, 8, 16),
        "BBC",
        "Thousands of people rallied outside public television on Saturday, demanding full"
        " coverage of the protests. The Central Election Commission said Lukashenko, who has been"
        " in power since 1994, won 80.1% of the vote and the main opposition candidate Svetlana"
        " Tikhanovskaya 10.12%. But Ms Tikhanovskaya insists that where the votes were correctly"
        " counted, she garnered support ranging from 60% to 70%.",
    ),
    (
        "003_c9c9c5923ff13e7f.txt",
        "Belarusian opposition leader promises to relook at all relations with Russia",
        date(2020, 11, 27),
        None,
        "Russian Foreign Minister Sergey Lavrov arrived in Minsk the day before. At a meeting with"
        " the Russian minister on November 26, Belarusian President Alexander Lukashenko said that"
        " he saw no need to reset relations between the two countries. “As for the"
        " Belarusian-Russian relations, we should, perhaps, not talk about some kind of reset, but"
        " about strengthening and intensifying our relations,” Lukashenko said.",
    ),
    (
        "004_3437466e8bcd286f.txt",
        "Belarus Crisis: Russia Pledges Support for Alexander Lukashenko",
        date(2020, 8, 16),
        None,
        "Thousands of Belarusians gathered outside state television on August 15, demanding full"
        " coverage of the demonstrations.",
    ),
]
MINSK = ("Minsk", "BLR", 53.9, 27.5667)
BELARUS = ("Belarus", "BLR", 53.0, 28.0)
# Events: (type, mode, modality, date, precision, actor1, actor2, place, [(article, words)]).
EVENTS = [
    ("PROTEST", "demo", "asserted", date(2020, 8, 15), "day", "Belarusians", None, MINSK,
     [(6, "Thousands of people rallied"), (8, "Thousands of Belarusians gathered")]),
    ("PROTEST", "demo", "asserted", date(2020, 8, 16), "day", "protesters", None, MINSK,
     [(2, "Two giant rallies")]),
    ("PROTEST", "demo", "asserted", date(2020, 8, 23), "day", "protesters", None, MINSK,
     [(2, "Two giant rallies")]),
    ("COERCE", "arrest", "asserted", date(2020, 8, 1), "month", "security services", "protesters",
     BELARUS, [(5, "about 7,000 protesters"), (2, "More than 7,000"), (4, "arresting nearly")]),
    ("ASSAULT", None, "asserted", date(2020, 8, 1), "month", "police", "protesters", BELARUS,
     [(2, "the death of three men")]),
    ("PROTEST", "demo", "asserted", date(2020, 9, 5), "day", "protesters", None, MINSK,
     [(1, "around 4,000 people took")]),
    ("COERCE", "arrest", "asserted", date(2020, 9, 5), "day", "police", "protesters", MINSK,
     [(1, "more than 90 people were")]),
    ("PROTEST", "demo", "asserted", date(2020, 9, 19), "day", "women", "Alexander Lukashenko",
     MINSK, [(0, "Around two thousand women")]),
    ("COERCE", "arrest", "asserted", date(2020, 9, 19), "day", "riot police", "women", MINSK,
     [(0, "detained hundreds of women"), (0, "217 women detained")]),
    ("SANCTION", None, "planned", date(2020, 9, 22), "week", "European Union", "Belarusian officials",
     None, [(3, "likely to sanction")]),
    ("CONSULT", None, "asserted", date(2020, 11, 26), "day", "Alexander Lukashenko",
     "Sergey Lavrov", MINSK, [(7, "At a meeting")]),
]  # fmt: skip
# Claims: (article, metric, subject, words, qualifier, low, high, attributed_to, as_of, group).
CLAIMS = [
    (8, "participants", None, "Thousands", "vague", 2000, None, None, date(2020, 8, 15), "a"),
    (6, "participants", None, "Thousands", "vague", 2000, None, None, date(2020, 8, 15), "a"),
    (0, "detained", "women", "hundreds", "vague", 200, None, None, date(2020, 9, 19), "b"),
    (0, "detained", "women", "217", "exact", 217, 217, "Viasna rights group", date(2020, 9, 19), "b"),
    (0, "participants", "women", "Around two thousand", "approx", 2000, 2000, None, date(2020, 9, 19), "c"),
    (1, "participants", None, "around 4,000", "approx", 4000, 4000, None, date(2020, 9, 5), "d"),
    (1, "detained", None, "more than 90", "at_least", 90, None, "the interior ministry", date(2020, 9, 5), "e"),
    (1, "participants", None, "more than 100,000", "at_least", 100000, None, None, None, "f"),
    (2, "participants", "protesters", "some 100,000", "approx", 100000, 100000, None, date(2020, 8, 16), "g"),
    (5, "detained", "protesters", "about 7,000", "approx", 7000, 7000, HOSTILE_SOURCE, None, "h"),
    (2, "detained", "protesters", "More than 7,000", "at_least", 7000, None, None, None, "h"),
    (4, "detained", "protesters", "nearly 7,000", "approx", 7000, 7000, None, None, "h"),
    (2, "killed", "men", "three", "exact", 3, 3, None, None, "i"),
    (3, "sanctioned", "individuals", "between 15 and 20", "range", 15, 20, "a senior official", None, "j"),
    (6, "vote_share", "Alexander Lukashenko", "80.1%", "exact", 80.1, 80.1, "The Central Election Commission", date(2020, 8, 9), "k"),
    (6, "vote_share", "Svetlana Tikhanovskaya", "10.12%", "exact", 10.12, 10.12, "The Central Election Commission", date(2020, 8, 9), "l"),
    (6, "vote_share", "Svetlana Tikhanovskaya", "60% to 70%", "range", 60, 70, "Ms Tikhanovskaya", date(2020, 8, 9), "l"),
]  # fmt: skip
DISPUTED = {"h", "l"}


def _sentence(text: str, words: str) -> tuple[str, int, int]:
    """The sentence of `text` holding `words`, with its offsets."""
    at = text.index(words)
    start = max(text.rfind(". ", 0, at) + 2, 0) if text.rfind(". ", 0, at) >= 0 else 0
    end = text.find(". ", at)
    end = len(text) if end < 0 else end + 1
    return text[start:end], start, end


def _filler(column: pa.Column) -> object:
    """A value a column the fixture does not know accepts: null, else its first allowed value."""
    if column.nullable:
        return None
    for check in column.checks:
        if check.name == "isin":
            return check.statistics["allowed_values"][0]
        if check.name == "greater_than_or_equal_to":
            return check.statistics["min_value"]
    kind = str(column.dtype)
    return {"Boolean": False, "Date": date(2020, 1, 1), "String": "unknown"}.get(kind, 0)


def _complete(name: str, frame: pl.DataFrame) -> pl.DataFrame:
    """The frame in its model's columns and dtypes: extra fixture columns dropped, unknown ones filled."""
    columns = TABLES[name][0].to_schema().columns
    missing = [
        pl.lit(_filler(col), dtype=col.dtype.type).alias(c)
        for c, col in columns.items()
        if c not in frame.columns
    ]
    return (
        frame.with_columns(missing)
        .select(list(columns))
        .cast({c: col.dtype.type for c, col in columns.items()})
    )


def build_tables() -> dict[str, pl.DataFrame]:
    """Every table of a small release built from seed sentences, validated by the models."""
    files = sorted({a[0] for a in ARTICLES})
    doc_ids = {f: stable_id((SEEDS / f).read_bytes().hex()[:64], f) for f in files}
    art_ids, positions, articles = [], dict.fromkeys(files, 0), []
    for source, headline, published, outlet, text in ARTICLES:
        art_ids.append(stable_id(source, text))
        articles.append(
            {
                "article_id": art_ids[-1],
                "document_id": doc_ids[source],
                "source_file": source,
                "position": positions[source],
                "headline": headline,
                "text": text,
                "captions": None,
                "published_date": published,
                "published_date_source": "metadata",
                "published_date_text": None,
                "published_date_low": published,
                "published_date_high": published,
                "duplicate_group": "tv-rally" if source[:3] in {"001", "004"} else None,
                "word_count": len(text.split()),
                "outlet": outlet,
            }
        )
        positions[source] += 1
    documents = [
        {
            "document_id": doc_ids[f],
            "source_file": f,
            "sha256": hashlib.sha256((SEEDS / f).read_bytes()).hexdigest(),
            "bytes": (SEEDS / f).stat().st_size,
            "encoding": "utf-8",
            "mojibake_repaired": False,
            "status": "ok",
            "reject_reason": None,
            "n_articles": positions[f],
            "outlet": None,
            "url": None,
        }
        for f in files
    ] + [
        {
            "document_id": stable_id("empty.txt"),
            "source_file": "empty.txt",
            "sha256": hashlib.sha256(b"").hexdigest(),
            "bytes": 0,
            "encoding": None,
            "mojibake_repaired": False,
            "status": "rejected",
            "reject_reason": "empty file",
            "n_articles": 0,
            "outlet": None,
            "url": None,
        }
    ]
    mentions, events = [], []
    for kind, mode, modality, when, precision, actor1, actor2, place, refs in EVENTS:
        event_id = stable_id(kind, when, actor1, actor2)
        for i, words in refs:
            sentence, start, end = _sentence(ARTICLES[i][4], words)
            mentions.append(
                {
                    "mention_id": stable_id(art_ids[i], start, kind, event_id),
                    "event_id": event_id,
                    "article_id": art_ids[i],
                    "source_file": ARTICLES[i][0],
                    "event_type": kind,
                    "event_mode": mode,
                    "modality": modality,
                    "event_date": when,
                    "date_low": when,
                    "date_high": when,
                    "date_precision": precision,
                    "date_text": None,
                    "date_source": "text",
                    "background": False,
                    "trigger": words,
                    "actor1": actor1,
                    "actor2": actor2,
                    "location": place[0] if place else None,
                    "country_code": place[1] if place else None,
                    "latitude": place[2] if place else None,
                    "longitude": place[3] if place else None,
                    "evidence": sentence,
                    "char_start": start,
                    "char_end": end,
                }
            )
        events.append(
            {
                "event_id": event_id,
                "event_type": kind,
                "event_mode": mode,
                "modality": modality,
                "event_date": when,
                "date_low": when,
                "date_high": when,
                "date_precision": precision,
                "date_source": "text",
                "background": False,
                "latitude": place[2] if place else None,
                "longitude": place[3] if place else None,
                "location": place[0] if place else None,
                "country_code": place[1] if place else None,
                "actor1": actor1,
                "actor2": actor2,
                "n_mentions": len(refs),
                "n_articles": len({i for i, _ in refs}),
                "participants_low": None,
                "participants_high": None,
                "detained_low": 7000.0 if mode == "arrest" and precision == "month" else None,
                "detained_high": 7000.0 if mode == "arrest" and precision == "month" else None,
                "killed_low": 3.0 if kind == "ASSAULT" else None,
                "killed_high": 3.0 if kind == "ASSAULT" else None,
                "first_reported": min(ARTICLES[i][2] for i, _ in refs),
            }
        )
    claims = []
    for i, metric, subject, words, qualifier, low, high, source, as_of, _ in CLAIMS:
        text = ARTICLES[i][4]
        sentence, _, _ = _sentence(text, words)
        start = text.index(words)
        value = (low + high) / 2 if high is not None else low
        claims.append(
            {
                "claim_id": stable_id(art_ids[i], start, metric),
                "article_id": art_ids[i],
                "source_file": ARTICLES[i][0],
                "metric": metric,
                "family": "rate" if metric == "vote_share" else "people",
                "measure": None,
                "subject": subject,
                "value": float(value),
                "value_low": float(low),
                "value_high": None if high is None else float(high),
                "unit": "percent" if metric == "vote_share" else "person",
                "qualifier": qualifier,
                "modality": "reported",
                "quantity_text": words,
                "attributed_to": source,
                "converted_from": None,
                "as_of_date": as_of,
                "date_precision": "day" if as_of else "unknown",
                "date_text": None,
                "as_of_source": "sentence" if as_of else "none",
                "evidence": sentence,
                "char_start": start,
                "char_end": start + len(words),
            }
        )
    consensus = []
    for group in sorted({c[-1] for c in CLAIMS}):
        members = [(c, row) for c, row in zip(CLAIMS, claims, strict=True) if c[-1] == group]
        values = sorted(row["value"] for _, row in members)
        first = members[0][1]
        sources = {row["attributed_to"] or ARTICLES[c[0]][3] or c[0] for c, row in members}
        consensus.append(
            {
                "consensus_id": stable_id(first["metric"], first["subject"], first["as_of_date"]),
                "metric": first["metric"],
                "subject": first["subject"],
                "as_of_date": first["as_of_date"],
                "unit": first["unit"],
                "n_claims": len(members),
                "n_sources": len(sources),
                "value_min": values[0],
                "value_max": values[-1],
                "value_median": values[len(values) // 2],
                "disagree": group in DISPUTED,
                "claim_ids": "|".join(row["claim_id"] for _, row in members),
            }
        )
    lavrov = ARTICLES[7][4]
    quote = lavrov[lavrov.index("As for") : lavrov.index("relations,”") + len("relations,")]
    entities = [
        ("alexander-lukashenko", "Alexander Lukashenko", "person", "Lukashenko", "BLR", 7),
        ("svetlana-tikhanovskaya", "Svetlana Tikhanovskaya", "person", "Tikhanovskaya", "BLR", 2),
        ("sergey-lavrov", "Sergey Lavrov", "person", None, "RUS", 1),
        ("minsk", "Minsk", "place", None, "BLR", 5),
        ("european-union", "European Union", "organization", "EU", None, 1),
    ]
    frames = {
        "documents": pl.DataFrame(documents),
        "articles": pl.DataFrame(articles),
        "statistics": pl.DataFrame(claims),
        "statistics_consensus": pl.DataFrame(consensus),
        "event_mentions": pl.DataFrame(mentions),
        "events": pl.DataFrame(events),
        "entities": pl.DataFrame(
            entities,
            schema=["entity_id", "name", "type", "aliases", "country_code", "n_mentions"],
            orient="row",
        ),
        "quotes": pl.DataFrame(
            {
                "quote_id": [stable_id(art_ids[7], lavrov.index(quote))],
                "article_id": [art_ids[7]],
                "speaker": ["Alexander Lukashenko"],
                "quote": [quote],
                "date": [date(2020, 11, 26)],
                "char_start": [lavrov.index(quote)],
                "char_end": [lavrov.index(quote) + len(quote)],
            }
        ),
    }
    out = {}
    for name, frame in frames.items():
        out[name] = TABLES[name][0].validate(_complete(name, frame))
    return out


def write_release(release_dir: Path, tables: dict[str, pl.DataFrame], version: str) -> None:
    """Write a release folder as the publisher does: files, manifest, changelog, datapackage."""
    release_dir.mkdir(parents=True)
    resources = []
    for name, frame in tables.items():
        frame.write_parquet(release_dir / f"{name}.parquet", compression="zstd")
        frame.write_csv(release_dir / f"{name}.csv")
        csv, parquet = release_dir / f"{name}.csv", release_dir / f"{name}.parquet"
        resources.append(
            {
                "name": name,
                "path": csv.name,
                "bytes": csv.stat().st_size,
                "hash": "sha256:" + hashlib.sha256(csv.read_bytes()).hexdigest(),
                "chronicle:parquet": {"path": parquet.name, "bytes": parquet.stat().st_size},
            }
        )
    manifest = {
        "version": version,
        "previous_version": None,
        "created": "2026-11-21T12:00:00+00:00",
        "code": {"package": "0.1.0", "git_commit": "0" * 40},
        "inputs": [{"source_file": f, "status": "ok"} for f in sorted({a[0] for a in ARTICLES})],
    }
    (release_dir / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    (release_dir / "CHANGELOG.md").write_text(
        f"# Chronicle {version}\n\nFirst release.\n\n| table | added |\n|---|---:|\n"
        f"| events | {tables['events'].height} |\n\n<script>alert(4)</script>\n",
        "utf-8",
    )
    package = {
        "name": "chronicle",
        "title": "Chronicle: events and statistics extracted from news articles",
        "version": version,
        "created": manifest["created"],
        "licenses": [
            {
                "name": "CC-BY-4.0",
                "path": "https://creativecommons.org/licenses/by/4.0/",
                "title": "Creative Commons Attribution 4.0",
            }
        ],
        "resources": resources,
    }
    (release_dir / "datapackage.json").write_text(json.dumps(package), "utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data/ folder with two rendered releases, latest.json and the releases index."""
    root = tmp_path_factory.mktemp("data")
    releases = root / "releases"
    tables = build_tables()
    write_release(releases / "1.0.0", {k: v.head(v.height - 1) for k, v in tables.items()}, "1.0.0")
    write_release(releases / "1.1.0", tables, "1.1.0")
    (releases / ".staging-1.2.0-1").mkdir()
    (releases / "latest.json").write_text(json.dumps({"version": "1.1.0"}), "utf-8")
    for version in ("1.0.0", "1.1.0"):
        render_release(releases / version)
    render_releases_index(releases, root)
    return root


@pytest.fixture(scope="module")
def page(site: Path) -> str:
    """The latest release's HTML page."""
    return (site / "releases" / "1.1.0" / "index.html").read_text("utf-8")


class _Collector(HTMLParser):
    """Tags, attributes and visible text of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(html: str) -> _Collector:
    collector = _Collector()
    collector.feed(html)
    return collector


def test_render_catalog_returns_page_and_card(tmp_path: Path) -> None:
    release = tmp_path / "2.0.0"
    write_release(release, build_tables(), "2.0.0")
    package = json.loads((release / "datapackage.json").read_text("utf-8"))
    package["licenses"][0]["path"] = "javascript:alert(5)"
    (release / "datapackage.json").write_text(json.dumps(package), "utf-8")
    written = render_release(release)
    assert written == [release / "index.html", release / "README.md"]
    assert all(p.stat().st_size > 1000 for p in written)
    first = [p.read_bytes() for p in written]
    assert "javascript:" not in first[0].decode("utf-8")
    assert [p.read_bytes() for p in render_release(release)] == first, "not deterministic"


def test_hostile_text_is_escaped_never_markup(page: str) -> None:
    parsed = _parse(page)
    scripts = [attrs for tag, attrs in parsed.tags if tag == "script"]
    assert len(scripts) == 1 and "src" not in scripts[0]
    assert not [a for tag, a in parsed.tags if tag == "img"]
    assert not [a for _, a in parsed.tags if any(k.startswith("on") for k in a)]
    visible = "".join(parsed.text)
    assert HOSTILE in visible and "<script>alert(4)</script>" in visible
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;" in page


def test_hostile_source_stays_text_inside_charts(page: str) -> None:
    charts = re.findall(r'<div class="chart" data-chart="(\w+)">(.*?)</div>', page, re.S)
    detentions = dict(charts)["detentions"]
    assert "Ministry&quot;&gt;&lt;svg onload=alert(3)&gt;" in detentions
    tags = _parse(detentions).tags
    assert [t for t, _ in tags].count("svg") == 1
    assert not [a for _, a in tags if any(k.startswith("on") for k in a)]


def test_page_loads_nothing_from_the_network(page: str) -> None:
    for tag, attrs in _parse(page).tags:
        for key in ("src", "href"):
            value = attrs.get(key) or ""
            if tag != "a":
                assert not value.startswith(("http:", "https:", "//")), (tag, attrs)
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert policy and "default-src 'none'" in policy.group(1)


def test_every_chart_is_rendered_inline(page: str) -> None:
    charts = dict(re.findall(r'<div class="chart" data-chart="(\w+)">(.*?)</div>', page, re.S))
    assert sorted(charts) == ["crowds", "detentions", "events", "places"]
    for name, svg in charts.items():
        assert svg.startswith("<svg") and "role-mark" in svg, name
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids))
    assert "sources disagree" in charts["detentions"]
    assert "Minsk" in charts["places"]


def test_schema_tables_come_from_the_models(page: str) -> None:
    schema = page[page.index('<section id="schema">') :]
    for name, (model, _) in TABLES.items():
        assert f"<b>{name}</b>" in schema
        for column in table_columns(model):
            assert f"<code>{column.name}</code>" in schema
    assert "one of: AGREE, CONSULT" in schema and "nullable" in schema
    assert "≥ 0" in schema


def test_downloads_list_rows_sizes_and_hashes(site: Path, page: str) -> None:
    release = site / "releases" / "1.1.0"
    links = {
        a["href"] for t, a in _parse(page).tags if t == "a" and "download" in (a.get("class") or "")
    }
    assert links == {f"{n}.{ext}" for n in TABLES for ext in ("parquet", "csv")}
    for link in links:
        assert hashlib.sha256((release / link).read_bytes()).hexdigest() in page
    events = pl.read_parquet(release / "events.parquet").height
    assert re.search(rf"<b>events</b>.*?<td class=\"n\">{events}</td>", page, re.S)
    for snippet in ("pl.read_parquet(", "pd.read_parquet(", "FROM 'events.parquet'"):
        assert snippet in page


def test_downloads_take_the_hash_the_datapackage_records_for_a_file_of_that_size(site: Path):
    release = site / "releases" / "1.1.0"
    package = json.loads((release / "datapackage.json").read_text("utf-8"))
    events = next(r for r in package["resources"] if r["name"] == "events")
    events["hash"] = "sha256:" + "0" * 64
    parquet = events["chronicle:parquet"]
    parquet.update(bytes=parquet["bytes"] + 1, hash="sha256:" + "1" * 64)  # not this file's size
    infos = {
        i.name: i
        for i in catalog_files.table_infos(release, catalog_files.load_tables(release), package)
    }
    assert infos["events"].csv and infos["events"].csv.sha256 == "0" * 64
    real = hashlib.sha256((release / "events.parquet").read_bytes()).hexdigest()
    assert infos["events"].parquet and infos["events"].parquet.sha256 == real


def test_page_answers_what_happened_where_and_how_sure(page: str) -> None:
    visible = " ".join("".join(_parse(page).text).split())
    assert "<h1>Belarus, August–November 2020</h1>" in page
    assert "Events dated August 2020 to 26 Nov 2020" in visible
    assert "numbers where sources disagree" in visible and "2 / 12" in visible
    assert "18% of events are reported by two or more articles" in visible
    assert "Thousands of people rallied outside public television on Saturday" in visible
    assert "2 articles · 2 sources" in visible
    assert visible.count("sources disagree") >= 2
    timeline = page[page.index('<section id="timeline">') :]
    assert timeline.index("15 Aug 2020") < timeline.index("26 Nov 2020")
    assert "planned" in visible and "date: month" in visible


def test_claims_keep_their_words_hedge_and_bounds(page: str) -> None:
    numbers = page[page.index('<section id="statistics">') : page.index('<section id="places">')]
    assert "<mark>between 15 and 20</mark>" in numbers
    assert ">range 15–20<" in numbers and ">at least 7,000<" in numbers
    assert ">≈ 7,000<" in numbers and ">vague 200+<" in numbers
    assert '<td class="n">10.12–65%</td>' in numbers
    assert "Viasna rights group" in numbers


def test_big_releases_show_the_most_reported_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(catalog_facts, "TIMELINE_LIMIT", 2)
    monkeypatch.setattr(catalog_facts, "NUMBERS_LIMIT", 3)
    release = tmp_path / "1.0.0"
    write_release(release, build_tables(), "1.0.0")
    html = render_release(release)[0].read_text("utf-8")
    assert html.count('<li class="event"') == 2
    assert "Showing the 2 most reported of 11 events" in html
    assert "Showing 3 of 12 counts, disputed and most claimed first" in html
    assert html.count('<tr class="disagree">') == 2


def test_big_releases_list_every_rejected_file_and_the_latest_articles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(catalog_facts, "DOCUMENTS_LIMIT", 2)
    monkeypatch.setattr(catalog_facts, "ARTICLES_LIMIT", 3)
    tables = build_tables()
    release = tmp_path / "1.0.0"
    write_release(release, tables, "1.0.0")
    html, card = (p.read_text("utf-8") for p in render_release(release))
    sources = html[html.index('<section id="sources">') : html.index('<section id="card">')]
    documents, articles = tables["documents"], tables["articles"]
    first_ok = documents.filter(pl.col("status") == "ok")["source_file"].sort()[0]
    assert sources.count("<tr><td><code>") == 2
    assert "<code>empty.txt</code>" in sources and "empty file" in sources
    assert f"<code>{first_ok}</code>" in sources and "empty file" in card
    assert f"1 of {documents.height - 1} processed files" in sources
    latest = articles.sort("published_date", "source_file", "position", nulls_last=True).tail(3)
    shown = sources[sources.index("<details>") :]
    assert shown.count("<tr><td>") == 3 and f"most recently published of {articles.height}" in shown
    assert [h for h in latest["headline"] if h is not None][0] in shown


def test_release_without_events_or_numbers_still_renders(tmp_path: Path) -> None:
    tables = build_tables()
    empty = {
        name: frame.clear() if name != "documents" else frame for name, frame in tables.items()
    }
    release = tmp_path / "1.0.0"
    write_release(release, empty, "1.0.0")
    html = render_release(release)[0].read_text("utf-8")
    assert "No events in this release." in html and "No statistics in this release." in html
    assert "No events with a day- or week-precise date." in html and "<svg" not in html
    assert "<h1>News events</h1>" in html


def test_changelog_markdown_is_rendered_with_html_escaped(page: str) -> None:
    card = page[page.index('<section id="card">') : page.index('<section id="downloads">')]
    assert "<table>" in card and "&lt;script&gt;alert(4)&lt;/script&gt;" in card
    assert "Creative Commons Attribution 4.0" in card and "Version 1.1.0" in card


def test_hugging_face_card_has_a_config_per_table(site: Path) -> None:
    release = site / "releases" / "1.1.0"
    text = (release / "README.md").read_text("utf-8")
    header = yaml.safe_load(text.split("---\n")[1])
    assert header["license"] == "cc-by-4.0" and header["size_categories"] == ["n<1K"]
    assert [c["config_name"] for c in header["configs"]] == list(TABLES)
    for config in header["configs"]:
        (data_file,) = config["data_files"]
        assert (release / data_file["path"]).is_file()
    body = text.split("---\n", 2)[2]
    assert "<script" not in body and "| `event_type` | String | no |" in body


def test_card_without_datapackage_renders_from_manifest(tmp_path: Path) -> None:
    staging = tmp_path / ".staging-3.0.0-1"
    write_release(staging, build_tables(), "3.0.0")
    (staging / "datapackage.json").unlink()
    (staging / "quotes.parquet").unlink()
    render_release(staging)
    html = (staging / "index.html").read_text("utf-8")
    assert "Chronicle dataset · release 3.0.0" in html and "declares no licence" in html
    header = yaml.safe_load((staging / "README.md").read_text("utf-8").split("---\n")[1])
    assert header["license"] == "other"
    assert "quotes" not in [c["config_name"] for c in header["configs"]]


def test_releases_index_lists_newest_first_with_links(site: Path) -> None:
    html = (site / "index.html").read_text("utf-8")
    links = [a["href"] for t, a in _parse(html).tags if t == "a" and a.get("class") == "release"]
    assert links == ["releases/1.1.0/index.html", "releases/1.0.0/index.html"]
    assert all((site / link).is_file() for link in links)
    assert "staging" not in html and html.count("latest</span>") == 1
    assert "<td>Belarus, August–November 2020</td>" in html


def test_real_release_renders_when_present(tmp_path: Path) -> None:
    latest = ROOT / "data" / "releases" / "latest.json"
    if not latest.is_file():
        pytest.skip("no release under data/releases yet (make run builds one)")
    version = json.loads(latest.read_text("utf-8"))["version"]
    copy = tmp_path / version
    shutil.copytree(ROOT / "data" / "releases" / version, copy)
    page, card = render_release(copy)
    html = page.read_text("utf-8")
    assert html.count("<svg") >= 1 and f"release {version}" in html
    assert yaml.safe_load(card.read_text("utf-8").split("---\n")[1])["configs"]


def test_map_of_events_across_the_world_renders() -> None:
    from flows.publish.charts import Charts, event_locations

    places = pl.DataFrame(
        {
            "location": ["Los Angeles", "Sydney", "Minsk"],
            "latitude": [34.05, -33.87, 53.9],
            "longitude": [-118.24, 151.21, 27.57],
            "events": [3, 2, 5],
        }
    )
    svg = Charts({"places": event_locations(places)}).svgs()["places"]
    assert svg is not None and "<svg" in svg and "Sydney" in svg


def test_the_map_names_only_its_busiest_places_and_shows_every_one() -> None:
    from flows.publish.chart_map import LABELLED_PLACES
    from flows.publish.charts import event_locations

    n = LABELLED_PLACES + 5
    places = pl.DataFrame(
        {
            "location": [f"Town {i}" for i in range(n)],
            "latitude": [50.0 + i / 10 for i in range(n)],
            "longitude": [20.0 + i / 10 for i in range(n)],
            "events": list(range(1, n + 1)),
        }
    )
    spec = json.dumps(event_locations(places).spec())
    # every place is a row of the dots; the busiest are rows of the names as well
    counts = [spec.count(f'"place": "Town {i}"') for i in range(n)]
    assert counts == [1] * 5 + [2] * LABELLED_PLACES


def test_the_map_draws_the_countries_it_shows_from_the_outlines_a_package_ships() -> None:
    """The dots sit on country outlines countryinfo ships (offline), not on an empty grid."""
    from countryinfo import CountryInfo

    from flows.publish.chart_map import LAND
    from flows.publish.charts import Charts, event_locations

    places = pl.DataFrame(
        {
            "location": ["Minsk", "Vilnius", "Warsaw"],
            "latitude": [53.9, 54.69, 52.23],
            "longitude": [27.57, 25.28, 21.01],
            "events": [5, 2, 1],
        }
    )
    drawing = event_locations(places)
    spec = drawing.spec()
    (land,) = [layer for layer in spec["layer"] if layer["mark"].get("fill") == LAND["fill"]]
    assert land["mark"]["type"] == "geoshape" and spec["layer"].index(land) == 1  # under the dots
    drawn = {f["properties"]["name"]: f["geometry"] for f in land["data"]["values"]}
    assert {"Belarus", "Lithuania", "Latvia", "Poland", "Ukraine", "Russia"} <= drawn.keys()
    assert not {"Australia", "United States", "Brazil"} & drawn.keys()  # far off the map
    # Belarus is drawn with the points of countryinfo's outline, a few left out
    shipped = CountryInfo("Belarus").geo_json()["features"][0]["geometry"]["coordinates"][0]
    points = [p for polygon in drawn["Belarus"]["coordinates"] for ring in polygon for p in ring]
    assert 20 < len(points) <= len(shipped) and {tuple(p) for p in points} <= {
        tuple(p) for p in shipped
    }
    # the renderer draws them cropped to the map, before the dots
    svg = Charts({"places": drawing}).svgs()["places"]
    assert svg is not None
    shapes = list(re.finditer(rf'<path[^>]* d="([^"]+)"[^>]* fill="{LAND["fill"]}"', svg))
    assert len(shapes) == len(drawn)  # a path per country
    assert shapes[-1].start() < svg.index('aria-roledescription="circle"')
    xy = [
        (float(x), float(y))
        for shape in shapes
        for x, y in re.findall(r"[ML](-?[\d.]+),(-?[\d.]+)", shape.group(1))
    ]
    assert len(xy) > 200
    assert all(0 <= x <= 840 and 0 <= y <= 380 for x, y in xy)


def test_the_map_outlines_are_wound_as_the_renderer_fills_them() -> None:
    """A ring wound the wrong way round fills the whole globe but its country: every outer ring
    runs clockwise, every hole anticlockwise and inside its outer ring."""
    from flows.publish.chart_map import _countries, _inside, _signed_area

    countries = dict(_countries(None))
    assert len(countries) > 150
    for name, polygons in countries.items():
        for _, (outer, *holes) in polygons:
            assert _signed_area(outer) < 0, name
            assert all(_signed_area(h) > 0 and _inside(h[0], outer) for h in holes), name
    # countryinfo's Andorra runs anticlockwise; its Sweden has its islands as holes
    assert len(countries["Andorra"]) == 1 and len(countries["Sweden"]) == 4
    assert len(countries["South Africa"][0][1]) == 2  # Lesotho is a hole


def test_a_range_from_zero_keeps_the_log_scale_of_the_detentions_chart(tables) -> None:
    from flows.publish.charts import Charts, detentions_by_source

    up_to = tables["statistics"].with_columns(
        pl.lit(stable_id("claim", "up to")).alias("claim_id"),
        pl.lit(2_000_000.0).alias("value"),
        pl.lit(0.0).alias("value_low"),
        pl.lit(2_000_000.0).alias("value_high"),
        pl.lit("at_most").alias("qualifier"),
        pl.lit("up to two million").alias("quantity_text"),
    )
    statistics = pl.concat([tables["statistics"], up_to], how="vertical_relaxed")
    claims = catalog_facts.with_disagreement(
        catalog_facts.with_sources(statistics, tables["articles"]), tables["statistics_consensus"]
    )
    drawing = detentions_by_source(claims)
    assert [(r["low"], r["high"]) for r in drawing.data] == [(200.0, 200.0), (1.0, 2_000_000.0)]
    svg = Charts({"detentions": drawing}).svgs()["detentions"]
    assert ">1M</text>" in svg  # the axis has its ticks: a bound of 0 left it with none


def test_events_recalled_from_long_ago_do_not_stretch_the_events_chart() -> None:
    from datetime import timedelta

    from flows.publish.charts import event_period, events_per_day

    year = [date(2020, 1, 1) + timedelta(days=i % 366) for i in range(1000)]
    assert event_period(pl.Series(year)) == (date(2020, 1, 1), date(2020, 12, 31))
    recalled = [date(1859, 9, 17), date(1989, 11, 9), date(2031, 1, 1)]
    low, high = event_period(pl.Series(year + recalled))
    assert date(2020, 1, 1) <= low < date(2020, 1, 15) and date(2020, 12, 15) < high <= date(
        2021, 1, 1
    )
    few = [date(1989, 11, 9), date(2020, 8, 9), date(2020, 8, 10)]  # too few to call any an outlier
    assert event_period(pl.Series(few)) == (date(1989, 11, 9), date(2020, 8, 10))

    dates = year + recalled
    events = pl.DataFrame(
        {
            "event_date": dates,
            "date_precision": ["day"] * len(dates),
            "event_type": ["PROTEST"] * len(dates),
        }
    )
    drawn = {r["date"] for r in events_per_day(events).data}
    assert "1859-09-17" not in drawn and "2031-01-01" not in drawn and "2020-08-09" in drawn
    assert catalog_facts._off_period(events)["n"] == sum(not low <= d <= high for d in dates)


def test_the_renderer_child_imports_neither_altair_polars_nor_pandera(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The child draws with vl_convert and plain specs only: it starts while the run works on the
    same cores. It finds the project from any folder."""
    from flows.publish import charts

    charts.stop_renderer()  # a renderer started ahead runs the unchecked script
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PYTHONPATH", raising=False)
    # its charts drawn, the child fails when it holds any of them
    check = (
        "heavy = sorted({'altair', 'polars', 'pandera'} & set(sys.modules))\n"
        "sys.exit(f'imported {heavy}' if heavy else 0)\n"
    )
    monkeypatch.setattr(charts, "_RENDERER", charts._RENDERER + check)
    places = pl.DataFrame(
        {"location": ["Minsk"], "latitude": [53.9], "longitude": [27.57], "events": [5]}
    )
    svg = charts.Charts({"places": charts.event_locations(places)}).svgs()["places"]
    assert svg is not None and "Minsk" in svg


def test_a_chart_failing_in_the_renderer_raises_its_error(tmp_path: Path) -> None:
    from flows.publish import charts, chartspecs

    drawing = chartspecs.Drawing("chart-events", [], chartspecs.events_spec)  # no rows: max() fails
    with pytest.raises(RuntimeError, match="drawing charts failed:(.|\\n)*ValueError"):
        charts.Charts({"events": drawing}, tmp_path).svgs()
    assert not list(tmp_path.iterdir())


def test_charts_of_a_page_never_written_leave_nothing_behind() -> None:
    from flows.publish import charts

    places = pl.DataFrame(
        {"location": ["Minsk"], "latitude": [53.9], "longitude": [27.57], "events": [5]}
    )
    pending = charts.Charts({"places": charts.event_locations(places)})
    child, job = pending._child, pending._job
    assert child is not None and job is not None and job.is_file()
    del pending
    gc.collect()
    assert child.poll() is not None and not job.exists()


def test_cached_charts_give_the_same_page(site: Path, tmp_path: Path) -> None:
    release = tmp_path / "release"
    shutil.copytree(site / "releases" / "1.0.0", release)
    cache = tmp_path / "cache"
    render_release(release, cache)
    first = (release / "index.html").read_bytes()
    assert sorted(p.name.split("-")[1] for p in cache.glob("chart-*.svg")) == [
        "crowds",
        "detentions",
        "events",
        "places",
    ]
    assert len(list(cache.glob("cities-*.pickle"))) == 1  # the map's cities, parsed once
    assert len(list(cache.glob("countries-*.pickle"))) == 1  # and its country outlines
    render_release(release, cache)
    assert (release / "index.html").read_bytes() == first
    render_release(release)
    assert (release / "index.html").read_bytes() == first


def test_release_summaries_from_the_cache_equal_a_fresh_read(site: Path, tmp_path: Path):
    from flows.publish.catalog_releases import release_summaries

    releases, cache = site / "releases", tmp_path / "cache"
    fresh = release_summaries(releases, site)
    assert release_summaries(releases, site, cache) == fresh  # fills the cache
    assert (cache / "release-summaries.json").is_file()
    assert release_summaries(releases, site, cache) == fresh  # read from it
    stored = json.loads((cache / "release-summaries.json").read_text("utf-8"))
    stored["1.0.0"]["inputs"] = 999  # a stale entry under an old key is not trusted
    stored["1.0.0"]["key"] = "0" * 64
    (cache / "release-summaries.json").write_text(json.dumps(stored), "utf-8")
    assert release_summaries(releases, site, cache) == fresh
