"""The congestion stage's market state shared across replicas: what one serves and records, the others take in.

Two engines on one database (in-process replicas, as in tests/matching/test_follower.py), on SQLite
and on the local PostgreSQL; and the follower's watermarks on their own, with a fake store.
"""

from __future__ import annotations

import base64
from collections.abc import Collection, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from matchmaker.config import RankingSettings, Settings
from matchmaker.domain import (
    Caller,
    CallerRole,
    FeedbackAction,
    PreferencesPatch,
    Profile,
    RecommendationPage,
    RecommendQuery,
    Role,
)
from matchmaker.importer import import_file
from matchmaker.ranking.congestion import NAME, CongestionParameters, MarketFollower, MarketState
from matchmaker.runtime import Runtime, open_runtime
from tests.support import HashingEmbedder, make_settings, read_fixture_lines

ADMIN = Caller(client="ops", role=CallerRole.ADMIN)
KEY = base64.b64encode(bytes(range(32))).decode()
# One slot per exhibitor, so that one held meeting fills it; refresh before every recommendation.
RANKING = RankingSettings(congestion_default_capacity=1, congestion_refresh_seconds=0)


def _settings(home: Path, database: str) -> Settings:
    return make_settings(home, database, encryption_key=KEY, ranking=RANKING)


def _pair(tmp_path: Path, database: str) -> tuple[Runtime, Runtime]:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a = open_runtime(_settings(tmp_path / "a", database), embedder=HashingEmbedder())
    b = open_runtime(_settings(tmp_path / "b", database), embedder=HashingEmbedder())
    return a, b


def _import(runtime: Runtime, tmp_path: Path) -> list[str]:
    lines = read_fixture_lines("exhibitors.jsonl")[:12] + read_fixture_lines("purchasers.jsonl")[:8]
    path = tmp_path / "profiles.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert import_file(runtime.engine, path).failed == 0
    purchasers = runtime.engine.matcher.catalog(Role.PURCHASER)
    return sorted(pid for pid in purchasers.ids if pid is not None)


def _serve(runtime: Runtime, subject: str, *, non_personalized: bool = False) -> RecommendationPage:
    caller = Caller(client="portal", role=CallerRole.PORTAL, acting_user=subject)
    query = RecommendQuery(
        subject_id=subject, candidate_role=Role.EXHIBITOR, limit=20, non_personalized=non_personalized
    )
    return runtime.engine.recommend(caller, query)


def _react(runtime: Runtime, subject: str, page: RecommendationPage, *actions: FeedbackAction) -> str:
    caller = Caller(client="portal", role=CallerRole.PORTAL, acting_user=subject)
    top = page.items[0].item.candidate_id
    for action in actions:
        runtime.engine.record_feedback(caller, page.decision_id, top, action)
    return top


def _state(runtime: Runtime, candidates: Collection[str]) -> dict[str, tuple[int, int, int, float]]:
    market = runtime.engine.market
    return {c: (*market.snapshot(c)[:3], round(market.snapshot(c)[3], 9)) for c in sorted(candidates)}


def _exhibitors(runtime: Runtime) -> list[str]:
    return sorted(pid for pid in runtime.engine.matcher.catalog(Role.EXHIBITOR).ids if pid is not None)


HELD = (FeedbackAction.REQUEST_MEETING, FeedbackAction.MEETING_HELD)


