"""The embedding benchmark: throughput of each embedder backend, and an int8 variant of the default.

Throughput. The texts are those the featurizer embeds for a profile (its four facet texts and the
clauses of its offering and seeking, ``Featurizer.build``), taken from the profiles of the
``taxonomy`` labelled set. Each backend embeds the texts of ``profiles`` profiles in one call
after a warm-up call that loads its weights (reported apart as the load time); texts/s and
profiles/s are the rates of that call, on the backend's own thread settings.

The int8 variant. USE-multilingual's numpy backend already keeps its embedding table in 8 bits;
the variant also quantizes every dense weight matrix to int8 (symmetric, one scale per output
column) and back, which is what an int8 model computes with. numpy has no int8 matrix product,
so the variant cannot be faster here; it is measured for the quality it keeps, with the
evaluation runner's nDCG@10 (the service through its API, and the embedding-only baseline) on
labelled sets the bundled weights were not fitted on (``taxonomy`` and ``crosslingual``; the
weights were fitted on ``taxonomy-train``). It qualifies when every nDCG@10 stays within 1%
(relative) of the float model's.
"""

from __future__ import annotations

import copy
import json
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from matchmaker.api.jsonl import parse_line
from matchmaker.bench.report import Section, Table
from matchmaker.embedding.embedder import Embedder, Vectors
from matchmaker.embedding.factory import BACKENDS, DEFAULT_BACKEND, create_embedder
from matchmaker.embedding.use_multilingual import UseMultilingualEmbedder
from matchmaker.ranking.features import FACETS, PHRASE_FACETS, facet_text
from matchmaker.ranking.text import phrases

#: The dense weight matrices of the USE numpy backend (the embedding table is already 8-bit).
USE_DENSE_WEIGHTS: tuple[str, ...] = ("proj_W", "cnn_W", "d0", "d1", "d2", "d3", "p1", "p3")
USE_DENSE_WEIGHT_LISTS: tuple[str, ...] = ("w1", "w2")
#: A variant qualifies when every nDCG@10 is within this relative share of the float model's.
NDCG_TOLERANCE = 0.01
EVAL_SETS: tuple[str, ...] = ("taxonomy", "crosslingual")


