"""ChangeNotifier: wakes a follower when another process committed a change-log entry.

PostgreSQL announces every change on ``CHANGE_CHANNEL`` (``Database.write_changes``); the
notifier LISTENs on a connection of its own. SQLite has no notifications: the follower polls.
Either way the follower also polls, so a lost notification or connection only delays it by one
poll interval.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from matchmaker.storage.database import CHANGE_CHANNEL, Database

log = logging.getLogger(__name__)


class ChangeNotifier:
    """``wait(timeout)`` returns True when a change was announced, False after the timeout."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._connection: Any = None
        self._closed = threading.Event()

    @property
    def listening(self) -> bool:
        """Whether notifications arrive (PostgreSQL, connected)."""
        return self._connection is not None

    def _connect(self) -> None:
        if self._db.backend != "postgresql" or self._connection is not None:
            return
        import psycopg

        url = self._db.url.set(drivername="postgresql")
        try:
            connection = psycopg.connect(url.render_as_string(hide_password=False), autocommit=True)
            connection.execute(f"LISTEN {CHANGE_CHANNEL}")
        except psycopg.Error as exc:
            log.warning("change notifications unavailable (%s); polling", type(exc).__name__)
            return
        self._connection = connection

    def wait(self, timeout: float) -> bool:
        """Block until a change is announced or ``timeout`` seconds pass."""
        self._connect()
        if self._connection is None:
            self._closed.wait(timeout)
            return False
        import psycopg

        try:
            for _ in self._connection.notifies(timeout=timeout, stop_after=1):
                return True
        except psycopg.Error as exc:
            log.warning("change notifications lost (%s); reconnecting", type(exc).__name__)
            self._drop()
        return False

    def _drop(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            try:
                connection.close()
            except Exception:  # closing a broken connection may fail too; it is gone either way
                log.debug("closing the notification connection failed")

    def close(self) -> None:
        """Stop waiting and close the connection."""
        self._closed.set()
        self._drop()
