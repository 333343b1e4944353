"""A start after another process changed the database loads the saved indexes and catches up."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import numpy as np
import pytest

from matchmaker.domain import Role
from matchmaker.importer import import_file
from matchmaker.runtime import Runtime, open_runtime
from tests.support import HashingEmbedder, make_settings, read_fixture_lines


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _vectors(runtime: Runtime, role: Role) -> dict[str, bytes]:
    catalog = runtime.engine.matcher.catalog(role)
    return {
        pid: catalog.vectors.vector(key).tobytes() for key, pid in enumerate(catalog.ids) if pid is not None
    }


def test_start_after_a_separate_import_catches_up_instead_of_rebuilding(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = make_settings(tmp_path)
    purchasers = read_fixture_lines("purchasers.jsonl")[:30]
    exhibitors = read_fixture_lines("exhibitors.jsonl")[:10]
    first = open_runtime(settings, embedder=HashingEmbedder())
    assert import_file(first.engine, _write(tmp_path / "a.jsonl", purchasers + exhibitors)).failed == 0
    first.engine.save_index()
    first.close()

    # Another process: two new purchasers, one changed text, one purchaser re-registered as exhibitor.
    changed = json.loads(purchasers[3])
    changed["seeking"] = "olive oil and balsamic vinegar from Italy"
    moved = json.loads(exhibitors[0])
    moved["id"] = json.loads(purchasers[5])["id"]
    later = [*read_fixture_lines("purchasers.jsonl")[30:32], json.dumps(changed), json.dumps(moved)]
    second = open_runtime(settings, embedder=HashingEmbedder())
    assert import_file(second.engine, _write(tmp_path / "b.jsonl", later)).failed == 0
    second.close()  # exits without saving the indexes, as `matchmaker import` does

    embedder = HashingEmbedder()
    with caplog.at_level(logging.INFO, logger="matchmaker.matching.matcher"):
        third = open_runtime(settings, embedder=embedder)
    try:
        matcher = third.engine.matcher
        assert matcher.loaded_from_disk
        assert embedder.calls == 0, "every text is in the cache"
        assert matcher.indexed_at_build == 4  # two new, one changed, one that changed sides
        assert "rebuilding" not in caplog.text
        assert "saved purchaser index (position" in caplog.text and "caught up" in caplog.text
        caught_up = {role: _vectors(third, role) for role in Role if role is not Role.UNSPECIFIED}
    finally:
        third.close()

    third.engine.matcher.discard_saved()
    rebuilt = open_runtime(settings, embedder=HashingEmbedder())
    try:
        assert not rebuilt.engine.matcher.loaded_from_disk
        for role, vectors in caught_up.items():
            assert vectors == _vectors(rebuilt, role)
        catalog = rebuilt.engine.matcher.catalog(Role.PURCHASER)
        assert moved["id"] not in catalog and changed["id"] in catalog
        key = catalog.key(changed["id"])
        assert key is not None
        keys, _scores = catalog.vectors.search(np.asarray(catalog.vectors.vector(key)), 1)
        assert catalog.profile_id(int(keys[0])) == changed["id"]
    finally:
        rebuilt.close()
