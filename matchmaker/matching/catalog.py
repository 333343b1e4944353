"""Catalog: the searchable, in-memory state of one side (exhibitors or purchasers).

Derived from the database and rebuildable at any time: dense vectors in a FAISS index, TF-IDF rows
for lexical retrieval, the features the scorer reads, and the facts the filters test.
"""

from __future__ import annotations

import contextlib
import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence

import numpy as np
import numpy.typing as npt

from matchmaker.config import RankingSettings
from matchmaker.domain import RecommendFilter, Role
from matchmaker.index.factory import create_index
from matchmaker.index.vector_index import VectorIndex
from matchmaker.matching.path_store import PathStore
from matchmaker.ranking.features import FACETS, ProfileFeatures, category_paths, primary_language
from matchmaker.ranking.lexical import LexicalMatrix, SparseVector

Mask = npt.NDArray[np.bool_]

#: What the non-personal order counts (recommender.NON_PERSONAL_RULE), each field equally.
COMPLETENESS_FIELDS = (
    "offering",
    "seeking",
    "description",
    "categories",
    "target_markets",
    "languages",
    "hall",
)


def present_fields(features: ProfileFeatures) -> list[str]:
    """The fields of COMPLETENESS_FIELDS a profile has filled in, in that order."""
    present = []
    for name in COMPLETENESS_FIELDS:
        if name in ("offering", "seeking", "description"):
            filled = bool(features.tokens[name])
        elif name == "categories":
            filled = bool(features.categories)
        elif name == "target_markets":
            filled = bool(features.target_markets)
        elif name == "languages":
            filled = bool(features.languages)
        else:
            filled = bool(features.hall.strip())
        if filled:
            present.append(name)
    return present


def public_order_key(features: ProfileFeatures) -> tuple[float, str, str]:
    """Where a profile stands in the non-personal order: most complete first, then by name and id.

    The first element is minus the completeness (share of COMPLETENESS_FIELDS filled), so the
    order is ascending.
    """
    completeness = len(present_fields(features)) * (1.0 / len(COMPLETENESS_FIELDS))
    return (-completeness, features.organization.casefold(), features.profile_id)


