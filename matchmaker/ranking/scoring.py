"""Two-sided hybrid scoring: every score is the exact sum of the named, weighted factors of FACTORS."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from matchmaker.domain import Factor
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
        self, subject: ProfileFeatures, candidates: Sequence[ProfileFeatures], batch: Batch | None = None
    ) -> npt.NDArray[np.float64]:
        """One row per candidate, one column per factor of FACTORS, each clipped to [0, 1].

        ``batch``: the stacked arrays of exactly these candidates, when the caller reads them too.
        """
        out = np.zeros((len(candidates), len(FACTORS)), dtype=np.float64)
        if not candidates:
            return out
        batch = batch or Batch(subject, candidates)
        for column, factor in enumerate(FACTORS):
            out[:, column] = factor.column(batch)
        np.clip(out, 0.0, 1.0, out=out)
        return out

    def relevance(self, similarities: npt.NDArray[np.float64]) -> list[float]:
        """Per row, the sum of ``weight * similarity`` in factor order.

        The same arithmetic, in the same order, as the contributions of :meth:`factors`, so a
        served score is their exact sum.
        """
        # Column by column over all rows: each row's running total takes the same float64
        # products and sums, in the same order, as the loop over its factors would.
        totals = np.zeros(similarities.shape[0], dtype=np.float64)
        for column, weight in enumerate(self._weights):
            totals = totals + weight * similarities[:, column]
        result: list[float] = totals.tolist()
        return result

    def factors(
        self, subject: ProfileFeatures, candidate: ProfileFeatures, similarities: Sequence[float]
    ) -> tuple[Factor, ...]:
        """The named terms of one pair, with evidence, from its row of :meth:`similarities`."""
        return self.factors_many(subject, [candidate], [similarities])[0]

    def factors_many(
        self,
        subject: ProfileFeatures,
        candidates: Sequence[ProfileFeatures],
        similarities: Sequence[Sequence[float]],
        batch: Batch | None = None,
    ) -> list[tuple[Factor, ...]]:
        """The named terms of many pairs, with evidence, from their rows of :meth:`similarities`.

        Each factor's evidence is found for the whole batch at once (the clause products of the
        phrase terms, say); a factor whose similarity is 0 has none. ``batch``: the stacked arrays of
        exactly these candidates, when the caller has them (``Batch.subset``).
        """
        if not candidates:
            return []
        batch = batch or Batch(subject, candidates)
        matrix = np.asarray(similarities, dtype=np.float64).reshape(len(candidates), len(FACTORS))
        columns = []
        of = Factor.of
        for column, (factor, weight) in enumerate(zip(FACTORS, self._weights, strict=True)):
            values: list[float] = matrix[:, column].tolist()
            name, direction = factor.name, factor.direction(subject.role)
            if any(value > 0 for value in values):
                evidence = factor.evidence_many(batch, self.lexical)
            else:
                evidence = [()] * len(candidates)
            # A term that is +0.0 is the same immutable factor for every candidate of the column:
            # built once (a -0.0 would keep its sign in its own factor, so then none is shared).
            zero = (
                of(name, direction, weight, 0.0, weight * 0.0, ())
                if not np.signbit(matrix[:, column]).any()
                else None
            )
            columns.append(
                [
                    zero
                    if zero is not None and value == 0.0
                    else of(name, direction, weight, value, weight * value, found if value > 0 else ())
                    for value, found in zip(values, evidence, strict=True)
                ]
            )
        return list(zip(*columns, strict=True))


def relevance(factors: tuple[Factor, ...]) -> float:
    """The sum of the factor contributions, in order (the score before re-ranking)."""
    total = 0.0
    for factor in factors:
        total += factor.contribution
    return total
