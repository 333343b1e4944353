"""Per-client rate limits (``MATCHMAKER_RATE_LIMIT_PER_CLIENT``): one token bucket per token's client.

A client may make ``rate`` calls a second on average and a burst of one second's worth (at least
one call). A call over the limit is refused before any work with ``RESOURCE_EXHAUSTED`` and a
``google.rpc.RetryInfo`` saying when the next call would be admitted.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class _Bucket:
    level: float
    at: float


class RateLimiter:
    """Token buckets keyed by client name. Runs on the event loop: no locking needed."""

    def __init__(self, rate: float, clock: Callable[[], float] = time.monotonic) -> None:
        if rate <= 0:
            raise ValueError("the rate must be positive (0 turns the limiter off: do not build one)")
        self.rate = rate
        self.capacity = max(1.0, rate)
        self._clock = clock
        self._buckets: dict[str, _Bucket] = {}

    def admit(self, client: str) -> float | None:
        """None when the call may go ahead (and it is counted), else the seconds until one may."""
        now = self._clock()
        bucket = self._buckets.get(client)
        if bucket is None:
            bucket = self._buckets[client] = _Bucket(self.capacity, now)
        bucket.level = min(self.capacity, bucket.level + (now - bucket.at) * self.rate)
        bucket.at = now
        if bucket.level >= 1.0:
            bucket.level -= 1.0
            return None
        return (1.0 - bucket.level) / self.rate
