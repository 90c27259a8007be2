"""Read one input file: hash it, reject what is not text, detect the encoding, repair mojibake.

Decisions (documented here because they decide what a user sees in `documents.reject_reason`):
- Byte order marks win (UTF-8, UTF-16 LE/BE, UTF-32). UTF-16 without a BOM is recognised by its
  NUL pattern (NULs on one byte parity only, decoding to printable text) before the binary
  check runs, so it is not mistaken for a binary file.
- `empty`: zero bytes or only whitespace. `markup`: an HTML or XML page (its tags would be
  read as article text). `binary`: a known binary signature (PDF, ZIP, PNG,
  JPEG, GIF, gzip), any NUL byte, or more than 2% control characters.
- Strict UTF-8 is tried first. Otherwise charset-normalizer chooses between the single-byte
  code pages a news file is likely to use (cp1252 / latin-1 for Western text, cp1251 for
  Cyrillic); when it gives no answer, a script-plausibility score decides. `undecodable`: no
  candidate gives plausible text.
- ftfy's `fix_encoding` repairs double-encoded text ("â€™" -> "’"); quotes are left as written.
- Sidecars: `<file>.meta.json` with the optional keys published (YYYY-MM-DD), outlet, url,
  title (strings; a title is cut as a headline is, to `MAX_HEADLINE_CHARS`). Bad JSON, a
  non-object, an unknown key, a non-string value or a bad date is a `SidecarError` naming the
  key and why; the caller rejects the file with that message.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import re
from dataclasses import dataclass
from datetime import date

import charset_normalizer
import ftfy
from ftfy.badness import BADNESS_RE

from flows.ingest.segment import MAX_HEADLINE_CHARS, shorten

SIDECAR_KEYS = ("published", "outlet", "url", "title")

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_BINARY_SIGNATURES = (
    (b"%PDF-", "PDF"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"\x1f\x8b", "gzip archive"),
)
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")
_WORD = re.compile(r"[^\W\d_]+")
_MARKUP = re.compile(r"\s*<(?:!DOCTYPE\s+html|html\b|\?xml\b)", re.IGNORECASE)
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_SINGLE_BYTE = ("cp1252", "cp1251", "latin_1")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Every match of ftfy's mojibake regex holds a non-ASCII character and spans at most this many.
BADNESS_SPAN = 7
# Non-ASCII characters with fewer than 2 * (BADNESS_SPAN - 1) ASCII ones between them: one window.
_NON_ASCII = re.compile(rf"[^\x00-\x7f](?:[\x00-\x7f]{{0,{2 * BADNESS_SPAN - 2}}}[^\x00-\x7f])*")


class SidecarError(ValueError):
    """A `<file>.meta.json` sidecar is malformed; the message says which key and why."""


@dataclass(frozen=True)
class Decoded:
    """The outcome of reading one file: text and encoding, or a reject reason."""

    sha256: str
    n_bytes: int
    text: str | None
    encoding: str | None
    mojibake_repaired: bool
    reject_reason: str | None


@dataclass(frozen=True)
class Sidecar:
    """The validated facts of a `<file>.meta.json` sidecar (all optional)."""

    published: date | None = None
    outlet: str | None = None
    url: str | None = None
    title: str | None = None


def decode_bytes(data: bytes) -> Decoded:
    """Decode raw bytes into text, or say why they are rejected."""
    digest = hashlib.sha256(data).hexdigest()

    def reject(reason: str, encoding: str | None = None) -> Decoded:
        """A rejected outcome for these bytes."""
        return Decoded(digest, len(data), None, encoding, False, reason)

    if not data.strip():
        return reject("empty: the file has no text")
    encoding = _sniff_unicode(data)
    if encoding is None:
        binary = _binary_reason(data)
        if binary:
            return reject(f"binary: {binary}")
        encoding = _detect_encoding(data)
        if encoding is None:
            return reject("undecodable: no text encoding gives plausible text")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        return reject(f"undecodable: invalid {encoding} at byte {exc.start}", encoding)
    text = text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return reject("empty: the file has no text", encoding)
    if _MARKUP.match(text):
        return reject("markup: an HTML/XML page, not plain text (extract its text first)", encoding)
    fixed = ftfy.fix_encoding(text) if _looks_bad(text) else text
    return Decoded(digest, len(data), fixed, encoding, fixed != text, None)


def _looks_bad(text: str) -> bool:
    """ftfy's `is_bad(text)` (without it `fix_encoding` returns the text unchanged), searched only
    near the non-ASCII characters: a whole-text search costs most of the decoding time."""
    return any(
        BADNESS_RE.search(text, max(0, m.start() - BADNESS_SPAN + 1), m.end() + BADNESS_SPAN - 1)
        for m in _NON_ASCII.finditer(text)
    )


def _sniff_unicode(data: bytes) -> str | None:
    """The encoding given by a BOM, or UTF-16 recognised by its NUL pattern; else None."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    sample = data[:4000]
    if len(sample) >= 8 and len(sample) % 2 == 0:
        half = len(sample) / 2
        even_nul, odd_nul = sample[0::2].count(0) / half, sample[1::2].count(0) / half
        for name, nul, other in (
            ("utf-16-le", odd_nul, even_nul),
            ("utf-16-be", even_nul, odd_nul),
        ):
            if nul > 0.05 and other < 0.01 and _printable(sample, name):
                return name
    return None


