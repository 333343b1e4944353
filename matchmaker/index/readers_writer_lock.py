"""A readers-writer lock: many concurrent readers or one writer."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager


class ReadersWriterLock:
    """Shared access for readers, exclusive access for a writer; a waiting writer goes first.

    Writer preference keeps a steady stream of searches from starving an upsert: once a writer
    waits, new readers wait behind it. The lock is not reentrant: a thread holding it must not
    acquire it again (a reader re-entering while a writer waits would deadlock).
    """

    def __init__(self) -> None:
        self._condition = threading.Condition(threading.Lock())
        self._readers = 0
        self._writing = False
        self._writers_waiting = 0

    @contextmanager
    def read(self) -> Iterator[None]:
        """Hold shared access for the duration of the ``with`` block."""
        with self._condition:
            while self._writing or self._writers_waiting:
                self._condition.wait()
            self._readers += 1
        try:
            yield
        finally:
            with self._condition:
                self._readers -= 1
                if self._readers == 0:
                    self._condition.notify_all()

    @contextmanager
    def write(self) -> Iterator[None]:
        """Hold exclusive access for the duration of the ``with`` block."""
        with self._condition:
            self._writers_waiting += 1
            try:
                while self._writing or self._readers:
                    self._condition.wait()
            except BaseException:
                # Interrupted while waiting: let the readers queued behind this writer go.
                self._writers_waiting -= 1
                self._condition.notify_all()
                raise
            self._writers_waiting -= 1
            self._writing = True
        try:
            yield
        finally:
            with self._condition:
                self._writing = False
                self._condition.notify_all()
