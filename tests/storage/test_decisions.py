"""Decision records: group commit, and nothing acknowledged is lost."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path

from matchmaker.domain import Adjustment, Decision, Direction, Factor, RankedItem, RecommendFilter, Role
from matchmaker.storage import migrate
from matchmaker.storage.database import Database
from matchmaker.storage.decisions import DecisionRepository

NOW = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)


def decision(number: int) -> Decision:
    factor = Factor("categories", Direction.SUBJECT_TO_CANDIDATE, 0.16, 0.5, 0.08, ("Food > Seafood",))
    items = tuple(
        RankedItem(
            f"exh-{rank}",
            rank,
            0.08 - 0.001 * rank,
            (factor,),
            (Adjustment("diversity", -0.001 * rank),),
            "Shares your category",
        )
        for rank in range(1, 6)
    )
    return Decision(
        f"d-{number}",
        f"pur-{number}",
        Role.EXHIBITOR,
        NOW,
        True,
        "m@1",
        {"weight.categories": 0.16},
        RecommendFilter(countries=("DE",)),
        ("seeking",),
        items,
        ("en",),
    )


def test_concurrent_decisions_share_transactions_and_all_land(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'd.db'}")
    migrate.upgrade(db)
    repo = DecisionRepository(db, linger_seconds=0.05)
    start = threading.Barrier(16)

    def record(n: int) -> None:
        start.wait()
        repo.record(decision(n), served=3, now=NOW)

    threads = [threading.Thread(target=record, args=(n,)) for n in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert repo.transactions < 16
    for n in range(16):
        stored = repo.get(f"d-{n}")
        assert stored == decision(n)
    assert repo.served_pairs_for("pur-3") == {"exh-1", "exh-2", "exh-3"}
    assert repo.served_pairs_for("exh-4") == set()
    repo.close()
    db.dispose()
