"""FaissIndex.save / FaissIndex.load: round trips, atomic replacement, and every way a load must fail."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from matchmaker.index.faiss_index import FaissIndex
from matchmaker.index.index_kind import IndexKind
from matchmaker.index.index_load_error import IndexLoadError
from matchmaker.index.snapshot_directory import MANIFEST

DIM = 12


def build(kind: IndexKind, n: int = 300) -> FaissIndex:
    threshold = 100 if kind is IndexKind.HNSW else 10_000
    index = FaissIndex(
        DIM, hnsw_threshold=threshold, hnsw_m=8, ef_construction=40, exact_count=0, exact_fraction=0.0
    )
    vectors = np.random.default_rng(0).standard_normal((n, DIM)).astype(np.float32)
    index.upsert(list(range(0, 2 * n, 2)), vectors)  # sparse keys
    index.remove([0, 10, 20])  # tombstones below the compaction ratio
    index.upsert([2], vectors[:1] * 2)  # and a replacement
    assert index.kind is kind and index.stored > len(index)
    return index


def all_results(index: FaissIndex) -> list[tuple[list[int], list[float]]]:
    queries = np.random.default_rng(1).standard_normal((10, DIM)).astype(np.float32)
    allowed = np.zeros(700, dtype=bool)
    allowed[::3] = True
    results = []
    for mask in (None, allowed):
        for keys, scores in index.search_many(queries, 10, mask):
            results.append((keys.tolist(), scores.tolist()))
    return results


@pytest.mark.parametrize("kind", list(IndexKind))
def test_round_trip_gives_equal_results_and_metadata(tmp_path: Path, kind: IndexKind) -> None:
    index = build(kind)
    metadata: dict[str, object] = {
        "change_position": 1234,
        "model_version": "minilm-2",
        "nested": {"a": [1, 2.5, None]},
    }
    index.save(tmp_path, metadata)
    loaded, loaded_metadata = FaissIndex.load(tmp_path)
    assert loaded_metadata == metadata
    assert loaded.kind is kind and loaded.parameters == index.parameters and loaded.dim == DIM
    assert len(loaded) == len(index) and loaded.keys().tolist() == index.keys().tolist()
    # The same keys in the same order; scores to float rounding (a saved flat index is compacted,
    # so its unfiltered scan may sum in another order than the original's masked one).
    for (keys, scores), (expected_keys, expected_scores) in zip(
        all_results(loaded), all_results(index), strict=True
    ):
        assert keys == expected_keys
        np.testing.assert_allclose(scores, expected_scores, rtol=1e-6)
    for key in (2, 4, 598):
        np.testing.assert_array_equal(loaded.vector(key), index.vector(key))
    # The loaded index stays writable and consistent.
    loaded.upsert([1001], np.ones((1, DIM), dtype=np.float32))
    loaded.remove([4])
    assert 1001 in loaded and 4 not in loaded and len(loaded) == len(index)


def test_loading_a_graph_does_not_rebuild_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build(IndexKind.HNSW).save(tmp_path, {})

    def no_rebuild(*_: object) -> None:
        raise AssertionError("load rebuilt the graph")

    monkeypatch.setattr(FaissIndex, "_rebuild", no_rebuild)
    loaded, _ = FaissIndex.load(tmp_path)
    assert loaded.kind is IndexKind.HNSW


def test_flat_index_is_saved_compacted(tmp_path: Path) -> None:
    index = build(IndexKind.FLAT)
    index.save(tmp_path, {})
    loaded, _ = FaissIndex.load(tmp_path)
    assert loaded.stored == len(loaded) == len(index)


def test_save_replaces_the_previous_snapshot_and_leaves_no_stray_files(tmp_path: Path) -> None:
    index = build(IndexKind.HNSW)
    index.save(tmp_path, {"position": 1})
    first = {path.name for path in tmp_path.iterdir()}
    index.upsert([5000], np.ones((1, DIM), dtype=np.float32))
    index.save(tmp_path, {"position": 2})
    second = {path.name for path in tmp_path.iterdir()}
    assert len(second) == len(first) == 4  # manifest, lock, index file, keys file
    assert not {name for name in second if name.startswith(".tmp-")}
    assert (first - {MANIFEST, ".lock"}).isdisjoint(second)
    loaded, metadata = FaissIndex.load(tmp_path)
    assert metadata == {"position": 2} and 5000 in loaded


def test_a_failed_save_keeps_the_previous_snapshot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    index = build(IndexKind.FLAT)
    index.save(tmp_path, {"position": 1})
    before = sorted(path.name for path in tmp_path.iterdir())

    def failing_save(*_: object, **__: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(np, "save", failing_save)
    with pytest.raises(OSError, match="disk full"):
        index.save(tmp_path, {"position": 2})
    monkeypatch.undo()
    assert sorted(path.name for path in tmp_path.iterdir()) == before
    assert FaissIndex.load(tmp_path)[1] == {"position": 1}


@pytest.mark.parametrize("metadata", [{"when": object()}, {"ratio": float("nan")}])
def test_metadata_must_be_json(tmp_path: Path, metadata: dict[str, object]) -> None:
    with pytest.raises((TypeError, ValueError)):
        build(IndexKind.FLAT).save(tmp_path, metadata)
    assert not (tmp_path / MANIFEST).exists()


def manifest_of(directory: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((directory / MANIFEST).read_text())
    return loaded


def data_file(directory: Path, role: str) -> Path:
    return directory / manifest_of(directory)["files"][role]["name"]


def edit_manifest(change: Callable[[dict[str, Any]], None]) -> Callable[[Path], None]:
    def edit(directory: Path) -> None:
        manifest = manifest_of(directory)
        change(manifest)
        (directory / MANIFEST).write_text(json.dumps(manifest))

    return edit


def flip_a_byte(role: str) -> Callable[[Path], None]:
    def flip(directory: Path) -> None:
        path = data_file(directory, role)
        data = bytearray(path.read_bytes())
        data[len(data) // 2] ^= 0xFF
        path.write_bytes(bytes(data))

    return flip


def truncate(role: str) -> Callable[[Path], None]:
    def cut(directory: Path) -> None:
        path = data_file(directory, role)
        path.write_bytes(path.read_bytes()[:100])

    return cut


def replace_keys(keys: np.ndarray) -> Callable[[Path], None]:
    """Write a different keys file and make the manifest's checksum agree (only the content is wrong)."""

    def replace(directory: Path) -> None:
        import hashlib

        path = data_file(directory, "keys")
        with path.open("wb") as stream:
            np.save(stream, keys)
        data = path.read_bytes()

        def fix(manifest: dict[str, Any]) -> None:
            manifest["files"]["keys"].update(bytes=len(data), sha256=hashlib.sha256(data).hexdigest())

        edit_manifest(fix)(directory)

    return replace