class Catalog:
    """One side's profiles: ``upsert``/``remove`` are visible to the very next search."""

    def __init__(self, role: Role, dim: int, ranking: RankingSettings) -> None:
        self.role = role
        self.dim = dim
        self.vectors: VectorIndex = create_index(dim * len(FACETS), ranking)
        self._key_of: dict[str, int] = {}
        self._ids: list[str | None] = []
        self._features: dict[int, ProfileFeatures] = {}
        self._public_order: dict[int, tuple[float, str, str]] = {}
        self._eligible = np.zeros(0, dtype=bool)
        self._facts: dict[str, defaultdict[str, set[int]]] = {
            name: defaultdict(set) for name in ("country", "hall", "language", "category")
        }
        self.lexical = {facet: LexicalMatrix() for facet in ("offering", "seeking")}
        self._paths = PathStore()
        self._lock = threading.RLock()
        # Odd while a writer changes profiles, and one more when it is done (a sequence lock):
        # a reader that saw the same even value before and after read one consistent state.
        self._sequence = 0

    def __len__(self) -> int:
        return len(self._key_of)

    @property
    def sequence(self) -> int:
        """The write sequence: odd while profiles change; equal and even = nothing changed between."""
        return self._sequence

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        self._sequence += 1
        try:
            yield
        finally:
            self._sequence += 1

    def facet_vectors(
        self, keys: npt.NDArray[np.int64], sequence: int
    ) -> npt.NDArray[np.float32] | None:
        """``np.stack([features_at(k).vectors for k in keys])`` from the vector index (one gather).

        The index holds each profile's facet vectors side by side (``index_vector``). None when
        profiles changed since the caller read ``sequence`` (see ``lexical_dots``).
        """
        if sequence % 2:
            return None
        try:
            stored = self.vectors.vectors(keys)
        except KeyError:
            return None
        if self._sequence != sequence:
            return None
        return stored.reshape(keys.size, len(FACETS), self.dim)

    def path_rows(
        self, keys: npt.NDArray[np.int64], features: Sequence[ProfileFeatures], sequence: int
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.int64]] | None:
        """The category path rows of ``keys`` one after another: ``(codes, lengths, counts)``.

        ``features`` are the profiles at ``keys`` as read at ``sequence``. None when one has a
        path deeper than PATH_WIDTH, or when profiles changed since (see ``lexical_dots``).
        """
        if sequence % 2:
            return None
        found = self._paths.gather(keys, features, sequence, lambda: self._sequence)
        return found if self._sequence == sequence else None

    def lexical_dots(
        self, facet: str, query: SparseVector, keys: npt.NDArray[np.int64], sequence: int
    ) -> npt.NDArray[np.float64] | None:
        """``dots(query, [features_at(k).lexical[facet] for k in keys])`` from the facet's matrix.

        None when this catalog keeps no matrix of the facet, or when profiles changed since the
        caller read ``sequence`` (before it read the features): the features it holds may then
        differ from the matrix's rows, so it computes them from the features.
        """
        matrix = self.lexical.get(facet)
        if matrix is None or sequence % 2:
            return None
        scores = matrix.dots_at(query, keys)
        return scores if self._sequence == sequence else None

    def __contains__(self, profile_id: object) -> bool:
        return profile_id in self._key_of

    @property
    def ids(self) -> list[str | None]:
        """Profile id by key (None for a freed key)."""
        return list(self._ids)

    def key(self, profile_id: str) -> int | None:
        """The key of a profile, if it is here."""
        return self._key_of.get(profile_id)

    def profile_id(self, key: int) -> str:
        """The profile at ``key``."""
        value = self._ids[key]
        if value is None:
            raise KeyError(key)
        return value

    def features(self, profile_id: str) -> ProfileFeatures | None:
        """The features of a profile in this catalog."""
        key = self._key_of.get(profile_id)
        return None if key is None else self._features.get(key)

    def features_at(self, key: int) -> ProfileFeatures:
        """The features at ``key``."""
        return self._features[key]

    def public_order(self, keys: Iterable[int]) -> list[tuple[float, str, str]]:
        """The places of ``keys`` in the non-personal order (``public_order_key``), in key order.

        Keys freed since the caller's mask was taken are left out.
        """
        order = self._public_order
        with self._lock:
            return [order[k] for k in keys if k in order]

    @staticmethod
    def index_vector(features: ProfileFeatures) -> npt.NDArray[np.float32]:
        """The stored vector: the unit facet vectors side by side."""
        return features.vectors.reshape(-1)

    def upsert_many(
        self,
        items: Sequence[tuple[ProfileFeatures, bool]],
        *,
        assign_keys: Sequence[int] | None = None,
        index_vectors: bool = True,
    ) -> None:
        """Add or replace profiles; the flag says whether each may appear in recommendations.

        ``index_vectors=False`` when the vector index was loaded from disk and already holds them.
        """
        if not items:
            return
        with self._lock, self._writing():
            keys: list[int] = []
            for position, (features, eligible) in enumerate(items):
                old = self._key_of.get(features.profile_id)
                if old is not None:
                    self._forget_facts(old)
                    key = old
                elif assign_keys is not None:
                    key = assign_keys[position]
                    while len(self._ids) <= key:
                        self._ids.append(None)
                else:
                    key = len(self._ids)
                    self._ids.append(None)
                self._ids[key] = features.profile_id
                self._key_of[features.profile_id] = key
                self._features[key] = features
                self._public_order[key] = public_order_key(features)
                self._remember_facts(key, features)
                self._set_eligible(key, eligible)
                self.lexical["offering"].upsert(key, features.lexical["offering"])
                self.lexical["seeking"].upsert(key, features.lexical["seeking"])
                self._paths.invalidate(key)
                keys.append(key)
            if index_vectors:
                matrix = np.stack([self.index_vector(f) for f, _ in items]).astype(np.float32)
                self.vectors.upsert(keys, matrix)

    def eligible_at(self, key: int) -> bool:
        """Whether the profile at ``key`` may appear in recommendations."""
        return bool(key < self._eligible.size and self._eligible[key])

    def set_eligible(self, profile_id: str, eligible: bool) -> None:
        """Include or exclude a profile from recommendations without touching its vectors."""
        with self._lock:
            key = self._key_of.get(profile_id)
            if key is not None:
                self._set_eligible(key, eligible)

    def remove(self, profile_id: str) -> None:
        """Forget a profile: excluded at once, its vectors dropped from the index."""
        with self._lock, self._writing():
            key = self._key_of.pop(profile_id, None)
            if key is None:
                return
            self._forget_facts(key)
            self._features.pop(key, None)
            self._public_order.pop(key, None)
            self._ids[key] = None
            self._set_eligible(key, False)
            for matrix in self.lexical.values():
                matrix.remove(key)
            self._paths.invalidate(key)
            self.vectors.remove([key])

    def _set_eligible(self, key: int, eligible: bool) -> None:
        if key >= self._eligible.size:
            grown = np.zeros(max(key + 1, self._eligible.size * 2, 64), dtype=bool)
            grown[: self._eligible.size] = self._eligible
            self._eligible = grown
        self._eligible[key] = eligible

    def _remember_facts(self, key: int, features: ProfileFeatures) -> None:
        self._facts["country"][features.country].add(key)
        self._facts["hall"][features.hall.strip().lower()].add(key)
        for language in features.languages:
            self._facts["language"][language].add(key)
        for path in features.paths:
            for depth in range(1, len(path) + 1):
                self._facts["category"][" > ".join(path[:depth])].add(key)

    def _forget_facts(self, key: int) -> None:
        features = self._features.get(key)
        if features is None:
            return
        for name, table in self._facts.items():
            values: Iterable[str]
            if name == "country":
                values = [features.country]
            elif name == "hall":
                values = [features.hall.strip().lower()]
            elif name == "language":
                values = features.languages
            else:
                values = {" > ".join(p[:d]) for p in features.paths for d in range(1, len(p) + 1)}
            for value in values:
                table[value].discard(key)

    def mask(self, flt: RecommendFilter, exclude: Iterable[str] = ()) -> Mask:
        """Keys that may be recommended under the filter: eligible, matching every filter, not excluded.

        Within one filter the values are alternatives; the filters together must all hold. A
        category matches itself and everything below it in the taxonomy.
        """
        with self._lock:
            mask = self._eligible.copy()
            wanted = {
                "country": [c.upper() for c in flt.countries],
                "hall": [h.strip().lower() for h in flt.halls],
                "language": [primary_language(t) for t in flt.languages],
                "category": [" > ".join(p) for p in category_paths(flt.categories)],
            }
            for name, values in wanted.items():
                if not values:
                    continue
                allowed = np.zeros_like(mask)
                for value in values:
                    keys = self._facts[name].get(value)
                    if keys:
                        allowed[np.fromiter(keys, dtype=np.int64)] = True
                mask &= allowed
            for profile_id in exclude:
                key = self._key_of.get(profile_id)
                if key is not None:
                    mask[key] = False
            return mask
