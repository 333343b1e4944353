"""Embedder backends: the multilingual default, the factory, and switching models without mixing vectors."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from matchmaker.embedding.embedder import Vectors
from matchmaker.embedding.factory import BACKENDS, create_embedder
from matchmaker.embedding.use_multilingual import UseMultilingualEmbedder
from matchmaker.importer import import_file
from matchmaker.ranking.features import FACETS, facet_text
from matchmaker.runtime import open_runtime
from tests.support import FIXTURES, HashingEmbedder, make_settings


def test_the_multilingual_default_puts_chinese_next_to_english() -> None:
    embedder = create_embedder("use-multilingual")
    assert isinstance(embedder, UseMultilingualEmbedder) and embedder.dim == 512
    v = embedder.embed(["冷冻三文鱼", "frozen salmon", "industrial robots", "  "])
    assert np.allclose(np.linalg.norm(v[:3], axis=1), 1.0, atol=1e-5) and not v[3].any()
    assert float(v[0] @ v[1]) > float(v[0] @ v[2]) + 0.3
    assert embedder.model_version.startswith("universal-sentence-encoder-multilingual-3@")


def test_every_backend_is_listed_and_an_unknown_one_is_refused() -> None:
    assert set(BACKENDS) == {"use-multilingual", "e5-small", "sentence-transformers"}
    with pytest.raises(ValueError, match="unknown embedder"):
        create_embedder("word2vec")


class CountingEmbedder(HashingEmbedder):
    """A second test model: another version, another size; counts the texts it embeds."""

    model_name = "test/other"
    model_version = "other-v2"
    dim = 48

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []

    def _encode(self, texts: Sequence[str]) -> Vectors:
        self.texts.extend(texts)
        return HashingEmbedder._encode(self, texts)[:, : self.dim] + 0.0


def test_switching_the_embedder_re_embeds_everything_and_never_mixes_vectors(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    runtime = open_runtime(settings, embedder=HashingEmbedder())
    assert import_file(runtime.engine, FIXTURES / "exhibitors.jsonl").failed == 0
    runtime.engine.save_index()
    runtime.close()

    other = CountingEmbedder()
    runtime = open_runtime(settings, embedder=other)
    try:
        catalog = runtime.engine.matcher.catalog(runtime.profiles.get("exh-0001").role)  # type: ignore[union-attr]
        assert catalog.vectors.dim == other.dim * len(FACETS)
        assert not runtime.engine.matcher.loaded_from_disk  # the old model's index is not reused
        profiles = list(runtime.profiles.iter_profiles())
        embedded = set(other.texts)
        assert len(other.texts) == len(embedded)  # nothing embedded twice
        for profile in profiles:
            for facet in FACETS:
                text = facet_text(profile, facet)
                if text.strip():
                    assert text in embedded  # every text went through the new model once
        for profile in profiles[:40]:
            features = catalog.features(profile.id)
            assert features is not None
            expected = other.embed([facet_text(profile, f) for f in FACETS])
            np.testing.assert_allclose(features.vectors, expected, atol=1e-6)

    finally:
        runtime.close()
