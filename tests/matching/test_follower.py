"""Two engines on one database follow each other through the change log (in-process replicas)."""

from __future__ import annotations

import base64
import threading
import time
from pathlib import Path

import numpy as np

from matchmaker.config import Settings
from matchmaker.domain import Caller, CallerRole, PreferencesPatch, Role
from matchmaker.importer import import_file
from matchmaker.matching.follower import ChangeFollower
from matchmaker.runtime import Runtime, open_runtime
from tests.support import HashingEmbedder, make_settings, read_fixture_lines

ADMIN = Caller(client="ops", role=CallerRole.ADMIN)
KEY = base64.b64encode(bytes(range(32))).decode()


def _settings(home: Path, database: str) -> Settings:
    return make_settings(home, database, encryption_key=KEY)  # one key for every replica


def _pair(tmp_path: Path) -> tuple[Runtime, Runtime]:
    """Replica A and B: one database, their own data directories (and so their own index files)."""
    database = f"sqlite:///{tmp_path / 'shared.db'}"
    a = open_runtime(_settings(tmp_path / "a", database), embedder=HashingEmbedder())
    b = open_runtime(_settings(tmp_path / "b", database), embedder=HashingEmbedder())
    return a, b


def _import(runtime: Runtime, tmp_path: Path) -> list[str]:
    lines = read_fixture_lines("exhibitors.jsonl")[:12] + read_fixture_lines("purchasers.jsonl")[:8]
    path = tmp_path / "profiles.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert import_file(runtime.engine, path).failed == 0
    exhibitors = runtime.engine.matcher.catalog(Role.EXHIBITOR)
    return [pid for pid in exhibitors.ids if pid is not None]


def test_catch_up_applies_the_other_replicas_writes_preferences_and_erasures(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a, b = _pair(tmp_path)
    try:
        exhibitors = _import(a, tmp_path)
        assert len(b.engine.matcher.catalog(Role.EXHIBITOR)) == 0
        assert b.engine.catch_up() > 0
        catalog = b.engine.matcher.catalog(Role.EXHIBITOR)
        assert sorted(pid for pid in catalog.ids if pid) == sorted(exhibitors)
        b.engine.save_index()  # B keeps index files of its own

        hidden, erased = exhibitors[0], exhibitors[1]
        a.engine.update_preferences(ADMIN, hidden, PreferencesPatch(discoverable=False))
        erased_key = catalog.key(erased)
        assert erased_key is not None
        erased_vector = catalog.vectors.vector(erased_key).copy()
        a.engine.erase(ADMIN, erased)
        assert b.engine.catch_up() == 2
        catalog = b.engine.matcher.catalog(Role.EXHIBITOR)
        hidden_key = catalog.key(hidden)
        assert hidden_key is not None and not catalog.eligible_at(hidden_key)
        assert erased not in catalog
        assert b.engine.catch_up() == 0, "applied once"
    finally:
        a.close()
        b.close()

    # B rewrote its own index files without the erased user's vector.
    reopened = open_runtime(
        _settings(tmp_path / "b", f"sqlite:///{tmp_path / 'shared.db'}"), embedder=HashingEmbedder()
    )
    try:
        catalog = reopened.engine.matcher.catalog(Role.EXHIBITOR)
        assert reopened.engine.matcher.loaded_from_disk
        stored = [catalog.vectors.vector(k) for k, pid in enumerate(catalog.ids) if pid is not None]
        assert not any(np.array_equal(v, erased_vector) for v in stored)
    finally:
        reopened.close()


class _Engine:
    """Test fake of what the follower drives: counts rounds, fails once."""

    def __init__(self) -> None:
        self.rounds = 0
        self.saves = 0
        self.woken = threading.Event()

    def catch_up(self) -> int:
        self.rounds += 1
        if self.rounds == 1:
            raise RuntimeError("database unavailable")
        self.woken.set()
        return 1

    def save_index_if_moved(self) -> bool:
        self.saves += 1
        return True


class _Notifier:
    def __init__(self) -> None:
        self.closed = False

    def wait(self, timeout: float) -> bool:
        time.sleep(min(timeout, 0.01))
        return True

    def close(self) -> None:
        self.closed = True


def test_the_follower_keeps_going_after_a_failed_round_and_saves_snapshots() -> None:
    engine, notifier = _Engine(), _Notifier()
    follower = ChangeFollower(engine, notifier, poll_seconds=0.01, snapshot_seconds=0.0)
    follower.start()
    try:
        assert engine.woken.wait(5), "a failed round must not stop the follower"
    finally:
        follower.stop()
    assert notifier.closed
    assert follower.applied >= 1 and engine.saves >= 1
