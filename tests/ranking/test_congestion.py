"""The congestion stage's arithmetic and its market state, on their own."""

from __future__ import annotations

import math
import random
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from matchmaker.domain import FeedbackAction, Profile, Role
from matchmaker.ranking.congestion import (
    CongestionParameters,
    MarketState,
    adjustments,
    free_slot_probability,
    free_slot_scalar,
    poisson_cdf,
)

A = FeedbackAction


def poisson_cdf_by_hand(k: int, mean: float) -> float:
    return sum(math.exp(-mean) * mean**i / math.factorial(i) for i in range(k + 1))


@pytest.mark.parametrize(("k", "mean"), [(0, 0.0), (0, 1.0), (3, 2.5), (10, 10.0), (30, 4.0), (5, 40.0)])
def test_poisson_cdf(k: int, mean: float) -> None:
    got = float(poisson_cdf(np.array(k), np.array(mean)))
    assert got == pytest.approx(poisson_cdf_by_hand(k, mean), abs=1e-12)


@pytest.mark.parametrize(
    ("claims", "more", "capacity", "free"),
    [
        (0, 0.0, 5, 1.0),  # nothing asked of it yet
        (5, 0.0, 5, 0.0),  # every slot held
        (7, 3.0, 5, 0.0),  # over capacity
        (4, 0.0, 5, 1.0),  # one slot left, nothing more expected
        (4, 1.0, 5, math.exp(-1.0)),  # one slot left: free only if no further request comes
        (0, 2.0, 0, 1.0),  # capacity 0: not limited
        (4.5, 0.0, 5, 0.5),  # fractional claims interpolate
    ],
)
def test_free_slot_probability(claims: float, more: float, capacity: int, free: float) -> None:
    assert float(free_slot_probability(claims, more, capacity)) == pytest.approx(free, abs=1e-12)


@pytest.mark.parametrize("capacity", [0, 1, 3, 25, 200])
@pytest.mark.parametrize("claims", [0, 1, 2.5, 24, 30])
@pytest.mark.parametrize("more", [0.0, 0.3, 4.0, 60.0])
def test_the_scalar_refresh_path_agrees_with_the_array_one(capacity: int, claims: float, more: float) -> None:
    expected = float(free_slot_probability(claims, more, capacity))
    assert free_slot_scalar(claims, more, capacity) == pytest.approx(expected, abs=1e-12)


def test_adjustments_never_raise_a_score_and_keep_negative_scores() -> None:
    scores = np.array([0.8, 0.4, -0.1, 0.0])
    terms = adjustments(scores, np.array([0.9, 0.0, 0.9, 0.5]))
    assert terms.tolist() == pytest.approx([-0.72, 0.0, 0.0, 0.0])
    assert (terms <= 0).all()


def exhibitor(profile_id: str, capacity: int = 0) -> Profile:
    return Profile(id=profile_id, role=Role.EXHIBITOR, meeting_capacity=capacity)


def state(**overrides: float) -> MarketState:
    market = MarketState(CongestionParameters(**overrides))  # type: ignore[arg-type]
    market.set_profiles(
        [exhibitor("e-full", 2), exhibitor("e-unstated"), Profile(id="p", role=Role.PURCHASER)]
    )
    return market


def test_capacity_comes_from_the_profile_or_the_defaults() -> None:
    market = state(default_exhibitor_capacity=25, purchaser_capacity=0)
    assert [market.snapshot(p)[0] for p in ("e-full", "e-unstated", "p")] == [2, 25, 0]


def test_requests_held_meetings_and_no_shows_move_the_discount() -> None:
    market = state(strength=0.8, accept_share=0.5, request_rate=0.1)
    assert market.discount_of("e-full") == 0.0
    market.served("s1", [("e-full", 1), ("e-unstated", 2)])
    market.served("s1", [("e-full", 3)])  # a worse position later does not add exposure
    assert market.snapshot("e-full") == (2, 0, 0, 1.0)
    exposed = market.discount_of("e-full")
    assert exposed == pytest.approx(0.8 * (1 - poisson_cdf_by_hand(1, 0.1)))
    for subject in ("s1", "s2"):
        market.feedback(subject, "e-full", A.REQUEST_MEETING)
    assert market.snapshot("e-full") == (2, 0, 2, 0.0), "answered: exposure became a pending request"
    assert market.discount_of("e-full") == pytest.approx(0.8 * (1 - poisson_cdf_by_hand(1, 1.0)))
    for subject in ("s1", "s2"):
        market.feedback(subject, "e-full", A.MEETING_HELD)
    assert market.snapshot("e-full")[1:3] == (2, 0)
    assert market.discount_of("e-full") == pytest.approx(0.8), "full: the whole strength applies"
    market.feedback("s2", "e-full", A.NO_SHOW)
    assert market.snapshot("e-full")[1:3] == (1, 0)
    assert market.discount_of("e-full") == 0.0
    # The subject's own slots count too (a meeting takes one of each party's).
    assert market.snapshot("s1")[1] == 1


