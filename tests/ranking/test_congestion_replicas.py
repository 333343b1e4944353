"""The congestion stage's market state shared across replicas: what one serves and records, the others take in.

Two engines on one database (in-process replicas, as in tests/matching/test_follower.py), on SQLite
and on the local PostgreSQL; and the follower's watermarks on their own, with a fake store.
"""

from __future__ import annotations

import base64
from collections import Counter
from collections.abc import Collection, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

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


# -- retention: what the purge deletes leaves every running replica ---------------------------


class Clock:
    """The replicas' clock, moved on by the test (months in an instant)."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


T0 = datetime(2026, 1, 5, 9, tzinfo=UTC)


def _retention_reaches_running_replicas(tmp_path: Path, database: str, feedback_days: int) -> None:
    clock = Clock(T0)
    opened: list[Runtime] = []

    def replica(name: str, *, start: bool = True) -> Runtime:
        (tmp_path / name).mkdir()
        settings = make_settings(
            tmp_path / name,
            database,
            encryption_key=KEY,
            ranking=RANKING,
            retention_decisions_days=180,
            retention_feedback_days=feedback_days,
        )
        runtime = open_runtime(settings, clock, embedder=HashingEmbedder(), start=start)
        opened.append(runtime)
        return runtime

    try:
        a, b = replica("a"), replica("b")
        purchasers = _import(a, tmp_path)
        b.engine.freshen()
        everyone = _exhibitors(a) + purchasers
        p0, p1, p2, p3 = purchasers[:4]

        def past(day: int, purger: str) -> dict[str, tuple[int, int, int, float]]:
            """At ``day``: B expires on its own clock, told of no purge; the purge runs in a process
            of its own (as ``matchmaker purge`` does) or in replica A; a fresh start rebuilds from
            what it left. All three must hold the same state."""
            clock.now = T0 + timedelta(days=day)
            b.engine.freshen()
            expired = _state(b, everyone)
            if purger == "cli":
                command = replica(f"purge-{day}", start=False)
                command.engine.purge()
                command.close()
                opened.remove(command)
            else:
                a.engine.purge()
            a.engine.freshen()
            b.engine.freshen()
            rebuilt = _state(replica(f"fresh-{day}"), everyone)
            assert expired == rebuilt, f"day {day}: B expired what a start after the purge no longer reads"
            assert _state(a, everyone) == rebuilt and _state(b, everyone) == rebuilt
            return rebuilt

        # Day 0: p0 meets its top exhibitor, p1 requests one, p2 is only served (through B).
        _react(a, p0, _serve(a, p0), *HELD)
        page1 = _serve(a, p1)
        _react(a, p1, page1, FeedbackAction.REQUEST_MEETING)
        _serve(b, p2)
        a.engine.freshen()
        b.engine.freshen()
        day0 = _state(b, everyone)
        assert day0 == _state(a, everyone)
        empty = {p: (v[0], 0, 0, 0.0) for p, v in day0.items()}
        assert sum(v[1] for v in day0.values()) == 2 and sum(v[2] for v in day0.values()) == 2
        day31 = past(31, "cli")
        # Day 100: p0 is served again (newer positions of the same pairs), p1 reports a no-show on
        # its day-0 decision, p3 requests on a new page (through B).
        clock.now = T0 + timedelta(days=100)
        _serve(b, p0)
        _react(a, p1, page1, FeedbackAction.NO_SHOW)
        _react(b, p3, _serve(b, p3), FeedbackAction.REQUEST_MEETING)
        a.engine.freshen()
        b.engine.freshen()
        day100 = _state(b, everyone)
        assert day100 == _state(a, everyone)
        assert sum(v[2] for v in day100.values()) == 2, "p3's request, on both sides (ids not reused)"
        day131 = past(131, "a")
        day181 = past(181, "cli")  # the day-0 decisions, and every event answering them, go
        day281 = past(281, "a")  # and the day-100 ones

        assert day181 != day131 and day181 != empty, "p0's day-100 positions outlive its day-0 ones"
        assert day281 == empty
        if feedback_days < 100:
            assert day31 != day0, "the day-0 events are past the feedback window"
            assert all(v[1:3] == (0, 0) for v in day31.values())
            assert day131 != day100, "the day-100 events are"
            assert all(v[1:3] == (0, 0) for v in day131.values())
        else:
            assert day31 == day0 and day131 == day100, "nothing is past retention before day 180"
    finally:
        for runtime in opened:
            runtime.close()


@pytest.mark.parametrize("feedback_days", [365, 30])
def test_retention_reaches_a_running_replica(tmp_path: Path, feedback_days: int) -> None:
    _retention_reaches_running_replicas(tmp_path, f"sqlite:///{tmp_path / 'shared.db'}", feedback_days)


@pytest.mark.parametrize("feedback_days", [365, 30])
def test_retention_reaches_a_running_replica_on_postgresql(
    tmp_path: Path, postgres_url: str, feedback_days: int
) -> None:
    _retention_reaches_running_replicas(tmp_path, postgres_url, feedback_days)


# -- the follower's watermarks on their own ----------------------------------------------------


class FakeStore:
    """Served pairs with the time they were served, feedback with ids that may commit out of order.

    A served row is ``(served_at, subject, candidate, rank)``, made at its serving time, or with a
    fifth element, the time of its decision (a later page); a decision is its subject and time.
    An event's decision is made when it is recorded.
    """

    def __init__(self) -> None:
        self.served: list[tuple[Any, ...]] = []
        self.events: dict[int, tuple[str, str, FeedbackAction]] = {}
        self.recorded: dict[int, datetime] = {}
        self.reads = 0
        self.items_read = 0

    @staticmethod
    def _row(row: tuple[Any, ...]) -> tuple[datetime, str, str, int, datetime, str]:
        served_at, subject, candidate, rank = row[:4]
        decided_at = row[4] if len(row) > 4 else served_at
        return served_at, subject, candidate, rank, decided_at, f"{subject}@{decided_at.isoformat()}"

    def served_pairs(self) -> Iterator[tuple[str, str, int, datetime]]:
        self.reads += 1
        for row in self.served:
            _, subject, candidate, rank, decided_at, _ = self._row(row)
            yield subject, candidate, rank, decided_at

    def served_counts_since(self, since: datetime) -> dict[str, int]:
        self.reads += 1
        counts: Counter[str] = Counter()
        for row in self.served:
            served_at, *_, decision = self._row(row)
            if served_at >= since:
                counts[decision] += 1
        return dict(counts)

    def served_of(self, decision_ids: Collection[str]) -> Iterator[tuple[str, tuple[str, str, int, datetime]]]:
        for row in self.served:
            _, subject, candidate, rank, decided_at, decision = self._row(row)
            if decision in decision_ids:
                self.items_read += 1
                yield decision, (subject, candidate, rank, decided_at)

    def feedback_after(
        self, after_id: int, also: Collection[int] = ()
    ) -> list[tuple[int, str, str, FeedbackAction, datetime, datetime]]:
        at = datetime(2026, 5, 1, tzinfo=UTC)
        return [
            (i, *e, self.recorded.get(i, at), self.recorded.get(i, at))
            for i, e in sorted(self.events.items())
            if i > after_id or i in also
        ]


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

    def broken(since: datetime) -> dict[str, int]:
        raise ConnectionError("database went away")

    store.served_counts_since = broken  # type: ignore[method-assign]
    ticks[0] += 10.0
    assert follower.maybe_refresh()
    follower.wait()
    assert "refreshing the market state failed: ConnectionError" in caplog.text
    assert follower.market.snapshot("e")[3] == 0.0
    del store.served_counts_since
    ticks[0] += 10.0
    assert follower.maybe_refresh()
    follower.wait()
    assert follower.market.snapshot("e")[3] == pytest.approx(1.0)


def test_a_refresh_reads_the_items_only_of_decisions_new_in_its_window() -> None:
    # An exhibitor's decision (purchasers as candidates): two served at once, one on a later page.
    now, ticks = [datetime(2026, 5, 1, 10, tzinfo=UTC)], [100.0]
    store = FakeStore()
    follower = _follower(store, now, ticks)
    decided = now[0]
    store.served += [(decided, "e", "p0", 1), (decided, "e", "p1", 2)]
    follower.refresh()
    assert store.items_read == 2
    assert follower.market.snapshot("p0")[3] == pytest.approx(1.0)
    now[0] += timedelta(seconds=5)
    follower.refresh()
    assert store.items_read == 2, "nothing new in the window: no item is read again"
    store.served.append((now[0], "e", "p2", 21, decided))  # the next page of the same decision
    follower.refresh()
    assert store.items_read == 5, "its count changed: the decision is read again, whole"
    assert follower.market.snapshot("p2")[3] == pytest.approx(1 / 21)
    assert follower.market.snapshot("p0")[3] == pytest.approx(1.0), "read twice, counted once"
    follower.refresh()
    assert store.items_read == 5
    # A party the state does not know yet: read again at every refresh in the window, until it is.
    store.served.append((now[0], "p9", "e", 1))
    follower.refresh()
    follower.refresh()
    assert store.items_read == 7
    assert follower.market.snapshot("e")[3] == 0.0
    follower.market.set_profiles([Profile(id="p9", role=Role.PURCHASER, organization="P9")])
    follower.refresh()
    assert store.items_read == 8
    assert follower.market.snapshot("e")[3] == pytest.approx(1.0)
    follower.refresh()
    assert store.items_read == 8
    # Out of the window (the lookback is 60 s), a decision is no longer counted or read.
    now[0] += timedelta(seconds=120)
    follower.refresh()
    follower.refresh()
    assert store.items_read == 8
