"""Fitting weights: non-negative, summing to 1, recovering which factors order the pairs."""

from __future__ import annotations

import numpy as np
import pytest

from matchmaker.evaluation.training import fit_weights
from matchmaker.ranking.factors import FACTORS
from matchmaker.ranking.weights import parse_weights


def test_fit_recovers_the_informative_factors_and_zeroes_the_harmful_one() -> None:
    rng = np.random.default_rng(0)
    n, k = 4000, len(FACTORS)
    x = rng.normal(size=(n, k))
    truth = np.zeros(k)
    truth[0], truth[2] = 2.0, 1.0
    truth[3] = -1.5  # a factor that orders pairs the wrong way must get weight 0, not a negative one
    keep = x @ truth + rng.normal(scale=0.3, size=n) > 0
    differences = np.where(keep[:, None], x, -x)
    weights = fit_weights(differences)
    values = [weights[f.weight_key] for f in FACTORS]
    assert all(v >= 0 for v in values)
    assert sum(values) == pytest.approx(1.0, abs=1e-4)
    assert weights[FACTORS[3].weight_key] == 0.0
    assert weights[FACTORS[0].weight_key] > weights[FACTORS[2].weight_key] > 0.1
    # The fitted document is a valid weights file.
    table = parse_weights({"version": "t", "weights": weights}, "test")
    assert table.of(FACTORS[0].weight_key) == weights[FACTORS[0].weight_key]


def test_too_few_pairs_is_an_error() -> None:
    with pytest.raises(ValueError, match="too few"):
        fit_weights(np.zeros((3, len(FACTORS))))
