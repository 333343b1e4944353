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


def test_a_decision_keeps_its_explanations_in_one_compressed_blob_and_older_rows_still_read(
    tmp_path: Path,
) -> None:
    from sqlalchemy import insert, select

    from matchmaker.storage.tables import DecisionItemRow, DecisionRow

    db = Database(f"sqlite:///{tmp_path / 'd.db'}")
    migrate.upgrade(db)
    repo = DecisionRepository(db)
    repo.record(decision(1), served=3, now=NOW)
    with db.read() as session:
        blob = session.scalars(select(DecisionRow.explanations).where(DecisionRow.id == "d-1")).one()
        documents = session.scalars(select(DecisionItemRow.explanation)).all()
    assert blob is not None and documents == [{}] * 5
    assert repo.get("d-1") == decision(1)
    # A decision stored before the blob: each item holds its own document.
    old = decision(2)
    with db.write() as session:
        session.execute(
            insert(DecisionRow),
            [
                {
                    "id": old.id,
                    "subject_id": old.subject_id,
                    "candidate_role": "exhibitor",
                    "decided_at": NOW,
                    "personalized": True,
                    "model_version": old.model_version,
                    "weights_version": "",
                    "parameters": dict(old.parameters),
                    "filters": {"countries": ["DE"], "categories": [], "halls": [], "languages": []},
                    "data_used": list(old.data_used),
                    "subject_languages": ["en"],
                    "explanations": None,
                }
            ],
        )
        session.execute(
            insert(DecisionItemRow),
            [
                {
                    "decision_id": old.id,
                    "rank": item.rank,
                    "candidate_id": item.candidate_id,
                    "score": item.score,
                    "explanation": {
                        "headline": item.headline,
                        "factors": [
                            {
                                "name": f.name,
                                "direction": f.direction.value,
                                "weight": f.weight,
                                "similarity": f.similarity,
                                "contribution": f.contribution,
                                "evidence": list(f.evidence),
                            }
                            for f in item.factors
                        ],
                        "adjustments": [{"name": a.name, "contribution": a.contribution} for a in item.adjustments],
                    },
                    "served_at": None,
                }
                for item in old.items
            ],
        )
    assert repo.get("d-2") == old
    repo.close()
    db.dispose()


def test_erasing_a_candidate_scrubs_its_item_inside_the_blob_and_nothing_else(tmp_path: Path) -> None:
    from matchmaker.domain import Profile
    from matchmaker.storage.crypto import FieldCipher
    from matchmaker.storage.erasure import ErasureRepository
    from matchmaker.storage.repositories import PreferencesPatch, ProfileRepository, ProfileWrite

    db = Database(f"sqlite:///{tmp_path / 'd.db'}")
    migrate.upgrade(db)
    cipher = FieldCipher(b"k" * 32)
    ProfileRepository(db, cipher).upsert(
        ProfileWrite(
            Profile(id="exh-2", role=Role.EXHIBITOR, organization="Seller", country="NO"), PreferencesPatch()
        ),
        NOW,
    )
    repo = DecisionRepository(db)
    repo.record(decision(1), served=3, now=NOW)
    assert ErasureRepository(db, cipher).erase("exh-2", "erased:x", NOW) is not None
    stored = repo.get("d-1")
    assert stored is not None
    before = decision(1)
    for kept, original in zip(stored.items, before.items, strict=True):
        if original.candidate_id == "exh-2":
            assert kept.candidate_id == "erased:x" and kept.headline == "[erased]"
            assert [f.evidence for f in kept.factors] == [("[erased]",)]
            assert kept.score == original.score and kept.factors[0].contribution == original.factors[0].contribution
        else:
            assert kept == original
    repo.close()
    db.dispose()


def _stored_items_equal_a_core_insert(url: str) -> None:
    """The writer's driver-level rows are the rows a Core insert of the same values stores."""
    from sqlalchemy import insert, select

    from matchmaker.storage.tables import DecisionItemRow, DecisionRow

    db = Database(url)
    migrate.upgrade(db)
    repo = DecisionRepository(db)
    repo.record(decision(1), served=3, now=NOW)
    repo.close()
    reference = decision(2)
    with db.write() as session:
        row = session.get(DecisionRow, "d-1")
        assert row is not None
        session.execute(
            insert(DecisionRow),
            [
                {
                    column.key: getattr(row, column.key) if column.key != "id" else reference.id
                    for column in DecisionRow.__table__.columns
                }
            ],
        )
        session.execute(
            insert(DecisionItemRow),
            [
                {
                    "decision_id": reference.id,
                    "rank": item.rank,
                    "candidate_id": item.candidate_id,
                    "score": item.score,
                    "explanation": {},
                    "served_at": NOW if item.rank <= 3 else None,
                }
                for item in reference.items
            ],
        )

    def rows(decision_id: str) -> list[tuple[object, ...]]:
        with db.read() as session:
            stored = session.scalars(
                select(DecisionItemRow).where(DecisionItemRow.decision_id == decision_id).order_by(DecisionItemRow.rank)
            ).all()
            return [(r.rank, r.candidate_id, r.score, r.explanation, r.served_at) for r in stored]

    written, expected = rows("d-1"), rows("d-2")
    assert len(written) == 5 and written == expected
    assert [r[4] is not None for r in written] == [True, True, True, False, False]
    # The very values in the database, not only as read back through the ORM.
    from sqlalchemy import text

    with db.read() as session:
        raw = session.execute(
            text("SELECT decision_id, served_at, explanation FROM decision_items ORDER BY decision_id, rank")
        ).all()
    assert [tuple(r[1:]) for r in raw[:5]] == [tuple(r[1:]) for r in raw[5:]]
    db.dispose()


def test_stored_items_equal_a_core_insert_on_sqlite(tmp_path: Path) -> None:
    _stored_items_equal_a_core_insert(f"sqlite:///{tmp_path / 'd.db'}")


def test_stored_items_equal_a_core_insert_on_postgresql(postgres_url: str) -> None:
    _stored_items_equal_a_core_insert(postgres_url)