def quantize_int8(matrix: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """``matrix`` rounded to int8 with one symmetric scale per output column, back in float32."""
    scale = np.abs(matrix).max(axis=0, keepdims=True) / 127.0
    scale = np.where(scale == 0, 1.0, scale).astype(np.float32)
    quantized = np.clip(np.rint(matrix / scale), -127, 127).astype(np.int8)
    restored: npt.NDArray[np.float32] = (quantized.astype(np.float32) * scale).astype(np.float32)
    return restored


class UseMultilingualInt8Embedder(UseMultilingualEmbedder):
    """USE-multilingual v3 with every dense weight matrix quantized to int8 (see the module docstring).

    ``source``, a float model, lends its loaded tokenizer and 8-bit embedding table (shared, not
    copied) so the variant does not read the weights again.
    """

    def __init__(self, *, threads: int = 2, source: UseMultilingualEmbedder | None = None) -> None:
        super().__init__(threads=threads)
        self.model_name = f"{self.model_name}-int8"
        self.model_version = f"{self.model_version}+int8"
        self._source = source
        self._load_lock = threading.Lock()

    def _encode(self, texts: Sequence[str]) -> Vectors:
        with self._load_lock:
            if self._model is None:
                self._model = self._quantized_model()
        return super()._encode(texts)

    def _quantized_model(self) -> Any:
        source = self._source or UseMultilingualEmbedder(threads=self._threads)
        source.embed(["load"])
        model = copy.copy(source._model)
        backend = copy.copy(model._model)  # the NumpyBackend; the table stays shared
        for name in USE_DENSE_WEIGHTS:
            setattr(backend, name, quantize_int8(getattr(backend, name)))
        for name in USE_DENSE_WEIGHT_LISTS:
            setattr(backend, name, [quantize_int8(w) for w in getattr(backend, name)])
        model._backend = backend
        return model


def profile_texts(documents: Sequence[dict[str, object]]) -> list[list[str]]:
    """For each profile document, the texts the featurizer embeds for it (facets, then clauses)."""
    out: list[list[str]] = []
    for document in documents:
        profile = parse_line(json.dumps(document)).profile
        texts = [facet_text(profile, facet) for facet in FACETS]
        for facet in PHRASE_FACETS:
            texts.extend(phrases(facet_text(profile, facet)))
        out.append(texts)
    return out


@dataclass(frozen=True)
class Throughput:
    """One backend's rates."""

    backend: str
    model: str
    dim: int
    load_s: float
    texts: int
    profiles: int
    seconds: float

    @property
    def texts_per_s(self) -> float:
        """Texts embedded per second."""
        return self.texts / self.seconds

    @property
    def profiles_per_s(self) -> float:
        """Profiles (all their texts) embedded per second."""
        return self.profiles / self.seconds


def throughput(name: str, embedder: Embedder, per_profile: Sequence[Sequence[str]]) -> Throughput:
    """Embed every text of ``per_profile`` in one call, after a warm-up call that loads the weights."""
    flat = [text for texts in per_profile for text in texts]
    start = time.perf_counter()
    embedder.embed(flat[:8])
    load = time.perf_counter() - start
    start = time.perf_counter()
    vectors = embedder.embed(flat)
    seconds = time.perf_counter() - start
    if vectors.shape != (len(flat), embedder.dim):
        raise RuntimeError(f"{name} returned {vectors.shape} for {len(flat)} texts")
    return Throughput(
        name, embedder.model_name, embedder.dim, load, len(flat), len(per_profile), max(seconds, 1e-9)
    )


def _ndcg_scores(
    embedder: Embedder, sets: Sequence[str], subjects: int, progress: Callable[[str], object]
) -> dict[tuple[str, str, str], float]:
    """nDCG@10 by (set, direction, ranker) for the service and the embedding baseline."""
    from matchmaker.config import Settings
    from matchmaker.evaluation.runner import evaluate_set, load_set

    out: dict[tuple[str, str, str], float] = {}
    for name in sets:
        scores = evaluate_set(load_set(name), Settings(), embedder, max_subjects=subjects, progress=progress)
        for score in scores:
            if score.ranker in ("service", "embedding"):
                out[(score.set_name, score.direction, score.ranker)] = score.ndcg_at_10
    return out


def _plot(rates: Sequence[Throughput], out: Path) -> str:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axis = plt.subplots(figsize=(7, 3.5))
    names = [r.backend for r in rates]
    axis.barh(names, [r.texts_per_s for r in rates])
    for i, r in enumerate(rates):
        label = f" {r.texts_per_s:,.0f} texts/s, {r.profiles_per_s:,.1f} profiles/s"
        axis.text(r.texts_per_s, i, label, va="center")
    axis.set_xlabel("texts per second")
    axis.set_xlim(0, max(r.texts_per_s for r in rates) * 1.6)
    axis.set_title("Embedding throughput")
    figure.tight_layout()
    name = "embedding_throughput.png"
    figure.savefig(out / name, dpi=100)
    plt.close(figure)
    return name


def run(
    out: Path,
    quick: bool,
    *,
    backends: Sequence[str] | None = None,
    profiles: int | None = None,
    subjects: int | None = None,
    sets: Sequence[str] = EVAL_SETS,
    progress: Callable[[str], object] = print,
) -> Section:
    """Measure every backend's throughput and the int8 variant's throughput and nDCG@10.

    ``profiles`` profiles are embedded per backend (default 300, quick 60) and the nDCG is taken
    over ``subjects`` subjects per direction (default 100, quick 30); ``sets`` empty skips it.
    """
    from matchmaker.evaluation.runner import load_set

    out.mkdir(parents=True, exist_ok=True)
    count = profiles if profiles is not None else (60 if quick else 300)
    per_subjects = subjects if subjects is not None else (30 if quick else 100)
    documents = list(load_set("taxonomy").documents)
    step = max(1, len(documents) // count)
    per_profile = profile_texts(documents[::step][:count])
    chosen = list(backends if backends is not None else BACKENDS)
    rates: list[Throughput] = []
    default: UseMultilingualEmbedder | None = None
    for name in chosen:
        progress(f"embedding bench: {name}")
        embedder = create_embedder(name)
        if name == DEFAULT_BACKEND and isinstance(embedder, UseMultilingualEmbedder):
            default = embedder
        rates.append(throughput(name, embedder, per_profile))
    default = default or UseMultilingualEmbedder()
    variant = UseMultilingualInt8Embedder(source=default)
    progress("embedding bench: use-multilingual int8")
    rates.append(throughput(f"{DEFAULT_BACKEND} int8 (weights)", variant, per_profile))

    throughput_table = Table(
        f"Embedding throughput ({len(per_profile)} taxonomy-set profiles, "
        f"{sum(map(len, per_profile))} texts, one call after a warm-up)",
        ["backend", "model", "dim", "load s", "texts/s", "profiles/s"],
        [[r.backend, r.model, r.dim, r.load_s, r.texts_per_s, r.profiles_per_s] for r in rates],
    )
    tables = [throughput_table]
    notes = [
        "Texts per profile: its four facet texts and the clauses of its offering and seeking, as "
        f"the featurizer embeds them ({sum(map(len, per_profile)) / len(per_profile):.1f} on average).",
    ]
    data: dict[str, Any] = {"throughput": [r.__dict__ | {"texts_per_s": r.texts_per_s} for r in rates]}
    if sets:
        progress("embedding bench: nDCG@10 of the float model")
        base = _ndcg_scores(default, sets, per_subjects, progress)
        progress("embedding bench: nDCG@10 of the int8 variant")
        quantized = _ndcg_scores(variant, sets, per_subjects, progress)
        rows: list[list[Any]] = []
        worst = 0.0
        for key, value in base.items():
            other = quantized[key]
            change = (other - value) / value if value else 0.0
            worst = min(worst, change)
            rows.append([key[0], key[1], key[2], value, other, 100 * change])
        qualifies = worst >= -NDCG_TOLERANCE
        tables.append(
            Table(
                f"nDCG@10, USE-multilingual float against int8 weights "
                f"({per_subjects} subjects per direction)",
                ["set", "direction", "ranker", "float", "int8", "change %"],
                rows,
            )
        )
        floats = [r for r in rates if r.backend == DEFAULT_BACKEND]
        speedup = rates[-1].texts_per_s / floats[0].texts_per_s if floats else float("nan")
        verdict = (
            "it keeps the quality and is faster"
            if qualifies and speedup > 1.05
            else "it buys no speed (the numpy backend has no int8 matrix product: the weights are "
            "dequantized to float32), so it is not worth adopting"
            if qualifies
            else "it loses more quality than allowed"
        )
        notes.append(
            f"int8 variant: worst nDCG@10 change {100 * worst:+.2f}% "
            f"({'within' if qualifies else 'outside'} the 1% allowed); throughput x{speedup:.2f} of the "
            f"float model: {verdict}."
        )
        data["ndcg"] = {"|".join(k): {"float": v, "int8": quantized[k]} for k, v in base.items()}
        data["int8_qualifies_on_quality"] = qualifies
    plots = [_plot(rates, out)]
    return Section("Embedding", notes=notes, tables=tables, plots=plots, data=data)
