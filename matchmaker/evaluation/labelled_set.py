"""A labelled set: profiles (in their proto JSON form) and graded relevance of purchaser-exhibitor pairs."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class LabelledSet:
    """Profiles of both sides and ``grades[(purchaser_id, exhibitor_id)]`` (absent = 0)."""

    name: str
    description: str
    exhibitors: tuple[dict[str, object], ...]
    purchasers: tuple[dict[str, object], ...]
    grades: Mapping[tuple[str, str], int]

    def grade(self, purchaser_id: str, exhibitor_id: str) -> int:
        """The relevance of a pair (0 when unrelated)."""
        return self.grades.get((purchaser_id, exhibitor_id), 0)

    @property
    def documents(self) -> list[dict[str, object]]:
        """Every profile, exhibitors first."""
        return [*self.exhibitors, *self.purchasers]


def ndcg(ranked: Sequence[int], all_grades: Sequence[int], k: int = 10) -> float:
    """nDCG@k with gains 2^grade - 1; ``ranked`` are the grades in ranked order."""
    dcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ranked[:k]))
    ideal = sorted(all_grades, reverse=True)[:k]
    best = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / best if best > 0 else 0.0


def recall(ranked_ids: Sequence[str], relevant: set[str], k: int = 50) -> float:
    """Share of the most relevant candidates (the top grade present) found in the top k."""
    return len(set(ranked_ids[:k]) & relevant) / len(relevant) if relevant else 0.0
