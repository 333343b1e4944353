"""Matcher: the two catalogs, the lexical model and their persistence, kept in step with the database.

Everything here is derived from the database and the embedding cache: it can be rebuilt at any
time. The FAISS indexes are saved under ``data_dir/index`` with the change position and key layout
they reflect. A start loads them when the model version matches and catches up with whatever changed
since (another process's import, say): only changed, new and removed profiles touch the index.
"""

from __future__ import annotations

import logging
import shutil
import threading
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

import numpy as np

from matchmaker.config import Settings
from matchmaker.domain import Profile, Role
from matchmaker.embedding.cache import CachingEmbedder
from matchmaker.index.factory import index_class
from matchmaker.index.index_load_error import IndexLoadError
from matchmaker.index.vector_index import VectorIndex
from matchmaker.matching.catalog import Catalog
from matchmaker.ranking.features import FACETS, ProfileFeatures
from matchmaker.ranking.featurizer import LEXICAL_FACETS, Featurizer, profile_tokens
from matchmaker.ranking.lexical import LexicalModel
from matchmaker.validation import is_unconsented_minor

log = logging.getLogger(__name__)

SIDES = (Role.EXHIBITOR, Role.PURCHASER)


def may_be_recommended(profile: Profile, settings: Settings, today: date) -> bool:
    """Discoverable, and not a contact person under the minimum age without guardian consent."""
    if not profile.preferences.discoverable:
        return False
    return not is_unconsented_minor(profile, settings, today)


