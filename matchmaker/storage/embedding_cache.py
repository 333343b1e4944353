"""The embedding cache: vectors by (model version, text hash), so unchanged text is never re-embedded."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any, cast

import numpy as np
import numpy.typing as npt
from sqlalchemy import CursorResult, delete, func, select

from matchmaker.storage.database import Database
from matchmaker.storage.tables import EmbeddingRow

_CHUNK = 500


class EmbeddingCacheRepository:
    """Stores float32 vectors as raw bytes, keyed by model version and text hash."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def get_many(self, model_version: str, hashes: Iterable[str]) -> dict[str, npt.NDArray[np.float32]]:
        """The cached vectors among ``hashes``."""
        wanted = list(dict.fromkeys(hashes))
        out: dict[str, npt.NDArray[np.float32]] = {}
        with self._db.read() as session:
            for start in range(0, len(wanted), _CHUNK):
                rows = session.execute(
                    select(EmbeddingRow.text_hash, EmbeddingRow.vector).where(
                        EmbeddingRow.model_version == model_version,
                        EmbeddingRow.text_hash.in_(wanted[start : start + _CHUNK]),
                    )
                )
                for text_hash, blob in rows:
                    out[text_hash] = np.frombuffer(blob, dtype=np.float32).copy()
        return out

    def put_many(self, model_version: str, vectors: Mapping[str, npt.NDArray[np.float32]]) -> None:
        """Store vectors not cached yet (an existing entry is left as it is)."""
        if not vectors:
            return
        now = datetime.now(UTC)
        with self._db.write() as session:
            existing: set[str] = set()
            keys = list(vectors)
            for start in range(0, len(keys), _CHUNK):
                existing |= set(
                    session.scalars(
                        select(EmbeddingRow.text_hash).where(
                            EmbeddingRow.model_version == model_version,
                            EmbeddingRow.text_hash.in_(keys[start : start + _CHUNK]),
                        )
                    )
                )
            session.add_all(
                EmbeddingRow(
                    model_version=model_version,
                    text_hash=key,
                    vector=np.asarray(vector, dtype=np.float32).tobytes(),
                    created_at=now,
                )
                for key, vector in vectors.items()
                if key not in existing
            )

    def count(self, model_version: str | None = None) -> int:
        """How many vectors are cached (for one model version, if given)."""
        with self._db.read() as session:
            query = select(func.count()).select_from(EmbeddingRow)
            if model_version is not None:
                query = query.where(EmbeddingRow.model_version == model_version)
            return int(session.scalar(query) or 0)

    def delete(self, model_version: str, hashes: set[str]) -> int:
        """Remove these entries of ``model_version``; returns how many there were."""
        keys = sorted(hashes)
        removed = 0
        with self._db.write() as session:
            for start in range(0, len(keys), _CHUNK):
                result = session.execute(
                    delete(EmbeddingRow).where(
                        EmbeddingRow.model_version == model_version,
                        EmbeddingRow.text_hash.in_(keys[start : start + _CHUNK]),
                    )
                )
                removed += cast(CursorResult[Any], result).rowcount
        return removed
