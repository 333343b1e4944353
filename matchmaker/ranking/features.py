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
#: Category paths up to this deep stack as fixed-width rows (``ProfileFeatures.path_rows``).
PATH_WIDTH = 8


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


def phrase_vectors(vectors: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """Clause embeddings as :class:`Phrases` keeps them: rounded to float16, held as float32.

    The float16 rounding is the precision every phrase score has been computed at; holding the
    rounded values as float32 lets a request stack them without converting (numpy's float16 to
    float32 conversion was most of the phrase term's cost), for 2 more bytes per number.
    """
    return np.ascontiguousarray(vectors.astype(np.float16).astype(np.float32))


@dataclass(frozen=True)
class Phrases:
    """Clauses of a facet with their unit embeddings (:func:`phrase_vectors`)."""

    texts: tuple[str, ...]
    vectors: npt.NDArray[np.float32]


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

    @cached_property
    def path_rows(self) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]] | None:
        """``path_codes`` padded with -1 to ``PATH_WIDTH`` columns, and each path's length.

        Rows of the same width stack without padding per request; None when a path is deeper.
        """
        codes = self.path_codes
        if codes.shape[1] > PATH_WIDTH:
            return None
        padded = np.full((codes.shape[0], PATH_WIDTH), -1, dtype=np.int64)
        padded[:, : codes.shape[1]] = codes
        return padded, np.array([len(p) for p in self.paths], dtype=np.int64)

    def facet(self, name: str) -> npt.NDArray[np.float32]:
        """The unit vector of one facet."""
        row: npt.NDArray[np.float32] = self.vectors[FACETS.index(name)]
        return row