def set_field(field: str, value: object) -> Callable[[dict[str, Any]], None]:
    def change(manifest: dict[str, Any]) -> None:
        manifest[field] = value

    return change


CORRUPTIONS: dict[str, Callable[[Path], None]] = {
    "no manifest": lambda directory: (directory / MANIFEST).unlink(),
    "manifest not json": lambda directory: (directory / MANIFEST).write_text("{not json"),
    "manifest not utf-8": lambda directory: (directory / MANIFEST).write_bytes(b"\xff\xfe\x00"),
    "manifest is a list": lambda directory: (directory / MANIFEST).write_text("[]"),
    "no index file": lambda directory: data_file(directory, "index").unlink(),
    "no keys file": lambda directory: data_file(directory, "keys").unlink(),
    "index byte flipped": flip_a_byte("index"),
    "keys byte flipped": flip_a_byte("keys"),
    "index truncated": truncate("index"),
    "keys truncated": truncate("keys"),
    "wrong format": edit_manifest(set_field("format", "something-else")),
    "newer version": edit_manifest(set_field("version", 99)),
    "unknown kind": edit_manifest(set_field("kind", "ivf")),
    "kind mismatch": edit_manifest(set_field("kind", "flat")),
    "dim mismatch": edit_manifest(set_field("dim", DIM + 1)),
    "live count mismatch": edit_manifest(set_field("live", 7)),
    "missing field": edit_manifest(lambda manifest: manifest.pop("parameters")),
    "unknown parameter": edit_manifest(lambda manifest: manifest["parameters"].update(colour="red")),
    "bad parameter": edit_manifest(lambda manifest: manifest["parameters"].update(compact_ratio=7)),
    "degree mismatch": edit_manifest(lambda manifest: manifest["parameters"].update(hnsw_m=16)),
    "path outside the directory": edit_manifest(
        lambda manifest: manifest["files"]["index"].update(name="../index.faiss")
    ),
    "file entry missing": edit_manifest(lambda manifest: manifest["files"].pop("keys")),
    "keys of another length": replace_keys(np.arange(5, dtype=np.int64)),
    "keys not int64": replace_keys(np.zeros(300 + 1, dtype=np.float64)),
}


@pytest.mark.parametrize("corruption", sorted(CORRUPTIONS))
def test_corrupt_or_mismatched_files_raise_index_load_error(tmp_path: Path, corruption: str) -> None:
    build(IndexKind.HNSW).save(tmp_path, {"position": 3})
    CORRUPTIONS[corruption](tmp_path)
    with pytest.raises(IndexLoadError):
        FaissIndex.load(tmp_path)


def test_duplicate_keys_raise_index_load_error(tmp_path: Path) -> None:
    index = build(IndexKind.HNSW)
    index.save(tmp_path, {})
    stored = np.load(data_file(tmp_path, "keys"))
    live = np.flatnonzero(stored >= 0)
    stored[live[1]] = stored[live[0]]
    replace_keys(stored)(tmp_path)
    with pytest.raises(IndexLoadError, match="inconsistent"):
        FaissIndex.load(tmp_path)


def test_missing_directory_and_unexpected_dimension(tmp_path: Path) -> None:
    with pytest.raises(IndexLoadError):
        FaissIndex.load(tmp_path / "never-saved")
    build(IndexKind.FLAT).save(tmp_path, {})
    with pytest.raises(IndexLoadError, match="dimension"):
        FaissIndex.load(tmp_path, dim=DIM * 2)
    assert FaissIndex.load(tmp_path, dim=DIM)[0].dim == DIM