def _served_and_recorded_elsewhere_is_taken_in(tmp_path: Path, database: str) -> None:
    a, b = _pair(tmp_path, database)
    try:
        purchasers = _import(a, tmp_path)
        b.engine.freshen()  # catches up the profiles, then the market
        exhibitors = _exhibitors(a)
        assert _state(b, exhibitors) == _state(a, exhibitors)

        page = _serve(a, purchasers[0])
        full = _react(a, purchasers[0], page, *HELD)
        assert a.engine.market.snapshot(full)[:2] == (1, 1)
        assert _state(b, exhibitors) != _state(a, exhibitors), "B has not looked yet"
        b.engine.freshen()
        assert _state(b, exhibitors) == _state(a, exhibitors), "A's page and feedback are in B's state"
        strength = b.settings.ranking.congestion
        assert b.engine.market.discount_of(full) == pytest.approx(strength), "full, as B sees it"
        b.engine.freshen()
        b.engine.market_follower.refresh()
        assert _state(b, exhibitors) == _state(a, exhibitors), "each event counted once"

        # B ranks a new subject with the full exhibitor's discount, named in the items.
        page_b = _serve(b, purchasers[1])
        item = next(s.item for s in page_b.items if s.item.candidate_id == full)
        term = next(adj.contribution for adj in item.adjustments if adj.name == NAME)
        before = sum(f.contribution for f in item.factors)
        assert term == pytest.approx(-strength * before)
        assert item.score == pytest.approx(before + sum(adj.contribution for adj in item.adjustments))
        # And B's page and feedback reach A the same way.
        _react(b, purchasers[1], page_b, FeedbackAction.REQUEST_MEETING)
        a.engine.freshen()
        assert _state(a, exhibitors) == _state(b, exhibitors)
    finally:
        a.close()
        b.close()


def test_a_replica_takes_in_what_another_served_and_recorded(tmp_path: Path) -> None:
    _served_and_recorded_elsewhere_is_taken_in(tmp_path, f"sqlite:///{tmp_path / 'shared.db'}")


def test_a_replica_takes_in_what_another_served_and_recorded_on_postgresql(
    tmp_path: Path, postgres_url: str
) -> None:
    _served_and_recorded_elsewhere_is_taken_in(tmp_path, postgres_url)


def test_nothing_of_opted_out_or_erased_subjects_reaches_another_replica(tmp_path: Path) -> None:
    a, b = _pair(tmp_path, f"sqlite:///{tmp_path / 'shared.db'}")
    try:
        purchasers = _import(a, tmp_path)
        exhibitors = _exhibitors(a)
        b.engine.freshen()
        empty = _state(b, exhibitors)
        assert all(v == (1, 0, 0, 0.0) for v in empty.values())
        opting_out, one_off, erased, untracked = purchasers[:4]

        # Not personalised for one request; do_not_track (its feedback is not even stored).
        _react(a, one_off, _serve(a, one_off, non_personalized=True), *HELD)
        a.engine.update_preferences(ADMIN, untracked, PreferencesPatch(do_not_track=True))
        _react(a, untracked, _serve(a, untracked), *HELD)
        b.engine.freshen()
        assert _state(b, exhibitors) == empty

        # Contributions that were taken in go when the subject opts out, or is erased, on A.
        _react(a, opting_out, _serve(a, opting_out), *HELD)
        _react(a, erased, _serve(a, erased), *HELD)
        b.engine.freshen()
        assert _state(b, exhibitors) != empty
        a.engine.update_preferences(ADMIN, opting_out, PreferencesPatch(personalized_recommendations=False))
        a.engine.erase(ADMIN, erased)
        b.engine.freshen()
        assert _state(b, exhibitors) == empty
        # A later refresh re-reads the recent window: it still leaves them out.
        b.engine.market_follower.refresh()
        assert _state(b, exhibitors) == empty
        assert _state(a, exhibitors) == empty
    finally:
        a.close()
        b.close()


# -- the follower's watermarks on their own ----------------------------------------------------


class FakeStore:
    """Served pairs with the time they were served, feedback with ids that may commit out of order."""

    def __init__(self) -> None:
        self.served: list[tuple[datetime, str, str, int]] = []
        self.events: dict[int, tuple[str, str, FeedbackAction]] = {}
        self.reads = 0

    def served_pairs(self) -> Iterator[tuple[str, str, int]]:
        return self.served_since(None)

    def served_since(self, since: datetime | None) -> Iterator[tuple[str, str, int]]:
        self.reads += 1
        for at, subject, candidate, rank in self.served:
            if since is None or at >= since:
                yield subject, candidate, rank

    def feedback_after(
        self, after_id: int, also: Collection[int] = ()
    ) -> list[tuple[int, str, str, FeedbackAction]]:
        return [(i, *e) for i, e in sorted(self.events.items()) if i > after_id or i in also]


