"""The release catalog: a static, offline HTML page and a Hugging Face dataset card per release,
and the site's page listing every release, rendered from the templates with what the release
folder's own files say (version, licence, changes, downloads).
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
import polars as pl
from markdown_it import MarkdownIt
from markupsafe import Markup

from flows.publish import charts, chartspecs
from flows.publish.catalog_facts import tables_context
from flows.publish.catalog_files import load_tables, read_json, table_infos
from flows.publish.catalog_releases import release_summaries
from flows.publish.catalog_wording import num, short_date

TEMPLATES = Path(__file__).parent / "templates"


class _Environment(jinja2.Environment):
    """Jinja2 reading `row.key` of a dict as its item first: the pages read many thousand rows.

    (Jinja tries the attribute first, and failing on every cell costs more than the rendering.)
    """

    def getattr(self, obj: Any, attribute: str) -> Any:
        """obj[attribute] for a dict that has the key, else what Jinja does."""
        if type(obj) is dict and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)


@functools.cache
def _environment(cache_dir: Path | None = None) -> jinja2.Environment:
    """Jinja2 with autoescaping for HTML (Markdown templates escape by hand).

    Compiled templates are kept in `cache_dir`, when given, for the next process.
    """
    env = _Environment(
        bytecode_cache=jinja2.FileSystemBytecodeCache(str(cache_dir)) if cache_dir else None,
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=jinja2.select_autoescape(["html", "html.j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = markdown_text
    env.filters["num"] = num
    env.filters["day"] = short_date
    env.filters["yaml"] = lambda v: json.dumps(v, ensure_ascii=False)
    env.globals["plover_colors"] = chartspecs.PLOVER_COLORS
    return env


def markdown_text(value: object) -> str:
    """Text made inert inside Markdown: HTML and table pipes escaped, one line."""
    text = " ".join(str(value).split())
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")


def _changelog_html(release_dir: Path) -> Markup:
    """CHANGELOG.md rendered with raw HTML disabled (so it is escaped), minus its title."""
    path = release_dir / "CHANGELOG.md"
    if not path.is_file():
        return Markup("")
    lines = path.read_text("utf-8").splitlines()
    body = "\n".join(lines[1:] if lines and lines[0].startswith("# ") else lines)
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    return Markup(md.render(body))


def _web_url(value: object) -> str:
    """An http(s) URL, or '' for anything else (no javascript: or data: links on the page)."""
    text = str(value or "")
    return text if text.startswith(("https://", "http://")) else ""


def _script_hash(script: str) -> str:
    """The CSP source expression allowing exactly one inline script."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def size_category(rows: int) -> str:
    """The Hugging Face size category of a dataset with this many rows in its largest table."""
    for limit, label in ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K")):
        if rows < limit:
            return label
    return "100K<n<1M" if rows < 1_000_000 else "1M<n<10M"


def folder_context(release_dir: Path, tables: dict[str, pl.DataFrame]) -> dict[str, Any]:
    """What the pages show from a release folder's files: version, licence, changes, downloads."""
    package = read_json(release_dir / "datapackage.json")
    manifest = read_json(release_dir / "manifest.json")
    licenses = package.get("licenses") if isinstance(package.get("licenses"), list) else []
    license_ = licenses[0] if licenses and isinstance(licenses[0], dict) else {}
    code = manifest.get("code") if isinstance(manifest.get("code"), dict) else {}
    inputs = manifest.get("inputs") if isinstance(manifest.get("inputs"), list) else []
    script = (TEMPLATES / "filter.js").read_text("utf-8")
    infos = table_infos(release_dir, tables, package)
    return {
        "version": str(package.get("version") or manifest.get("version") or release_dir.name),
        "created": str(package.get("created") or manifest.get("created") or ""),
        "previous": manifest.get("previous_version"),
        "name": str(package.get("name") or "chronicle"),
        "package_title": str(package.get("title") or "Chronicle: events and statistics"),
        "license": {
            "id": str(license_.get("name") or ""),
            "title": str(license_.get("title") or license_.get("name") or ""),
            "url": _web_url(license_.get("path")),
        },
        "code": {k: v for k, v in code.items() if isinstance(v, str)},
        "inputs": [i for i in inputs if isinstance(i, dict)],
        "hf_license": str(license_.get("name") or "other").lower(),
        "size_category": size_category(max((t.rows for t in infos), default=0)),
        "tables": infos,
        "changelog": _changelog_html(release_dir),
        "script": Markup(script),
        "script_hash": _script_hash(script),
    }


def render_catalog(
    tables: dict[str, pl.DataFrame], cache_dir: Path | None = None
) -> Callable[[Path], list[Path]]:
    """Start making the catalog pages of a release's tables (its charts are drawn meanwhile).

    Returns the function that writes index.html and README.md (Hugging Face dataset card) into
    the release folder, once it holds its other files, and returns their paths. Charts drawn
    before from the same data and code are read from `cache_dir` when given.
    """
    if cache_dir is not None:
        cache_dir.mkdir(parents=True, exist_ok=True)
    shown = tables_context(tables, cache_dir)

    def write(release_dir: Path) -> list[Path]:
        """Write the pages into the release folder; return their paths."""
        return _write_pages(
            release_dir, {**shown, **folder_context(release_dir, tables)}, cache_dir
        )

    return write


def render_release(release_dir: Path, cache_dir: Path | None = None) -> list[Path]:
    """Write a release folder's index.html and README.md from its files; return them."""
    return render_catalog(load_tables(release_dir), cache_dir)(release_dir)


def _write_pages(release_dir: Path, context: dict[str, Any], cache_dir: Path | None) -> list[Path]:
    """Render the pages around a unique slot per chart, filled once the charts are drawn."""
    env = _environment(cache_dir)
    pending: charts.Charts = context["charts"]
    slots = {name: f"<!--chart-{secrets.token_hex(16)}-->" for name in pending.drawings}
    context = {**context, "charts": {n: d and slots[n] for n, d in pending.drawings.items()}}
    try:
        pages = {
            name: env.get_template(template).render(**context)
            for template, name in (("release.html.j2", "index.html"), ("README.md.j2", "README.md"))
        }
    finally:
        svgs = pending.svgs()
    for name, svg in svgs.items():
        if svg is not None:
            pages["index.html"] = pages["index.html"].replace(slots[name], svg)
    written = []
    for name, text in pages.items():
        path = release_dir / name
        path.write_text(text, "utf-8")
        written.append(path)
    return written


def render_releases_index(
    releases_root: Path, site_root: Path, cache_dir: Path | None = None
) -> Path:
    """Write site_root/index.html listing every release, newest first; return its path.

    Release summaries are kept in `cache_dir` when given (see `release_summaries`).
    """
    releases = (
        release_summaries(releases_root, site_root, cache_dir) if releases_root.is_dir() else []
    )
    html = _environment().get_template("releases.html.j2").render(releases=releases)
    site_root.mkdir(parents=True, exist_ok=True)
    path = site_root / "index.html"
    path.write_text(html, "utf-8")
    return path