def test_forget_and_remove_take_everything_back() -> None:
    market = state()
    market.served("s1", [("e-full", 1)])
    market.served("s2", [("e-full", 2)])
    market.feedback("s1", "e-full", A.MEETING_HELD)
    market.forget("s1")
    assert market.snapshot("e-full") == (2, 0, 0, 0.5)
    market.remove_profile("e-full")
    assert market.snapshot("e-full") == (0, 0, 0, 0.0)
    assert market.discount_of("e-full") == 0.0


def test_load_rebuilds_the_same_state_as_live_updates() -> None:
    live = state()
    live.served("s1", [("e-full", 1), ("e-unstated", 2)])
    live.feedback("s1", "e-full", A.REQUEST_MEETING)
    rebuilt = MarketState(live.parameters)
    rebuilt.load(
        [exhibitor("e-full", 2), exhibitor("e-unstated"), Profile(id="p", role=Role.PURCHASER)],
        [("s1", "e-full", 1), ("s1", "e-unstated", 2)],
        [("s1", "e-full", A.REQUEST_MEETING)],
    )
    for profile_id in ("e-full", "e-unstated"):
        assert rebuilt.snapshot(profile_id) == live.snapshot(profile_id)
        assert rebuilt.discount_of(profile_id) == live.discount_of(profile_id)


def test_strength_zero_is_off() -> None:
    market = state(strength=0.0)
    market.feedback("s1", "e-full", A.MEETING_HELD)
    market.feedback("s2", "e-full", A.MEETING_HELD)
    assert not market.enabled and market.discount_of("e-full") == 0.0


# -- retention: what the purge deletes leaves the state -----------------------------------------

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def days(n: float) -> datetime:
    return T0 + timedelta(days=n)


def test_an_expired_position_gives_way_to_the_best_one_still_kept() -> None:
    market = state(strength=0.8)
    market.served("s1", [("e-full", 1)], expires=days(10))
    market.served("s1", [("e-full", 4)], expires=days(30))  # later, worse: kept for after day 10
    market.served("s1", [("e-full", 5)], expires=days(20))  # older and worse than rank 4: not kept
    market.served("s2", [("e-full", 2)], expires=days(10))
    assert market.snapshot("e-full")[3] == pytest.approx(1.5)
    assert market.expire(days(10)) == 0, "kept through the instant it is purged at, as the purge does"
    assert market.expire(days(10.5)) == 2
    assert market.snapshot("e-full")[3] == pytest.approx(0.25)
    assert market.pairs == 1, "a pair with nothing left is gone"
    market.expire(days(31))
    assert market.snapshot("e-full") == (2, 0, 0, 0.0) and market.pairs == 0
    assert market.discount_of("e-full") == 0.0
    # What arrives already past its time (a re-read, a late commit) is not counted at all.
    market.served("s3", [("e-full", 1)], expires=days(30))
    market.feedback("s3", "e-full", A.MEETING_HELD, expires=days(30), event_id=9)
    assert market.snapshot("e-full") == (2, 0, 0, 0.0) and market.pairs == 0
    assert market.expire(days(1)) == 0, "time never runs back"


