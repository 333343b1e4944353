"""The market simulator: its arithmetic, determinism, and the policies it compares (on a small market)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from matchmaker.ranking.congestion import CongestionParameters
from matchmaker.simulation.market import (
    build_market,
    congestion_scores,
    evaluate,
    examination,
    expected_min,
    gini,
    markdown,
    ndcg_at_10,
    report,
)


@pytest.fixture(scope="module")
def small() -> object:
    return build_market(5, exhibitors=30, purchasers=300, groups=6)


def test_examination_is_one_over_rank_within_depth() -> None:
    v = examination(np.array([[0.1, 0.9, 0.5, 0.5]]), depth=3)
    assert v.tolist() == [[0.0, 1.0, 0.5, 1 / 3]]  # ties: the lower index first


def test_expected_min_by_hand() -> None:
    mean, capacity = 2.0, 3
    by_hand = sum(min(k, capacity) * math.exp(-mean) * mean**k / math.factorial(k) for k in range(60))
    got = expected_min(np.array([capacity]), np.array([mean]))
    assert got[0] == pytest.approx(by_hand, abs=1e-9)
    many = expected_min(np.array([1, 10, 40]), np.array([50.0, 5.0, 0.0]))
    assert many[0] == pytest.approx(1.0) and 4.5 < many[1] < 5.0 and many[2] == 0.0


def test_gini_and_ndcg() -> None:
    assert gini(np.ones(10)) == pytest.approx(0.0)
    assert gini(np.eye(1, 10)[0]) == pytest.approx(0.9)
    grades = np.array([[3, 0, 1]])
    assert ndcg_at_10(grades, np.array([[0.9, 0.1, 0.5]])) == pytest.approx(1.0)
    assert ndcg_at_10(grades, np.array([[0.1, 0.9, 0.5]])) < 0.6


def test_the_market_is_deterministic_and_capacities_have_the_stated_spread(small: object) -> None:
    again = build_market(5, exhibitors=30, purchasers=300, groups=6)
    assert np.array_equal(small.p, again.p) and np.array_equal(small.capacity, again.capacity)  # type: ignore[attr-defined]
    big = build_market(6, exhibitors=200, purchasers=50, groups=6)
    share_10_40 = ((big.capacity >= 10) & (big.capacity <= 40)).mean()
    assert share_10_40 > 0.8 and big.capacity.max() >= 60


def test_the_tu_equilibrium_meets_its_margins(small: object) -> None:
    from matchmaker.simulation.market import tu_equilibrium_scores

    purchaser_scores, exhibitor_scores = tu_equilibrium_scores(small)  # type: ignore[arg-type]
    kernel = np.sqrt(small.p * small.q)  # type: ignore[attr-defined]
    a = np.divide(exhibitor_scores.T, kernel, out=np.zeros_like(kernel), where=kernel > 0).max(axis=1)
    b = np.divide(purchaser_scores, kernel, out=np.zeros_like(kernel), where=kernel > 0).max(axis=0)
    mu = a[:, None] * b[None, :] * kernel
    # Choo-Siow margins: each purchaser's unit and each exhibitor's capacity, matched plus single.
    assert np.allclose(mu.sum(axis=1) + a * a, 1.0, atol=1e-6)
    live = kernel.sum(axis=0) > 0
    assert np.allclose((mu.sum(axis=0) + b * b)[live], small.capacity[live], rtol=1e-6)  # type: ignore[attr-defined]


def test_the_stage_at_strength_zero_is_the_two_sided_product(small: object) -> None:
    outcomes = {o.policy: o for o in evaluate(small, CongestionParameters(strength=0.0))}  # type: ignore[arg-type]
    assert outcomes["congestion"].meetings == pytest.approx(outcomes["product"].meetings)
    assert outcomes["congestion"].ndcg10 == pytest.approx(outcomes["product"].ndcg10)


def test_tighter_capacity_never_gives_more_meetings(small: object) -> None:
    parameters = CongestionParameters(strength=0.9, accept_share=0.5, request_rate=0.1)
    met = [
        {o.policy: o.meetings for o in evaluate(small.with_tightness(f), parameters)}  # type: ignore[attr-defined]
        for f in (0.25, 1.0, 4.0)
    ]
    for policy in ("relevance", "product"):
        assert met[0][policy] <= met[1][policy] <= met[2][policy]
    for outcomes in met:
        assert all(v >= 0 for v in outcomes.values())


def test_the_stage_moves_exposure_off_full_exhibitors(small: object) -> None:
    tight = small.with_tightness(0.25)  # type: ignore[attr-defined]
    parameters = CongestionParameters(strength=1.0, accept_share=0.5, request_rate=0.1)
    purchaser_scores, _ = congestion_scores(tight, parameters)
    pq = tight.p * tight.q
    plain = examination(pq, 100).sum(axis=0)
    staged = examination(purchaser_scores, 100).sum(axis=0)
    busiest = int(np.argmax(plain / tight.capacity))
    assert staged[busiest] < plain[busiest]


def test_report_refuses_to_tune_and_report_on_one_market() -> None:
    with pytest.raises(ValueError, match="different"):
        report(3, 3)
    with pytest.raises(ValueError, match="different"):
        report(3, 2, held_out=(4, 3))


@pytest.mark.parametrize("factor", [0.25, 1.0, 4.0])
def test_no_policy_beats_the_bound(small: object, factor: float) -> None:
    from matchmaker.simulation.market import meeting_bound

    market = small.with_tightness(factor)  # type: ignore[attr-defined]
    bound = meeting_bound(market)
    outcomes = evaluate(market, CongestionParameters(strength=1.0))
    assert all(o.meetings <= bound + 1e-6 for o in outcomes)
    assert bound <= market.capacity.sum()
    # Sharper with more iterations, never looser.
    assert meeting_bound(market, iterations=120) <= bound + 1e-9


def test_markdown_names_the_target() -> None:
    from matchmaker.simulation.market import Outcome, Report

    outcomes = [
        Outcome("relevance", 100.0, 0.5, 0.4, 0.9),
        Outcome("product", 110.0, 0.5, 0.4, 0.92),
        Outcome("tu-ipfp", 120.0, 0.5, 0.3, 0.91),
        Outcome("congestion", 160.0, 0.7, 0.2, 0.88),
    ]
    text = markdown(Report("a", "b", CongestionParameters(), outcomes, [(1.0, outcomes)]))
    assert "1.60x" in text and "met." in text and "NOT met" not in text


def test_the_command_refuses_one_seed_for_both_and_bad_factors() -> None:
    from matchmaker import cli

    with pytest.raises(SystemExit, match="must differ"):
        cli.main(["simulate", "--tune-seed", "4", "--seed", "4"])
    with pytest.raises(SystemExit, match="takes numbers"):
        cli.main(["simulate", "--tightness", "1,x"])
    with pytest.raises(SystemExit, match="above 0"):
        cli.main(["simulate", "--tightness", "1,0"])


def test_the_command_prints_the_table(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from matchmaker import cli
    from matchmaker.simulation import market

    def small_market(seed: int) -> market.Market:
        return build_market(seed, exhibitors=30, purchasers=300, groups=6)

    monkeypatch.setattr(market, "build_market", small_market)
    assert cli.main(["simulate", "--tune-seed", "7", "--seed", "8", "--tightness", "0.5,2"]) == 0
    out = capsys.readouterr().out
    assert "Tuned on taxonomy seed 7" in out
    for factor in ("| 0.5 |", "| 1 |", "| 2 |"):
        # The four policies and the bound on any ranking.
        assert sum(1 for row in out.splitlines() if f"taxonomy seed 8 {factor}" in row) == 5
    for held_out in ("taxonomy seed 3 | 1 |", "taxonomy seed 4 | 1 |"):
        assert sum(1 for row in out.splitlines() if held_out in row) == 5
    assert "Default market (taxonomy seed 8, capacity x1)" in out
