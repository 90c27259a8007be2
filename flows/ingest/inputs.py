"""Which entries of a seeds folder are inputs, and why each of the others is not read.

Inputs are the regular files under the seeds folder, recursively, whose real path stays inside
it and whose name ends with one of the extensions read (`.txt` by default; `--extensions`), each
with its `<file>.meta.json` sidecar when it has one. A sidecar whose file is missing is listed
too (ingest rejects it as an orphan). Every other entry gets a `documents` row, rejected with the
reason it was not read, and is never opened:
- a hidden file or folder (name starting with "."): one row, a hidden folder's files unread;
- a symbolic link whose target is outside the seeds folder (it would publish another folder's
  file), a link loop, a dangling link, a link to a folder (not entered: the files inside the
  seeds folder are read where they are);
- an unreadable folder (one row); a FIFO, socket or device (opening a FIFO would block);
- a file with another extension, a file over `MAX_FILE_BYTES`, the sidecar of a file not read.
A folder's row has a `/` at the end of its `source_file`. `read_inside` is the one way inputs
are read: it checks the real path again when it opens the file, and never blocks on a FIFO.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

SIDECAR_SUFFIX = ".meta.json"
DEFAULT_EXTENSIONS = (".txt",)
#: a larger file is no news article; reading it whole would only cost memory
MAX_FILE_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class Skipped:
    """An entry of the seeds folder that is not read, and why."""

    source_file: str
    reason: str
    size: int = 0


@dataclass
class Inputs:
    """The files to read, sorted by relative path, and the entries passed over with a reason."""

    files: list[Path] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def normalise_extensions(extensions: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Extensions as `.txt`-style lower-case suffixes; ValueError for an empty or odd one."""
    found = []
    for raw in extensions:
        ext = raw.strip().lower()
        ext = ext if ext.startswith(".") else f".{ext}"
        if len(ext) < 2 or "/" in ext or ext.endswith(SIDECAR_SUFFIX):
            raise ValueError(f"not a file extension: {raw!r} (for example .txt)")
        found.append(ext)
    if not found:
        raise ValueError("at least one file extension must be read (for example .txt)")
    return tuple(dict.fromkeys(found))


def list_inputs(
    seeds_dir: Path,
    extensions: tuple[str, ...] = DEFAULT_EXTENSIONS,
    max_bytes: int = MAX_FILE_BYTES,
) -> Inputs:
    """Walk the seeds folder: the input files, and a reason for every other entry.

    One scandir per folder, and a stat only for the files (their size) and the links.
    """
    root = os.path.realpath(seeds_dir)
    inputs = Inputs()
    found: list[tuple[str, Path]] = []
    todo = [(seeds_dir, "")]
    while todo:
        folder, prefix = todo.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            if not prefix:
                raise
            inputs.skipped.append(Skipped(prefix, f"unreadable folder: {_why(exc)}"))
            continue
        readable: set[str] = set()
        sidecars = []
        for entry in entries:
            verdict = _classify(entry, root, extensions, max_bytes)
            if verdict == "folder":
                todo.append((Path(entry.path), f"{prefix}{entry.name}/"))
            elif verdict == "sidecar":
                sidecars.append(entry)
            elif verdict == "file":
                readable.add(entry.name)
                found.append((prefix + entry.name, Path(entry.path)))
            else:
                reason, size, is_folder = verdict
                name = prefix + entry.name + ("/" if is_folder else "")
                inputs.skipped.append(Skipped(name, reason, size))
        names = {e.name for e in entries}
        for entry in sidecars:
            base = entry.name[: -len(SIDECAR_SUFFIX)]
            if base in readable:
                continue  # read together with its file
            if base in names:
                reason = f"sidecar of {base}, which is not read"
                inputs.skipped.append(Skipped(prefix + entry.name, reason))
            else:
                found.append((prefix + entry.name, Path(entry.path)))  # an orphan: ingest says so
    inputs.files = [path for _, path in sorted(found)]
    inputs.skipped.sort(key=lambda s: s.source_file)
    return inputs


Verdict = str | tuple[str, int, bool]


def _classify(
    entry: os.DirEntry, root: str, extensions: tuple[str, ...], max_bytes: int
) -> Verdict:
    """'folder', 'file', 'sidecar', or (reason, size, is_folder) for an entry not read."""
    name = entry.name
    if name.startswith("."):
        is_folder = entry.is_dir(follow_symlinks=False)
        kind = "folder" if is_folder else "file"
        return (f"hidden {kind}: names starting with '.' are not read", 0, is_folder)
    if entry.is_symlink():
        try:
            real = os.path.realpath(entry.path, strict=True)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                return ("symbolic link loop: not followed", 0, False)
            return ("dangling symbolic link: its target does not exist", 0, False)
        if not is_inside(real, root):
            reason = "symbolic link to a path outside the seeds folder: not read"
            return (reason, 0, os.path.isdir(real))
        if os.path.isdir(real):
            reason = "symbolic link to a folder: not entered (its files are read where they are)"
            return (reason, 0, True)
    elif entry.is_dir(follow_symlinks=False):
        return "folder"
    try:
        info = entry.stat(follow_symlinks=True)
    except OSError as exc:
        return (f"unreadable: {_why(exc)}", 0, False)
    if not stat.S_ISREG(info.st_mode):
        return (f"not a regular file ({_kind(info.st_mode)}): never opened", 0, False)
    if is_sidecar(Path(name)):
        return "sidecar"
    if not name.lower().endswith(extensions):
        listed = ", ".join(extensions)
        return (f"not read: only files ending in {listed} are inputs", info.st_size, False)
    if info.st_size > max_bytes:
        return (f"too large: {info.st_size} bytes, over the {max_bytes} read", info.st_size, False)
    return "file"


def sidecar_path(path: Path) -> Path:
    """Where the sidecar of `path` lives: the whole file name plus `.meta.json`."""
    return path.with_name(path.name + SIDECAR_SUFFIX)


def is_sidecar(path: Path) -> bool:
    """True for a `<file>.meta.json` sidecar."""
    return path.name.endswith(SIDECAR_SUFFIX) and len(path.name) > len(SIDECAR_SUFFIX)


def is_inside(real: str, root: str) -> bool:
    """Whether the real path `real` is the real folder `root` or lies under it."""
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


def read_inside(path: Path, seeds_dir: Path) -> bytes:
    """The bytes of an input file; OSError when its real path has left the seeds folder since it
    was listed, or it is no longer a regular file (a FIFO is opened without blocking)."""
    real = os.path.realpath(path)
    if not is_inside(real, os.path.realpath(seeds_dir)):
        raise OSError(errno.EXDEV, "its real path is outside the seeds folder")
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(real, flags)
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "not a regular file")
        return handle.read()


def _kind(mode: int) -> str:
    """What kind of special file a mode says."""
    kinds = {stat.S_ISFIFO: "FIFO", stat.S_ISSOCK: "socket", stat.S_ISCHR: "device"}
    return next((kind for test, kind in kinds.items() if test(mode)), "special file")


def _why(exc: OSError) -> str:
    """An OSError's reason in words."""
    return (exc.strerror or str(exc)).lower()
