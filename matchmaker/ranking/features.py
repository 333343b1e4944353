"""What the ranker knows of one profile: facet vectors, lexical vectors, phrases and facts for filters."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import numpy.typing as npt

from matchmaker.domain import Profile, Role
from matchmaker.ranking.lexical import SparseVector

# Facets embedded separately, each with unit norm; their order is the layout of the index vectors.
FACETS = ("offering", "seeking", "description", "categories")
# Facets whose clauses are embedded for evidence.
PHRASE_FACETS = ("offering", "seeking")
CATEGORY_SEPARATOR = " > "


def facet_text(profile: Profile, facet: str) -> str:
    """The text of one facet."""
    if facet == "categories":
        return "; ".join(profile.categories)
    return str(getattr(profile, facet))


def category_paths(categories: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """Categories as lower-cased taxonomy paths ("A > B > C" becomes ("a", "b", "c"))."""
    return tuple(
        tuple(part.strip().lower() for part in c.split(">") if part.strip()) for c in categories if c.strip()
    )


def primary_language(tag: str) -> str:
    """The primary subtag of a BCP-47 tag (``zh-Hans`` -> ``zh``)."""
    return tag.split("-", 1)[0].lower()


_PREFIX_IDS: dict[tuple[str, ...], int] = {}
_PREFIX_LOCK = threading.Lock()


def prefix_id(prefix: tuple[str, ...]) -> int:
    """A small int for a category path prefix, the same for equal prefixes (interned per process)."""
    found = _PREFIX_IDS.get(prefix)
    if found is None:
        with _PREFIX_LOCK:
            found = _PREFIX_IDS.setdefault(prefix, len(_PREFIX_IDS))
    return found


@dataclass(frozen=True)
class Phrases:
    """Clauses of a facet with their unit embeddings (float16 to halve the memory)."""

    texts: tuple[str, ...]
    vectors: npt.NDArray[np.float16]


@dataclass(frozen=True)
class ProfileFeatures:
    """Everything scoring needs of one profile; built when the profile is indexed."""

    profile_id: str
    role: Role
    organization: str
    country: str
    categories: tuple[str, ...]
    paths: tuple[tuple[str, ...], ...]
    target_markets: frozenset[str]
    languages: frozenset[str]
    hall: str
    vectors: npt.NDArray[np.float32]  # (len(FACETS), dim), unit rows (zero for empty text)
    lexical: dict[str, SparseVector]  # offering, seeking, description
    tokens: dict[str, tuple[str, ...]]  # offering, seeking, description
    phrases: dict[str, Phrases]  # PHRASE_FACETS
    text_hashes: frozenset[str]  # cache keys of every text embedded for these features

    @cached_property
    def path_codes(self) -> npt.NDArray[np.int64]:
        """(paths, depth) ids of each path's prefixes (``prefix_id``), -1 past a path's end.

        Two paths share depth d exactly when their ids at depth d - 1 are equal.
        """
        width = max((len(p) for p in self.paths), default=0)
        codes = np.full((len(self.paths), width), -1, dtype=np.int64)
        for row, path in enumerate(self.paths):
            codes[row, : len(path)] = [prefix_id(path[: d + 1]) for d in range(len(path))]
        return codes

    def facet(self, name: str) -> npt.NDArray[np.float32]:
        """The unit vector of one facet."""
        row: npt.NDArray[np.float32] = self.vectors[FACETS.index(name)]
        return row
