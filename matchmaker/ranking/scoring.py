"""Two-sided hybrid scoring: every score is the exact sum of the named, weighted factors of FACTORS."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from matchmaker.domain import Factor, Role
from matchmaker.ranking.factors import FACTORS, Batch
from matchmaker.ranking.features import ProfileFeatures
from matchmaker.ranking.lexical import LexicalModel
from matchmaker.ranking.weights import WeightTable


class Scorer:
    """Computes the factors of (subject, candidate) pairs.

    ``similarities`` scores many candidates at once (one column per factor, whole-array
    operations); ``factors`` then builds the named terms, with their evidence, for the few
    candidates that are served or stored. Evidence never changes a number.
    """

    def __init__(self, weights: WeightTable, lexical: LexicalModel) -> None:
        self.weights = weights
        self.lexical = lexical
        self._weights = weights.ordered()

    def similarities(
        self, subject: ProfileFeatures, candidates: Sequence[ProfileFeatures]
    ) -> npt.NDArray[np.float64]:
        """One row per candidate, one column per factor of FACTORS, each clipped to [0, 1]."""
        out = np.zeros((len(candidates), len(FACTORS)), dtype=np.float64)
        if not candidates:
            return out
        batch = Batch(subject, candidates)
        for column, factor in enumerate(FACTORS):
            out[:, column] = factor.column(batch)
        np.clip(out, 0.0, 1.0, out=out)
        return out

    def relevance(self, similarities: npt.NDArray[np.float64]) -> list[float]:
        """Per row, the sum of ``weight * similarity`` in factor order.

        The same arithmetic, in the same order, as the contributions of :meth:`factors`, so a
        served score is their exact sum.
        """
        weights = self._weights
        totals = []
        for row in similarities.tolist():
            total = 0.0
            for weight, similarity in zip(weights, row, strict=True):
                total += weight * similarity
            totals.append(total)
        return totals

    def factors(
        self, subject: ProfileFeatures, candidate: ProfileFeatures, similarities: Sequence[float]
    ) -> tuple[Factor, ...]:
        """The named terms of one pair, with evidence, from its row of :meth:`similarities`."""
        purchaser, exhibitor = (
            (subject, candidate) if subject.role is Role.PURCHASER else (candidate, subject)
        )
        out = []
        for factor, weight, similarity in zip(FACTORS, self._weights, similarities, strict=True):
            evidence = factor.evidence(purchaser, exhibitor, subject, self.lexical) if similarity > 0 else ()
            out.append(
                Factor(
                    factor.name,
                    factor.direction(subject.role),
                    weight,
                    similarity,
                    weight * similarity,
                    evidence,
                )
            )
        return tuple(out)


def relevance(factors: tuple[Factor, ...]) -> float:
    """The sum of the factor contributions, in order (the score before re-ranking)."""
    total = 0.0
    for factor in factors:
        total += factor.contribution
    return total
