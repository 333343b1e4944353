"""The embedding benchmark on a tiny size: its tables and plot, and the int8 variant's quantization."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from matchmaker.bench.embedding_bench import (
    UseMultilingualInt8Embedder,
    profile_texts,
    quantize_int8,
    run,
)
from matchmaker.embedding.use_multilingual import UseMultilingualEmbedder
from matchmaker.evaluation.runner import load_set


def test_run_reports_throughput_per_backend(tmp_path: Path) -> None:
    section = run(tmp_path, True, backends=["use-multilingual"], profiles=4, sets=(), progress=lambda _: None)
    (table,) = section.tables
    assert table.columns == ["backend", "model", "dim", "load s", "texts/s", "profiles/s"]
    assert [row[0] for row in table.rows] == ["use-multilingual", "use-multilingual int8 (weights)"]
    for row in table.rows:
        assert row[2] == 512
        assert row[4] > 0 and row[5] > 0
        assert row[4] > row[5]  # every profile has several texts
    assert section.plots == ["embedding_throughput.png"]
    assert (tmp_path / "embedding_throughput.png").stat().st_size > 0


def test_profile_texts_are_the_facets_then_the_clauses() -> None:
    documents = list(load_set("taxonomy").documents)[:3]
    per_profile = profile_texts(documents)
    assert len(per_profile) == 3
    for document, texts in zip(documents, per_profile, strict=True):
        assert texts[0] == document.get("offering", "")
        assert texts[1] == document.get("seeking", "")
        assert len(texts) > 4


@pytest.mark.parametrize(
    "matrix",
    [
        np.array([[1.0, -2.0], [0.5, 4.0]], dtype=np.float32),
        np.array([[0.0, 3.0], [0.0, -3.0]], dtype=np.float32),  # a zero column keeps its zeros
        np.random.default_rng(0).standard_normal((64, 32)).astype(np.float32),
    ],
)
def test_quantize_int8_error_is_at_most_half_a_step_per_column(matrix: np.ndarray) -> None:
    restored = quantize_int8(matrix)
    assert restored.dtype == np.float32 and restored.shape == matrix.shape
    step = np.abs(matrix).max(axis=0) / 127
    assert (np.abs(restored - matrix) <= step / 2 + 1e-7).all()
    assert len(np.unique(np.rint(restored / np.where(step == 0, 1, step)), axis=None)) <= 255


def test_int8_variant_stays_close_to_the_float_model() -> None:
    texts = ["frozen salmon fillets", "冷冻三文鱼", "industrial sewing machines", "organic green tea"]
    float_model = UseMultilingualEmbedder()
    float_vectors = float_model.embed(texts)
    int8 = UseMultilingualInt8Embedder(source=float_model)
    int8_vectors = int8.embed(texts)
    assert int8.model_version.endswith("+int8")
    np.testing.assert_allclose(np.linalg.norm(int8_vectors, axis=1), 1.0, rtol=1e-4)
    cosines = np.einsum("ij,ij->i", float_vectors, int8_vectors)
    assert (cosines > 0.98).all()
    assert not np.allclose(float_vectors, int8_vectors)  # the weights really changed
    np.testing.assert_array_equal(float_model.embed(texts), float_vectors)  # the source is untouched
