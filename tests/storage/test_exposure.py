"""The market state's incremental reads: served items since a time, feedback after an id, only of those who allow it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from matchmaker.domain import (
    Caller,
    CallerRole,
    FeedbackAction,
    PreferencesPatch,
    RecommendationPage,
    RecommendQuery,
    Role,
)
from matchmaker.importer import import_file
from matchmaker.runtime import Runtime, open_runtime
from matchmaker.storage.exposure import ExposureRepository, served_counts_statement
from matchmaker.storage.tables import SERVED_DECISION_INDEX
from tests.support import HashingEmbedder, make_settings, read_fixture_lines

ADMIN = Caller(client="ops", role=CallerRole.ADMIN)


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 5, 1, 9, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def _runtime(tmp_path: Path, clock: Clock, database_url: str | None = None) -> tuple[Runtime, list[str]]:
    runtime = open_runtime(make_settings(tmp_path, database_url), clock, embedder=HashingEmbedder())
    lines = read_fixture_lines("exhibitors.jsonl")[:6] + read_fixture_lines("purchasers.jsonl")[:4]
    path = tmp_path / "profiles.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert import_file(runtime.engine, path).failed == 0
    catalog = runtime.engine.matcher.catalog(Role.PURCHASER)
    return runtime, sorted(pid for pid in catalog.ids if pid is not None)


def _serve(
    runtime: Runtime, subject: str, *, non_personalized: bool = False, page_token: str = ""
) -> RecommendationPage:
    caller = Caller(client="portal", role=CallerRole.PORTAL, acting_user=subject)
    query = RecommendQuery(
        subject_id=subject,
        candidate_role=Role.EXHIBITOR,
        limit=3,
        non_personalized=non_personalized,
        page_token=page_token,
    )
    return runtime.engine.recommend(caller, query)


def _request(runtime: Runtime, subject: str, page: RecommendationPage) -> None:
    caller = Caller(client="portal", role=CallerRole.PORTAL, acting_user=subject)
    runtime.engine.record_feedback(
        caller, page.decision_id, page.items[0].item.candidate_id, FeedbackAction.REQUEST_MEETING
    )


def test_served_since_and_feedback_after_read_only_what_is_new_and_allowed(tmp_path: Path) -> None:
    clock = Clock()
    runtime, purchasers = _runtime(tmp_path, clock)
    try:
        stored = ExposureRepository(runtime.db)
        first, second, one_off, untracked = purchasers[:4]
        page = _serve(runtime, first)
        _request(runtime, first, page)
        clock.now += timedelta(minutes=10)
        later = _serve(runtime, second)
        _request(runtime, second, later)
        # Not personalised for this request; do_not_track: neither is read.
        _request(runtime, one_off, _serve(runtime, one_off, non_personalized=True))
        runtime.engine.update_preferences(ADMIN, untracked, PreferencesPatch(do_not_track=True))
        _serve(runtime, untracked)

        since = {s for s, _, _, _ in stored.served_since(clock.now - timedelta(minutes=1))}
        assert since == {second}, "only what was served from then on, of those who allow it"
        assert {s for s, _, _, _ in stored.served_since(None)} == {first, second}
        ranks = {(c, r) for s, c, r, _ in stored.served_since(None) if s == first}
        assert ranks == {(s.item.candidate_id, s.item.rank) for s in page.items}
        # With the time of the decision that served them, what the retention purge goes by.
        times = {s: {d for s2, _, _, d in stored.served_since(None) if s2 == s} for s in (first, second)}
        assert times == {first: {clock.now - timedelta(minutes=10)}, second: {clock.now}}

        events = stored.feedback_after(0)
        assert [(s, a) for _, s, _, a, _, _ in events] == [
            (first, FeedbackAction.REQUEST_MEETING),
            (second, FeedbackAction.REQUEST_MEETING),
        ]
        # When each was recorded, and when the decision it answers was made.
        assert [e[4:] for e in events] == [
            (clock.now - timedelta(minutes=10), clock.now - timedelta(minutes=10)),
            (clock.now, clock.now),
        ]
        first_id, second_id = events[0][0], events[1][0]
        assert [e[0] for e in stored.feedback_after(first_id)] == [second_id]
        assert [e[0] for e in stored.feedback_after(second_id, also={first_id})] == [first_id]
        # The one-off's event was stored with a higher id, but it is not read.
        assert stored.feedback_after(second_id) == []

        # Opting out takes a subject's rows out of every read.
        runtime.engine.update_preferences(ADMIN, second, PreferencesPatch(personalized_recommendations=False))
        assert list(stored.served_since(clock.now - timedelta(minutes=1))) == []
        assert [e[1] for e in stored.feedback_after(0)] == [first]
    finally:
        runtime.close()


def _counts_and_items(tmp_path: Path, database_url: str | None) -> None:
    clock = Clock()
    runtime, purchasers = _runtime(tmp_path, clock, database_url)
    try:
        stored = ExposureRepository(runtime.db)
        first, second, untracked = purchasers[:3]
        page = _serve(runtime, first)
        clock.now += timedelta(minutes=10)
        later = _serve(runtime, second)
        runtime.engine.update_preferences(ADMIN, untracked, PreferencesPatch(do_not_track=True))
        hidden = _serve(runtime, untracked)
        window = clock.now - timedelta(minutes=1)
        # Counts of anyone's decisions (ids and numbers only); the items only of those who allow it.
        assert stored.served_counts_since(window) == {later.decision_id: 3, hidden.decision_id: 3}
        assert stored.served_counts_since(window - timedelta(minutes=10)) == {
            page.decision_id: 3,
            later.decision_id: 3,
            hidden.decision_id: 3,
        }
        read = list(stored.served_of([later.decision_id, hidden.decision_id]))
        assert {d for d, _ in read} == {later.decision_id}
        assert sorted(r for _, r in read) == sorted(
            (second, s.item.candidate_id, s.item.rank, clock.now) for s in later.items
        )
        # A later page served changes its decision's count in the window; served_of reads it whole.
        clock.now += timedelta(minutes=10)
        _serve(runtime, second, page_token=later.next_page_token)
        window = clock.now - timedelta(minutes=1)
        assert stored.served_counts_since(window) == {later.decision_id: 3}
        assert stored.served_counts_since(window - timedelta(minutes=10)) == {
            later.decision_id: 6,
            hidden.decision_id: 3,
        }
        whole = [r for _, r in stored.served_of([later.decision_id])]
        assert sorted(rank for _, _, rank, _ in whole) == [1, 2, 3, 4, 5, 6]
        assert {decided for *_, decided in whole} == {clock.now - timedelta(minutes=10)}
        assert list(stored.served_of([])) == []
    finally:
        runtime.close()


def test_served_counts_since_and_served_of(tmp_path: Path) -> None:
    _counts_and_items(tmp_path, None)


def test_served_counts_read_only_the_window_of_the_index_on_sqlite(tmp_path: Path) -> None:
    runtime = open_runtime(make_settings(tmp_path), Clock(), embedder=HashingEmbedder())
    try:
        statement = served_counts_statement(datetime(2026, 5, 1, tzinfo=UTC))
        compiled = statement.compile(runtime.db.reader)
        with runtime.db.reader.connect() as connection:
            plan = connection.exec_driver_sql(
                f"EXPLAIN QUERY PLAN {compiled}", tuple(compiled.params.values())
            ).all()
        details = " ".join(str(row[-1]) for row in plan)
        assert f"SEARCH decision_items USING COVERING INDEX {SERVED_DECISION_INDEX} (served_at>?)" in details
    finally:
        runtime.close()


def test_served_counts_since_and_served_of_on_postgresql(tmp_path: Path, postgres_url: str) -> None:
    _counts_and_items(tmp_path, postgres_url)


def test_a_purge_of_the_newest_feedback_never_lets_its_ids_be_handed_out_again(tmp_path: Path) -> None:
    """Replicas read feedback after the highest id they applied: an id must never come back."""
    clock = Clock()
    runtime, purchasers = _runtime(tmp_path, clock)
    try:
        stored = ExposureRepository(runtime.db)
        _request(runtime, purchasers[0], _serve(runtime, purchasers[0]))
        _request(runtime, purchasers[1], _serve(runtime, purchasers[1]))
        highest = stored.last_feedback_id()
        clock.now += timedelta(days=400)  # past both retention periods: every row goes
        assert runtime.engine.purge().feedback == 2
        assert stored.last_feedback_id() == 0
        _request(runtime, purchasers[2], _serve(runtime, purchasers[2]))
        assert [e[0] for e in stored.feedback_after(highest)] == [highest + 1]
    finally:
        runtime.close()


def _served_index_is_partial(tmp_path: Path, database_url: str | None) -> None:
    """Only served items are in the (served_at, decision_id) index (migration 0014)."""
    runtime = open_runtime(make_settings(tmp_path, database_url), Clock(), embedder=HashingEmbedder())
    try:
        with runtime.db.reader.connect() as connection:
            if runtime.db.backend == "postgresql":
                definition = connection.exec_driver_sql(
                    "SELECT indexdef FROM pg_indexes WHERE indexname = %s", (SERVED_DECISION_INDEX,)
                ).scalar_one()
                assert definition.endswith("WHERE (served_at IS NOT NULL)")
            else:
                listed = connection.exec_driver_sql("PRAGMA index_list(decision_items)").all()
                partial = {row[1]: row[4] for row in listed}  # (seq, name, unique, origin, partial)
                assert partial[SERVED_DECISION_INDEX] == 1
                assert partial["ix_decision_items_candidate_id"] == 0  # erasure reads every item
    finally:
        runtime.close()


def test_the_served_index_holds_only_served_items_on_sqlite(tmp_path: Path) -> None:
    _served_index_is_partial(tmp_path, None)


def test_the_served_index_holds_only_served_items_on_postgresql(tmp_path: Path, postgres_url: str) -> None:
    _served_index_is_partial(tmp_path, postgres_url)
