"""block_positions: the rows of blocks laid one after another."""

from __future__ import annotations

import numpy as np
import pytest

from matchmaker.ranking.blocks import block_positions


@pytest.mark.parametrize(
    ("starts", "counts", "places", "begins"),
    [
        ([5, 0, 9], [2, 3, 1], [5, 6, 0, 1, 2, 9], [0, 2, 5]),
        ([4, 4], [0, 2], [4, 5], [0, 0]),
        ([], [], [], []),
        ([7], [0], [], [0]),
    ],
)
def test_block_positions(starts: list[int], counts: list[int], places: list[int], begins: list[int]) -> None:
    found, where = block_positions(np.array(starts, dtype=np.int64), np.array(counts, dtype=np.int64))
    assert found.tolist() == places and where.tolist() == begins
