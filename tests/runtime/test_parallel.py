"""Batches on worker processes: same results in the same order, in place without a pool."""

from __future__ import annotations

import os

import pytest

from flows.runtime.parallel import default_workers, map_batches, run_in_pool, worker_pool


def _pid_and_sum(batch: list[int], offset: int = 0) -> tuple[int, int]:
    return os.getpid(), sum(batch) + offset


def test_map_batches_keeps_order_and_uses_other_processes():
    batches = [[i, i + 1] for i in range(0, 40, 2)]
    results = list(map_batches(_pid_and_sum, batches, 100, workers=2))
    assert [s for _, s in results] == [sum(b) + 100 for b in batches]
    assert os.getpid() not in {pid for pid, _ in results}


def test_one_worker_or_one_batch_runs_in_place():
    assert list(map_batches(_pid_and_sum, [[1, 2]], workers=4)) == [(os.getpid(), 3)]
    assert list(map_batches(_pid_and_sum, [[1], [2]], workers=1)) == [
        (os.getpid(), 1),
        (os.getpid(), 2),
    ]


def test_run_in_pool_uses_the_active_pool_only_inside_the_block():
    assert run_in_pool(_pid_and_sum, [1])[0] == os.getpid()
    with worker_pool(2):
        pid, total = run_in_pool(_pid_and_sum, [1, 2], 3)
        assert (pid != os.getpid(), total) == (True, 6)
    assert run_in_pool(_pid_and_sum, [1])[0] == os.getpid()


def test_an_error_in_a_worker_reaches_the_caller():
    with worker_pool(2), pytest.raises(TypeError):
        run_in_pool(_pid_and_sum, [1, "x"])


def test_workers_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("CHRONICLE_WORKERS", "3")
    assert default_workers() == 3
    monkeypatch.setenv("CHRONICLE_WORKERS", "0")
    with pytest.raises(ValueError, match="at least 1"):
        default_workers()
    monkeypatch.delenv("CHRONICLE_WORKERS")
    assert default_workers() >= 1


def _pids_and_doubles(batch: list[int]) -> list[tuple[int, int]]:
    return [(os.getpid(), 2 * x) for x in batch]


def test_map_in_pool_spreads_a_batch_over_the_workers_in_chunks():
    from flows.runtime.parallel import map_in_pool

    items = list(range(50))
    assert map_in_pool(_pids_and_doubles, items, chunk_size=4) == [
        (os.getpid(), 2 * x) for x in items
    ]  # no pool: in place, in one piece
    with worker_pool(2):
        out = map_in_pool(_pids_and_doubles, items, chunk_size=4)
    assert [d for _, d in out] == [2 * x for x in items]
    assert os.getpid() not in {pid for pid, _ in out}


def test_map_chunked_gives_one_result_list_per_batch_in_order():
    from flows.runtime.parallel import map_chunked

    batches = [list(range(0, 10)), [10], list(range(11, 30))]
    for workers in (1, 2):
        out = list(map_chunked(_pids_and_doubles, batches, workers=workers, chunk_size=3))
        assert [[d for _, d in r] for r in out] == [[2 * x for x in b] for b in batches]


def _die(batch: list[int]) -> list[int]:
    os._exit(3)


def test_a_dead_worker_fails_its_batch_and_the_next_call_gets_live_workers():
    from concurrent.futures.process import BrokenProcessPool

    with worker_pool(2):
        with pytest.raises(BrokenProcessPool):
            run_in_pool(_die, [1])
        assert run_in_pool(_pid_and_sum, [1, 2])[1] == 3  # what a task's retry would do


def test_pool_size_counts_chunks_not_batches():
    from flows.runtime.parallel import pool_size

    assert pool_size(2, [list(range(1000))], chunk_size=64) == 2  # one big batch: both workers
    assert pool_size(4, [list(range(100))], chunk_size=64) == 2
    assert pool_size(2, [[1, 2]], chunk_size=64) == 1  # a single chunk: no pool
    assert pool_size(2, [], chunk_size=64) == 0


def test_the_warm_up_sample_reaches_every_extractor(tmp_path):
    from flows.extract import extract_article
    from flows.ingest import ingest_files
    from flows.ingest.corpus import articles_from_frame, assemble_corpus
    from flows.runtime.warm import SAMPLE

    (tmp_path / "sample.txt").write_text(SAMPLE, encoding="utf-8")
    _, articles = assemble_corpus(ingest_files([tmp_path / "sample.txt"], tmp_path))
    [article] = articles_from_frame(articles)
    found = extract_article(article)
    assert found.statistics and found.mentions and found.quotes and found.entity_mentions


def test_an_abandoned_pool_takes_no_more_work():
    from flows.runtime import parallel

    with pytest.raises(KeyboardInterrupt), worker_pool(2):
        pool = parallel._active[-1]  # what a task thread still mapping holds
        run_in_pool(_pid_and_sum, [1])
        raise KeyboardInterrupt
    with pytest.raises(RuntimeError, match="abandoned"):  # not a new pool the run would wait on
        pool.submit(_pid_and_sum, [1])
