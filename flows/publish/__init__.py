"""Publish: validate the tables against the schemas, write a versioned release (Parquet, CSV,
datapackage, manifest, changelog) atomically, check and compare releases, and draw the catalog.
"""

from __future__ import annotations

from flows.publish.catalog import render_catalog, render_releases_index
from flows.publish.charts import start_renderer
from flows.publish.diff import diff_releases, render_changes
from flows.publish.release import (
    PreviousRelease,
    PublishResult,
    list_releases,
    publish_release,
    read_previous,
    read_release,
)
from flows.publish.release_check import check_path, hash_note
from flows.publish.validation import ValidationFailed

__all__ = [
    "PreviousRelease",
    "PublishResult",
    "ValidationFailed",
    "check_path",
    "diff_releases",
    "hash_note",
    "list_releases",
    "publish_release",
    "read_previous",
    "read_release",
    "render_catalog",
    "render_changes",
    "render_releases_index",
    "start_renderer",
]
