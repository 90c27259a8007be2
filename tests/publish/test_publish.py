"""Publishing: versions, no-op rebuilds, changelogs, atomicity and the datapackage."""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import signal
import time
from importlib import metadata
from pathlib import Path

import polars as pl
import pytest

from flows.publish import charts
from flows.publish.catalog import render_catalog, render_release
from flows.publish.contract import schema_bump, schema_changes
from flows.publish.release import (
    dependency_versions,
    list_releases,
    next_version,
    publish_release,
    read_previous,
    read_release,
)
from flows.publish.release_check import check_release
from flows.publish.tabular import csv_bytes, read_csv
from flows.publish.validation import ValidationFailed

INPUTS = [
    {"source_file": "a.txt", "sha256": "0" * 64, "bytes": 1, "status": "ok", "reject_reason": None}
]


def _latest(out: Path) -> str:
    return json.loads((out / "releases" / "latest.json").read_text())["version"]


def test_first_release_is_complete_and_valid(tmp_path, tables):
    result = publish_release(tables, tmp_path, INPUTS)
    assert (result.version, result.created, result.bump) == ("1.0.0", True, "major")
    release = tmp_path / "releases" / "1.0.0"
    for name in tables:
        assert (release / f"{name}.parquet").is_file() and (release / f"{name}.csv").is_file()
    manifest = json.loads((release / "manifest.json").read_text())
    assert manifest["inputs"] == INPUTS
    assert manifest["dependencies"]["polars"] == pl.__version__
    assert "git_commit" in manifest["code"] or manifest["code"]["package"]
    assert "First release" in (release / "CHANGELOG.md").read_text()
    assert _latest(tmp_path) == "1.0.0"
    assert check_release(release) == []


def test_same_content_publishes_nothing(tmp_path, tables):
    publish_release(tables, tmp_path, INPUTS)
    again = publish_release(tables, tmp_path, INPUTS)
    assert (again.version, again.created) == ("1.0.0", False)
    assert list_releases(tmp_path / "releases") == ["1.0.0"]


def test_changed_value_is_a_patch_and_new_row_a_minor(tmp_path, tables):
    publish_release(tables, tmp_path, INPUTS)
    tables["entities"] = tables["entities"].with_columns(pl.lit(2).alias("n_mentions"))
    patch = publish_release(tables, tmp_path, INPUTS)
    assert (patch.version, patch.bump) == ("1.0.1", "patch")
    assert patch.diffs["entities"].changed == ("minsk",)
    assert patch.diffs["entities"].changed_columns == ("n_mentions",)
    extra = tables["entities"].with_columns(
        pl.lit("brest").alias("entity_id"), pl.lit("Brest").alias("name")
    )
    tables["entities"] = pl.concat([tables["entities"], extra])
    minor = publish_release(tables, tmp_path, INPUTS)
    assert (minor.version, minor.bump) == ("1.1.0", "minor")
    changelog = (tmp_path / "releases" / "1.1.0" / "CHANGELOG.md").read_text()
    assert "Changes since 1.0.1 (minor" in changelog and "`brest`" in changelog


def test_a_release_published_while_waiting_for_the_lock_is_the_one_compared_with(
    tmp_path, tables, monkeypatch
):
    from flows.publish import release as publish

    publish_release(tables, tmp_path, INPUTS)  # 1.0.0
    entities = tables["entities"].with_columns(pl.lit(2).alias("n_mentions"))
    meanwhile = {**tables, "entities": entities}
    lock = publish.release_lock

    def another_run_publishes_first(out: Path):
        monkeypatch.setattr(publish, "release_lock", lock)
        publish_release(meanwhile, out, INPUTS)  # 1.0.1, after this run read 1.0.0
        return lock(out)

    monkeypatch.setattr(publish, "release_lock", another_run_publishes_first)
    extra = entities.with_columns(pl.lit("brest").alias("entity_id"), pl.lit("Brest").alias("name"))
    result = publish_release(
        {**meanwhile, "entities": pl.concat([entities, extra])}, tmp_path, INPUTS
    )
    assert (result.version, result.bump) == ("1.1.0", "minor")
    diff = result.diffs["entities"]
    assert (diff.added, diff.changed) == (("brest",), ())  # not minsk's change, made in 1.0.1
    changelog = (tmp_path / "releases" / "1.1.0" / "CHANGELOG.md").read_text()
    assert "Changes since 1.0.1 (minor" in changelog


