"""The request id of the call being served, attached to every log line written while serving it.

The API layer sets :data:`request_id` when a call starts (from the caller's ``x-request-id`` when it
is a plain short token, else a fresh one) and runs the call's worker-thread work in a copy of its
context, so lines logged by the engine or storage carry ``request_id=...`` too.
"""

from __future__ import annotations

import logging
from contextvars import ContextVar

request_id: ContextVar[str | None] = ContextVar("request_id", default=None)


class RequestIdFilter(logging.Filter):
    """Sets ``record.request_id`` on records written inside a call (a handler filter: every logger)."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Attach the id, if any; never drops a record."""
        current = request_id.get()
        if current is not None:
            record.request_id = current
        return True
