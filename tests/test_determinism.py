"""The same inputs give byte-identical tables whatever the file order, batching or hash seed."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SEEDS = Path(__file__).parent.parent / "seeds"
DIGEST = """
import hashlib, sys
from pathlib import Path
from flows.build import build_tables
from flows.publish.tabular import canonical, csv_bytes
tables, inputs = build_tables(Path(sys.argv[1]), batch_size=int(sys.argv[2]))
h = hashlib.sha256()
for name in sorted(tables):
    h.update(name.encode() + csv_bytes(canonical(name, tables[name])))
h.update(repr(inputs).encode())
print(h.hexdigest())
"""


def _digest(tables: dict, inputs: list) -> str:
    from flows.publish.tabular import canonical, csv_bytes

    h = hashlib.sha256()
    for name in sorted(tables):
        h.update(name.encode() + csv_bytes(canonical(name, tables[name])))
    h.update(repr(inputs).encode())
    return h.hexdigest()


def _copy(dest: Path, names: list[str]) -> Path:
    dest.mkdir()
    for name in names:  # creation order (and so directory order and mtimes) follows `names`
        shutil.copy(SEEDS / name, dest / name)
    return dest


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> str:
    from flows.build import build_tables

    names = sorted(p.name for p in SEEDS.glob("*.txt"))
    seeds = _copy(tmp_path_factory.mktemp("ref") / "seeds", names)
    return _digest(*build_tables(seeds, batch_size=64))


def test_file_creation_order_and_batch_size_do_not_matter(tmp_path, reference):
    from flows.build import build_tables

    names = sorted((p.name for p in SEEDS.glob("*.txt")), reverse=True)
    seeds = _copy(tmp_path / "seeds", names)
    assert _digest(*build_tables(seeds, batch_size=1)) == reference
    assert _digest(*build_tables(seeds, batch_size=3)) == reference


def test_worker_processes_do_not_matter(tmp_path, reference):
    from flows.build import build_tables

    seeds = _copy(tmp_path / "seeds", sorted(p.name for p in SEEDS.glob("*.txt")))
    assert _digest(*build_tables(seeds, batch_size=1, workers=2)) == reference


@pytest.mark.slow
def test_hash_seed_does_not_matter(tmp_path, reference):
    seeds = _copy(tmp_path / "seeds", sorted(p.name for p in SEEDS.glob("*.txt")))
    digests = set()
    for seed, batch in (("1", "2"), ("4242", "64")):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        proc = subprocess.run(
            [sys.executable, "-c", DIGEST, str(seeds), batch],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        digests.add(proc.stdout.strip().splitlines()[-1])
    assert digests == {reference}
