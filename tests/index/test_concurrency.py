"""Concurrency: the readers-writer lock, and searches racing upserts, removes and compactions."""

from __future__ import annotations

import threading
import time

import faiss
import numpy as np
import pytest

from matchmaker.index.faiss_index import FaissIndex
from matchmaker.index.readers_writer_lock import ReadersWriterLock

DIM = 16


def test_readers_share_and_a_writer_excludes() -> None:
    lock = ReadersWriterLock()
    inside = 0
    most_inside = 0
    writer_saw_readers: list[int] = []
    guard = threading.Lock()
    both_in = threading.Barrier(2, timeout=5)

    def read() -> None:
        nonlocal inside, most_inside
        with lock.read():
            with guard:
                inside += 1
                most_inside = max(most_inside, inside)
            both_in.wait()  # both readers hold the lock at once, or this times out
            with guard:
                inside -= 1

    readers = [threading.Thread(target=read) for _ in range(2)]
    for thread in readers:
        thread.start()
    for thread in readers:
        thread.join()
    with lock.write():
        writer_saw_readers.append(inside)
    assert most_inside == 2 and writer_saw_readers == [0]


def test_a_waiting_writer_goes_before_new_readers() -> None:
    lock = ReadersWriterLock()
    order: list[str] = []
    first_reader_in = threading.Event()
    release_first_reader = threading.Event()

    def first_reader() -> None:
        with lock.read():
            first_reader_in.set()
            release_first_reader.wait(5)
            order.append("first reader leaving")

    def writer() -> None:
        with lock.write():
            order.append("writer")

    def late_reader() -> None:
        with lock.read():
            order.append("late reader")

    threads = [threading.Thread(target=first_reader)]
    threads[0].start()
    first_reader_in.wait(5)
    threads.append(threading.Thread(target=writer))
    threads[1].start()
    while not lock._writers_waiting:  # the writer is queued
        time.sleep(0.001)
    threads.append(threading.Thread(target=late_reader))
    threads[2].start()
    time.sleep(0.05)
    assert order == []  # the late reader waits behind the writer
    release_first_reader.set()
    for thread in threads:
        thread.join(5)
    assert order == ["first reader leaving", "writer", "late reader"]


def test_exceptions_release_the_lock() -> None:
    lock = ReadersWriterLock()
    for context in (lock.read, lock.write):
        with pytest.raises(RuntimeError), context():
            raise RuntimeError
    with lock.write():
        pass


def test_concurrent_searches_during_writes_stay_valid() -> None:
    """Readers check every result while a writer upserts, replaces, removes and compacts."""
    index = FaissIndex(
        DIM, hnsw_threshold=300, hnsw_m=8, ef_construction=32, exact_count=50, compact_ratio=0.2
    )
    rng = np.random.default_rng(0)
    index.upsert(list(range(400)), rng.standard_normal((400, DIM)).astype(np.float32))
    stop = threading.Event()
    failures: list[BaseException] = []
    searches = [0]
    thread_counts: set[int] = set()

    def search_loop(seed: int) -> None:
        local = np.random.default_rng(seed)
        try:
            while not stop.is_set():
                query = local.standard_normal(DIM).astype(np.float32)
                allowed = local.random(local.integers(1, 1_200)) < local.choice([0.01, 0.1, 0.5, 1.0])
                k = int(local.integers(1, 40))
                mask = None if local.random() < 0.3 else allowed
                keys, scores = index.search(query, k, mask)
                assert len(keys) <= k and len(set(keys.tolist())) == len(keys)
                assert np.all(np.diff(scores) <= 1e-6)
                assert np.all((keys >= 0) & (keys < 1_000))
                if mask is not None:
                    assert all(key < len(mask) and mask[key] for key in keys.tolist())
                searches[0] += 1
                thread_counts.add(faiss.omp_get_max_threads())
        except BaseException as error:  # handed to the main thread
            failures.append(error)

    readers = [threading.Thread(target=search_loop, args=(seed,)) for seed in range(4)]
    for thread in readers:
        thread.start()
    try:
        for step in range(60):
            keys = rng.choice(1_000, size=int(rng.integers(1, 40)), replace=False)
            if step % 3 == 2:
                index.remove(keys)
            else:
                index.upsert(keys, rng.standard_normal((len(keys), DIM)).astype(np.float32))
            if step % 20 == 19:
                index.compact()
            time.sleep(0.002)
    finally:
        stop.set()
        for thread in readers:
            thread.join(10)
    assert not failures, failures[0]
    assert searches[0] > 20
    assert thread_counts == {1}  # one FAISS thread in every searching thread, not just the importer
