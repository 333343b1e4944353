"""PathStore: every profile's category path rows of one catalog in shared arrays, gathered by key.

A ranking compares the subject's category paths with those of a few hundred candidates; stacking
each candidate's own rows (``ProfileFeatures.path_rows``) was a Python step per candidate. Here the
rows of every key live one after another in growable arrays, with each key's start and count, so a
batch's rows are one gather.

A key's rows are added the first time a ranking reads them (computing a profile's prefix ids costs
more than reading them, and at start-up nobody waits for it) and are dropped when the catalog
changes the profile. Rows added for a profile that changed meanwhile are refused: ``fill`` is given
the catalog's write sequence as its caller read it, and adds nothing once that sequence moved (a
changed profile is invalidated under the same lock, after the sequence moved).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt

from matchmaker.ranking.blocks import block_positions
from matchmaker.ranking.features import PATH_WIDTH, ProfileFeatures

#: A key's count before its rows were read, or when its paths are deeper than PATH_WIDTH.
_UNKNOWN = -1
_DEEP = -2


class PathStore:
    """Path rows (prefix ids padded to ``PATH_WIDTH``) and path lengths of every key, by key."""

    def __init__(self, compact_at: int = 1024) -> None:
        #: Rows no key points to any more are dropped once there are this many and half as many
        #: as the rows in use.
        self.compact_at = compact_at
        self.compactions = 0
        self._codes = np.full((0, PATH_WIDTH), -1, dtype=np.int64)
        self._lengths = np.zeros(0, dtype=np.int64)
        self._used = 0
        self._start = np.zeros(0, dtype=np.int64)
        self._count = np.zeros(0, dtype=np.int64)
        self._garbage = 0
        self._lock = threading.Lock()

    def invalidate(self, key: int) -> None:
        """Forget the rows of ``key`` (its profile changed or left)."""
        with self._lock:
            if key < self._count.size and self._count[key] > 0:
                self._garbage += int(self._count[key])
            if key < self._count.size:
                self._count[key] = _UNKNOWN

    def gather(
        self,
        keys: npt.NDArray[np.int64],
        features: Sequence[ProfileFeatures],
        sequence: int,
        current: Callable[[], int],
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.int64]] | None:
        """``(codes, lengths, counts)`` of ``keys`` in order: their rows one after another.

        ``features[i]`` is the profile at ``keys[i]`` as the caller read it at write sequence
        ``sequence``; the rows of keys not read yet are taken from it. None when a profile has a
        path deeper than PATH_WIDTH (the caller pads instead), or when the catalog changed since
        ``sequence`` (``current()`` gives the sequence now).
        """
        with self._lock:
            self._ensure_keys(int(keys.max()) + 1 if keys.size else 0)
            counts = self._count[keys]
            missing = np.flatnonzero(counts == _UNKNOWN)
            if missing.size:
                if current() != sequence or sequence % 2:
                    return None
                for position in missing.tolist():
                    self._add(int(keys[position]), features[position])
                counts = self._count[keys]
            if (counts == _DEEP).any():
                return None
            starts = self._start[keys]
            codes, lengths = self._codes, self._lengths
        places, _ = block_positions(starts, counts)
        return codes[places], lengths[places], counts

    def _ensure_keys(self, size: int) -> None:
        if size > self._count.size:
            grown = max(size, 2 * self._count.size, 64)
            count = np.full(grown, _UNKNOWN, dtype=np.int64)
            count[: self._count.size] = self._count
            start = np.zeros(grown, dtype=np.int64)
            start[: self._start.size] = self._start
            self._count, self._start = count, start

    def _add(self, key: int, features: ProfileFeatures) -> None:
        rows = features.path_rows
        if rows is None:
            self._count[key] = _DEEP
            return
        codes, lengths = rows
        if self._garbage > max(self.compact_at, self._used // 2):
            self._compact()
        need = self._used + codes.shape[0]
        if need > self._codes.shape[0]:
            capacity = max(need, 2 * self._codes.shape[0], 1024)
            grown_codes = np.full((capacity, PATH_WIDTH), -1, dtype=np.int64)
            grown_codes[: self._used] = self._codes[: self._used]
            grown_lengths = np.zeros(capacity, dtype=np.int64)
            grown_lengths[: self._used] = self._lengths[: self._used]
            # New arrays: a gather that still holds the old ones reads them unchanged.
            self._codes, self._lengths = grown_codes, grown_lengths
        self._codes[self._used : need] = codes
        self._lengths[self._used : need] = lengths
        self._start[key] = self._used
        self._count[key] = codes.shape[0]
        self._used = need

    def _compact(self) -> None:
        """Keep only the rows keys point to, in new arrays."""
        live = np.flatnonzero(self._count > 0)
        counts = self._count[live]
        total = int(counts.sum())
        places, begins = block_positions(self._start[live], counts)
        capacity = max(2 * total, 1024)
        codes = np.full((capacity, PATH_WIDTH), -1, dtype=np.int64)
        codes[:total] = self._codes[places]
        lengths = np.zeros(capacity, dtype=np.int64)
        lengths[:total] = self._lengths[places]
        start = self._start.copy()
        start[live] = begins
        self._codes, self._lengths, self._start = codes, lengths, start
        self._used, self._garbage = total, 0
        self.compactions += 1
