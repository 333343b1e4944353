"""The congestion stage's arithmetic and its market state, on their own."""

from __future__ import annotations

import math

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
