"""How one search is answered."""

from __future__ import annotations

from enum import StrEnum


class SearchStrategy(StrEnum):
    """The way a search is answered.

    ``EMPTY``: nothing may be returned (no live key is allowed). ``EXACT``: an exact inner-product
    scan over the allowed vectors only. ``HNSW``: an approximate graph search, the filter and the
    tombstones applied as an ``IDSelectorBitmap``.
    """

    EMPTY = "empty"
    EXACT = "exact"
    HNSW = "hnsw"