def test_the_previous_release_read_once_is_compared_with_unless_a_newer_one_appeared(
    tmp_path, tables, monkeypatch
):
    from flows.publish import release as publish

    assert read_previous(tmp_path) is None
    publish_release(tables, tmp_path, INPUTS)  # 1.0.0
    ahead = read_previous(tmp_path)
    assert ahead is not None and ahead.version == "1.0.0"
    assert ahead.tables
    monkeypatch.setattr(publish, "read_release", lambda path: pytest.fail(f"read {path} again"))
    doubled = tables["entities"].with_columns(pl.col("n_mentions") * 2)
    result = publish_release({**tables, "entities": doubled}, tmp_path, INPUTS, previous=ahead)
    assert (result.version, result.diffs["entities"].changed_columns) == ("1.0.1", ("n_mentions",))

    monkeypatch.undo()  # 1.0.1 is newer than what was read before: it is read and compared with
    tripled = tables["entities"].with_columns(pl.col("n_mentions") * 3)
    result = publish_release({**tables, "entities": tripled}, tmp_path, INPUTS, previous=ahead)
    assert result.version == "1.0.2"
    assert "Changes since 1.0.1 (patch" in (result.path / "CHANGELOG.md").read_text()


def test_schema_changes_follow_semver():
    old = {
        "resources": [
            {
                "name": "t",
                "schema": {
                    "fields": [{"name": "a", "type": "string", "constraints": {"required": False}}]
                },
            }
        ]
    }
    added = {
        "t": {
            "fields": old["resources"][0]["schema"]["fields"]
            + [{"name": "b", "type": "integer", "constraints": {}}]
        }
    }
    retyped = {"t": {"fields": [{"name": "a", "type": "integer", "constraints": {}}]}}
    tightened = {
        "t": {"fields": [{"name": "a", "type": "string", "constraints": {"required": True}}]}
    }
    assert schema_bump(old, added) == "minor"
    assert schema_bump(old, retyped) == "major"
    assert schema_bump(old, tightened) == "major"
    assert schema_bump(old, {}) == "major"
    assert [next_version("1.2.3", b) for b in ("major", "minor", "patch")] == [
        "2.0.0",
        "1.3.0",
        "1.2.4",
    ]


def test_the_changelog_lists_what_changed_in_the_contract(tmp_path, tables, monkeypatch):
    from flows.publish import release as publish

    publish_release(tables, tmp_path, INPUTS)  # 1.0.0
    worded = publish.table_schema

    def reworded(model, key):
        schema = worded(model, key)
        for field in schema["fields"]:
            if field["name"] == "n_mentions":
                field["description"] = "How often the entity is named."
        return schema

    monkeypatch.setattr(publish, "table_schema", reworded)
    result = publish_release(tables, tmp_path, INPUTS)
    assert (result.version, result.bump) == ("1.0.1", "patch")  # no row changed, the words did
    changelog = (result.path / "CHANGELOG.md").read_text()
    assert "## Schema changes" in changelog
    assert "- entities.n_mentions: description changed" in changelog
    old = json.loads((tmp_path / "releases" / "1.0.0" / "datapackage.json").read_text())
    assert schema_changes(old, {}) == [f"{r['name']}: table removed" for r in old["resources"]]


def test_invalid_tables_publish_nothing_and_name_the_rule(tmp_path, tables):
    tables["statistics"] = tables["statistics"].with_columns(pl.lit("crowd").alias("metric"))
    with pytest.raises(ValidationFailed) as err:
        publish_release(tables, tmp_path, INPUTS)
    assert any(
        f.table == "statistics" and f.column == "metric" and "isin" in f.rule
        for f in err.value.failures
    )
    assert "crowd" in str(err.value)
    assert list_releases(tmp_path / "releases") == []


def test_a_conversion_refers_to_a_claim_of_the_release(tmp_path, tables):
    tables["statistics"] = tables["statistics"].with_columns(
        pl.lit("0" * 16).alias("converted_from")
    )
    with pytest.raises(ValidationFailed) as err:
        publish_release(tables, tmp_path, INPUTS)
    assert any(
        f.column == "converted_from" and "refers to an existing statistics.claim_id" in f.rule
        for f in err.value.failures
    )


def test_crash_before_swap_keeps_previous_release(tmp_path, tables):
    publish_release(tables, tmp_path, INPUTS)
    tables["entities"] = tables["entities"].with_columns(pl.lit(5).alias("n_mentions"))

    def boom(staging: Path) -> None:
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        publish_release(tables, tmp_path, INPUTS, before_swap=boom)
    assert list_releases(tmp_path / "releases") == ["1.0.0"]
    assert _latest(tmp_path) == "1.0.0"
    assert not list((tmp_path / "releases").glob(".staging-*"))


