"""Diversity re-ranking (maximal marginal relevance) among one organisation's listings, as a named term.

Diversity is for keeping one organisation's near-identical listings from filling a page, never for
pushing down other suppliers of the very product a buyer asked for: only items of the same group
(organisation) penalise each other. At each step the item with the best ``relevance - penalty *
max(0, similarity_to_a_chosen_item_of_its_group - threshold)`` is taken, and that value is its
served score. The penalty of an item can only grow as more items are chosen, so the served scores
come out in non-increasing order: the list stays sorted by score while near-duplicates move down.
"""

from __future__ import annotations

import heapq
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

    ``groups`` names each item's organisation; only items of one group penalise each other, so
    the row of an item alone in its group is never read.
    """
    n = relevance.shape[0]
    if n == 0:
        return []
    # Deterministic ties: higher relevance first, then the id.
    order_key = np.argsort(np.array(tie_break, dtype=object), kind="stable")
    rank_of_id = np.empty(n, dtype=np.int64)
    rank_of_id[order_key] = np.arange(n)
    _, group_of = np.unique(np.array(groups, dtype=object), return_inverse=True)
    members: dict[int, list[int]] = {}
    for index, group in enumerate(group_of.tolist()):
        members.setdefault(group, []).append(index)
    rel = relevance.tolist()
    ranks = rank_of_id.tolist()
    # A max-heap of (value, id rank) with lazy deletion: only the chosen item's group changes value
    # (its penalty can only grow), so a popped entry whose value is no longer current is skipped.
    # The values are the same float64 arithmetic as ``relevance - penalty * max(0, sim - threshold)``.
    max_sim = [0.0] * n
    current = [r + (-penalty * 0.0) for r in rel]
    heap = [(-value, ranks[i], i) for i, value in enumerate(current)]
    heapq.heapify(heap)
    done = [False] * n
    chosen: list[Chosen] = []
    while len(chosen) < min(depth, n):
        negative, _, pick = heapq.heappop(heap)
        if done[pick] or -negative != current[pick]:
            continue
        done[pick] = True
        adjustment = -penalty * max(0.0, max_sim[pick] - threshold)
        chosen.append(Chosen(pick, rel[pick], adjustment + 0.0))  # no -0.0
        same = members[int(group_of[pick])]
        if len(same) > 1:
            rows = np.asarray(same, dtype=np.int64)
            sims = (vectors[rows] @ vectors[pick]).astype(np.float64).tolist()
            for other, sim in zip(same, sims, strict=True):
                if done[other] or sim <= max_sim[other]:
                    continue
                max_sim[other] = sim
                value = rel[other] + (-penalty * max(0.0, sim - threshold))
                if value != current[other]:
                    current[other] = value
                    heapq.heappush(heap, (-value, ranks[other], other))
    return chosen
