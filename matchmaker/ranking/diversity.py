"""Diversity re-ranking (maximal marginal relevance) among one organisation's listings, as a named term.

Diversity is for keeping one organisation's near-identical listings from filling a page, never for
pushing down other suppliers of the very product a buyer asked for: only items of the same group
(organisation) penalise each other. At each step the item with the best ``relevance - penalty *
max(0, similarity_to_a_chosen_item_of_its_group - threshold)`` is taken, and that value is its
served score. The penalty of an item can only grow as more items are chosen, so the served scores
come out in non-increasing order: the list stays sorted by score while near-duplicates move down.
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
    groups: list[str],
    *,
    depth: int,
    penalty: float,
    threshold: float,
) -> list[Chosen]:
    """Pick up to ``depth`` items. ``vectors`` are unit rows (similarity = dot product).

    ``groups`` names each item's organisation; only items of one group penalise each other.
    """
    n = relevance.shape[0]
    if n == 0:
        return []
    remaining = np.ones(n, dtype=bool)
    max_sim = np.zeros(n, dtype=np.float64)
    # Deterministic ties: higher relevance first, then the id.
    order_key = np.argsort(np.array(tie_break, dtype=object), kind="stable")
    rank_of_id = np.empty(n, dtype=np.int64)
    rank_of_id[order_key] = np.arange(n)
    _, group_of = np.unique(np.array(groups, dtype=object), return_inverse=True)
    chosen: list[Chosen] = []
    while len(chosen) < min(depth, n):
        adjustment = -penalty * np.maximum(0.0, max_sim - threshold)
        value = np.where(remaining, relevance + adjustment, -np.inf)
        best = float(value.max())
        candidates = np.flatnonzero(value == best)
        pick = int(candidates[np.argmin(rank_of_id[candidates])])
        chosen.append(Chosen(pick, float(relevance[pick]), float(adjustment[pick]) + 0.0))  # no -0.0
        remaining[pick] = False
        same = np.flatnonzero(group_of == group_of[pick])
        if same.size > 1:
            sims = vectors[same] @ vectors[pick]
            max_sim[same] = np.maximum(max_sim[same], sims.astype(np.float64))
    return chosen