def _publish_slowly(out: str) -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).parents[1]))
    from conftest import complete, make_tables

    tables = complete(make_tables())
    tables["entities"] = tables["entities"].with_columns(pl.lit(9).alias("n_mentions"))
    publish_release(tables, Path(out), INPUTS, before_swap=lambda staging: time.sleep(60))


def test_killed_publish_leaves_no_half_release_and_next_run_completes(tmp_path, tables):
    publish_release(tables, tmp_path, INPUTS)
    proc = multiprocessing.get_context("spawn").Process(
        target=_publish_slowly, args=(str(tmp_path),)
    )
    proc.start()
    deadline = time.time() + 60
    while not list((tmp_path / "releases").glob(".staging-*/datapackage.json")):
        assert time.time() < deadline, "publisher never reached the swap"
        time.sleep(0.1)
    os.kill(proc.pid, signal.SIGKILL)
    proc.join()
    assert list_releases(tmp_path / "releases") == ["1.0.0"] and _latest(tmp_path) == "1.0.0"
    tables["entities"] = tables["entities"].with_columns(pl.lit(9).alias("n_mentions"))
    result = publish_release(tables, tmp_path, INPUTS)
    assert result.version == "1.0.1" and _latest(tmp_path) == "1.0.1"
    assert not list((tmp_path / "releases").glob(".staging-*"))


def test_csv_neutralises_formulas_and_round_trips(tables):
    from flows.publish.tabular import canonical

    frame = canonical("articles", tables["articles"])
    data = csv_bytes(frame)
    assert b"'=HYPERLINK" in data and b"\r\n" in data
    assert read_csv("articles", data).equals(frame)


def test_tampered_release_fails_validation(tmp_path, tables):
    release = publish_release(tables, tmp_path, INPUTS).path
    (release / "entities.csv").write_bytes(
        (release / "entities.csv").read_bytes().replace(b"Minsk", b"Pinsk")
    )
    rules = {f.rule for f in check_release(release)}
    assert "sha256 in datapackage.json matches the file" in rules


def test_release_reads_back_equal(tmp_path, tables):
    from flows.publish.tabular import canonical

    release = publish_release(tables, tmp_path, INPUTS).path
    back = read_release(release)
    assert all(back[n].equals(canonical(n, tables[n])) for n in tables)


def test_datapackage_is_valid_frictionless(tmp_path, tables):
    frictionless = pytest.importorskip("frictionless")
    release = publish_release(tables, tmp_path, INPUTS).path
    report = frictionless.validate(str(release / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_dependency_versions_match_the_parsed_metadata():
    parsed = {
        d.metadata["Name"].lower(): d.version
        for d in metadata.distributions()
        if d.metadata["Name"]
    }
    assert dependency_versions() == dict(sorted(parsed.items()))


def test_catalog_made_while_publishing_equals_one_made_from_the_folder(tmp_path, tables):
    result = publish_release(tables, tmp_path / "out", INPUTS, render=render_catalog)
    copy = tmp_path / "copy"
    shutil.copytree(result.path, copy)
    for page in render_release(copy):
        assert page.read_bytes() == (result.path / page.name).read_bytes(), page.name
    assert list((tmp_path / "out" / "cache" / "catalog").glob("chart-*.svg"))


def test_renderer_started_ahead_draws_the_charts_or_is_stopped(tmp_path, tables, monkeypatch):
    spawned = []
    spawn = charts._spawn_renderer
    monkeypatch.setattr(charts, "_spawn_renderer", lambda: spawned.append(spawn()) or spawned[-1])
    charts.start_renderer()  # as the flow does when it starts
    publish_release(tables, tmp_path, INPUTS, render=render_catalog)  # draws its charts with it
    assert len(spawned) == 1 and spawned[0].returncode == 0
    charts.start_renderer()
    publish_release(tables, tmp_path, INPUTS, render=render_catalog)  # no change: nothing drawn
    tables["quotes"] = tables["quotes"].head(0)
    charts.start_renderer()
    publish_release(tables, tmp_path, INPUTS, render=render_catalog)  # charts read from the cache
    assert len(spawned) == 3 and not charts._spare
    publish_release(tables, tmp_path, INPUTS, render=render_catalog)  # none started: none spawned
    assert len(spawned) == 3
    assert all(child.poll() is not None for child in spawned)
