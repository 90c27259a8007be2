"""The command line: docs and CLI agree, every help ends with an example, commands work."""

from __future__ import annotations

import re
from pathlib import Path

import polars as pl
from typer.testing import CliRunner

from flows.cli import app
from flows.publish.release import publish_release

README = Path(__file__).parent.parent / "README.md"
INPUTS = [
    {"source_file": "a.txt", "sha256": "0" * 64, "bytes": 1, "status": "ok", "reject_reason": None}
]
runner = CliRunner()


def _commands() -> dict[str, str]:
    import typer.main

    group = typer.main.get_command(app)
    return {name: cmd.help or "" for name, cmd in group.commands.items()}


def test_readme_and_cli_name_the_same_commands():
    documented = set(re.findall(r"^chronicle ([a-z]+)", README.read_text(), flags=re.M))
    assert documented == set(_commands())


def test_every_command_help_ends_with_an_example_of_itself():
    for name, help_text in _commands().items():
        last = help_text.strip().splitlines()[-1]
        assert re.match(rf"Example: `chronicle {name}\b", last), (name, last)


def test_validate_release_ok_then_tampered(tmp_path, tables):
    release = publish_release(tables, tmp_path, INPUTS).path
    ok = runner.invoke(app, ["validate", str(release)])
    assert ok.exit_code == 0 and "valid" in ok.output
    bad = tables["statistics"].with_columns(pl.lit(-1.0).alias("value"))
    bad.write_parquet(tmp_path / "statistics.parquet")
    res = runner.invoke(
        app, ["validate", str(tmp_path / "statistics.parquet")], env={"COLUMNS": "200"}
    )
    assert res.exit_code == 1 and "greater_than_or_equal_to" in res.output


def test_releases_and_diff(tmp_path, tables):
    publish_release(tables, tmp_path, INPUTS)
    tables["entities"] = tables["entities"].with_columns(pl.lit(3).alias("n_mentions"))
    publish_release(tables, tmp_path, INPUTS)
    listed = runner.invoke(app, ["releases", "--out", str(tmp_path)])
    assert listed.exit_code == 0 and "1.0.0" in listed.output and "1.0.1" in listed.output
    diff = runner.invoke(app, ["diff", "1.0.0", "1.0.1", "--out", str(tmp_path)])
    assert diff.exit_code == 0 and "`minsk`" in diff.output and "n_mentions" in diff.output
    missing = runner.invoke(app, ["diff", "1.0.0", "9.9.9", "--out", str(tmp_path)])
    assert missing.exit_code == 2


def test_the_clis_copies_of_pipeline_constants_agree():
    from flows import build, cli

    assert cli.DEFAULT_BATCH_SIZE == build.DEFAULT_BATCH_SIZE
