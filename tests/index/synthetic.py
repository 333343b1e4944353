"""Synthetic data and a brute-force reference for the index tests."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt


def clustered_unit_vectors(
    n: int,
    dim: int,
    *,
    seed: int = 0,
    clusters: int = 100,
    latent: int = 64,
    spread: float = 1.0,
    noise: float = 0.5,
) -> npt.NDArray[np.float32]:
    """Unit vectors like sentence embeddings: a Gaussian mixture on a ``latent``-dimensional subspace, plus noise."""
    rng = np.random.default_rng(seed)
    centers = rng.standard_normal((clusters, latent)).astype(np.float32)
    points = centers[rng.integers(0, clusters, n)] + spread * rng.standard_normal((n, latent)).astype(
        np.float32
    )
    basis = np.linalg.qr(rng.standard_normal((dim, latent)))[0].T.astype(np.float32)
    vectors = points @ basis + noise * np.sqrt(latent / dim) * rng.standard_normal((n, dim)).astype(
        np.float32
    )
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors.astype(np.float32)


def random_mask(size: int, fraction: float, seed: int) -> npt.NDArray[np.bool_]:
    """A boolean mask with ``round(size * fraction)`` true entries at random places."""
    rng = np.random.default_rng(seed)
    mask = np.zeros(size, dtype=bool)
    mask[rng.choice(size, round(size * fraction), replace=False)] = True
    return mask


def exact_top_k(
    vectors: dict[int, npt.NDArray[np.float32]],
    query: npt.NDArray[np.float32],
    k: int,
    allowed: npt.NDArray[np.bool_] | None = None,
) -> tuple[list[int], list[float]]:
    """The reference answer: the ``k`` allowed keys of ``vectors`` with the largest inner product."""
    keys = [key for key in vectors if allowed is None or (key < len(allowed) and allowed[key])]
    scored = sorted(((float(vectors[key] @ query), key) for key in keys), key=lambda pair: -pair[0])[:k]
    return [key for _, key in scored], [score for score, _ in scored]


def recall_at_k(found: npt.NDArray[np.int64], truth: npt.NDArray[np.int64] | list[int]) -> float:
    """The share of the true top keys that were found."""
    truth_set = {int(key) for key in truth}
    return len(truth_set & {int(key) for key in found}) / max(len(truth_set), 1)
