"""Per-stage code fingerprints, as owid/etl's step checksums: a stage's cached results stay valid
while the code it runs and the lexicons are unchanged.

A stage's code is its entry modules and every module of `flows` or `schemas` they import, read
from the import statements of the sources (module-level or inside functions), so an edit to the
catalog keeps every cached extraction and an edit to the number rules re-extracts. The lexicon
files count for every stage.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
#: what each cached stage runs: ingest caches `ingest_document`'s results, extract caches
#: `extract_article`'s and types its frames with the schemas
STAGES = {
    "ingest": ("flows.ingest.corpus",),
    "extract": ("flows.extract", "schemas"),
}
LEXICONS = "flows/lexicons/*.json"
_IMPORT = re.compile(
    r"^[ \t]*(?:from[ \t]+((?:flows|schemas)[\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n#]+)"
    r"|import[ \t]+((?:flows|schemas)[\w.]*))",
    re.M,
)


def stage_fingerprint(stage: str, root: Path = ROOT) -> str:
    """sha256 over the relative paths and bytes of the stage's modules and the lexicon files."""
    files = modules_of(STAGES[stage], root) | set(root.glob(LEXICONS))
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def modules_of(entries: tuple[str, ...], root: Path = ROOT) -> set[Path]:
    """The source files of the entry modules and of every module they import, transitively,
    with the `__init__.py` of each package on the way.

    A name imported from a package's face (`from flows.annotate import find_places`) leads to
    the module the face takes it from, not to every module of the package: a package's
    `__init__.py` counts as a file, and its imports are followed only for an entry or an
    `import package` statement.
    """
    found: set[Path] = set()
    followed: set[Path] = set()
    todo = [(module, True) for module in entries]
    while todo:
        module, whole = todo.pop()
        face = _face(module, root)
        for path in _files(module, root):
            found.add(path)
            own = path == face or path.name != "__init__.py"  # else a package holding it
            if own and (whole or path != face) and path not in followed:
                followed.add(path)
                todo += _imports(path.read_text("utf-8"), root)
    return found


def _imports(source: str, root: Path) -> list[tuple[str, bool]]:
    """The modules a source imports, each with whether to follow all of its own imports."""
    out: list[tuple[str, bool]] = []
    for m in _IMPORT.finditer(source):
        if m.group(3):
            out.append((m.group(3), True))
            continue
        module = m.group(1)
        names = [i.split()[0] for i in m.group(2).strip("() \n").split(",") if i.strip()]
        face = _face(module, root)
        if face is None:
            out.append((module, True))
            continue
        out.append((module, False))
        text = face.read_text("utf-8")
        for name in names:
            sub = f"{module}.{name}"
            if _files(sub, root):
                out.append((sub, True))
            else:
                out += [
                    (m2.group(1), True)
                    for m2 in _IMPORT.finditer(text)
                    if m2.group(1) and re.search(rf"\b{name}\b", m2.group(2))
                ]
    return out


def _face(module: str, root: Path) -> Path | None:
    """A package's `__init__.py`, None for a plain module."""
    path = root.joinpath(*module.split("."), "__init__.py")
    return path if path.is_file() else None


def _files(module: str, root: Path) -> list[Path]:
    """The file of a module (a package's `__init__.py`, or a module file; none for a name that
    is not a module) and the `__init__.py` of the packages holding it."""
    parts = module.split(".")
    files = [root.joinpath(*parts[:i], "__init__.py") for i in range(1, len(parts))]
    package, plain = (
        root.joinpath(*parts, "__init__.py"),
        root.joinpath(*parts[:-1], f"{parts[-1]}.py"),
    )
    if package.is_file():
        files.append(package)
    elif plain.is_file():
        files.append(plain)
    else:
        return []
    return [f for f in files if f.is_file()]
