"""Blocks of rows laid one after another: where each block's rows are in a store and in the result."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt


def block_positions(
    starts: npt.NDArray[np.int64], counts: npt.NDArray[np.int64]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """``(places, begins)`` for blocks ``starts[i]:starts[i] + counts[i]`` of a store, in order.

    ``places`` are the store positions of every row of every block, one block after another (what
    concatenating the blocks would read), ``begins[i]`` where block i begins among them.
    """
    begins = np.cumsum(counts) - counts
    places = np.arange(int(counts.sum()), dtype=np.int64) + np.repeat(starts - begins, counts)
    return places, begins
