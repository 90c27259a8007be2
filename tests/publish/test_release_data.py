"""The release committed under data/releases/ validates and is exactly what the seeds build;
a release, or one of its files, that differs from its datapackage.json or manifest.json does not."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from flows.build import build_tables, input_records
from flows.cli import app
from flows.publish.release import publish_release
from flows.publish.release_check import check_path, check_release
from flows.publish.tabular import canonical, parquet_bytes
from schemas import TABLES

ROOT = Path(__file__).parents[2]
RELEASES = ROOT / "data" / "releases"


@pytest.fixture(scope="module")
def committed() -> Path:
    latest = json.loads((RELEASES / "latest.json").read_text())["version"]
    return RELEASES / latest


def test_committed_release_validates(committed):
    assert check_release(committed) == []


def test_rebuild_from_scratch_gives_identical_csvs(committed, tmp_path):
    tables, inputs = build_tables(ROOT / "seeds")
    fresh = publish_release(tables, tmp_path, inputs).path
    for name in TABLES:
        assert (fresh / f"{name}.csv").read_bytes() == (committed / f"{name}.csv").read_bytes(), (
            name
        )


def test_manifest_accounts_for_every_seed_file(committed):
    manifest = json.loads((committed / "manifest.json").read_text())
    seeds = sorted(p.name for p in (ROOT / "seeds").iterdir() if not p.name.endswith(".meta.json"))
    assert sorted(i["source_file"] for i in manifest["inputs"]) == seeds
    assert manifest["dependencies"]["prefect"] and manifest["dependencies"]["pandera"]


SHA_RULE = "sha256 in datapackage.json matches the file"


@pytest.fixture
def release(tmp_path, tables) -> Path:
    """A small published release whose manifest lists its documents as a run lists them."""
    return publish_release(tables, tmp_path / "out", input_records(tables["documents"])).path


def _rules(path: Path) -> set[str]:
    return {f.rule for f in check_path(path)}


def test_single_parquet_file_with_a_changed_value_fails_its_hash(release):
    path = release / "entities.parquet"
    frame = pl.read_parquet(path).with_columns(pl.lit(2).alias("n_mentions"))
    path.write_bytes(parquet_bytes(canonical("entities", frame)))
    assert SHA_RULE in _rules(path)
    assert _rules(release / "statistics.parquet") == set()


def test_single_csv_file_with_a_changed_value_fails_its_hash(release):
    path = release / "entities.csv"
    path.write_bytes(path.read_bytes().replace(b"Minsk", b"Pinsk"))
    assert _rules(path) == {SHA_RULE}


def test_single_file_with_a_datapackage_beside_it_says_its_hash_was_checked(release):
    result = CliRunner().invoke(app, ["validate", str(release / "statistics.parquet")])
    assert result.exit_code == 0 and "checked against the datapackage.json" in result.output


def test_single_file_without_a_datapackage_validates_with_a_note(release, tmp_path):
    alone = tmp_path / "alone" / "entities.csv"
    alone.parent.mkdir()
    alone.write_bytes((release / "entities.csv").read_bytes())
    result = CliRunner().invoke(app, ["validate", str(alone)], env={"COLUMNS": "200"})
    assert result.exit_code == 0 and "valid" in result.output
    assert "sha256 was not checked" in result.output


def _edit_manifest(release: Path, edit) -> None:
    path = release / "manifest.json"
    manifest = json.loads(path.read_text())
    edit(manifest)
    path.write_text(json.dumps(manifest))


@pytest.mark.parametrize(
    ("edit", "column", "rule"),
    [
        (
            lambda m: m["inputs"][0].update(sha256="1" * 64),
            "sha256",
            "sha256 of each input in manifest.json matches documents",
        ),
        (
            lambda m: m["inputs"][0].update(status="rejected"),
            "status",
            "status of each input in manifest.json matches documents",
        ),
        (
            lambda m: m["inputs"].pop(0),
            "source_file",
            "every document is an input in manifest.json",
        ),
        (
            lambda m: m["inputs"].append({**m["inputs"][0], "source_file": "b.txt"}),
            "source_file",
            "every input in manifest.json is a document",
        ),
    ],
    ids=["hash changed", "status changed", "input removed", "input added"],
)
def test_manifest_inputs_that_differ_from_documents_fail(release, edit, column, rule):
    assert check_release(release) == []
    _edit_manifest(release, edit)
    failures = check_release(release)
    assert [(f.table, f.column, f.rule) for f in failures] == [("documents", column, rule)]
    result = CliRunner().invoke(app, ["validate", str(release)], env={"COLUMNS": "200"})
    assert result.exit_code == 1 and rule in result.output


def test_manifest_row_count_that_differs_from_its_table_fails(release):
    _edit_manifest(release, lambda m: m["tables"]["entities"].update(rows=7))
    assert [f.rule for f in check_release(release)] == ["row count in manifest.json matches"]


@pytest.mark.parametrize(
    ("content", "rule"),
    [
        (None, "manifest.json exists"),
        ("{not json", "manifest.json is valid JSON"),
        ("[]", "manifest.json is a JSON object"),
        ('{"inputs": "a.txt"}', "manifest.json lists its inputs"),
    ],
    ids=["missing", "unparsable", "not an object", "no input list"],
)
def test_missing_or_unparsable_manifest_fails(release, content, rule):
    path = release / "manifest.json"
    if content is None:
        path.unlink()
    else:
        path.write_text(content)
    assert [f.rule for f in check_release(release)] == [rule]
