"""PathStore: a batch's category path rows in one gather, equal to stacking each profile's own."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

import numpy as np
import numpy.typing as npt
import pytest

from matchmaker.matching.path_store import PathStore
from matchmaker.ranking.features import PATH_WIDTH, ProfileFeatures

Rows = tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]] | None


@dataclass
class _Profile:
    """Only what the store reads of a profile."""

    path_rows: Rows


def _profile(rng: np.random.Generator, deep: bool = False) -> ProfileFeatures:
    if deep:
        return cast(ProfileFeatures, _Profile(None))
    paths = int(rng.integers(0, 5))
    codes = np.full((paths, PATH_WIDTH), -1, dtype=np.int64)
    lengths = rng.integers(1, PATH_WIDTH + 1, size=paths).astype(np.int64)
    for row, length in enumerate(lengths.tolist()):
        codes[row, :length] = rng.integers(0, 50, size=length)
    return cast(ProfileFeatures, _Profile((codes, lengths)))


def _expected(features: list[ProfileFeatures]) -> Any:
    rows = [f.path_rows for f in features]
    if any(r is None for r in rows):
        return None
    fixed = [r for r in rows if r is not None]
    counts = np.array([r[1].size for r in fixed], dtype=np.int64)
    codes = np.concatenate([r[0] for r in fixed]) if fixed else np.zeros((0, PATH_WIDTH), np.int64)
    lengths = np.concatenate([r[1] for r in fixed]) if fixed else np.zeros(0, np.int64)
    return codes, lengths, counts


def _same(found: Any, expected: Any) -> bool:
    if found is None or expected is None:
        return found is None and expected is None
    return all(
        a.shape == b.shape and a.tobytes() == b.tobytes() for a, b in zip(found, expected, strict=True)
    )


@pytest.mark.parametrize("seed", range(4))
def test_gather_equals_each_profiles_own_rows_through_changes_and_compaction(seed: int) -> None:
    rng = np.random.default_rng(seed)
    store = PathStore(compact_at=64)
    profiles = {key: _profile(rng) for key in range(300)}
    sequence = 0

    def check(rounds: int = 20) -> None:
        for _ in range(rounds):
            keys = rng.choice(sorted(profiles), size=int(rng.integers(0, 120)), replace=True).astype(np.int64)
            features = [profiles[int(k)] for k in keys]
            found = store.gather(keys, features, sequence, lambda: sequence)
            assert _same(found, _expected(features))

    check()
    for _ in range(6):  # profiles change (each one invalidated, as the catalog does), some deep
        for key in rng.choice(sorted(profiles), size=80, replace=False).tolist():
            profiles[key] = _profile(rng, deep=bool(rng.random() < 0.02))
            store.invalidate(key)
        for key in range(len(profiles), len(profiles) + int(rng.integers(0, 40))):
            profiles[key] = _profile(rng)  # a new key
        check()
    assert store.compactions > 0 and store._garbage <= max(64, store._used // 2) + 4 * 80


def test_rows_of_a_profile_that_changed_meanwhile_are_refused_and_not_kept() -> None:
    rng = np.random.default_rng(7)
    store = PathStore()
    old, new = _profile(rng), _profile(rng)
    keys = np.array([3], dtype=np.int64)
    # The caller read the profile at sequence 4; a writer has moved the catalog on since.
    assert store.gather(keys, [old], 4, lambda: 6) is None
    assert store.gather(keys, [old], 5, lambda: 5) is None  # read while a write was under way
    assert _same(store.gather(keys, [new], 6, lambda: 6), _expected([new]))
    # Rows already kept are read from the store, whatever the caller holds (the catalog then sees
    # its sequence moved); a change drops them.
    store.invalidate(3)
    assert _same(store.gather(keys, [old], 8, lambda: 8), _expected([old]))
    assert store.gather(np.zeros(0, dtype=np.int64), [], 8, lambda: 8) is not None
