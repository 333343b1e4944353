"""The per-client token bucket on its own, with a fake clock."""

from __future__ import annotations

import pytest

from matchmaker.api.rate_limit import RateLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_burst_of_one_seconds_worth_then_the_rate() -> None:
    clock = Clock()
    limiter = RateLimiter(5, clock)
    assert [limiter.admit("portal") for _ in range(5)] == [None] * 5
    wait = limiter.admit("portal")
    assert wait == pytest.approx(0.2)
    clock.now += 0.2
    assert limiter.admit("portal") is None
    assert limiter.admit("portal") == pytest.approx(0.2)


def test_clients_have_buckets_of_their_own() -> None:
    clock = Clock()
    limiter = RateLimiter(1, clock)
    assert limiter.admit("a") is None
    assert limiter.admit("a") == pytest.approx(1.0)
    assert limiter.admit("b") is None


def test_a_fractional_rate_still_admits_one_call() -> None:
    clock = Clock()
    limiter = RateLimiter(0.5, clock)
    assert limiter.admit("a") is None
    assert limiter.admit("a") == pytest.approx(2.0)
    clock.now += 2.0
    assert limiter.admit("a") is None


def test_a_refused_call_is_not_counted() -> None:
    clock = Clock()
    limiter = RateLimiter(1, clock)
    assert limiter.admit("a") is None
    for _ in range(10):
        assert limiter.admit("a") is not None
    clock.now += 1.0
    assert limiter.admit("a") is None
