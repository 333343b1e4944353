"""ChangeFollower: keeps this process's catalogs current with changes any replica wrote.

A background thread applies the change log as soon as a change is announced (PostgreSQL
LISTEN/NOTIFY) or at least every ``change_poll_seconds``. It keeps catch-up work off the request
path; the freshness of privacy state does not depend on it, since ``MatchEngine.freshen`` checks
the log position before every recommendation. Every ``snapshot_seconds`` it saves the indexes when
they moved on, so a restarted replica replays only the log after that snapshot.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Protocol

log = logging.getLogger(__name__)


class CatchesUp(Protocol):
    """What the follower drives: the engine."""

    def catch_up(self) -> int:
        """Apply the change log after the current position; how many entries were applied."""
        ...

    def save_index_if_moved(self) -> bool:
        """Save the indexes if they moved on since the last save; whether they were saved."""
        ...


class Waits(Protocol):
    """What the follower waits on: the change notifier."""

    def wait(self, timeout: float) -> bool:
        """True when a change was announced, False after ``timeout`` seconds."""
        ...

    def close(self) -> None:
        """Stop waiting."""
        ...


class ChangeFollower:
    """A daemon thread: wait for a change (or the poll interval), catch up, repeat."""

    def __init__(
        self, engine: CatchesUp, notifier: Waits, poll_seconds: float, snapshot_seconds: float
    ) -> None:
        self._engine = engine
        self._notifier = notifier
        self._poll = poll_seconds
        self._snapshot_seconds = snapshot_seconds
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="matchmaker-follower", daemon=True)
        #: Change-log entries applied by this follower since it started.
        self.applied = 0

    def start(self) -> None:
        """Start following."""
        self._thread.start()

    def _run(self) -> None:
        last_snapshot = time.monotonic()
        while not self._stop.is_set():
            self._notifier.wait(self._poll)
            if self._stop.is_set():
                return
            try:
                applied = self._engine.catch_up()
                if time.monotonic() - last_snapshot >= self._snapshot_seconds:
                    # A restart after a crash then replays only what came after this snapshot.
                    self._engine.save_index_if_moved()
                    last_snapshot = time.monotonic()
            except Exception as exc:  # the next round retries; the request path checks the log itself
                log.error("catching up with the change log failed: %s", type(exc).__name__)
                continue
            if applied:
                self.applied += applied
                log.info("applied %d change-log entries from other processes", applied)

    def stop(self) -> None:
        """Stop following (returns once the thread has finished its current round)."""
        self._stop.set()
        self._notifier.close()
        self._thread.join(timeout=10)
