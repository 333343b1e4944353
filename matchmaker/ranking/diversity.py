"""Diversity re-ranking (maximal marginal relevance) whose penalty is a named score term.

At each step the item with the best ``relevance - penalty * max(0, similarity_to_any_chosen -
threshold)`` is taken, and that value is its served score. The penalty of an item can only grow
as more items are chosen, so the served scores come out in non-increasing order: the list stays
sorted by score while near-duplicates move down.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt


@dataclass(frozen=True)
class Chosen:
    """One pick: its position in the input, its relevance and its (non-positive) diversity adjustment."""

    index: int
    relevance: float
    adjustment: float

    @property
    def score(self) -> float:
        """Relevance plus the adjustment."""
        return self.relevance + self.adjustment


def diversify(
    relevance: npt.NDArray[np.float64],
    vectors: npt.NDArray[np.float32],
    tie_break: list[str],
    *,
    depth: int,
    penalty: float,
    threshold: float,
) -> list[Chosen]:
    """Pick up to ``depth`` items. ``vectors`` are unit rows (similarity = dot product)."""
    n = relevance.shape[0]
    if n == 0:
        return []
    remaining = np.ones(n, dtype=bool)
    max_sim = np.zeros(n, dtype=np.float64)
    # Deterministic ties: higher relevance first, then the id.
    order_key = np.argsort(np.array(tie_break, dtype=object), kind="stable")
    rank_of_id = np.empty(n, dtype=np.int64)
    rank_of_id[order_key] = np.arange(n)
    chosen: list[Chosen] = []
    while len(chosen) < min(depth, n):
        adjustment = -penalty * np.maximum(0.0, max_sim - threshold)
        value = np.where(remaining, relevance + adjustment, -np.inf)
        best = float(value.max())
        candidates = np.flatnonzero(value == best)
        pick = int(candidates[np.argmin(rank_of_id[candidates])])
        chosen.append(Chosen(pick, float(relevance[pick]), float(adjustment[pick]) + 0.0))  # no -0.0
        remaining[pick] = False
        sims = vectors @ vectors[pick]
        np.maximum(max_sim, sims.astype(np.float64), out=max_sim)
    return chosen