def _follower(store: FakeStore, now: list[datetime], ticks: list[float]) -> MarketFollower:
    market = MarketState(CongestionParameters(default_exhibitor_capacity=2))
    follower = MarketFollower(
        market,
        store,
        lambda: now[0],
        interval=5.0,
        lookback=timedelta(seconds=60),
        monotonic=lambda: ticks[0],
    )
    profiles = [
        Profile(id="e", role=Role.EXHIBITOR, organization="E"),
        *(Profile(id=f"p{i}", role=Role.PURCHASER, organization=f"P{i}") for i in range(4)),
    ]
    follower.load(profiles)
    return follower


def test_feedback_committed_out_of_id_order_is_applied_once() -> None:
    now, ticks = [datetime(2026, 5, 1, 10, tzinfo=UTC)], [0.0]
    store = FakeStore()
    follower = _follower(store, now, ticks)
    store.events[1] = ("p0", "e", FeedbackAction.REQUEST_MEETING)
    store.events[3] = ("p1", "e", FeedbackAction.REQUEST_MEETING)  # id 2 is not committed yet
    follower.refresh()
    assert follower.market.snapshot("e")[2] == 2
    store.events[2] = ("p2", "e", FeedbackAction.REQUEST_MEETING)
    now[0] += timedelta(seconds=10)
    follower.refresh()
    follower.refresh()
    assert follower.market.snapshot("e")[2] == 3, "the late id is picked up, and only once"
    # An id that never appears is given up after the lookback.
    store.events[5] = ("p3", "e", FeedbackAction.MEETING_HELD)
    follower.refresh()
    now[0] += timedelta(seconds=61)
    follower.refresh()
    store.events[4] = ("p3", "e", FeedbackAction.REQUEST_MEETING)  # far too late
    follower.refresh()
    assert follower.market.snapshot("e")[1:3] == (1, 3)


def test_served_items_are_re_read_over_the_lookback_and_refreshes_are_bounded() -> None:
    now, ticks = [datetime(2026, 5, 1, 10, tzinfo=UTC)], [100.0]
    store = FakeStore()
    follower = _follower(store, now, ticks)
    reads = store.reads
    # Another replica's clock is 30 s behind: its row is older than this replica's last refresh.
    store.served.append((now[0] - timedelta(seconds=30), "p0", "e", 2))
    assert not follower.maybe_refresh(), "not due: the request path does nothing"
    assert store.reads == reads
    ticks[0] += 5.0
    assert follower.maybe_refresh()  # on a thread of its own
    assert not follower.maybe_refresh(), "one refresh per interval"
    follower.wait()
    assert follower.market.snapshot("e")[3] == pytest.approx(0.5)
    ticks[0] += 5.0
    now[0] += timedelta(seconds=5)
    assert follower.maybe_refresh()
    follower.wait()
    assert store.reads == reads + 2
    assert follower.market.snapshot("e")[3] == pytest.approx(0.5), "re-read, not counted twice"


def test_a_refresh_under_way_never_holds_up_a_request() -> None:
    now, ticks = [datetime(2026, 5, 1, 10, tzinfo=UTC)], [100.0]
    store = FakeStore()
    follower = _follower(store, now, ticks)
    ticks[0] += 10.0
    with follower._lock:  # a refresh is under way
        assert not follower.maybe_refresh()
    assert follower.maybe_refresh()
    follower.wait()
    assert store.reads == 2  # the one at start-up and this one


def test_a_failed_refresh_leaves_the_state_and_is_tried_again(caplog: pytest.LogCaptureFixture) -> None:
    now, ticks = [datetime(2026, 5, 1, 10, tzinfo=UTC)], [100.0]
    store = FakeStore()
    follower = _follower(store, now, ticks)
    store.served.append((now[0], "p0", "e", 1))

    def broken(since: datetime | None) -> Iterator[tuple[str, str, int]]:
        raise ConnectionError("database went away")

    store.served_since = broken  # type: ignore[method-assign]
    ticks[0] += 10.0
    assert follower.maybe_refresh()
    follower.wait()
    assert "refreshing the market state failed: ConnectionError" in caplog.text
    assert follower.market.snapshot("e")[3] == 0.0
    del store.served_since
    ticks[0] += 10.0
    assert follower.maybe_refresh()
    follower.wait()
    assert follower.market.snapshot("e")[3] == pytest.approx(1.0)