def _printable(sample: bytes, encoding: str) -> bool:
    """Whether the sample decodes to text that is almost all printable characters."""
    text = sample.decode(encoding, errors="replace")
    good = sum(1 for c in text if c.isprintable() or c in "\n\r\t")
    return good >= 0.95 * len(text)


def _binary_reason(data: bytes) -> str | None:
    """Why the bytes look binary (signature, NUL bytes, control characters), or None."""
    for signature, kind in _BINARY_SIGNATURES:
        if data.startswith(signature):
            return f"{kind} signature"
    if b"\x00" in data:
        return "contains NUL bytes"
    controls = len(_CONTROL.findall(data[:65536]))
    if controls > 0.02 * min(len(data), 65536):
        return f"{controls} control characters in the first {min(len(data), 65536)} bytes"
    return None


def _detect_encoding(data: bytes) -> str | None:
    """UTF-8 when valid; otherwise the most plausible single-byte code page, or None."""
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data, cp_isolation=list(_SINGLE_BYTE)).best()
    guess = best.encoding if best is not None else _plausible_single_byte(data)
    if guess is None:
        return None
    if guess == "cp1251" and _same_text(data, "cp1251", "cp1252"):
        guess = "cp1252"
    if guess in ("cp1252", "latin_1"):
        return "cp1252" if re.search(rb"[\x80-\x9f]", data) else "latin-1"
    return guess


def _same_text(data: bytes, a: str, b: str) -> bool:
    """Whether two code pages read the bytes identically (only shared punctuation is high)."""
    try:
        return data.decode(a) == data.decode(b)
    except UnicodeDecodeError:
        return False


def _plausible_single_byte(data: bytes) -> str | None:
    """Choose cp1252 or cp1251 by how plausible the words of each decoding are."""
    scores = {}
    for encoding in ("cp1252", "cp1251"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        scores[encoding] = _implausibility(text)
    if not scores:
        return None
    encoding = min(scores, key=lambda e: (scores[e], e != "cp1252"))
    return encoding if scores[encoding] <= 0.2 else None


def _implausibility(text: str) -> float:
    """Share of words mixing Latin and Cyrillic letters or made only of accented Latin letters."""
    words = _WORD.findall(text)
    if not words:
        return 1.0
    bad = 0
    for word in words:
        mixed = _LATIN.search(word) and _CYRILLIC.search(word)
        accented_only = len(word) >= 3 and not re.search(r"[A-Za-z]", word) and _LATIN.search(word)
        bad += bool(mixed or accented_only)
    return bad / len(words)


def parse_sidecar(raw: bytes, name: str) -> Sidecar:
    """Validate the bytes of a sidecar named `name`."""
    try:
        doc = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise SidecarError(f"sidecar {name}: not UTF-8 ({exc.reason} at byte {exc.start})") from exc
    except json.JSONDecodeError as exc:
        raise SidecarError(
            f"sidecar {name}: not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})"
        ) from exc
    if not isinstance(doc, dict):
        raise SidecarError(f"sidecar {name}: must be a JSON object, got {type(doc).__name__}")
    unknown = sorted(set(doc) - set(SIDECAR_KEYS))
    if unknown:
        raise SidecarError(
            f"sidecar {name}: unknown key {unknown[0]!r} (allowed: {', '.join(SIDECAR_KEYS)})"
        )
    values: dict[str, str | None] = {}
    for key in SIDECAR_KEYS:
        value = doc.get(key)
        if value is not None and not isinstance(value, str):
            raise SidecarError(
                f"sidecar {name}: key {key!r} must be a string, got {type(value).__name__}"
            )
        values[key] = value.strip() or None if isinstance(value, str) else None
    return Sidecar(
        published=_parse_published(values["published"], name),
        outlet=values["outlet"],
        url=values["url"],
        title=shorten(values["title"], MAX_HEADLINE_CHARS) if values["title"] else None,
    )


def _parse_published(value: str | None, name: str) -> date | None:
    """The sidecar's `published` value as a date; SidecarError unless it is YYYY-MM-DD."""
    if value is None:
        return None
    if not _DATE.fullmatch(value):
        raise SidecarError(f"sidecar {name}: key 'published': {value!r} is not a YYYY-MM-DD date")
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise SidecarError(
            f"sidecar {name}: key 'published': {value!r} is not a real date ({exc})"
        ) from exc