def test_expired_reactions_are_folded_again_from_those_kept() -> None:
    market = state()
    market.served("s1", [("e-full", 2)], expires=days(100))
    # Held on an old decision, saved on a newer one; then a request whose event is purged early.
    market.feedback("s1", "e-full", A.REQUEST_MEETING, expires=days(10), event_id=1)
    market.feedback("s1", "e-full", A.MEETING_HELD, expires=days(10), event_id=2)
    market.feedback("s1", "e-full", A.SAVE, expires=days(50), event_id=3)
    market.feedback("s2", "e-full", A.REQUEST_MEETING, expires=days(5), event_id=5)
    market.feedback("s2", "e-full", A.REQUEST_MEETING, expires=days(40), event_id=6)
    market.feedback("s2", "e-full", A.NO_SHOW, expires=days(40), event_id=4)  # committed late
    assert market.snapshot("e-full") == (2, 1, 1, 0.0), "ids fold in order: no-show, then requests"
    market.feedback("s2", "e-full", A.NO_SHOW, expires=days(40), event_id=4)  # read again: once
    assert market.snapshot("e-full") == (2, 1, 1, 0.0)
    market.expire(days(11))
    assert market.snapshot("e-full") == (2, 0, 1, 0.0), "the meeting's record is gone; s1 still saved"
    assert market.snapshot("s1")[1:3] == (0, 0)
    market.expire(days(51))
    assert market.snapshot("e-full") == (2, 0, 0, 0.5), "no reaction left: the exposure is open again"


def test_expiry_leaves_the_state_a_load_of_the_records_kept_would_build() -> None:
    """Records arrive in any order, some twice, some late; after every expiry the state is the
    one loaded from scratch from the records still kept (best rank per pair, events by id)."""
    rng = random.Random(15)
    parameters = CongestionParameters(strength=0.9, default_exhibitor_capacity=3, purchaser_capacity=2)
    profiles = [
        *(Profile(id=f"e{i}", role=Role.EXHIBITOR) for i in range(5)),
        *(Profile(id=f"s{i}", role=Role.PURCHASER) for i in range(6)),
    ]
    actions = [A.SAVE, A.DECLINE, A.REQUEST_MEETING, A.MEETING_HELD, A.NO_SHOW]
    served: list[tuple[str, str, int, datetime]] = []
    events: list[tuple[int, str, str, FeedbackAction, datetime]] = []
    for event_id in range(1, 301):
        subject, candidate = f"s{rng.randrange(6)}", f"e{rng.randrange(5)}"
        served.append((subject, candidate, rng.randint(1, 10), days(rng.uniform(0, 100))))
        if rng.random() < 0.6:
            events.append((event_id, subject, candidate, rng.choice(actions), days(rng.uniform(0, 100))))
    arrivals: list[tuple[str, int]] = [("s", i) for i in range(len(served))]
    arrivals += [("f", i) for i in range(len(events))]
    rng.shuffle(arrivals)
    arrivals += rng.sample(arrivals, 80)  # re-read

    live = MarketState(parameters)
    live.load(profiles, (), ())
    told_s: set[int] = set()
    told_f: set[int] = set()
    busy: set[str] = set()
    now = T0
    for start in range(0, len(arrivals), 40):
        for kind, i in arrivals[start : start + 40]:
            if kind == "s":
                subject, candidate, rank, until = served[i]
                live.served(subject, [(candidate, rank)], expires=until)
                told_s.add(i)
            else:
                event_id, subject, candidate, action, until = events[i]
                live.feedback(subject, candidate, action, expires=until, event_id=event_id)
                told_f.add(i)
        now += timedelta(days=rng.uniform(2, 12))
        live.expire(now)

        best: dict[tuple[str, str], int] = {}
        for subject, candidate, rank, until in (served[i] for i in told_s):
            if until >= now:
                best[subject, candidate] = min(rank, best.get((subject, candidate), rank))
        kept = sorted(events[i] for i in told_f if events[i][4] >= now)
        rebuilt = MarketState(parameters)
        rebuilt.load(
            profiles, [(s, c, r) for (s, c), r in sorted(best.items())], [(s, c, a) for _, s, c, a, _ in kept]
        )
        for profile in profiles:
            got, want = live.snapshot(profile.id), rebuilt.snapshot(profile.id)
            assert got[:3] == want[:3] and got[3] == pytest.approx(want[3], abs=1e-12), (now, profile.id)
            assert live.discount_of(profile.id) == pytest.approx(rebuilt.discount_of(profile.id), abs=1e-12)
        assert live.pairs == rebuilt.pairs
        busy.update(f for p in profiles for f, v in zip("hpo", live.snapshot(p.id)[1:], strict=True) if v)
    assert busy == set("hpo"), "held, pending and open exposure all counted along the way"
    live.expire(days(101))
    assert live.pairs == 0 and all(live.snapshot(p.id)[1:] == (0, 0, 0.0) for p in profiles)