class Matcher:
    """Both sides' catalogs. Writers hold one lock; searches read a consistent catalog."""

    def __init__(self, settings: Settings, embedder: CachingEmbedder) -> None:
        self.settings = settings
        self.embedder = embedder
        self.lexical = LexicalModel.fit([])
        self.featurizer = Featurizer(embedder, self.lexical)
        self.catalogs = {role: self._new_catalog(role) for role in SIDES}
        #: The change-log position the catalogs reflect (the engine advances it as it catches up).
        self.position = 0
        self._fitted_on = 0
        self._lock = threading.RLock()
        self.loaded_from_disk = False
        #: Vectors added to the indexes by the last ``build`` (0 when the saved ones were current).
        self.indexed_at_build = 0
        # Which cached texts each indexed profile uses, so an embedding no profile uses any more
        # can leave the cache (corrections and erasure).
        self._hashes_of: dict[str, frozenset[str]] = {}
        self._users: Counter[str] = Counter()

    def _new_catalog(self, role: Role) -> Catalog:
        return Catalog(role, self.embedder.dim, self.settings.ranking)

    @property
    def index_dir(self) -> Path:
        """Where the FAISS indexes are saved."""
        return self.settings.data_dir / "index"

    def catalog(self, role: Role) -> Catalog:
        """The catalog of one side."""
        return self.catalogs[role]

    # -- building ------------------------------------------------------------------------

    def build(
        self,
        profiles: Sequence[Profile],
        position: int,
        today: date,
        progress: Callable[[int], object] | None = None,
        *,
        allow_load: bool = True,
    ) -> None:
        """Replace both catalogs with ``profiles`` (the database at ``position``)."""
        with self._lock:
            tokens = [profile_tokens(p) for p in profiles]
            self.lexical = LexicalModel.fit(t[f] for t in tokens for f in LEXICAL_FACETS)
            self.featurizer = Featurizer(self.embedder, self.lexical)
            features = self.featurizer.build(profiles, tokens, progress)
            self.loaded_from_disk = False
            self.indexed_at_build = 0
            for role in SIDES:
                side = [
                    (f, may_be_recommended(p, self.settings, today))
                    for p, f in zip(profiles, features, strict=True)
                    if p.role is role
                ]
                catalog = self._new_catalog(role)
                saved = self._load_saved(role) if allow_load else None
                if saved is not None:
                    self._catch_up(role, catalog, saved, side, position)
                    self.loaded_from_disk = True
                else:
                    catalog.upsert_many(side, assign_keys=list(range(len(side))))
                    self.indexed_at_build += len(side)
                self.catalogs[role] = catalog
            self.position = position
            self._fitted_on = len(profiles)
            self._hashes_of.clear()
            self._users.clear()
            self._track(features)

    def _load_saved(self, role: Role) -> tuple[VectorIndex, list[str], object] | None:
        """The saved index of a side, its key layout and position, if it was made with this model."""
        directory = self.index_dir / role.name.lower()
        if not directory.exists():
            return None
        try:
            index, meta = index_class().load(directory, dim=self.embedder.dim * len(FACETS))
        except IndexLoadError as exc:
            log.warning("saved %s index unusable (%s); rebuilding", role.name.lower(), exc)
            return None
        ids = meta.get("ids")
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            log.warning("saved %s index has no key layout; rebuilding", role.name.lower())
            return None
        if meta.get("model_version") != self.embedder.model_version:
            log.info("saved %s index was made with another model version; rebuilding", role.name.lower())
            return None
        return index, ids, meta.get("position")

    def _catch_up(
        self,
        role: Role,
        catalog: Catalog,
        saved: tuple[VectorIndex, list[str], object],
        side: Sequence[tuple[ProfileFeatures, bool]],
        position: int,
    ) -> None:
        """Adopt a saved index and bring it to the database's state.

        The database may have moved on since the save (say, a ``matchmaker import`` in another
        process). A saved vector is kept only where it is exactly the vector the profile has now;
        changed and new profiles are indexed, and keys no profile of this side holds any more are
        removed. So the result equals a rebuild whatever happened in between, and costs only the
        changes.
        """
        index, saved_ids, saved_position = saved
        key_of = {profile_id: key for key, profile_id in enumerate(saved_ids)}
        kept: list[tuple[ProfileFeatures, bool]] = []
        kept_keys: list[int] = []
        fresh: list[tuple[ProfileFeatures, bool]] = []
        fresh_keys: list[int] = []
        next_key = len(saved_ids)
        for item in side:
            key = key_of.pop(item[0].profile_id, None)
            if (
                key is not None
                and key in index
                and np.array_equal(index.vector(key), Catalog.index_vector(item[0]))
            ):
                kept.append(item)
                kept_keys.append(key)
                continue
            if key is None:
                key, next_key = next_key, next_key + 1
            fresh.append(item)
            fresh_keys.append(key)
        gone = sorted(key_of.values())
        index.remove(gone)
        catalog.vectors = index
        catalog.upsert_many(kept, assign_keys=kept_keys, index_vectors=False)
        catalog.upsert_many(fresh, assign_keys=fresh_keys)
        self.indexed_at_build += len(fresh)
        if fresh or gone:
            log.info(
                "saved %s index (position %s) caught up to position %d: %d vectors kept, "
                "%d indexed, %d removed",
                role.name.lower(),
                saved_position,
                position,
                len(kept),
                len(fresh),
                len(gone),
            )
        else:
            log.info("saved %s index loaded (position %d)", role.name.lower(), position)

    def save(self, position: int) -> None:
        """Write both indexes with the position and key layout they reflect."""
        with self._lock:
            for role, catalog in self.catalogs.items():
                ids = catalog.ids
                if any(i is None for i in ids):
                    # Freed keys would not survive a reload in the same places: compact first.
                    catalog = self._rebuilt(role)
                    ids = catalog.ids
                catalog.vectors.save(
                    self.index_dir / role.name.lower(),
                    {"position": position, "model_version": self.embedder.model_version, "ids": ids},
                )

    def _rebuilt(
        self, role: Role, change: Callable[[ProfileFeatures], ProfileFeatures] = lambda f: f
    ) -> Catalog:
        """A fresh catalog of the side's live profiles on dense keys, features passed through ``change``."""
        old = self.catalogs[role]
        items = [
            (change(old.features_at(k)), old.eligible_at(k))
            for k, pid in enumerate(old.ids)
            if pid is not None
        ]
        catalog = self._new_catalog(role)
        catalog.upsert_many(items, assign_keys=list(range(len(items))))
        self.catalogs[role] = catalog
        return catalog

    def has_saved(self) -> bool:
        """Whether this replica keeps saved indexes (erasures must rewrite them)."""
        return any((self.index_dir / role.name.lower()).exists() for role in SIDES)

    def holds(self, profile: Profile) -> bool:
        """Whether the profile is in its side's catalog."""
        return profile.id in self.catalogs[profile.role]

    def profile_ids(self) -> set[str]:
        """The ids of every profile in either catalog."""
        return {pid for catalog in self.catalogs.values() for pid in catalog.ids if pid is not None}

    def size(self) -> int:
        """How many profiles the catalogs hold."""
        return sum(len(catalog) for catalog in self.catalogs.values())

    def discard_saved(self) -> None:
        """Delete the saved indexes (the next start rebuilds)."""
        shutil.rmtree(self.index_dir, ignore_errors=True)

    # -- online changes ------------------------------------------------------------------

    def featurize(self, profiles: Sequence[Profile]) -> list[ProfileFeatures]:
        """Features for profiles about to be stored (embedding through the cache)."""
        return self.featurizer.build(profiles)

    def _track(self, features: Sequence[ProfileFeatures], removed: Sequence[str] = ()) -> set[str]:
        """Update the text-use counts; the hashes no profile uses any more."""
        released: set[str] = set()
        changes = [(f.profile_id, f.text_hashes) for f in features]
        changes += [(profile_id, frozenset()) for profile_id in removed]
        for profile_id, new in changes:
            old = self._hashes_of.get(profile_id, frozenset())
            for gone in old - new:
                self._users[gone] -= 1
                if self._users[gone] <= 0:
                    del self._users[gone]
                    released.add(gone)
            for added in new - old:
                self._users[added] += 1
            if new:
                self._hashes_of[profile_id] = new
            else:
                self._hashes_of.pop(profile_id, None)
        return released

    def apply(
        self, profiles: Sequence[Profile], features: Sequence[ProfileFeatures], today: date
    ) -> set[str]:
        """Make stored profiles searchable (or update them) in their side's catalog.

        Returns the hashes of cached texts that no profile uses any more.
        """
        with self._lock:
            for role in SIDES:
                side = [
                    (f, may_be_recommended(p, self.settings, today))
                    for p, f in zip(profiles, features, strict=True)
                    if p.role is role
                ]
                # A profile that changed sides leaves the other catalog.
                for p in profiles:
                    if p.role is not role:
                        self.catalogs[role].remove(p.id)
                self.catalogs[role].upsert_many(side)
            return self._track(features)

    def set_eligible(self, profile: Profile, today: date) -> None:
        """Re-evaluate whether a profile may appear (its preferences changed)."""
        with self._lock:
            self.catalogs[profile.role].set_eligible(
                profile.id, may_be_recommended(profile, self.settings, today)
            )

    def remove(self, profile_id: str) -> set[str]:
        """Forget a profile on both sides; returns the hashes of cached texts no profile uses any more."""
        with self._lock:
            for catalog in self.catalogs.values():
                catalog.remove(profile_id)
            return self._track([], [profile_id])

    def purge_vectors(self) -> None:
        """Physically drop removed vectors from the indexes (after an erasure), then save them."""
        with self._lock:
            for catalog in self.catalogs.values():
                catalog.vectors.compact()

    def refit_due(self, profile_count: int) -> bool:
        """True when the corpus has doubled since the lexical model was fitted."""
        return profile_count >= 50 and profile_count >= 2 * max(self._fitted_on, 1)

    def refit_lexical(self) -> None:
        """Refit the IDF on the current corpus and re-vectorise every profile's words."""
        with self._lock:
            everything = [
                catalog.features_at(k)
                for catalog in self.catalogs.values()
                for k, pid in enumerate(catalog.ids)
                if pid
            ]
            self.lexical = LexicalModel.fit(f.tokens[facet] for f in everything for facet in LEXICAL_FACETS)
            self.featurizer = Featurizer(self.embedder, self.lexical)
            lexical = self.lexical
            for role in SIDES:
                self._rebuilt(
                    role,
                    lambda f: replace(
                        f, lexical={facet: lexical.vector(f.tokens[facet]) for facet in LEXICAL_FACETS}
                    ),
                )
            self._fitted_on = len(everything)
