"""The release committed under data/releases/ validates and is exactly what the seeds build."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from flows.build import build_tables
from flows.publish import publish_release
from flows.release_check import check_release
from schemas import TABLES

ROOT = Path(__file__).parent.parent
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
