"""Load the versioned lexicon files in flows/lexicons/ and validate them at load time."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

LEXICON_DIR = Path(__file__).parent / "lexicons"

E = TypeVar("E", bound=BaseModel)


class LexiconError(ValueError):
    """A lexicon file is missing, malformed or has an invalid entry."""


class LexiconEntry(BaseModel):
    """Base of every lexicon entry model: unknown keys are errors, not silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


@dataclass(frozen=True)
class Lexicon(Generic[E]):
    """A validated lexicon: its name, version, content hash and entries."""

    name: str
    version: str
    sha256: str
    entries: tuple[E, ...]


def load_lexicon(name: str, entry_model: type[E], directory: Path = LEXICON_DIR) -> Lexicon[E]:
    """Read `<name>.json` ({"name", "version", "description", "entries": [...]}) and validate every entry."""
    path = directory / f"{name}.json"
    try:
        raw = path.read_bytes()
        doc = json.loads(raw)
    except FileNotFoundError as exc:
        raise LexiconError(f"lexicon {name!r}: {path} does not exist") from exc
    except json.JSONDecodeError as exc:
        raise LexiconError(f"lexicon {name!r}: {path} is not valid JSON: {exc}") from exc
    if (
        not isinstance(doc, dict)
        or doc.get("name") != name
        or not isinstance(doc.get("version"), str)
    ):
        raise LexiconError(
            f'lexicon {name!r}: {path} needs "name": {name!r} and a string "version"'
        )
    if not isinstance(doc.get("entries"), list) or not doc["entries"]:
        raise LexiconError(f'lexicon {name!r}: "entries" must be a non-empty list')
    entries = []
    for i, item in enumerate(doc["entries"]):
        try:
            entries.append(entry_model.model_validate(item))
        except ValidationError as exc:
            raise LexiconError(
                f"lexicon {name!r}, entry {i} ({json.dumps(item)[:80]}): {exc}"
            ) from exc
    return Lexicon(name, doc["version"], hashlib.sha256(raw).hexdigest(), tuple(entries))


@cache
def lexicon_fingerprint(directory: Path = LEXICON_DIR) -> dict[str, str]:
    """Name -> sha256 of every lexicon file: part of the cache key and of each release's manifest."""
    return {
        p.stem: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(directory.glob("*.json"))
    }


def trie_alternation(words: Iterable[str]) -> str:
    """A regex matching any of `words`, factored as a prefix tree: at each position it tries
    the longest word first, like a longest-first alternation, without retrying every word."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_pattern(trie)


def _trie_pattern(node: dict) -> str:
    """The regex of a prefix-tree node: its branches, optional when a word ends here."""
    branches = [re.escape(ch) + _trie_pattern(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" not in node:
        return body
    return "(?:" + body + ")?"
